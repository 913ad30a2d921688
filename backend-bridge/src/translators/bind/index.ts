/**
 * BIND 9 query logging, as a file (`channel … { file "query.log"; print-time yes; }`) and through
 * syslog (`named[123]: client @0x7f… 10.0.1.23#53211 (www.example.co.jp): query: …`).
 *   9.11+: `client @0x7f8a2c0a1b30 10.0.1.23#53211 (www.example.co.jp): query: www.example.co.jp IN A +E(0)K (10.0.0.53)`
 *   9.9:   `client 10.0.1.23#53211 (www.example.co.jp): query: www.example.co.jp IN A + (10.0.0.53)`
 *   views: `… (name): view internal: query: …`; print-category/severity: `queries: info: client …`
 *   also `query (cache) 'x/A/IN' denied` and query-errors `query failed (SERVFAIL) for x/IN/A at query.c:1234`.
 * Flags: + recursion desired, - not; E(n) EDNS version; S signed; T TCP; D DNSSEC OK; C checking
 * disabled; V valid server cookie; K cookie present.
 */
import type {
  Format,
  KansaEvent,
  RawRecord,
  SyslogMessage,
  SyslogProgram,
  TranslateContext,
} from '../../translate/types';
import { ParseError } from '../../translate/types';
import { MONTHS, zonedToUtc } from '../../translate/time';
import { isIp } from '../_lib/network';
import { shareOfLines } from '../../translate/detect';

const CLIENT = /^client (?:@0x[0-9a-f]+ )?(\S+?)#(\d+)(?: \(([^)]*)\))?: (?:view ([^:]+): )?(.*)$/;
const QUERY = /^query: (\S+) (\S+) (\S+) (\S*)(?: \((\S+)\))?$/;
const DENIED = /^query(?: \(([^)]+)\))? '([^/]+)\/([^/]+)\/([^']+)' denied/;
const FAILED = /^query failed \(([^)]+)\) for ([^/]+)\/([^/]+)\/(\S+)/;
const FILE_TIME = /^(\d\d)-([A-Z][a-z]{2})-(\d{4}) (\d\d):(\d\d):(\d\d)(?:\.(\d{3}))? /;
const ISO_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)) /;

function flagWords(flags: string): { ja: string[]; en: string[]; raw: string } {
  const ja: string[] = [];
  const en: string[] = [];
  if (flags.startsWith('+')) {
    ja.push('再帰');
    en.push('recursive');
  }
  if (flags.includes('T')) {
    ja.push('TCP');
    en.push('TCP');
  }
  if (flags.includes('S')) {
    ja.push('署名付き');
    en.push('signed');
  }
  if (flags.includes('D')) {
    ja.push('DNSSEC');
    en.push('DNSSEC');
  }
  return { ja, en, raw: flags };
}

