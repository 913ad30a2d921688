/**
 * Microsoft IIS access logs in the W3C extended format (source type `iis`): `u_ex*.log` files with
 * `#Software`/`#Version`/`#Date` directives and a `#Fields:` line naming the space-separated columns
 * (repeated, maybe different, after every restart). See README.md.
 */
import { isIp } from '../_lib/network';
import { categoryFields, splitUser, webSentence } from '../_lib/web';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

/** The default field set IIS 8.5–10 writes, with a line as IIS prints it. */
export const SAMPLE = {
  fields:
    '#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken',
  line: '2026-10-01 00:00:05 10.2.0.20 POST /owa/auth.owa - 443 EXAMPLE\\tanaka 203.0.113.24 Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://mail.example.co.jp/owa/ 302 0 0 187',
};

const dash = (s: string | undefined): string | undefined => (s === undefined || s === '' || s === '-' ? undefined : s);
/** W3C logs write a space inside a value as `+`. */
const spaced = (s: string | undefined): string | undefined => dash(s)?.replace(/\+/g, ' ');
const int = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);

export function translateIis(text: string, header: string[] | undefined): KansaEvent {
  if (!header) throw new ParseError('expected a #Fields: line before the first IIS record');
  const values = text.replace(/\r$/, '').split(' ');
  if (values.length < 2) throw new ParseError('expected a space-separated W3C record');
  const f: Record<string, string> = {};
  for (let i = 0; i < header.length && i < values.length; i++) f[header[i]] = values[i];
  // W3C times are UTC by definition.
  const ms =
    /^\d{4}-\d\d-\d\d$/.test(f.date ?? '') && /^\d\d:\d\d:\d\d(\.\d+)?$/.test(f.time ?? '')
      ? Date.parse(`${f.date}T${f.time}Z`)
      : NaN;
  if (Number.isNaN(ms))
    throw new ParseError(
      `expected date and time such as 2026-10-01 00:00:05, found ${JSON.stringify(`${f.date ?? ''} ${f.time ?? ''}`)}`,
    );
  const status = int(f['sc-status']);
  const method = dash(f['cs-method']);
  const stem = dash(f['cs-uri-stem']);
  const query = dash(f['cs-uri-query']);
  const client = dash(f['c-ip']);
  const user = splitUser(dash(f['cs-username']));
  const host = dash(f['cs-host'])?.toLowerCase();
  const denied = status === 401 || status === 403;

  const ev: KansaEvent = {
    '@timestamp': new Date(ms).toISOString(),
    'event.kind': 'event',
    'event.module': 'iis',
    'event.dataset': 'iis.access',
    'event.category': ['web'],
    'event.type': denied ? ['access', 'denied'] : ['access'],
    'event.action': 'http-request',
    'event.outcome': status !== undefined && status >= 400 ? 'failure' : 'success',
    'kansa.source_type': 'iis',
    'observer.vendor': 'Microsoft',
    'observer.product': 'IIS',
  };
  if (client && isIp(client)) ev['source.ip'] = client;
  const sip = dash(f['s-ip']);
  if (sip && isIp(sip)) ev['destination.ip'] = sip;
  const sport = int(f['s-port']);
  if (sport !== undefined && sport > 0 && sport <= 65535) ev['destination.port'] = sport;
  if (user.name) ev['user.name'] = user.name;
  if (user.domain) ev['user.domain'] = user.domain;
  if (method) ev['http.request.method'] = method;
  if (status !== undefined) ev['http.response.status_code'] = status;
  if (stem) ev['url.path'] = stem;
  if (host && stem) {
    const scheme = sport === 443 ? 'https' : 'http';
    ev['url.scheme'] = scheme;
    ev['url.domain'] = host.replace(/:\d+$/, '');
    ev['url.full'] = `${scheme}://${host}${stem}${query ? `?${query}` : ''}`;
    ev['destination.domain'] = host.replace(/:\d+$/, '');
  }
  const agent = spaced(f['cs(User-Agent)']);
  if (agent) ev['user_agent.original'] = agent;
  const sent = int(f['sc-bytes']);
  const received = int(f['cs-bytes']);
  if (sent !== undefined) ev['destination.bytes'] = sent;
  if (received !== undefined) ev['source.bytes'] = received;
  const taken = int(f['time-taken']);
  if (taken !== undefined) ev['event.duration'] = taken * 1_000_000;
  const name = dash(f['s-computername']) ?? dash(f['s-sitename']);
  if (dash(f['s-computername'])) ev['host.name'] = f['s-computername'];
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (dash(v) && k !== 'date' && k !== 'time') raw[k] = v;
  ev['kansa.raw'] = raw;
  const category = categoryFields(ev['url.domain'] as string | undefined, ev);
  const sub = dash(f['sc-substatus']);
  const win32 = dash(f['sc-win32-status']);
  const s = webSentence({
    user: user.name,
    client,
    target: `${(ev['url.domain'] as string | undefined) ?? name ?? ''}${stem ?? '/'}`,
    category,
    method,
    status,
    bytes: sent,
    denied,
    extraJa: [
      sub && sub !== '0' ? `サブステータス ${sub}` : '',
      win32 && win32 !== '0' ? `Win32 ${win32}` : '',
      taken !== undefined ? `${taken} ms` : '',
    ].filter(Boolean),
    extraEn: [
      sub && sub !== '0' ? `substatus ${sub}` : '',
      win32 && win32 !== '0' ? `Win32 ${win32}` : '',
      taken !== undefined ? `${taken} ms` : '',
    ].filter(Boolean),
  });
  ev['kansa.message.ja'] = s.ja;
  ev['kansa.message.en'] = s.en;
  return ev;
}

export const iisFormat: Format = {
  id: 'iis',
  framing: 'csv',
  detect(sample: string): number {
    if (/^#Software: Microsoft Internet Information Services/m.test(sample)) return 0.97;
    return /^#Fields: date time .*cs-method/m.test(sample) && /cs-uri-stem/.test(sample) ? 0.95 : 0;
  },
  isHeader(line: string): string[] | null {
    return line.startsWith('#Fields: ') ? line.slice(9).replace(/\r$/, '').trim().split(' ') : null;
  },
  isPreamble(line: string): boolean {
    return line.startsWith('#') && !line.startsWith('#Fields: ');
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [translateIis(record.text, record.header)];
  },
};
