/**
 * PostgreSQL server log lines with pgaudit, as a stderr log file and through syslog.
 *   stderr: `2026-10-01 09:00:01.123 JST [12345] hr_admin@hrdb LOG:  AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.employees,"select * from employees",<not logged>`
 *           (log_line_prefix '%m [%p] %q%u@%d ' as Debian ships it; '%m [%p] ' is PostgreSQL's default;
 *           '%t:%r:%u@%d:[%p]:' is a common hand-set one)
 *   syslog: `postgres[12345]: [3-1] 2026-10-01 09:00:01.123 JST [12345] hr_admin@hrdb LOG:  AUDIT: …`
 * Also connection lines (`connection received`, `connection authorized`, `disconnection`), auth
 * failures (`FATAL:  password authentication failed for user "x"`, `no pg_hba.conf entry …`,
 * `role "x" does not exist`) and `ERROR:  permission denied for table x`.
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
import { zonedToUtc } from '../../translate/time';
import { splitCsvLine } from '../../translate/csv';
import { isIp, setSource } from '../_lib/network';
import { CLASS_WORDS, type ClassWords } from '../_lib/database';
import { applyRules, assignFields, ruleTable, sentenceOut, type RuleResult } from '../_lib/rules';
import { shareOfLines } from '../../translate/detect';

const TS = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? ?([A-Z]{2,5}|[+-]\d\d(?::?\d\d)?)?/;
const LEVEL =
  /(?:^|[\s:\]])(LOG|ERROR|FATAL|PANIC|WARNING|NOTICE|INFO|DEBUG[1-5]?|STATEMENT|DETAIL|HINT|CONTEXT|QUERY): {2}/;
const ZONES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  JST: 540,
  KST: 540,
  CST: -360,
  EST: -300,
  EDT: -240,
  PST: -480,
  PDT: -420,
  CET: 60,
  CEST: 120,
  BST: 60,
  IST: 330,
  SGT: 480,
  HKT: 480,
  AEST: 600,
};

interface PgLine {
  time?: string;
  pid?: number;
  user?: string;
  db?: string;
  client?: string;
  clientPort?: string;
  app?: string;
  level: string;
  text: string;
}

function toIso(m: RegExpExecArray, ctx: TranslateContext): string | undefined {
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  let offset: number | undefined;
  if (zone) {
    if (zone in ZONES) offset = ZONES[zone];
    else if (/^[+-]/.test(zone)) {
      const digits = zone.replace(':', '');
      offset = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
    }
  }
  let t: number;
  if (offset !== undefined) {
    t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offset * 60000;
  } else {
    t = zonedToUtc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms, ctx.timeZone).getTime();
  }
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** Splits `[prefix] LEVEL:  text`, reading the time, [pid], user@db and host(port) from the prefix. */
export function parsePgLine(line: string, ctx: TranslateContext): PgLine | null {
  let s = line;
  let time: string | undefined;
  const t = TS.exec(s);
  if (t) {
    time = toIso(t, ctx);
    s = s.slice(t[0].length);
  }
  const lv = LEVEL.exec(s);
  if (!lv) return null;
  const levelAt = lv.index + lv[0].length - lv[1].length - 3;
  const prefix = s.slice(0, levelAt);
  const out: PgLine = { time, level: lv[1], text: s.slice(lv.index + lv[0].length) };
  const pid = /\[(\d+)\]/.exec(prefix);
  if (pid) out.pid = Number(pid[1]);
  const ud = /(?:^|[\s:\]])([A-Za-z0-9_.$-]+|\[unknown\])@([A-Za-z0-9_.$-]+|\[unknown\])(?=[\s:,]|$)/.exec(prefix);
  if (ud) {
    if (ud[1] !== '[unknown]') out.user = ud[1];
    if (ud[2] !== '[unknown]') out.db = ud[2];
  }
  const cl = /(?:^|[\s:])((?:\d{1,3}\.){3}\d{1,3}|[0-9a-fA-F]*:[0-9a-fA-F:.]+|\[local\])\((\d+)\)/.exec(prefix);
  if (cl) {
    // "UTC:10.0.1.45(50123)": the separator colon is not part of an IPv4 address.
    out.client = !isIp(cl[1]) && cl[1].startsWith(':') && isIp(cl[1].slice(1)) ? cl[1].slice(1) : cl[1];
    out.clientPort = cl[2];
  }
  const kv = /user=([^,\s]+),db=([^,\s]+)(?:,app=([^,]+?))?(?:,client=(\S+))?(?:\s|$)/.exec(prefix);
  if (kv) {
    out.user = kv[1];
    out.db = kv[2];
    if (kv[3]) out.app = kv[3];
    if (kv[4]) out.client = kv[4];
  }
  return out;
}

