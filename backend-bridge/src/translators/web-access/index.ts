/**
 * Apache httpd and nginx access logs (source type `web-access`): the NCSA common and combined formats
 * (Apache `LogFormat … combined` / `common` / `vhost_combined`, nginx's default `combined` and the
 * `main` format with `"$http_x_forwarded_for"` appended), as files or inside syslog. See README.md.
 */
import { isIp } from '../_lib/network';
import { categoryFields, webSentence } from '../_lib/web';
import { shareOfLines } from '../../translate/detect';
import { MONTHS } from '../../translate/time';
import {
  ParseError,
  type Format,
  type KansaEvent,
  type RawRecord,
  type SyslogMessage,
  type SyslogProgram,
  type TranslateContext,
} from '../../translate/types';

/**
 * One message form per layout, each with a line as the server writes it. Groups: vhost (and port),
 * client, ident, user, time, request, status, bytes, and for combined: referer, agent, xff.
 */
export const RULES: Array<{ id: string; sample: string; match: RegExp }> = [
  {
    id: 'vhost_combined',
    sample:
      'www.example.co.jp:443 203.0.113.24 - - [01/Oct/2026:09:00:01 +0900] "GET /login HTTP/1.1" 200 5120 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)"',
    match:
      /^(?<vhost>[A-Za-z0-9.-]+)(?::(?<vport>\d+))? (?<client>\S+) (?<ident>\S+) (?<user>\S+) \[(?<time>[^\]]+)\] "(?<request>(?:[^"\\]|\\.)*)" (?<status>\d{3}) (?<bytes>\d+|-)(?: "(?<referer>(?:[^"\\]|\\.)*)" "(?<agent>(?:[^"\\]|\\.)*)")?/,
  },
  {
    id: 'combined',
    sample:
      '203.0.113.24 - tanaka [01/Oct/2026:09:00:05 +0900] "POST /upload/report.xlsx HTTP/1.1" 201 0 "https://intra.example.co.jp/upload" "Mozilla/5.0 (Windows NT 10.0; Win64; x64)" "-"',
    match:
      /^(?<client>\S+) (?<ident>\S+) (?<user>\S+) \[(?<time>[^\]]+)\] "(?<request>(?:[^"\\]|\\.)*)" (?<status>\d{3}) (?<bytes>\d+|-)(?: "(?<referer>(?:[^"\\]|\\.)*)" "(?<agent>(?:[^"\\]|\\.)*)"(?: "(?<xff>(?:[^"\\]|\\.)*)")?)?/,
  },
];

/** "01/Oct/2026:09:00:01 +0900" → ISO UTC. */
function timeOf(text: string): string | undefined {
  const m = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(text);
  const month = m ? MONTHS[m[2]] : undefined;
  if (!m || month === undefined || +m[1] < 1 || +m[1] > 31 || +m[4] > 23 || +m[5] > 59 || +m[6] > 60) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  const ms = Date.UTC(+m[3], month - 1, +m[1], +m[4], +m[5], +m[6]) - offset * 60_000;
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

const dash = (s: string | undefined): string | undefined => (s === undefined || s === '' || s === '-' ? undefined : s);

export function translateAccess(text: string): KansaEvent {
  let rule: string | undefined;
  let g: Record<string, string | undefined> | undefined;
  for (const r of RULES) {
    const m = r.match.exec(text);
    if (m?.groups) {
      rule = r.id;
      g = m.groups;
      break;
    }
  }
  if (!g || !rule)
    throw new ParseError(
      'expected an access log line: client ident user [dd/Mon/yyyy:hh:mm:ss +zzzz] "request" status bytes',
    );
  const ts = timeOf(g.time ?? '');
  if (!ts) throw new ParseError(`expected a time such as [01/Oct/2026:09:00:01 +0900], found [${g.time}]`);
  const status = Number(g.status);
  const bytes = g.bytes && g.bytes !== '-' ? Number(g.bytes) : undefined;
  const req = /^([A-Z][A-Z_-]*) (\S+)(?: (HTTP\/[\d.]+))?$/.exec(g.request ?? '');
  const method = req?.[1];
  const target = req?.[2];
  const vhost = g.vhost?.toLowerCase();
  const client = g.client ?? '';
  const user = dash(g.user);
  const denied = status === 401 || status === 403 || status === 407;

  const ev: KansaEvent = {
    '@timestamp': ts,
    'event.kind': 'event',
    'event.module': 'web',
    'event.dataset': `web.access.${rule}`,
    'event.category': ['web'],
    'event.type': denied ? ['access', 'denied'] : ['access'],
    'event.action': 'http-request',
    'event.outcome': status >= 400 ? 'failure' : 'success',
    'http.response.status_code': status,
    'kansa.source_type': 'web-access',
  };
  if (isIp(client)) ev['source.ip'] = client;
  else if (client && client !== '-') ev['source.domain'] = client;
  if (user) ev['user.name'] = user;
  if (method) ev['http.request.method'] = method;
  if (bytes !== undefined && Number.isFinite(bytes)) ev['destination.bytes'] = bytes;
  if (target) {
    ev['url.path'] = target.startsWith('/') ? target.replace(/[?#].*$/, '') || '/' : target;
    if (vhost) {
      const scheme = g.vport === '443' ? 'https' : 'http';
      ev['url.scheme'] = scheme;
      ev['url.domain'] = vhost;
      ev['url.full'] =
        `${scheme}://${vhost}${g.vport && g.vport !== '80' && g.vport !== '443' ? `:${g.vport}` : ''}${target.startsWith('/') ? target : `/${target}`}`;
    }
  }
  if (vhost) {
    ev['destination.domain'] = vhost;
    ev['host.name'] = vhost;
  }
  if (g.vport) ev['destination.port'] = Number(g.vport);
  const agent = dash(g.agent);
  if (agent) ev['user_agent.original'] = agent;
  const raw: Record<string, string> = { request: g.request ?? '' };
  const referer = dash(g.referer);
  if (referer) raw.referer = referer;
  const xff = dash(g.xff);
  if (xff) raw.x_forwarded_for = xff;
  if (dash(g.ident)) raw.ident = g.ident!;
  if (req?.[3]) raw.protocol = req[3];
  ev['kansa.raw'] = raw;

  const category = categoryFields(vhost, ev);
  const what = target ? `${vhost ?? ''}${target}` : `"${g.request ?? ''}"`;
  const s = webSentence({
    user,
    client,
    target: what,
    category,
    method,
    status,
    bytes,
    denied,
  });
  ev['kansa.message.ja'] = s.ja;
  ev['kansa.message.en'] = s.en;
  return ev;
}

export const webAccessFormat: Format = {
  id: 'web-access',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(sample, (l) => RULES.some((r) => r.match.test(l)), 0.9);
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [translateAccess(record.text)];
  },
};

/** nginx `access_log syslog:server=…` and Apache piped to logger: the same line as the message. */
export const webAccessSyslog: SyslogProgram = {
  id: 'web-access',
  matches(msg: SyslogMessage): boolean {
    return /^(nginx|httpd|apache2?)$/.test(msg.program) && RULES.some((r) => r.match.test(msg.message));
  },
  translate(msg: SyslogMessage): KansaEvent {
    const ev = translateAccess(msg.message);
    ev['host.name'] ??= msg.host;
    return ev;
  },
};
