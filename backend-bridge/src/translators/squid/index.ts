import { MONTHS } from '../../translate/time';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';
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

const IP = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]+)$/;

function translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
  void _ctx;
  const text = record.text.replace(/\r$/, '');
  if (text.trim() === '') throw new ParseError('expected a Squid access.log line, found an empty line');
  const a = /^\d{9,10}(?:\.\d+)?\s/.test(text) ? parseNative(text) : parseCommon(text);

  const denied = a.resultCode !== undefined && a.resultCode.includes('DENIED');
  const failed = denied || a.resultCode === 'NONE' || a.status === 0 || (a.status !== undefined && a.status >= 400);
  const event: KansaEvent = {
    '@timestamp': a.timestamp,
    'event.kind': 'event',
    'event.category': ['web', 'network'],
    'event.type': denied ? ['access', 'denied'] : ['access', 'allowed'],
    'event.action': denied ? 'http-request-denied' : 'http-request',
    'event.outcome': failed ? 'failure' : 'success',
    'event.module': 'squid',
    'event.dataset': 'squid.access',
    'kansa.source_type': 'squid',
    'observer.type': 'proxy',
    'observer.product': 'Squid',
    'kansa.raw': a.raw,
  };
  if (IP.test(a.client)) event['source.ip'] = a.client;
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
  if (a.peer && IP.test(a.peer)) event['destination.ip'] = a.peer;
  if (a.userAgent) event['user_agent.original'] = a.userAgent;
  if (a.httpVersion) event['network.protocol'] = 'http';
  const user = splitUser(a.user);
  if (user.name) event['user.name'] = user.name;
  if (user.domain) event['user.domain'] = user.domain;

  // Squid logs requests it could not parse as `error:invalid-request` and the like.
  if (a.url.startsWith('error:')) {
    event['event.action'] = 'http-request-invalid';
    event['event.type'] = ['access', 'denied'];
    event['event.outcome'] = 'failure';
    event['event.reason'] = a.url;
    const who = a.user ? (splitUser(a.user).name ?? a.client) : a.client;
    event['kansa.message.ja'] =
      `${who} が不正な HTTP リクエストを送り、プロキシが拒否しました(${a.url}${a.status ? `、${a.status}` : ''})`;
    event['kansa.message.en'] =
      `${who} sent an invalid HTTP request, which the proxy refused (${a.url}${a.status ? `, ${a.status}` : ''})`;
    return [event];
  }
  const { domain, port } = urlFields(a.url, event);
  if (port !== undefined) event['destination.port'] = port;
  else if (event['url.scheme'] === 'http') event['destination.port'] = 80;
  else if (event['url.scheme'] === 'https') event['destination.port'] = 443;
  if (domain) event['destination.domain'] = domain;
  const category = categoryFields(domain, event);

  const connect = a.method === 'CONNECT';
  const aborted = a.resultCode !== undefined && a.resultCode.endsWith('_ABORTED');
  const s = webSentence({
    user: user.name,
    client: a.client,
    target: domain ?? a.url,
    category,
    method: connect ? undefined : a.method,
    status: a.status,
    bytes: a.bytes,
    denied,
    extraJa: [
      ...(connect ? ['HTTPS'] : []),
      ...(aborted ? ['中断'] : []),
      ...(denied && a.resultCode ? [a.resultCode] : []),
    ],
    extraEn: [
      ...(connect ? ['HTTPS'] : []),
      ...(aborted ? ['aborted'] : []),
      ...(denied && a.resultCode ? [a.resultCode] : []),
    ],
  });
  event['kansa.message.ja'] = s.ja;
  event['kansa.message.en'] = s.en;
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