/** Translates the part from `client …` on. `server` names the DNS server for the sentence. */
export function translateBindClient(body: string, server: string | undefined): KansaEvent | null {
  let text = body;
  if (text.startsWith('queries: ') || text.startsWith('query-errors: ') || text.startsWith('security: ')) {
    const a = text.indexOf(': ');
    const b = text.indexOf(': ', a + 2);
    text = b > 0 ? text.slice(b + 2) : text.slice(a + 2);
  }
  const c = CLIENT.exec(text);
  if (!c) return null;
  const [, clientIp, port, , view, rest] = c;
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'bind',
    'event.dataset': 'bind.queries',
    'event.category': ['network'],
    'event.type': ['protocol'],
    'network.protocol': 'dns',
    'observer.type': 'dns',
    'observer.product': 'BIND',
    'kansa.source_type': 'bind',
  };
  if (isIp(clientIp)) ev['source.ip'] = clientIp;
  ev['source.port'] = Number(port);
  const raw: Record<string, string> = {};
  if (view) raw.view = view;
  ev['kansa.raw'] = raw;
  const srvJa = server ? `DNS サーバー ${server} に ` : '';
  const srvEn = server ? ` from DNS server ${server}` : '';
  const viewJa = view ? `、ビュー ${view}` : '';
  const viewEn = view ? `, view ${view}` : '';

  const q = QUERY.exec(rest);
  if (q) {
    const [, name, klass, type, flags, dst] = q;
    ev['dns.question.name'] = name;
    ev['dns.question.type'] = type;
    ev['event.action'] = 'dns-query';
    ev['event.outcome'] = 'success';
    if (dst && isIp(dst)) ev['destination.ip'] = dst;
    ev['network.transport'] = flags.includes('T') ? 'tcp' : 'udp';
    raw.class = klass;
    raw.flags = flags;
    const f = flagWords(flags);
    const to = dst ? `DNS サーバー ${dst} に ` : srvJa;
    const toEn = dst ? ` from DNS server ${dst}` : srvEn;
    ev['kansa.message.ja'] =
      `${clientIp} が ${to}${name} の ${type} レコードを問い合わせました${f.ja.length || view ? `(${[...f.ja].join('、')}${viewJa})`.replace('(、', '(') : ''}`;
    ev['kansa.message.en'] =
      `${clientIp} queried ${name} ${type}${toEn}${f.en.length || view ? ` (${f.en.join(', ')}${viewEn})`.replace('(, ', '(') : ''}`;
    return ev;
  }
  const d = DENIED.exec(rest);
  if (d) {
    const [, what, name, type, klass] = d;
    ev['dns.question.name'] = name;
    ev['dns.question.type'] = type;
    ev['dns.response_code'] = 'REFUSED';
    ev['event.type'] = ['denied'];
    ev['event.action'] = 'dns-query-denied';
    ev['event.outcome'] = 'failure';
    ev['event.reason'] = `query${what ? ` (${what})` : ''} denied`;
    raw.class = klass;
    ev['kansa.message.en'] =
      `${clientIp} was refused a query for ${name} ${type}${srvEn}${what ? ` (${what}${viewEn})` : view ? ` (${viewEn.slice(2)})` : ''}`;
    ev['kansa.message.ja'] =
      `${clientIp} が ${srvJa}${name} の ${type} レコードを問い合わせましたが拒否されました${what ? `(${what}${viewJa})` : ''}`;
    return ev;
  }
  const fl = FAILED.exec(rest);
  if (fl) {
    const [, rcode, name, klass, type] = fl;
    ev['dns.question.name'] = name;
    ev['dns.question.type'] = type;
    ev['dns.response_code'] = rcode;
    ev['event.action'] = 'dns-query-failed';
    ev['event.outcome'] = 'failure';
    ev['event.reason'] = rcode;
    raw.class = klass;
    ev['kansa.message.ja'] =
      `${clientIp} が ${srvJa}${name} の ${type} レコードを問い合わせましたが失敗しました(${rcode}${viewJa})`;
    ev['kansa.message.en'] = `${clientIp}'s query for ${name} ${type}${srvEn} failed (${rcode}${viewEn})`;
    return ev;
  }
  return null;
}

function fileTime(line: string, ctx: TranslateContext): { iso: string; rest: string } | null {
  const m = FILE_TIME.exec(line);
  if (m) {
    const month = MONTHS[m[2]];
    if (!month) return null;
    const d = zonedToUtc(
      Number(m[3]),
      month,
      Number(m[1]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6]),
      Number(m[7] ?? '0'),
      ctx.timeZone,
    );
    if (Number.isNaN(d.getTime())) return null;
    return { iso: d.toISOString(), rest: line.slice(m[0].length) };
  }
  const i = ISO_TIME.exec(line);
  if (i) {
    const d = new Date(i[1]);
    if (Number.isNaN(d.getTime())) return null;
    return { iso: d.toISOString(), rest: line.slice(i[0].length) };
  }
  return null;
}

export const bindFormat: Format = {
  id: 'bind-querylog',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(
      sample,
      (l) => (FILE_TIME.test(l) || ISO_TIME.test(l)) && / client (?:@0x[0-9a-f]+ )?\S+#\d+/.test(l),
      0.95,
    );
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const line = record.text.replace(/\r$/, '');
    const t = fileTime(line, ctx);
    if (!t) throw new ParseError('expected a BIND log time: "01-Oct-2026 09:00:01.123" or ISO 8601');
    const ev = translateBindClient(t.rest, undefined);
    if (!ev)
      throw new ParseError(
        'expected a BIND query line: "client [@0x…] IP#PORT (NAME): query: NAME CLASS TYPE FLAGS (SERVER)"',
      );
    ev['@timestamp'] = t.iso;
    return [ev];
  },
};

export const bindSyslog: SyslogProgram = {
  id: 'bind',
  matches(msg: SyslogMessage): boolean {
    return msg.program === 'named';
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    const ev = translateBindClient(msg.message.trim(), msg.host);
    if (ev && msg.host) ev['observer.name'] = msg.host;
    return ev;
  },
};
