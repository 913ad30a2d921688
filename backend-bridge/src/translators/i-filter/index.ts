/**
 * Digital Arts i-FILTER web filter logs (source type `i-filter`): the Ver.10 access log in its default
 * space-separated layout (`logs/access/access.log000n`, also D-SPA and i-FILTER@Cloud downloads) and
 * the Ver.9/10 block log (`logs/block/block.log000n`). Japanese text and `/` inside values are
 * URL-encoded by i-FILTER. See README.md.
 */
import { isIp } from '../_lib/network';
import { applyRules, ruleTable, sentenceIn, type Groups } from '../_lib/rules';
import { categoryFields, urlFields, webSentence } from '../_lib/web';
import { shareOfLines } from '../../translate/detect';
import { MONTHS } from '../../translate/time';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

function timeOf(text: string): string | undefined {
  const m = /^(\d\d)\/([A-Z][a-z]{2})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/.exec(text);
  const month = m ? MONTHS[m[2]] : undefined;
  if (!m || month === undefined || +m[1] < 1 || +m[1] > 31 || +m[4] > 23 || +m[5] > 59 || +m[6] > 60) return undefined;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9]));
  return new Date(Date.UTC(+m[3], month - 1, +m[1], +m[4], +m[5], +m[6]) - offset * 60_000).toISOString();
}

const SJIS = new TextDecoder('shift_jis', { fatal: true });

/**
 * i-FILTER URL-encodes Japanese and separators: UTF-8 in Ver.10, Shift_JIS bytes in logs of older
 * versions and Windows-authenticated names; a value that is neither stays as written.
 */
function decode(s: string | undefined): string | undefined {
  if (s === undefined || s === '-' || s === '') return undefined;
  const text = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(text);
  } catch {
    try {
      return SJIS.decode(
        Buffer.from(
          text.replace(/%([0-9A-Fa-f]{2})|([^%])/g, (_, hex: string | undefined, ch: string | undefined) =>
            hex ? String.fromCharCode(parseInt(hex, 16)) : ch!,
          ),
          'latin1',
        ),
      );
    } catch {
      return s;
    }
  }
}

/** The event of a line `g` read by the layout `id` (`access` or `block`); a bad time is a parse failure. */
function webEvent(g: Partial<Groups>, id: 'access' | 'block'): KansaEvent {
  const ts = timeOf(g.time ?? '');
  if (!ts)
    throw new ParseError(`expected a time such as [01/Oct/2026:09:05:43 +0900], found ${JSON.stringify(g.time)}`);
  const blocked = (g.result ?? '').startsWith('block');
  const req = id === 'access' ? /^([A-Z]+) (\S+)(?: (HTTP\/[\d.]+))?$/.exec(g.request ?? '') : null;
  const url = id === 'block' ? decode(g.url) : req?.[2];
  const method = req?.[1];
  const user = decode(g.user);
  const client = g.client;
  const status = g.status && g.status !== '-' ? Number(g.status) : undefined;
  const bytes = g.bytes && /^\d+$/.test(g.bytes) ? Number(g.bytes) : undefined;
  const middle = (g.middle ?? '')
    .trim()
    .split(' ')
    .filter((x) => x !== '');
  const group = decode(g.group ?? (middle[4] && !/^-?\d+$/.test(middle[4]) ? middle[4] : undefined));

  const ev: KansaEvent = {
    '@timestamp': ts,
    'event.kind': 'event',
    'event.module': 'i_filter',
    'event.dataset': `i_filter.${id}`,
    'event.category': ['web', 'network'],
    'event.type': blocked ? ['access', 'denied'] : ['access', 'allowed'],
    'event.action': blocked ? 'http-request-denied' : 'http-request',
    'event.outcome': blocked ? 'failure' : 'success',
    'kansa.source_type': 'i-filter',
    'observer.vendor': 'Digital Arts',
    'observer.product': 'i-FILTER',
    'observer.type': 'proxy',
  };
  if (client && isIp(client)) ev['source.ip'] = client;
  if (user) ev['user.name'] = user;
  if (group) ev['group.name'] = group;
  if (method) ev['http.request.method'] = method;
  if (status !== undefined) ev['http.response.status_code'] = status;
  if (bytes !== undefined) ev['destination.bytes'] = bytes;
  let domain: string | undefined;
  if (url) domain = urlFields(method === 'CONNECT' ? url : url, ev).domain;
  if (domain) ev['destination.domain'] = domain;
  const dest = /^(.+):(\d+)$/.exec(g.dest ?? '');
  if (dest && isIp(dest[1])) {
    ev['destination.ip'] = dest[1];
    ev['destination.port'] = Number(dest[2]);
  }
  const agent = decode(g.agent);
  if (agent) ev['user_agent.original'] = agent;
  const last = g.rest?.trim().split(' ').pop();
  if (id === 'block' && last && last !== '-') ev['event.reason'] = last; // the virus name of a block_virus line
  const raw: Record<string, string> = {};
  for (const k of [
    'pid',
    'version',
    'upstream',
    'computer',
    'sent',
    'result',
    'reason',
    'category',
    'categories',
    'ctype',
    'referer',
    'n5',
  ]) {
    const v = g[k];
    if (v && v !== '-') raw[k] = k === 'ctype' || k === 'referer' ? (decode(v) ?? v) : v;
  }
  if (middle.length > 0) raw.columns_21_28 = middle.join(' ');
  if (g.rest?.trim()) raw.rest = g.rest.trim();
  ev['kansa.raw'] = raw;
  const category = categoryFields(domain, ev);
  const s = webSentence({
    user,
    client,
    target: domain ?? url ?? '?',
    category,
    method,
    status,
    bytes,
    denied: blocked,
    extraJa:
      id === 'access'
        ? [`i-FILTER カテゴリ ${g.category ?? '?'}`]
        : [g.result ?? '', ...(ev['event.reason'] ? [ev['event.reason'] as string] : [])],
    extraEn:
      id === 'access'
        ? [`i-FILTER category ${g.category ?? '?'}`]
        : [g.result ?? '', ...(ev['event.reason'] ? [ev['event.reason'] as string] : [])],
  });
  ev['kansa.message.ja'] = s.ja;
  ev['kansa.message.en'] = s.en;
  return ev;
}