/** The shared class words with PostgreSQL's ROLE (roles), FUNCTION (functions) and MISC SET (settings). */
const PG_CLASS_WORDS: Record<string, ClassWords> = {
  ...CLASS_WORDS,
  ROLE: {
    ja: 'のロール・権限を変更しました',
    en: 'changed roles or privileges on',
    jaNone: 'ロール・権限を変更しました',
    enNone: 'changed roles or privileges',
    action: 'db-role-change',
    type: 'change',
  },
  FUNCTION: {
    ja: 'を実行しました',
    en: 'called',
    jaNone: '関数を実行しました',
    enNone: 'called a function',
    action: 'db-function-call',
    type: 'access',
  },
  MISC_SET: {
    ja: 'の設定を変更しました',
    en: 'changed settings of',
    jaNone: '設定を変更しました',
    enNone: 'changed settings',
    action: 'db-misc',
    type: 'change',
  },
};

/** What every rule sees besides its groups: the parsed line and the sentence pieces. */
interface PgCtx {
  p: PgLine;
  host: string | undefined;
  who: string | undefined;
  /** `db01 上のデータベース hrdb` (or `db01` / `データベース` when parts are unknown). */
  dbJa: string;
  onDbJa: string;
  onDbEn: string;
  fromJa: string;
  fromEn: string;
  subjJa: string;
}

function pgCtx(p: PgLine, host: string | undefined): PgCtx {
  const who = p.user;
  const hostJa = host ? `${host} 上の ` : '';
  const dbJa = `${hostJa}${p.db ? `データベース ${p.db}` : 'データベース'}`;
  return {
    p,
    host,
    who,
    dbJa,
    onDbJa: `${dbJa} の `,
    onDbEn: `${p.db ? ` in database ${p.db}` : ''}${host ? ` on ${host}` : ''}`,
    fromJa: p.client && p.client !== '[local]' ? `${p.client} から ` : '',
    fromEn: p.client && p.client !== '[local]' ? ` from ${p.client}` : '',
    subjJa: who ? `${who} が ` : `${host ?? 'PostgreSQL'} で `,
  };
}

/** A failed login by password or another method; the reason is the server's own words. */
function loginFailed(user: string, reason: string, { p, host, dbJa, fromJa, fromEn }: PgCtx): RuleResult {
  const ev: KansaEvent = {};
  ev['user.name'] = user;
  ev['event.category'] = ['authentication', 'database'];
  ev['event.type'] = ['start'];
  ev['event.action'] = 'logon-failed';
  ev['event.outcome'] = 'failure';
  ev['event.reason'] = reason;
  ev['kansa.message.ja'] = `${user} が ${fromJa}${dbJa} へのログインに失敗しました(パスワード誤り)`;
  ev['kansa.message.en'] =
    `${user} failed to log in to ${p.db ? `database ${p.db}` : 'the database'}${host ? ` on ${host}` : ''}${fromEn} (bad password)`;
  return sentenceOut(ev);
}

