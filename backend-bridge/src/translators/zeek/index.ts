import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';
import { endpoint, flowSentence, formatBytes, transportName } from '../_lib/flow';
import { jsonKeyOf } from '../_lib/json-key';
import { applyRules, assignFields, ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { categoryFields, urlFields, webSentence } from '../_lib/web';

/**
 * Zeek logs: JSON (one object per line, `LogAscii::use_json=T`) and the default TSV with its
 * `#separator` / `#fields` header. A rule table keyed by the log path: conn, dns, http and ssl become
 * specific events; notice, weird and other logs (files…) a generic one. The log is told by `_path` when
 * present, else by its fields.
 */

type Value = string | number | boolean | null | Value[] | { [k: string]: Value };
type Row = Record<string, Value>;

const TSV_META = /^#(separator|set_separator|empty_field|unset_field|path|open|close|types)\b/;

function detect(sample: string): number {
  const lines = sample.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return 0;
  if (lines[0].startsWith('#separator') && lines.some((l) => l.startsWith('#fields\t'))) return 0.98;
  let hits = 0;
  for (const l of lines) {
    const t = l.trim();
    if (
      t.startsWith('{') &&
      t.includes('"ts"') &&
      (t.includes('"uid"') || t.includes('"id.orig_h"') || t.includes('"_path"'))
    )
      hits++;
  }
  return (hits / lines.length) * 0.95;
}

const CONN_STATES: Record<string, [string, string]> = {
  S0: ['接続試行に応答なし', 'attempt seen, no reply'],
  S1: ['確立、終了は未観測', 'established, not terminated'],
  SF: ['正常終了', 'normal establish and close'],
  REJ: ['接続拒否', 'connection rejected'],
  S2: ['確立後に送信元のみ終了', 'established, originator closed'],
  S3: ['確立後に応答側のみ終了', 'established, responder closed'],
  RSTO: ['送信元がリセット', 'originator aborted'],
  RSTR: ['応答側がリセット', 'responder reset'],
  RSTOS0: ['SYN 後に送信元がリセット', 'originator SYN then reset'],
  RSTRH: ['応答側が SYN-ACK 後にリセット', 'responder SYN-ACK then reset'],
  SH: ['送信元が SYN 後に FIN', 'originator SYN then FIN'],
  SHR: ['応答側が SYN-ACK 後に FIN', 'responder SYN-ACK then FIN'],
  OTH: ['SYN なしの途中の通信', 'midstream traffic, no SYN'],
};

function str(v: Value | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v === '-' || v === '(empty)' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function num(v: Value | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v !== '-' && v !== '' && v !== '(empty)') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function int(v: Value | undefined): number | undefined {
  const n = num(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

function bool(v: Value | undefined): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'T') return true;
  if (v === 'F') return false;
  return undefined;
}

function list(v: Value | undefined): string[] {
  if (Array.isArray(v)) return v.map((x) => str(x)).filter((x): x is string => x !== undefined);
  const s = str(v);
  return s ? s.split(',') : [];
}

function timeOf(v: Value | undefined): string {
  if (typeof v === 'number' || (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))) {
    const ms = Math.round(Number(v) * 1000);
    return new Date(ms).toISOString();
  }
  if (typeof v === 'string') {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  throw new ParseError('expected a Zeek "ts" field: epoch seconds such as 1790812801.123456 or an ISO 8601 time');
}

/** TSV unescaping: Zeek writes non-printable bytes and the separator as \xHH. */
function unescapeTsv(s: string): string {
  return s.includes('\\x')
    ? s.replace(/\\x([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    : s;
}

function rowOf(record: RawRecord): Row {
  const text = record.text.replace(/\r$/, '').trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new ParseError(`expected one Zeek JSON object per line: ${(err as Error).message}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ParseError('expected a Zeek JSON object');
    }
    return parsed as Row;
  }
  if (text.startsWith('#')) {
    throw new ParseError(`expected a Zeek record, found the TSV metadata line ${text.split('\t')[0]}`);
  }
  if (record.header) {
    const values = record.text.replace(/\r$/, '').split('\t');
    if (values.length !== record.header.length) {
      throw new ParseError(`expected ${record.header.length} tab-separated Zeek fields, found ${values.length}`);
    }
    const row: Row = {};
    record.header.forEach((name, i) => {
      row[name] = unescapeTsv(values[i]);
    });
    return row;
  }
  throw new ParseError('expected a Zeek JSON object, or a TSV record after a #fields header');
}

function pathOf(row: Row): string {
  const p = str(row._path);
  if (p) return p;
  if ('query' in row && ('qtype_name' in row || 'rcode_name' in row || 'trans_id' in row)) return 'dns';
  if ('method' in row || 'status_code' in row || ('host' in row && 'uri' in row)) return 'http';
  if ('server_name' in row || ('cipher' in row && 'version' in row)) return 'ssl';
  if ('conn_state' in row || ('proto' in row && ('orig_bytes' in row || 'duration' in row))) return 'conn';
  return 'unknown';
}

function base(row: Row, path: string): KansaEvent {
  const e: KansaEvent = {
    '@timestamp': timeOf(row.ts),
    'event.kind': 'event',
    'event.module': 'zeek',
    'event.dataset': `zeek.${path}`,
    'kansa.source_type': 'zeek',
    'observer.vendor': 'Zeek',
    'observer.product': 'Zeek',
    'observer.type': 'ids',
  };
  const uid = str(row.uid);
  if (uid) e['event.id'] = uid;
  const oh = str(row['id.orig_h']);
  const rh = str(row['id.resp_h']);
  if (oh) e['source.ip'] = oh;
  if (rh) e['destination.ip'] = rh;
  const op = int(row['id.orig_p']);
  const rp = int(row['id.resp_p']);
  if (op !== undefined) e['source.port'] = op;
  if (rp !== undefined) e['destination.port'] = rp;
  const proto = str(row.proto);
  if (proto) e['network.transport'] = transportName(proto);
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) continue;
    raw[k] =
      typeof v === 'object'
        ? Array.isArray(v)
          ? v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join(',')
          : JSON.stringify(v)
        : String(v);
  }
  e['kansa.raw'] = raw;
  return e;
}

/** What every rule reads: the record's fields, its log path, and the event of the fields all logs share. */
interface ZeekCtx {
  row: Row;
  path: string;
  e: KansaEvent;
}

function conn({ row, e }: ZeekCtx): RuleResult {
  const f: KansaEvent = {};
  const state = str(row.conn_state);
  const service = str(row.service);
  const sent = int(row.orig_bytes);
  const rcvd = int(row.resp_bytes);
  f['event.category'] = ['network'];
  f['event.type'] = ['connection'];
  f['event.action'] = 'network-connection';
  f['event.outcome'] =
    state === 'SF' || state === 'S1' || state === 'S2' || state === 'S3'
      ? 'success'
      : state === 'REJ' || state === 'S0'
        ? 'failure'
        : 'unknown';
  if (service) f['network.protocol'] = service.split(',')[0];
  if (sent !== undefined) f['source.bytes'] = sent;
  if (rcvd !== undefined) f['destination.bytes'] = rcvd;
  if (sent !== undefined || rcvd !== undefined) f['network.bytes'] = (sent ?? 0) + (rcvd ?? 0);
  const op = int(row.orig_pkts);
  const rp = int(row.resp_pkts);
  if (op !== undefined) f['source.packets'] = op;
  if (rp !== undefined) f['destination.packets'] = rp;
  const duration = num(row.duration);
  if (duration !== undefined) f['event.duration'] = Math.round(duration * 1e9);
  const lo = bool(row.local_orig);
  const lr = bool(row.local_resp);
  if (lo !== undefined && lr !== undefined) {
    f['network.direction'] = lo && lr ? 'internal' : lo ? 'outbound' : lr ? 'inbound' : 'external';
  }
  if (state) f['event.reason'] = CONN_STATES[state]?.[1] ?? state;
  const transport = e['network.transport'] as string | undefined;
  const portless = transport === 'icmp' || transport === 'ipv6-icmp';
  const words = state ? CONN_STATES[state] : undefined;
  const s = flowSentence({
    verdict: 'seen',
    source: e['source.ip'] ?? '?',
    destination: endpoint(
      e['destination.ip'] ?? '?',
      portless ? undefined : (e['destination.port'] as number | undefined),
      transport,
    ),
    sent,
    received: rcvd,
    extraJa: [...(service ? [service] : []), ...(words ? [words[0]] : state ? [state] : [])],
    extraEn: [...(service ? [service] : []), ...(words ? [words[1]] : state ? [state] : [])],
  });
  return { fields: f, ...s };
}

function dns({ row, e }: ZeekCtx): RuleResult {
  const f: KansaEvent = {};
  const query = str(row.query);
  const qtype = str(row.qtype_name);
  const rcode = str(row.rcode_name);
  const answers = list(row.answers);
  f['event.category'] = ['network'];
  f['event.type'] = ['protocol', 'info'];
  f['event.action'] = 'dns-query';
  f['event.outcome'] = rcode === undefined ? 'unknown' : rcode === 'NOERROR' ? 'success' : 'failure';
  f['network.protocol'] = 'dns';
  if (query) f['dns.question.name'] = query;
  if (qtype) f['dns.question.type'] = qtype;
  if (rcode) f['dns.response_code'] = rcode;
  const who = e['source.ip'] ?? '?';
  const server = e['destination.ip'];
  const shown = answers.slice(0, 3).join(', ') + (answers.length > 3 ? ` ほか ${answers.length - 3} 件` : '');
  const shownEn = answers.slice(0, 3).join(', ') + (answers.length > 3 ? ` and ${answers.length - 3} more` : '');
  const partsJa = [
    ...(rcode ? [rcode] : ['応答なし']),
    ...(answers.length > 0 ? [`応答 ${shown}`] : []),
    ...(server ? [`サーバー ${server}`] : []),
  ];
  const partsEn = [
    ...(rcode ? [rcode] : ['no response']),
    ...(answers.length > 0 ? [`answer ${shownEn}`] : []),
    ...(server ? [`server ${server}`] : []),
  ];
  return {
    fields: f,
    ja: `${who} が ${query ?? '(名前なし)'} の ${qtype ?? '?'} レコードを問い合わせました(${partsJa.join('、')})`,
    en: `${who} looked up the ${qtype ?? '?'} record of ${query ?? '(no name)'} (${partsEn.join(', ')})`,
  };
}

function http({ row, e }: ZeekCtx): RuleResult {
  const f: KansaEvent = {};
  const method = str(row.method);
  const host = str(row.host);
  const uri = str(row.uri);
  const status = int(row.status_code);
  const agent = str(row.user_agent);
  const reqLen = int(row.request_body_len);
  const respLen = int(row.response_body_len);
  const user = str(row.username);
  f['event.category'] = ['network', 'web'];
  f['event.type'] = ['protocol', 'access'];
  f['event.action'] = 'http-request';
  f['event.outcome'] = status === undefined || status === 0 ? 'unknown' : status < 400 ? 'success' : 'failure';
  f['network.protocol'] = 'http';
  if (method) f['http.request.method'] = method;
  if (status !== undefined && status > 0) f['http.response.status_code'] = status;
  if (agent) f['user_agent.original'] = agent;
  if (user) f['user.name'] = user;
  let domain = host ? host.replace(/:\d+$/, '').toLowerCase() : undefined;
  if (uri !== undefined) {
    if (/^[a-z]+:\/\//i.test(uri)) {
      domain = urlFields(uri, f).domain ?? domain;
    } else if (host) {
      const port = e['destination.port'];
      const hostPart = host.includes(':') || port === undefined || port === 80 ? host : `${host}:${port}`;
      urlFields(`http://${hostPart}${uri.startsWith('/') ? '' : '/'}${uri}`, f);
    } else {
      f['url.path'] = uri.replace(/[?#].*$/, '');
    }
  } else if (domain) {
    f['url.domain'] = domain;
  }
  if (domain) f['destination.domain'] = domain;
  const category = categoryFields(domain, f);
  const extraJa = [
    ...(reqLen ? [`送信本文 ${formatBytes(reqLen)}`] : []),
    ...(respLen ? [`受信本文 ${formatBytes(respLen)}`] : []),
  ];
  const extraEn = [
    ...(reqLen ? [`request body ${formatBytes(reqLen)}`] : []),
    ...(respLen ? [`response body ${formatBytes(respLen)}`] : []),
  ];
  const s = webSentence({
    user,
    client: e['source.ip'],
    target: domain ?? e['destination.ip'] ?? uri ?? '?',
    category,
    method,
    status,
    extraJa,
    extraEn,
  });
  return { fields: f, ...s };
}

function ssl({ row, e }: ZeekCtx): RuleResult {
  const f: KansaEvent = {};
  const sni = str(row.server_name)?.toLowerCase();
  const established = bool(row.established);
  f['event.category'] = ['network', 'web'];
  f['event.type'] = ['protocol', 'access'];
  f['event.action'] = 'tls-session';
  f['event.outcome'] = established === undefined ? 'unknown' : established ? 'success' : 'failure';
  f['network.protocol'] = 'tls';
  if (sni) {
    f['destination.domain'] = sni;
    f['url.domain'] = sni;
  }
  const category = categoryFields(sni, f);
  const version = str(row.version);
  const s = webSentence({
    client: e['source.ip'],
    target: sni ?? endpoint(e['destination.ip'] ?? '?', e['destination.port'] as number | undefined, undefined),
    category,
    extraJa: ['HTTPS', ...(version ? [version] : []), ...(established === false ? ['未確立'] : [])],
    extraEn: ['HTTPS', ...(version ? [version] : []), ...(established === false ? ['not established'] : [])],
  });
  return { fields: f, ...s };
}

/**
 * A log Kansa reads no further: what Zeek noted and between whom. `kind` is given for the logs that
 * name what they saw (notice: an alert; weird: an event), whose name becomes rule.name.
 */
function logged({ row, path, e }: ZeekCtx, kind?: 'alert' | 'event'): RuleResult {
  const f: KansaEvent = {};
  f['event.category'] = ['network'];
  f['event.type'] = ['info'];
  f['event.action'] = `zeek-${path}`;
  f['event.outcome'] = 'unknown';
  const note = str(row.note) ?? str(row.name);
  const msg = str(row.msg);
  if (kind) {
    f['event.kind'] = kind;
    if (note) f['rule.name'] = note;
  }
  const src = e['source.ip'];
  const dst = e['destination.ip'];
  const between =
    src && dst
      ? `${src} から ${endpoint(dst, e['destination.port'] as number | undefined, e['network.transport'] as string | undefined)} への通信`
      : '';
  const betweenEn =
    src && dst
      ? ` on traffic from ${src} to ${endpoint(dst, e['destination.port'] as number | undefined, e['network.transport'] as string | undefined)}`
      : '';
  const what = [note, msg].filter(Boolean).join(': ');
  return {
    fields: f,
    ja: `Zeek が${between ? ` ${between}で` : ''} ${path} ログを記録しました${what ? `: ${what}` : ''}`,
    en: `Zeek logged ${/^[aeiou]/.test(path) ? 'an' : 'a'} ${path} record${betweenEn}${what ? `: ${what}` : ''}`,
  };
}

/** A record as Zeek's JSON writer prints it, with its `_path`. */
const SAMPLE_CONN =
  '{"ts":1790812802.5,"uid":"C4J4Th3PJpwUYZZ6gc","id.orig_h":"203.0.113.9","id.orig_p":4242,"id.resp_h":"10.0.0.5","id.resp_p":22,"proto":"tcp","conn_state":"S0","local_orig":false,"local_resp":true,"missed_bytes":0,"history":"S","orig_pkts":1,"orig_ip_bytes":60,"resp_pkts":0,"resp_ip_bytes":0}';

/** The logs with a rule of their own; any other path is read by the `other` rule. */
const NAMED = new Set(['conn', 'dns', 'http', 'ssl', 'notice', 'weird']);
const keyOfPath = (path: string): string => (NAMED.has(path) ? path : 'other');

function readSample(text: string): ZeekCtx {
  const row = JSON.parse(text) as Row;
  const path = pathOf(row);
  return { row, path, e: base(row, path) };
}
type Rule = MessageRule<ZeekCtx>;
const rule = (r: Omit<Rule, 'sampleContext' | 'match'>): Rule => ({
  ...r,
  match: { key: r.id },
  sampleContext: readSample(r.sample),
});

/** One rule per log path (`pathOf`: `_path`, else told by the fields); samples are JSON records. */
export const RULES = ruleTable<ZeekCtx>(
  'zeek',
  readSample(SAMPLE_CONN),
  [
    rule({ id: 'conn', sample: SAMPLE_CONN, build: (_g, c) => conn(c) }),
    rule({
      id: 'dns',
      sample:
        '{"ts":1790812804.2,"uid":"CxDkEa1Jc8T2sxfRa","id.orig_h":"10.0.1.23","id.orig_p":3333,"id.resp_h":"10.0.0.53","id.resp_p":53,"proto":"udp","trans_id":12345,"rtt":0.00093,"query":"www.doda.jp","qclass":1,"qclass_name":"C_INTERNET","qtype":1,"qtype_name":"A","rcode":0,"rcode_name":"NOERROR","AA":false,"TC":false,"RD":true,"RA":true,"Z":0,"answers":["203.0.113.80","203.0.113.81"],"TTLs":[60.0,60.0],"rejected":false}',
      build: (_g, c) => dns(c),
    }),
    rule({
      id: 'http',
      sample:
        '{"ts":1790812806.1,"uid":"CqfNxL2Xb7m8Fp0zG","id.orig_h":"10.0.1.23","id.orig_p":52400,"id.resp_h":"93.184.216.34","id.resp_p":80,"trans_depth":1,"method":"GET","host":"www.example.co.jp","uri":"/index.html?lang=ja","version":"1.1","user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","request_body_len":0,"response_body_len":5120,"status_code":200,"status_msg":"OK","tags":[],"resp_fuids":["FvX0rs3gqc7e5yPkSj"],"resp_mime_types":["text/html"]}',
      build: (_g, c) => http(c),
    }),
    rule({
      id: 'ssl',
      sample:
        '{"ts":1790812808.3,"uid":"CpSCvL1aG3z2kRj5nh","id.orig_h":"10.0.1.23","id.orig_p":52402,"id.resp_h":"203.0.113.90","id.resp_p":443,"version":"TLSv13","cipher":"TLS_AES_128_GCM_SHA256","server_name":"www.nicovideo.jp","resumed":false,"established":true}',
      build: (_g, c) => ssl(c),
    }),
    rule({
      id: 'notice',
      sample:
        '{"ts":1790812809.0,"note":"SSH::Password_Guessing","msg":"203.0.113.9 appears to be guessing SSH passwords (seen in 30 connections).","sub":"Sampled servers:  10.0.0.5","src":"203.0.113.9","actions":["Notice::ACTION_LOG"],"suppress_for":3600.0,"_path":"notice"}',
      build: (_g, c) => logged(c, 'alert'),
    }),
    rule({
      id: 'weird',
      sample:
        '{"_path":"weird","ts":1790812810.1,"uid":"CzKv6R3fWnDq7Lh2b","id.orig_h":"10.0.1.23","id.orig_p":52410,"id.resp_h":"203.0.113.91","id.resp_p":80,"name":"bad_HTTP_request","notice":false,"peer":"zeek","source":"HTTP"}',
      build: (_g, c) => logged(c, 'event'),
    }),
    rule({
      id: 'other',
      sample:
        '{"_path":"files","ts":1790812811.2,"fuid":"FwRk8u3Lh1Q2yTqQ6","uid":"CqfNxL2Xb7m8Fp0zG","id.orig_h":"10.0.1.23","id.orig_p":52400,"id.resp_h":"93.184.216.34","id.resp_p":80,"source":"HTTP","depth":0,"analyzers":["MD5"],"mime_type":"application/x-dosexec","filename":"setup.exe","duration":0.01,"is_orig":false,"seen_bytes":5120,"total_bytes":5120,"missing_bytes":0,"overflow_bytes":0,"timedout":false,"md5":"0f343b0931126a20f133d67c2b018a3b"}',
      build: (_g, c) => logged(c),
    }),
  ],
  jsonKeyOf((r) => keyOfPath(pathOf(r as Row))),
);

function translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
  void _ctx;
  const row = rowOf(record);
  const path = pathOf(row);
  const e = base(row, path);
  // Every record has a path, and every path a rule: `other` takes the paths without one. The key is
  // given, as a TSV row's text alone does not tell its log.
  const { result } = applyRules(RULES, record.text, { row, path, e }, keyOfPath(path))!;
  assignFields(e, result.fields);
  e['kansa.message.ja'] = result.ja;
  e['kansa.message.en'] = result.en;
  return [e];
}

export const zeekFormat: Format = {
  id: 'zeek',
  // `csv` framing: JSON lines pass through as they are; TSV gets its #fields header.
  framing: 'csv',
  detect,
  translate,
  isHeader(line: string): string[] | null {
    return line.startsWith('#fields\t') ? line.replace(/\r$/, '').split('\t').slice(1) : null;
  },
  isPreamble(line: string): boolean {
    return TSV_META.test(line);
  },
};

export default zeekFormat;
