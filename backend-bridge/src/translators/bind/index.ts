/**
 * BIND 9 query logging, as a file (`channel … { file "query.log"; print-time yes; }`) and through
 * syslog (`named[123]: client @0x7f… 10.0.1.23#53211 (www.example.co.jp): query: …`).
 *   9.11+: `client @0x7f8a2c0a1b30 10.0.1.23#53211 (www.example.co.jp): query: www.example.co.jp IN A +E(0)K (10.0.0.53)`
 *   9.9:   `client 10.0.1.23#53211 (www.example.co.jp): query: www.example.co.jp IN A + (10.0.0.53)`
 *   views: `… (name): view internal: query: …`; print-category/severity: `queries: info: client …`
 *   also `query (cache) 'x/A/IN' denied` and query-errors `query failed (SERVFAIL) for x/IN/A at query.c:1234`.
 * Flags: + recursion desired, - not; E(n) EDNS version; S signed; T TCP; D DNSSEC OK; C checking
 * disabled; V valid server cookie; K cookie present.
 * The message forms (query, denied, failed) are a rule table (`RULES`), a real message each.
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
import { applyRules, assignFields, ruleTable, sentenceIn, type MessageRule } from '../_lib/rules';
import { shareOfLines } from '../../translate/detect';

const CLIENT = /^client (?:@0x[0-9a-f]+ )?(\S+?)#(\d+)(?: \(([^)]*)\))?: (?:view ([^:]+): )?(.*)$/;
/** The client part every message starts with, for the rules' regexes (CLIENT reads its groups). */
const CLIENT_SRC = String.raw`^client (?:@0x[0-9a-f]+ )?\S+?#\d+(?: \([^)]*\))?: (?:view [^:]+: )?`;
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

/** What the rules word their sentences with, read from the client part of a message. */
interface Query {
  clientIp: string;
  port: string;
  view?: string;
  /** Where rules add the class and flags; already in the event (after the view). */
  raw: Record<string, string>;
  srvJa: string;
  srvEn: string;
  viewJa: string;
  viewEn: string;
}

function readQuery(text: string, server: string | undefined): Query | null {
  const c = CLIENT.exec(text);
  if (!c) return null;
  const [, clientIp, port, , view] = c;
  const raw: Record<string, string> = {};
  if (view) raw.view = view;
  return {
    clientIp,
    port,
    view,
    raw,
    srvJa: server ? `DNS サーバー ${server} に ` : '',
    srvEn: server ? ` from DNS server ${server}` : '',
    viewJa: view ? `、ビュー ${view}` : '',
    viewEn: view ? `, view ${view}` : '',
  };
}

/** A rule per message form; its sample is read with the server named `ns01`, as in the syslog golden case. */
const rule = (r: Omit<MessageRule<Query>, 'sampleContext'>): MessageRule<Query> => ({
  ...r,
  sampleContext: readQuery(r.sample, 'ns01')!,
});