const SAMPLE_LINE: PgLine = {
  level: 'LOG',
  text: '',
  user: 'hr_admin',
  db: 'hrdb',
  client: '10.0.1.45',
  clientPort: '50123',
};
const sampleAt = (level: string): PgCtx => pgCtx({ ...SAMPLE_LINE, level }, 'db01');

/** One rule per PostgreSQL/pgaudit message form (the text after `LOG:  `), in the order they are tried. */
export const RULES = ruleTable<PgCtx>('pgaudit', sampleAt('LOG'), [
  {
    id: 'pgaudit',
    sample: 'AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.employees,"select * from employees",<not logged>',
    match: /^AUDIT: (?<csv>[^]*)$/,
    build({ csv }, { who, dbJa, onDbJa, onDbEn, fromJa, fromEn, subjJa }) {
      const ev: KansaEvent = {};
      const f = splitCsvLine(csv);
      const [auditType, stmtId, subId, klass, command, objType, objName, statement, parameter] = f;
      ev['event.category'] = ['database'];
      const w = PG_CLASS_WORDS[klass] ?? {
        ja: 'に対して操作しました',
        en: 'operated on',
        jaNone: '操作しました',
        enNone: 'operated',
        action: `db-${(klass ?? 'unknown').toLowerCase()}`,
        type: 'info',
      };
      ev['event.type'] = [w.type];
      ev['event.action'] = w.action;
      ev['event.outcome'] = 'success';
      if (klass) ev['kansa.db.class'] = klass;
      if (command) ev['kansa.db.command'] = command;
      if (objName) ev['kansa.db.object'] = objName;
      if (statement !== undefined && statement !== '<not logged>') ev['kansa.db.statement'] = statement;
      const raw: Record<string, string> = {
        audit_type: auditType ?? '',
        statement_id: stmtId ?? '',
        substatement_id: subId ?? '',
      };
      if (objType) raw.object_type = objType;
      if (parameter !== undefined) raw.parameter = parameter;
      if (f.length > 9) raw.extra = f.slice(9).join(',');
      ev['kansa.raw'] = raw;
      const tag = `${command || klass || 'SQL'}、pgaudit ${auditType}`;
      const tagEn = `${command || klass || 'SQL'}, pgaudit ${auditType}`;
      ev['kansa.message.ja'] = objName
        ? `${subjJa}${fromJa}${onDbJa}${objName} ${w.ja}(${tag})`
        : `${subjJa}${fromJa}${dbJa} で${w.jaNone}(${tag})`;
      ev['kansa.message.en'] = objName
        ? `${who ?? 'Someone'} ${w.en} ${objName}${onDbEn}${fromEn} (${tagEn})`
        : `${who ?? 'Someone'} ${w.enNone}${onDbEn}${fromEn} (${tagEn})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'connection-received',
    sample: 'connection received: host=10.0.1.45 port=50123',
    match: /^connection received: host=(?<client>\S+?)(?: port=(?<port>\d+))?$/,
    build({ client, port }, { host }) {
      const ev: KansaEvent = {};
      setSource(ev, client, port);
      ev['event.category'] = ['network'];
      ev['event.type'] = ['connection', 'start'];
      ev['event.action'] = 'db-connection-received';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${host ?? 'PostgreSQL'} が ${client} からのデータベース接続を受け付けました`;
      ev['kansa.message.en'] = `${host ?? 'PostgreSQL'} received a database connection from ${client}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'connection-authorized',
    sample:
      'connection authorized: user=hr_admin database=hrdb application_name=psql SSL enabled (protocol=TLSv1.3, cipher=TLS_AES_256_GCM_SHA384, bits=256)',
    match:
      /^connection authorized: user=(?<user>\S+)(?: database=(?<db>\S+))?(?: application_name=(?<app>.+?))?(?: (?<security>SSL enabled.*|GSS.*))?$/,
    build({ user, db: database, app, security }, { p, host, fromJa, fromEn }) {
      const ev: KansaEvent = {};
      ev['user.name'] = user;
      if (database) ev['kansa.db.name'] = database;
      if (app) ev['kansa.db.client'] = app;
      if (security) ev['kansa.raw'] = { security };
      ev['event.category'] = ['authentication', 'database'];
      ev['event.type'] = ['start'];
      ev['event.action'] = 'logged-in';
      ev['event.outcome'] = 'success';
      const db = database ?? p.db;
      ev['kansa.message.ja'] =
        `${user} が ${fromJa}${host ? `${host} の ` : ''}データベース ${db ?? '?'} にログインしました${app ? `(${app})` : ''}`;
      ev['kansa.message.en'] =
        `${user} logged in to database ${db ?? '?'}${host ? ` on ${host}` : ''}${fromEn}${app ? ` (${app})` : ''}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'disconnection',
    sample: 'disconnection: session time: 0:12:03.456 user=hr_admin database=hrdb host=10.0.1.45 port=50123',
    match:
      /^disconnection: session time: (?<h>\d+):(?<m>\d\d):(?<s>\d\d(?:\.\d+)?) user=(?<user>\S+) database=(?<db>\S+) host=(?<client>\S+)(?: port=(?<port>\d+))?/,
    build(g, { host }) {
      const ev: KansaEvent = {};
      ev['user.name'] = g.user;
      ev['kansa.db.name'] = g.db;
      setSource(ev, g.client, g.port);
      const secs = Number(g.h) * 3600 + Number(g.m) * 60 + Number(g.s);
      ev['event.duration'] = Math.round(secs * 1e9);
      ev['event.category'] = ['session', 'database'];
      ev['event.type'] = ['end'];
      ev['event.action'] = 'logged-out';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] =
        `${g.user} が ${g.client} から ${host ? `${host} の ` : ''}データベース ${g.db} を切断しました(接続時間 ${g.h}:${g.m}:${g.s})`;
      ev['kansa.message.en'] =
        `${g.user} disconnected from database ${g.db}${host ? ` on ${host}` : ''} from ${g.client} (session ${g.h}:${g.m}:${g.s})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'password-authentication-failed',
    sample: 'password authentication failed for user "hr_admin"',
    match: /^(?<all>password authentication failed for user "(?<user>[^"]*)"[^]*)$/,
    build: ({ all, user }, c) => loginFailed(user, all, c),
  },
  {
    id: 'other-authentication-failed',
    sample: 'Peer authentication failed for user "postgres"',
    match:
      /^(?<all>(?:Ident|Peer|GSSAPI|SSPI|LDAP|RADIUS|certificate|PAM|SCRAM) authentication failed for user "(?<user>[^"]*)"[^]*)$/,
    build: ({ all, user }, c) => loginFailed(user, all, c),
  },
  {
    id: 'no-pg-hba-entry',
    sample: 'no pg_hba.conf entry for host "203.0.113.9", user "postgres", database "hrdb", no encryption',
    match:
      /^no pg_hba\.conf entry for (?:replication connection from )?host "(?<client>[^"]+)", user "(?<user>[^"]*)", (?:database "(?<db>[^"]*)", )?(?<detail>.*)$/,
    build({ client, user, db, detail }, { host }) {
      const ev: KansaEvent = {};
      ev['user.name'] = user;
      setSource(ev, client);
      if (db) ev['kansa.db.name'] = db;
      ev['event.category'] = ['authentication', 'database'];
      ev['event.type'] = ['start', 'denied'];
      ev['event.action'] = 'logon-denied';
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = 'no pg_hba.conf entry';
      ev['kansa.message.ja'] =
        `${user} が ${client} から ${host ? `${host} の ` : ''}データベース ${db ?? '?'} への接続を拒否されました(pg_hba.conf に許可なし、${detail})`;
      ev['kansa.message.en'] =
        `${user} was refused a connection to database ${db ?? '?'}${host ? ` on ${host}` : ''} from ${client} (no pg_hba.conf entry, ${detail})`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'unknown-role',
    sample: 'role "guest" does not exist',
    sampleContext: sampleAt('FATAL'),
    match: /^role "(?<user>[^"]*)" does not exist$/,
    build({ user }, { p, host, dbJa, fromJa, fromEn }) {
      if (p.level !== 'FATAL') return null;
      const ev: KansaEvent = {};
      ev['user.name'] = user;
      ev['event.category'] = ['authentication', 'database'];
      ev['event.type'] = ['start'];
      ev['event.action'] = 'logon-failed';
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = 'unknown role';
      ev['kansa.message.ja'] = `${user} が ${fromJa}${dbJa} へのログインに失敗しました(存在しないロール)`;
      ev['kansa.message.en'] =
        `${user} failed to log in to ${p.db ? `database ${p.db}` : 'the database'}${host ? ` on ${host}` : ''}${fromEn} (role does not exist)`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'permission-denied',
    sample: 'permission denied for table salaries',
    match:
      /^(?<all>permission denied for (?<kind>table|relation|schema|database|function|sequence|view) (?<object>.+))$/,
    build({ all, kind, object }, { who, onDbJa, onDbEn, fromJa, fromEn, subjJa }) {
      const ev: KansaEvent = {};
      ev['kansa.db.object'] = object;
      ev['event.category'] = ['database'];
      ev['event.type'] = ['denied'];
      ev['event.action'] = 'db-access-denied';
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = all;
      ev['kansa.message.ja'] = `${subjJa}${fromJa}${onDbJa}${object} へのアクセスを拒否されました(${kind})`;
      ev['kansa.message.en'] = `${who ?? 'Someone'} was denied access to ${kind} ${object}${onDbEn}${fromEn}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'statement',
    sample: 'statement: SELECT * FROM employees WHERE id = 1',
    match: /^(?:statement|execute [^:]*): (?<sql>.*)$/s,
    build({ sql }, { p, who, dbJa, onDbEn, fromJa, fromEn, subjJa }) {
      if (p.level !== 'LOG') return null;
      const ev: KansaEvent = {};
      ev['kansa.db.statement'] = sql;
      const cmd = /^\s*([A-Za-z]+)/.exec(sql);
      if (cmd) ev['kansa.db.command'] = cmd[1].toUpperCase();
      ev['event.category'] = ['database'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'db-statement';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${subjJa}${fromJa}${dbJa} で SQL を実行しました(${cmd ? cmd[1].toUpperCase() : 'SQL'})`;
      ev['kansa.message.en'] = `${who ?? 'Someone'} ran ${cmd ? cmd[1].toUpperCase() : 'SQL'}${onDbEn}${fromEn}`;
      return sentenceOut(ev);
    },
  },
  {
    id: 'error',
    sample: 'relation "payroll" does not exist at character 15',
    sampleContext: sampleAt('ERROR'),
    match: /^(?<all>[^]*)$/,
    build({ all }, { p, who, dbJa, onDbEn, subjJa }) {
      if (p.level !== 'ERROR' && p.level !== 'FATAL' && p.level !== 'PANIC') return null;
      const ev: KansaEvent = {};
      ev['event.category'] = ['database'];
      ev['event.type'] = ['error'];
      ev['event.action'] = 'db-error';
      ev['event.outcome'] = 'failure';
      ev['error.message'] = all;
      ev['kansa.message.ja'] = `${subjJa}${dbJa} でエラーが発生しました(${p.level}: ${all})`;
      ev['kansa.message.en'] = `${p.level}${onDbEn}${who ? ` for ${who}` : ''}: ${all}`;
      return sentenceOut(ev);
    },
  },
]);

export function translatePg(p: PgLine, host: string | undefined): KansaEvent | null {
  const applied = applyRules(RULES, p.text, pgCtx(p, host));
  if (!applied) return null;
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'postgresql',
    'event.dataset': 'postgresql.log',
    'kansa.source_type': 'pgaudit',
  };
  if (p.time) ev['@timestamp'] = p.time;
  if (p.pid !== undefined) ev['process.pid'] = p.pid;
  if (p.user) ev['user.name'] = p.user;
  if (p.db) ev['kansa.db.name'] = p.db;
  if (p.app) ev['kansa.db.client'] = p.app;
  if (p.client && isIp(p.client)) setSource(ev, p.client, p.clientPort);
  ev['log.level'] = p.level.toLowerCase();
  assignFields(ev, applied.result.fields);
  ev['kansa.message.ja'] = applied.result.ja;
  ev['kansa.message.en'] = applied.result.en;
  return ev;
}

function generic(p: PgLine, host: string | undefined): KansaEvent {
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'postgresql',
    'event.dataset': 'postgresql.log',
    'event.category': ['database'],
    'event.type': ['info'],
    'event.action': `db-${p.level.toLowerCase()}`,
    'event.outcome': p.level === 'ERROR' || p.level === 'FATAL' || p.level === 'PANIC' ? 'failure' : 'unknown',
    'kansa.source_type': 'pgaudit',
    'log.level': p.level.toLowerCase(),
    message: p.text,
  };
  if (p.time) ev['@timestamp'] = p.time;
  if (p.pid !== undefined) ev['process.pid'] = p.pid;
  if (p.user) ev['user.name'] = p.user;
  if (p.db) ev['kansa.db.name'] = p.db;
  ev['kansa.message.ja'] =
    `${p.user ? `${p.user} が ` : `${host ?? 'PostgreSQL'} で `}PostgreSQL のログ ${p.level}: ${p.text}`;
  ev['kansa.message.en'] = `PostgreSQL ${p.level}${p.user ? ` for ${p.user}` : ''}: ${p.text}`;
  return ev;
}

/**
 * PostgreSQL's stderr log prints a message over several lines when it holds newlines (a multi-line
 * statement), each further line starting with a tab (elog.c appends a tab after every newline). A record
 * is therefore a run of lines: one that starts at the margin, then its tab-indented continuation.
 */
function joinContinuation(text: string): string {
  return text.replace(/\r$/gm, '').replace(/\n\t/g, '\n');
}

export const pgauditFormat: Format = {
  id: 'postgresql',
  framing: 'blocks',
  startsBlock: (line) => !/^\s/.test(line),
  detect(sample: string): number {
    const margin = sample.replace(/^\t.*$/gm, ''); // continuation lines of multi-line messages
    return shareOfLines(margin, (l) => TS.test(l) && LEVEL.test(l), 0.9);
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const text = joinContinuation(record.text);
    if (/^\s/.test(text)) {
      // Only when a file starts mid-message: its first lines continue a record we never saw.
      throw new ParseError('expected a PostgreSQL log line; this is the continuation of a multi-line statement');
    }
    const p = parsePgLine(text, ctx);
    if (!p || !p.time) {
      throw new ParseError(
        'expected a PostgreSQL log line: "YYYY-MM-DD HH:MM:SS[.mmm] TZ [PID] [user@db] LEVEL:  message"',
      );
    }
    return [translatePg(p, undefined) ?? generic(p, undefined)];
  },
};

export const pgauditSyslog: SyslogProgram = {
  id: 'pgaudit',
  matches(msg: SyslogMessage): boolean {
    return msg.program === 'postgres' || msg.program === 'postgresql';
  },
  translate(msg: SyslogMessage, ctx: TranslateContext): KansaEvent | null {
    let text = msg.message.trim();
    const seq = /^\[(\d+)-(\d+)\] /.exec(text);
    if (seq) {
      text = text.slice(seq[0].length);
      if (seq[2] !== '1') return null; // continuation of a long message
    }
    const p = parsePgLine(text, ctx);
    if (!p) return null;
    const ev = translatePg(p, msg.host) ?? generic(p, msg.host);
    // The envelope's time is authoritative for syslog; drop the prefix time only when absent.
    return ev;
  },
};
