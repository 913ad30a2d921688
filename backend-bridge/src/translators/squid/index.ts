import { MONTHS } from '../../translate/time';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';
import { applyRules, assignFields, ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { isIp } from '../_lib/network';
import { categoryFields, splitUser, urlFields, webSentence } from '../_lib/web';

/**
 * Squid access.log in the native format
 *   `time elapsed client code/status bytes method URL user hierarchy/peer type`
 * and in the `common` / `combined` log formats
 *   `client ident user [01/Oct/2026:09:00:01 +0900] "GET url HTTP/1.1" 200 5120 ["referer" "agent"] TCP_MISS:HIER_DIRECT`.
 */

const NATIVE = /^\d{9,10}(?:\.\d{1,3})?\s+-?\d+ \S+ [A-Z_]+\/\d{3} /;
const COMMON_HEAD = /^\S+ \S+ \S+ \[\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\] "/;
const SQUID_TAIL = / [A-Z_]+:[A-Z_]+$/;
const COMMON =
  /^(\S+) (\S+) (\S+) \[(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)\] "(.*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?(?: ([A-Z_]+):([A-Z_]+))?$/;

function detect(sample: string): number {
  const lines = sample
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  let hits = 0;
  for (const l of lines) {
    if (NATIVE.test(l) || (COMMON_HEAD.test(l) && SQUID_TAIL.test(l))) hits++;
  }
  return (hits / lines.length) * 0.95;
}

interface Access {
  timestamp: string;
  elapsedMs?: number;
  client: string;
  resultCode?: string;
  status?: number;
  bytes?: number;
  method?: string;
  url: string;
  user?: string;
  hierarchy?: string;
  peer?: string;
  contentType?: string;
  referrer?: string;
  userAgent?: string;
  httpVersion?: string;
  raw: Record<string, string>;
}

function parseNative(text: string): Access {
  const f = text.trim().split(/\s+/);
  if (f.length < 10) {
    throw new ParseError(
      `expected 10 fields of a Squid native access.log line (time elapsed client code/status bytes method URL user hierarchy type), found ${f.length}`,
    );
  }
  // The URL may hold spaces: take six fields from the left and three from the right.
  const [time, elapsed, client, codeStatus, bytes, method] = f;
  const type = f[f.length - 1];
  const hier = f[f.length - 2];
  const user = f[f.length - 3];
  const url = f.slice(6, f.length - 3).join(' ');
  const seconds = Number(time);
  if (!Number.isFinite(seconds)) throw new ParseError(`expected an epoch time such as 1696118401.123, found "${time}"`);
  const slash = codeStatus.indexOf('/');
  const hierSlash = hier.indexOf('/');
  return {
    timestamp: new Date(Math.round(seconds * 1000)).toISOString(),
    elapsedMs: Number(elapsed),
    client,
    resultCode: codeStatus.slice(0, slash),
    status: Number(codeStatus.slice(slash + 1)),
    bytes: Number(bytes),
    method,
    url,
    user,
    hierarchy: hierSlash === -1 ? hier : hier.slice(0, hierSlash),
    peer: hierSlash === -1 ? undefined : hier.slice(hierSlash + 1),
    contentType: type,
    raw: { time, elapsed, client, code: codeStatus, bytes, method, url, user, hierarchy: hier, type },
  };
}

function parseCommon(text: string): Access {
  const m = COMMON.exec(text);
  if (!m) {
    throw new ParseError(
      'expected a Squid common/combined line: client ident user [dd/Mmm/yyyy:hh:mm:ss +zzzz] "METHOD URL HTTP/x" status bytes',
    );
  }
  const [
    ,
    client,
    ident,
    user,
    dd,
    mon,
    yyyy,
    hh,
    mi,
    ss,
    sign,
    oh,
    om,
    request,
    status,
    bytes,
    referrer,
    agent,
    code,
    hier,
  ] = m;
  const month = MONTHS[mon];
  if (!month) throw new ParseError(`expected a month name, found "${mon}"`);
  const offsetMin = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = Date.UTC(+yyyy, month - 1, +dd, +hh, +mi, +ss) - offsetMin * 60_000;
  // "GET http://host/path HTTP/1.1": the URL may hold spaces; the version is the last word.
  const firstSpace = request.indexOf(' ');
  const lastSpace = request.lastIndexOf(' ');
  let method: string | undefined;
  let url = request;
  let httpVersion: string | undefined;
  if (firstSpace !== -1) {
    method = request.slice(0, firstSpace);
    const tail = request.slice(lastSpace + 1);
    if (lastSpace > firstSpace && tail.startsWith('HTTP/')) {
      url = request.slice(firstSpace + 1, lastSpace);
      httpVersion = tail.slice(5);
    } else {
      url = request.slice(firstSpace + 1);
    }
  }
  const raw: Record<string, string> = { client, ident, user, request, status, bytes };
  if (code) raw.code = code;
  if (hier) raw.hierarchy = hier;
  if (referrer !== undefined) raw.referrer = referrer;
  if (agent !== undefined) raw.user_agent = agent;
  return {
    timestamp: new Date(utc).toISOString(),
    client,
    resultCode: code,
    status: Number(status),
    bytes: bytes === '-' ? undefined : Number(bytes),
    method,
    url,
    user: user !== '-' ? user : ident !== '-' ? ident : undefined,
    hierarchy: hier,
    referrer: referrer && referrer !== '-' ? referrer : undefined,
    userAgent: agent && agent !== '-' ? agent : undefined,
    httpVersion,
    raw,
  };
}

/** A line read, native or common/combined; a line of neither is a parse failure. */
function parseLine(text: string): Access {
  return /^\d{9,10}(?:\.\d+)?\s/.test(text) ? parseNative(text) : parseCommon(text);
}

/**
 * The message form of a line: what changes the event's meaning. A request Squid could not parse
 * (`error:invalid-request`), a refusal (`TCP_DENIED`, `TCP_DENIED_REPLY`…), an HTTPS tunnel (CONNECT),
 * a transfer the client cut (`…_ABORTED`), else a request served (hit, miss, refresh: the same event).
 */
function formOf(a: Access): string {
  if (a.url.startsWith('error:')) return 'invalid-request';
  if (a.resultCode?.includes('DENIED')) return 'denied';
  if (a.method === 'CONNECT') return 'tunnel';
  if (a.resultCode?.endsWith('_ABORTED')) return 'aborted';
  return 'request';
}

function keyOf(text: string): string | undefined {
  try {
    return formOf(parseLine(text));
  } catch {
    return undefined;
  }
}

interface SquidCtx {
  a: Access;
  user: { name?: string; domain?: string };
}

/**
 * The proxy event and sentence of a request that reached a site (or was refused, `denied`). A tunnel,
 * an abort and a refusal can come together (a denied CONNECT), so the detail words follow the line.
 */
function browse({ a, user }: SquidCtx, denied: boolean): RuleResult {
  const fields: KansaEvent = {};
  const { domain, port } = urlFields(a.url, fields);
  if (port !== undefined) fields['destination.port'] = port;
  else if (fields['url.scheme'] === 'http') fields['destination.port'] = 80;
  else if (fields['url.scheme'] === 'https') fields['destination.port'] = 443;
  if (domain) fields['destination.domain'] = domain;
  const category = categoryFields(domain, fields);
  const connect = a.method === 'CONNECT';
  const aborted = a.resultCode !== undefined && a.resultCode.endsWith('_ABORTED');
  const code = denied && a.resultCode ? [a.resultCode] : [];
  const s = webSentence({
    user: user.name,
    client: a.client,
    target: domain ?? a.url,
    category,
    method: connect ? undefined : a.method,
    status: a.status,
    bytes: a.bytes,
    denied,
    extraJa: [...(connect ? ['HTTPS'] : []), ...(aborted ? ['中断'] : []), ...code],
    extraEn: [...(connect ? ['HTTPS'] : []), ...(aborted ? ['aborted'] : []), ...code],
  });
  return { fields, ...s };
}

const SAMPLE_MISS =
  '1790812801.123    245 10.0.1.23 TCP_MISS/200 5120 GET http://www.example.co.jp/ tanaka HIER_DIRECT/93.184.216.34 text/html';
const sampleCtx = (sample: string): SquidCtx => {
  const a = parseLine(sample);
  return { a, user: splitUser(a.user) };
};
const rule = (r: Omit<MessageRule<SquidCtx>, 'sampleContext'>): MessageRule<SquidCtx> => ({
  ...r,
  sampleContext: sampleCtx(r.sample),
});

/** One rule per message form (`formOf`); a sample is a native access.log line as Squid writes it. */
export const RULES = ruleTable<SquidCtx>(
  'squid',
  sampleCtx(SAMPLE_MISS),
  [
    rule({
      id: 'invalid-request',
      sample: '1790812816.500      1 10.0.1.23 NONE_NONE/400 3850 NONE error:invalid-request - HIER_NONE/- text/html',
      match: { key: 'invalid-request' },
      build(_g, { a }) {
        const who = a.user ? (splitUser(a.user).name ?? a.client) : a.client;
        return {
          fields: {
            'event.action': 'http-request-invalid',
            'event.type': ['access', 'denied'],
            'event.outcome': 'failure',
            'event.reason': a.url,
          },
          ja: `${who} が不正な HTTP リクエストを送り、プロキシが拒否しました(${a.url}${a.status ? `、${a.status}` : ''})`,
          en: `${who} sent an invalid HTTP request, which the proxy refused (${a.url}${a.status ? `, ${a.status}` : ''})`,
        };
      },
    }),
    rule({
      id: 'denied',
      sample: '1790812813.200      0 10.0.1.77 TCP_DENIED/407 4120 GET http://www.youtube.com/ - HIER_NONE/- text/html',
      match: { key: 'denied' },
      build(_g, ctx) {
        const r = browse(ctx, true);
        r.fields = {
          'event.type': ['access', 'denied'],
          'event.action': 'http-request-denied',
          'event.outcome': 'failure',
          ...r.fields,
        };
        return r;
      },
    }),
    rule({
      id: 'tunnel',
      sample:
        '1790812802.456   1532 10.0.1.23 TCP_TUNNEL/200 48213 CONNECT www.doda.jp:443 tanaka HIER_DIRECT/203.0.113.80 -',
      match: { key: 'tunnel' },
      build: (_g, ctx) => browse(ctx, false),
    }),
    rule({
      id: 'aborted',
      sample:
        '1790812815.400  30001 10.0.1.23 TCP_MISS_ABORTED/000 0 GET http://slow.example.net/big.iso tanaka HIER_DIRECT/198.51.100.30 -',
      match: { key: 'aborted' },
      build: (_g, ctx) => browse(ctx, false),
    }),
    rule({
      id: 'request',
      sample: SAMPLE_MISS,
      match: { key: 'request' },
      build: (_g, ctx) => browse(ctx, false),
    }),
  ],
  keyOf,
);

function translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
  void _ctx;
  const text = record.text.replace(/\r$/, '');
  if (text.trim() === '') throw new ParseError('expected a Squid access.log line, found an empty line');
  const a = parseLine(text);

  const failed = a.resultCode === 'NONE' || a.status === 0 || (a.status !== undefined && a.status >= 400);
  const event: KansaEvent = {
    '@timestamp': a.timestamp,
    'event.kind': 'event',
    'event.category': ['web', 'network'],
    'event.type': ['access', 'allowed'],
    'event.action': 'http-request',
    'event.outcome': failed ? 'failure' : 'success',
    'event.module': 'squid',
    'event.dataset': 'squid.access',
    'kansa.source_type': 'squid',
    'observer.type': 'proxy',
    'observer.product': 'Squid',
    'kansa.raw': a.raw,
  };
  if (isIp(a.client)) event['source.ip'] = a.client;
  else event['source.domain'] = a.client;
  if (a.resultCode) event['event.code'] = a.resultCode;
  if (a.status !== undefined && Number.isInteger(a.status) && a.status > 0)
    event['http.response.status_code'] = a.status;
  if (a.method && a.method !== '-' && a.method !== 'NONE') event['http.request.method'] = a.method;
  if (a.bytes !== undefined && Number.isInteger(a.bytes) && a.bytes >= 0) {
    event['destination.bytes'] = a.bytes;
    event['network.bytes'] = a.bytes;
  }
  if (a.elapsedMs !== undefined && Number.isInteger(a.elapsedMs) && a.elapsedMs >= 0)
    event['event.duration'] = a.elapsedMs * 1_000_000;
  if (isIp(a.peer)) event['destination.ip'] = a.peer;
  if (a.userAgent) event['user_agent.original'] = a.userAgent;
  if (a.httpVersion) event['network.protocol'] = 'http';
  const user = splitUser(a.user);
  if (user.name) event['user.name'] = user.name;
  if (user.domain) event['user.domain'] = user.domain;

  // Every line has a form (`formOf` is total), so a rule always applies.
  const { result } = applyRules(RULES, text, { a, user }, formOf(a))!;
  assignFields(event, result.fields);
  event['kansa.message.ja'] = result.ja;
  event['kansa.message.en'] = result.en;
  return [event];
}

export const squidFormat: Format = {
  id: 'squid',
  framing: 'lines',
  detect,
  translate,
};

export default squidFormat;
export { categorize, categoryLabel, buildCategoryMatcher, defaultCategories } from '../_lib/categories';