export const RULES = ruleTable<Query>(
  'bind',
  readQuery('client 10.0.1.77#1053 (old.example.jp): query: old.example.jp IN MX + (10.0.0.53)', 'ns01')!,
  [
    rule({
      id: 'query',
      sample:
        'client @0x7f8a2c0a1b30 10.0.1.23#53211 (www.example.co.jp): query: www.example.co.jp IN A +E(0)K (10.0.0.53)',
      match: new RegExp(
        CLIENT_SRC + String.raw`query: (?<name>\S+) (?<klass>\S+) (?<type>\S+) (?<flags>\S*)(?: \((?<dst>\S+)\))?$`,
      ),
      build({ name, klass, type, flags, dst }, q) {
        const fields: KansaEvent = {
          'dns.question.name': name,
          'dns.question.type': type,
          'event.action': 'dns-query',
          'event.outcome': 'success',
        };
        if (dst && isIp(dst)) fields['destination.ip'] = dst;
        fields['network.transport'] = flags.includes('T') ? 'tcp' : 'udp';
        q.raw.class = klass;
        q.raw.flags = flags;
        const f = flagWords(flags);
        const to = dst ? `DNS サーバー ${dst} に ` : q.srvJa;
        const toEn = dst ? ` from DNS server ${dst}` : q.srvEn;
        fields['kansa.message.ja'] =
          `${q.clientIp} が ${to}${name} の ${type} レコードを問い合わせました${f.ja.length || q.view ? `(${[...f.ja].join('、')}${q.viewJa})`.replace('(、', '(') : ''}`;
        fields['kansa.message.en'] =
          `${q.clientIp} queried ${name} ${type}${toEn}${f.en.length || q.view ? ` (${f.en.join(', ')}${q.viewEn})`.replace('(, ', '(') : ''}`;
        return sentenceIn(fields);
      },
    }),
    rule({
      id: 'query-denied',
      sample: "client @0x7f8a2c0a1b30 203.0.113.5#4444 (example.com): query (cache) 'example.com/ANY/IN' denied",
      match: new RegExp(
        CLIENT_SRC + String.raw`query(?: \((?<what>[^)]+)\))? '(?<name>[^/]+)\/(?<type>[^/]+)\/(?<klass>[^']+)' denied`,
      ),
      build({ what, name, type, klass }, q) {
        q.raw.class = klass;
        return sentenceIn({
          'dns.question.name': name,
          'dns.question.type': type,
          'dns.response_code': 'REFUSED',
          'event.type': ['denied'],
          'event.action': 'dns-query-denied',
          'event.outcome': 'failure',
          'event.reason': `query${what ? ` (${what})` : ''} denied`,
          'kansa.message.en': `${q.clientIp} was refused a query for ${name} ${type}${q.srvEn}${what ? ` (${what}${q.viewEn})` : q.view ? ` (${q.viewEn.slice(2)})` : ''}`,
          'kansa.message.ja': `${q.clientIp} が ${q.srvJa}${name} の ${type} レコードを問い合わせましたが拒否されました${what ? `(${what}${q.viewJa})` : ''}`,
        });
      },
    }),
    rule({
      id: 'query-failed',
      sample:
        'client @0x7f8a2c107b90 10.0.1.23#53400 (broken.example.net): query failed (SERVFAIL) for broken.example.net/IN/A at query.c:7375',
      match: new RegExp(
        CLIENT_SRC + String.raw`query failed \((?<rcode>[^)]+)\) for (?<name>[^/]+)\/(?<klass>[^/]+)\/(?<type>\S+)`,
      ),
      build({ rcode, name, klass, type }, q) {
        q.raw.class = klass;
        return sentenceIn({
          'dns.question.name': name,
          'dns.question.type': type,
          'dns.response_code': rcode,
          'event.action': 'dns-query-failed',
          'event.outcome': 'failure',
          'event.reason': rcode,
          'kansa.message.ja': `${q.clientIp} が ${q.srvJa}${name} の ${type} レコードを問い合わせましたが失敗しました(${rcode}${q.viewJa})`,
          'kansa.message.en': `${q.clientIp}'s query for ${name} ${type}${q.srvEn} failed (${rcode}${q.viewEn})`,
        });
      },
    }),
  ],
);

/** Translates the part from `client …` on. `server` names the DNS server for the sentence. */
export function translateBindClient(body: string, server: string | undefined): KansaEvent | null {
  let text = body;
  if (text.startsWith('queries: ') || text.startsWith('query-errors: ') || text.startsWith('security: ')) {
    const a = text.indexOf(': ');
    const b = text.indexOf(': ', a + 2);
    text = b > 0 ? text.slice(b + 2) : text.slice(a + 2);
  }
  const q = readQuery(text, server);
  if (!q) return null;
  const applied = applyRules(RULES, text, q);
  if (!applied) return null;
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
  if (isIp(q.clientIp)) ev['source.ip'] = q.clientIp;
  ev['source.port'] = Number(q.port);
  ev['kansa.raw'] = q.raw;
  return assignFields(ev, applied.result.fields);
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

/** BIND's severities as `print-severity` writes them (`debug 3` for a debug level). */
const SERVER_LINE =
  /^(?:(?<category>[a-z][a-z0-9-]*): )?(?:(?<severity>critical|error|warning|notice|info|dynamic|debug(?: \d+)?): )?(?<text>\S.*)$/;

/**
 * A line of named's own (zone loads, transfers, errors) in a file whose channel also receives other
 * categories than `queries`: `01-Oct-2026 09:00:08.000 general: info: zone example.co.jp/IN: loaded serial
 * 2026100101`. It is kept as a server log event with its category and severity, not read as a query.
 */
function serverMessage(rest: string): KansaEvent | null {
  const m = SERVER_LINE.exec(rest);
  if (!m?.groups || rest.startsWith('client ')) return null; // a `client …` line that did not parse is damaged
  const { category, severity, text } = m.groups;
  const label = [category, severity].filter(Boolean).join('/');
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'bind',
    'event.dataset': 'bind.server',
    'event.category': ['network'],
    'event.type': ['info'],
    'event.action': 'dns-server-log',
    'network.protocol': 'dns',
    'observer.type': 'dns',
    'observer.product': 'BIND',
    'kansa.source_type': 'bind',
    message: text,
    'kansa.message.ja': `DNS サーバー (BIND) のログ${label ? ` [${label}]` : ''}: ${text}`,
    'kansa.message.en': `BIND DNS server log${label ? ` [${label}]` : ''}: ${text}`,
  };
  if (severity) ev['log.level'] = severity.split(' ')[0];
  if (severity === 'error' || severity === 'critical') ev['event.outcome'] = 'failure';
  if (category) ev['kansa.raw'] = { category };
  return ev;
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
    const ev = translateBindClient(t.rest, undefined) ?? serverMessage(t.rest);
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