/** The access log layout whose result column (`allow`, `block`…) matches `result`. */
const accessLine = (result: string) =>
  new RegExp(
    String.raw`^[A-Z][a-z]{2} +\d{1,2} \d\d:\d\d:\d\d (?<pid>\d+) (?<version>\d+\/\d+\/\S*) (?<upstream>\S+) (?<dest>\S+) (?<sip>\S+) (?<client>\S+) (?<computer>\S+) (?<user>\S+) \[(?<time>[^\]]+)\] (?<status>\d{3}|-) (?<sent>\S+) (?<bytes>\S+) (?<result>${result}) (?<reason>\S+) (?<category>\S+) (?<categories>\S+) (?<middle>(?:\S+ )*?)"(?<request>[^"]*)" (?<referer>\S+) (?<agent>\S+) (?<ctype>\S+)`,
  );
/** The block log layout whose result column (`block`, `block_virus`…) matches `result`. */
const blockLine = (result: string) =>
  new RegExp(
    String.raw`^(?<pid>\d+) (?<client>\S+) (?<user>\S+) (?<group>\S+) (?<n5>\S+) (?<time>\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}) (?<url>\S+) (?<result>${result}) (?<reason>\S+) (?<category>\S+)(?<rest>.*)$`,
  );

/**
 * One rule per layout and result: the access log (35 columns, a result `allow`/`block`) and the block
 * log (17 columns, `block` or `block_virus` with the virus name last).
 */
export const RULES = ruleTable<undefined>('i-filter', undefined, [
  {
    id: 'access-blocked',
    sample:
      'Oct  1 09:05:44 4872 1000/01/ - 203.0.113.50:443 10.1.20.16 10.1.20.16 - suzuki [01/Oct/2026:09:05:43 +0900] 503 0 1207 block 63 87 87/127/151 -1 0 1518 0 sales - 0 - "GET https://baito-job.example.jp/ HTTP/1.1" - Mozilla%2F5.0+(Windows+NT+10.0) text%2Fhtml A667FEFF',
    match: accessLine('block[a-z_-]*'),
    build: (g) => sentenceIn(webEvent(g, 'access')),
  },
  {
    id: 'access',
    sample:
      'Oct  1 09:00:02 4872 1000/01/ - 162.125.80.18:443 10.1.20.15 10.1.20.15 - tanaka [01/Oct/2026:09:00:01 +0900] 200 18342 2490113 allow 0 45 45 -1 0 1518 0 sales - 0 - "POST https://www.dropbox.com/upload HTTP/1.1" - Mozilla%2F5.0+(Windows+NT+10.0%3B+Win64%3B+x64) application%2Fjson A667FEFF',
    match: accessLine('[a-z_-]+'),
    build: (g) => sentenceIn(webEvent(g, 'access')),
  },
  {
    id: 'block-virus',
    sample:
      '4583 10.1.20.19 kato sales 7 01/Oct/2026:09:11:00 +0900 http%3A%2F%2Fdl.example.net%2Fsetup.exe block_virus 51 0 0 0 0 -1 0 EICAR-Test-File',
    match: blockLine('block_virus'),
    build: (g) => sentenceIn(webEvent(g, 'block')),
  },
  {
    id: 'block',
    sample:
      '4582 10.1.20.16 suzuki sales 7 01/Oct/2026:09:05:43 +0900 https%3A%2F%2Fbaito-job.example.jp%2F block 43 3 99 28 0 -1 0 -',
    match: blockLine(String.raw`block\S*`),
    build: (g) => sentenceIn(webEvent(g, 'block')),
  },
]);

export function translateIFilter(text: string): KansaEvent {
  const applied = applyRules(RULES, text, undefined);
  if (!applied)
    throw new ParseError(
      'expected an i-FILTER access log line (MMM dd hh:mm:ss pid version … [dd/Mon/yyyy:hh:mm:ss +zzzz] status … "request" …) or block log line',
    );
  return applied.result.fields;
}

export const iFilterFormat: Format = {
  id: 'i-filter',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(sample, (l) => RULES.rules.some((r) => (r.match as RegExp).test(l.replace(/\r$/, ''))), 0.95);
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [translateIFilter(record.text.replace(/\r$/, ''))];
  },
};
