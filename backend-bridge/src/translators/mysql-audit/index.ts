/**
 * MySQL audit logs in JSON, one object per line:
 *   MySQL Enterprise Audit (audit_log_format=JSON; Percona audit_log_filter): the file is a JSON array
 *   written one event per line, `{ "timestamp": "2026-10-01 00:00:01", "id": 0, "class": "connection",
 *   "event": "connect", "connection_id": 13, "account": {…}, "login": {…}, "connection_data": {…} },`
 *   with `[` and `]` on lines of their own. Timestamps are UTC.
 *   Percona audit_log plugin (audit_log_format=JSON): `{"audit_record":{"name":"Query","record":"…",
 *   "timestamp":"2026-10-01T00:00:01Z","command_class":"select","connection_id":"12","status":0,
 *   "sqltext":"…","user":"root[root] @ localhost []","host":"localhost","os_user":"","ip":"","db":"hrdb"}}`
 */
import type { Format, KansaEvent, RawRecord, TranslateContext } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { isIp } from '../_lib/network';
import { CLASS_WORDS, failVerb, type ClassWords } from '../_lib/database';
import { applyRules, assignFields, ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** `create_table` → `CREATE TABLE`. */
function commandName(c: string): string {
  return c.replace(/_/g, ' ').toUpperCase();
}

/** The pgaudit-style statement class of a MySQL sql_command / command_class. */
export function classOf(c: string): string {
  const s = c.toLowerCase();
  if (s === 'select' || s.startsWith('show') || s === 'describe' || s === 'explain' || s === 'read') return 'READ';
  if (
    /^(insert|update|delete|replace|load|truncate|insert_select|replace_select|update_multi|delete_multi)/.test(s) &&
    s !== 'truncate_table'
  )
    return 'WRITE';
  if (
    /^(grant|revoke|create_user|drop_user|alter_user|rename_user|set_password|create_role|drop_role|grant_roles|revoke_roles|set_role)/.test(
      s,
    )
  )
    return 'ROLE';
  if (/^(create|alter|drop|rename|truncate)/.test(s)) return 'DDL';
  if (s === 'call' || s === 'execute' || s.startsWith('call_')) return 'FUNCTION';
  return 'MISC';
}

interface Norm {
  time: number;
  kind: 'connect' | 'disconnect' | 'change-user' | 'query' | 'table' | 'startup' | 'shutdown' | 'other';
  eventName: string;
  user?: string;
  host?: string;
  ip?: string;
  db?: string;
  statement?: string;
  command?: string;
  table?: string;
  status?: number;
  connectionId?: string;
  connectionType?: string;
  client?: string;
  osUser?: string;
  raw: Record<string, string>;
}

/** `root[root] @ localhost [10.0.1.23]` → user root. */
function userOf(u: string | undefined): string | undefined {
  if (!u) return undefined;
  const m = /^([^[\s@]*)/.exec(u);
  return m && m[1] ? m[1] : undefined;
}

function fromEnterprise(o: Json): Norm {
  const ts = str(o.timestamp) ?? '';
  const time = Date.parse(ts.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(ts) ? '' : 'Z'));
  const klass = str(o.class) ?? '';
  const event = str(o.event) ?? '';
  const account = obj(o.account) ?? {};
  const login = obj(o.login) ?? {};
  const raw: Record<string, string> = { class: klass, event };
  const n: Norm = { time, kind: 'other', eventName: `${klass}/${event}`, raw };
  n.user = userOf(str(account.user)) ?? userOf(str(login.user));
  n.host = str(account.host);
  n.ip = str(login.ip);
  n.osUser = str(login.os);
  n.connectionId = str(o.connection_id);
  if (n.connectionId) raw.connection_id = n.connectionId;
  const cd = obj(o.connection_data);
  const gd = obj(o.general_data);
  const td = obj(o.table_access_data);
  const qd = obj(o.query_data);
  if (klass === 'connection') {
    n.kind =
      event === 'disconnect'
        ? 'disconnect'
        : event === 'change_user'
          ? 'change-user'
          : event === 'connect'
            ? 'connect'
            : 'other';
    if (cd) {
      n.connectionType = str(cd.connection_type);
      n.db = str(cd.db);
      if (typeof cd.status === 'number') n.status = cd.status;
      const attrs = obj(cd.connection_attributes);
      if (attrs) n.client = str(attrs.program_name) ?? str(attrs._client_name);
    }
  } else if (klass === 'general' && gd) {
    n.kind = 'query';
    n.statement = str(gd.query);
    const sc = str(gd.sql_command);
    n.command = sc && sc !== 'error' ? sc : str(gd.command);
    if (typeof gd.status === 'number') n.status = gd.status;
    raw.command = str(gd.command) ?? '';
  } else if (klass === 'table_access' && td) {
    n.kind = 'table';
    n.db = str(td.db);
    n.table = str(td.table);
    n.statement = str(td.query);
    n.command = str(td.sql_command) ?? event;
  } else if (klass === 'query' && qd) {
    n.kind = 'query';
    n.statement = str(qd.query);
    n.command = str(qd.sql_command);
    if (typeof qd.status === 'number') n.status = qd.status;
  } else if (klass === 'audit') {
    n.kind = event === 'shutdown' ? 'shutdown' : event === 'startup' ? 'startup' : 'other';
    n.user = undefined; // "skip-grants user": the server itself, not a person
  }
  return n;
}

function fromPercona(r: Json): Norm {
  const ts = str(r.timestamp) ?? '';
  const iso = ts.replace(' UTC', 'Z');
  const time = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  const name = str(r.name) ?? '';
  const raw: Record<string, string> = { name };
  const n: Norm = { time, kind: 'other', eventName: name, raw };
  n.user = userOf(str(r.user)) ?? userOf(str(r.priv_user));
  n.host = str(r.host);
  n.ip = str(r.ip);
  n.db = str(r.db);
  n.osUser = str(r.os_user) ?? str(r.os_login);
  n.connectionId = str(r.connection_id);
  if (n.connectionId) raw.connection_id = n.connectionId;
  if (typeof r.status === 'number') n.status = r.status;
  if (name === 'Connect') n.kind = 'connect';
  else if (name === 'Quit') n.kind = 'disconnect';
  else if (name === 'Change user') n.kind = 'change-user';
  else if (name === 'Audit') n.kind = 'startup';
  else if (name === 'NoAudit') n.kind = 'shutdown';
  else if (str(r.sqltext) !== undefined || str(r.command_class) !== undefined) {
    n.kind = 'query';
    n.statement = str(r.sqltext);
    n.command = str(r.command_class);
  }
  return n;
}

/** A record line (a JSON array element, its brackets and comma around it) read into a Norm. */
function readRecord(line: string): Norm {
  let text = line.trim();
  if (text.endsWith(',')) text = text.slice(0, -1);
  if (text.startsWith('[')) text = text.slice(1).trim();
  if (text.endsWith(']')) text = text.slice(0, -1).trim();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`expected one JSON object per line: ${(e as Error).message}`);
  }
  const o = obj(parsed);
  if (!o) throw new ParseError('expected a JSON object, got ' + (Array.isArray(parsed) ? 'an array' : typeof parsed));
  const percona = obj(o.audit_record);
  if (percona) return fromPercona(percona);
  if (typeof o.class === 'string' && typeof o.timestamp === 'string') return fromEnterprise(o);
  throw new ParseError(
    'expected a MySQL audit record: an object with "class" and "timestamp", or {"audit_record": {…}}',
  );
}

/** The form of a record: its kind, and for a statement (query or table access) its class, lower case. */
function formOf(n: Norm): string {
  return n.kind === 'query' || n.kind === 'table' ? classOf(n.command ?? 'unknown').toLowerCase() : n.kind;
}

function keyOf(text: string): string | undefined {
  try {
    return formOf(readRecord(text));
  } catch {
    return undefined;
  }
}

/** The words every sentence of a record uses: who, from where, in which database, which error. */
function say(n: Norm) {
  const failed = n.status !== undefined && n.status !== 0;
  const from = n.ip && isIp(n.ip) ? n.ip : n.host;
  return {
    failed,
    who: n.user,
    subj: n.user ? `${n.user} が ` : 'MySQL で ',
    from,
    fromJa: from ? `${from} から ` : '',
    fromEn: from ? ` from ${from}` : '',
    dbEn: n.db ? ` in database ${n.db}` : '',
  };
}

/** A login, a failed login or a change of user on a connection. */
function login(n: Norm): RuleResult {
  const { failed, who, subj, fromJa, fromEn, dbEn } = say(n);
  const fields: KansaEvent = {
    'event.category': ['authentication', 'database'],
    'event.type': ['start'],
    'event.action': failed ? 'logon-failed' : n.kind === 'change-user' ? 'db-user-changed' : 'logged-in',
  };
  if (failed && n.status === 1045) fields['event.reason'] = 'access denied (bad password or unknown user)';
  const via = n.connectionType ? `、${n.connectionType}` : '';
  return {
    fields,
    ja: `${subj}${fromJa}MySQL ${n.db ? `のデータベース ${n.db} ` : ''}${failed ? 'へのログインに失敗しました' : n.kind === 'change-user' ? 'でユーザーを切り替えました' : 'にログインしました'}(接続 ${n.connectionId ?? '?'}${via}${failed ? `、エラー ${n.status}` : ''})`,
    en: `${who ?? 'Someone'} ${failed ? 'failed to log in to' : n.kind === 'change-user' ? 'changed user on' : 'logged in to'} MySQL${dbEn}${fromEn} (connection ${n.connectionId ?? '?'}${n.connectionType ? `, ${n.connectionType}` : ''}${failed ? `, error ${n.status}` : ''})`,
  };
}

/** The audit log started (`startup`) or stopped. */
function auditLog(n: Norm): RuleResult {
  const start = n.kind === 'startup';
  return {
    fields: {
      'event.category': ['database', 'configuration'],
      'event.type': [start ? 'start' : 'end'],
      'event.action': start ? 'audit-log-started' : 'audit-log-stopped',
    },
    ja: `MySQL の監査ログが${start ? '開始' : '停止'}されました`,
    en: `The MySQL audit log ${start ? 'started' : 'stopped'}`,
  };
}

/** A statement of the class `w` words: on a table when the record names one, else in the database. */
function statement(n: Norm, klass: string, w: ClassWords): RuleResult {
  const { failed, who, subj, fromJa, fromEn, dbEn } = say(n);
  const command = n.command ?? 'unknown';
  const fields: KansaEvent = {
    'event.category': ['database'],
    'event.type': [failed ? 'denied' : w.type],
    'event.action': w.action,
    'kansa.db.class': klass,
    'kansa.db.command': commandName(command),
  };
  if (n.statement) fields['kansa.db.statement'] = n.statement;
  const object = n.table ? `${n.db ? `${n.db}.` : ''}${n.table}` : undefined;
  if (object) fields['kansa.db.object'] = object;
  const tag = `${commandName(command)}${n.kind === 'table' ? '、テーブルアクセス' : ''}`;
  const tagEn = `${commandName(command)}${n.kind === 'table' ? ', table access' : ''}`;
  const dbJa = n.db ? `データベース ${n.db}` : 'MySQL';
  if (object) {
    return {
      fields,
      ja: failed
        ? `${subj}${fromJa}${object} ${w.ja.replace(/ました$/, 'ようとして失敗しました')}(${tag}、エラー ${n.status})`
        : `${subj}${fromJa}${object} ${w.ja}(${tag})`,
      en: `${who ?? 'Someone'} ${failed ? failVerb(w.en) : w.en} ${object}${fromEn} (${tagEn}${failed ? `, error ${n.status}` : ''})`,
    };
  }
  return {
    fields,
    ja: `${subj}${fromJa}${dbJa} で${failed ? `${w.jaNone.replace(/ました$/, 'ようとして失敗しました')}` : w.jaNone}(${tag}${failed ? `、エラー ${n.status}` : ''})`,
    en: `${who ?? 'Someone'} ${failed ? failVerb(w.enNone) : w.enNone}${dbEn}${fromEn} (${tagEn}${failed ? `, error ${n.status}` : ''})`,
  };
}

const ACCOUNT =
  '"account": { "user": "hr_admin", "host": "10.0.1.23" }, "login": { "user": "hr_admin", "os": "", "ip": "10.0.1.23", "proxy": "" }';
const SAMPLE_CONNECT = `{ "timestamp": "2026-10-01 00:00:01", "id": 0, "class": "connection", "event": "connect", "connection_id": 13, ${ACCOUNT}, "connection_data": { "connection_type": "ssl", "status": 0, "db": "hrdb" } },`;
/** A general-class statement record of `sql_command`, as MySQL Enterprise Audit writes it. */
const general = (time: string, command: string, query: string, status = 0) =>
  `{ "timestamp": "2026-10-01 ${time}", "id": 0, "class": "general", "event": "status", "connection_id": 13, ${ACCOUNT}, "general_data": { "command": "Query", "sql_command": "${command}", "query": "${query}", "status": ${status} } },`;

type Rule = MessageRule<Norm>;
const rule = (r: Omit<Rule, 'sampleContext'>): Rule => ({ ...r, sampleContext: readRecord(r.sample) });
/** A statement class rule: its key is the class (`classOf`), its words how that class is said. */
const statementRule = (klass: string, sample: string, w: ClassWords): Rule =>
  rule({
    id: klass.toLowerCase(),
    sample,
    match: { key: klass.toLowerCase() },
    build: (_g, n) => statement(n, klass, w),
  });

/**
 * One rule per record form: the connection events, the audit log's start and stop, one per statement
 * class (pgaudit's classes with MySQL's ROLE for users and privileges and FUNCTION for procedures),
 * and any other event. Samples are records as MySQL Enterprise Audit and Percona's audit_log write them.
 */
export const RULES = ruleTable<Norm>(
  'mysql-audit',
  readRecord(SAMPLE_CONNECT),
  [
    rule({ id: 'connect', sample: SAMPLE_CONNECT, match: { key: 'connect' }, build: (_g, n) => login(n) }),
    rule({
      id: 'change-user',
      sample: `{ "timestamp": "2026-10-01 00:00:03", "id": 0, "class": "connection", "event": "change_user", "connection_id": 13, ${ACCOUNT}, "connection_data": { "connection_type": "ssl", "status": 0, "db": "hrdb" } },`,
      match: { key: 'change-user' },
      build: (_g, n) => login(n),
    }),
    rule({
      id: 'disconnect',
      sample:
        '{"audit_record":{"name":"Quit","record":"6_2026-10-01T00:00:00","timestamp":"2026-10-01T00:10:04Z","connection_id":"21","status":0,"user":"app_user","priv_user":"app_user","os_login":"","proxy_user":"","host":"app01.corp.example.co.jp","ip":"10.0.2.15","db":"salesdb"}}',
      match: { key: 'disconnect' },
      build(_g, n) {
        const { who, subj, from } = say(n);
        return {
          fields: { 'event.category': ['session', 'database'], 'event.type': ['end'], 'event.action': 'logged-out' },
          ja: `${subj}MySQL から切断しました(${from ? `${from}、` : ''}接続 ${n.connectionId ?? '?'})`,
          en: `${who ?? 'Someone'} disconnected from MySQL (${from ? `${from}, ` : ''}connection ${n.connectionId ?? '?'})`,
        };
      },
    }),
    rule({
      id: 'startup',
      sample:
        '{"audit_record":{"name":"Audit","record":"1_2026-10-01T00:00:00","timestamp":"2026-10-01T00:00:00Z","mysql_version":"8.0.36-28","startup_optionsi":"--audit_log_format=JSON","os_version":"x86_64-Linux"}}',
      match: { key: 'startup' },
      build: (_g, n) => auditLog(n),
    }),
    rule({
      id: 'shutdown',
      sample:
        '{ "timestamp": "2026-10-01 09:00:00", "id": 0, "class": "audit", "event": "shutdown", "connection_id": 0, "shutdown_data": { "server_id": 1 } }',
      match: { key: 'shutdown' },
      build: (_g, n) => auditLog(n),
    }),
    statementRule(
      'READ',
      `{ "timestamp": "2026-10-01 00:00:02", "id": 0, "class": "table_access", "event": "read", "connection_id": 13, ${ACCOUNT}, "table_access_data": { "db": "hrdb", "table": "employees", "query": "SELECT * FROM employees", "sql_command": "select" } },`,
      CLASS_WORDS.READ,
    ),
    statementRule(
      'WRITE',
      '{"audit_record":{"name":"Query","record":"4_2026-10-01T00:00:00","timestamp":"2026-10-01T00:10:02 UTC","command_class":"delete","connection_id":"21","status":1142,"sqltext":"DELETE FROM orders","user":"app_user[app_user] @ app01.corp.example.co.jp [10.0.2.15]","host":"app01.corp.example.co.jp","os_user":"","ip":"10.0.2.15","db":"salesdb"}}',
      CLASS_WORDS.WRITE,
    ),
    statementRule('DDL', general('00:00:08', 'drop_table', 'DROP TABLE audit_test_table'), CLASS_WORDS.DDL),
    statementRule('ROLE', general('00:00:07', 'grant', "GRANT ALL PRIVILEGES ON *.* TO 'backdoor'@'%'", 1410), {
      ja: 'の権限を変更しました',
      en: 'changed privileges on',
      jaNone: 'ユーザー・権限を変更しました',
      enNone: 'changed users or privileges',
      action: 'db-role-change',
      type: 'change',
    }),
    statementRule('FUNCTION', general('00:00:10', 'call_procedure', 'CALL raise_salaries(42)'), {
      ja: 'を実行しました',
      en: 'called',
      jaNone: 'プロシージャを実行しました',
      enNone: 'called a procedure',
      action: 'db-function-call',
      type: 'access',
    }),
    statementRule(
      'MISC',
      `{ "timestamp": "2026-10-01 00:00:09", "id": 0, "class": "general", "event": "status", "connection_id": 13, ${ACCOUNT}, "general_data": { "command": "Init DB", "sql_command": "error", "status": 0 } },`,
      CLASS_WORDS.MISC,
    ),
    rule({
      id: 'other',
      sample: `{ "timestamp": "2026-10-01 00:00:11", "id": 0, "class": "message", "event": "user", "connection_id": 13, ${ACCOUNT}, "message_data": { "component": "test_component", "producer": "test_producer", "message": "test_message", "map": { "key1": "value1" } } },`,
      match: { key: 'other' },
      build(_g, n) {
        const { failed, who, subj } = say(n);
        return {
          fields: {
            'event.category': ['database'],
            'event.type': ['info'],
            'event.action': `mysql-${n.eventName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`,
          },
          ja: `${subj}MySQL 監査イベント ${n.eventName} が記録されました${failed ? `(エラー ${n.status})` : ''}`,
          en: `MySQL audit event ${n.eventName}${who ? ` for ${who}` : ''}${failed ? ` (error ${n.status})` : ''}`,
        };
      },
    }),
  ],
  keyOf,
);

function translateMysql(text: string): KansaEvent {
  const n = readRecord(text);
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'mysql',
    'event.dataset': 'mysql.audit',
    'event.code': n.eventName,
    'kansa.source_type': 'mysql-audit',
  };
  if (!Number.isNaN(n.time)) ev['@timestamp'] = new Date(n.time).toISOString();
  if (n.user) ev['user.name'] = n.user;
  if (n.ip && isIp(n.ip)) ev['source.ip'] = n.ip;
  if (n.host && n.host !== 'localhost' && n.host !== '%') ev['source.domain'] = n.host;
  if (n.db) ev['kansa.db.name'] = n.db;
  if (n.client) ev['kansa.db.client'] = n.client;
  if (n.connectionType) n.raw.connection_type = n.connectionType;
  if (n.osUser) n.raw.os_user = n.osUser;
  if (n.status !== undefined) {
    n.raw.status = String(n.status);
    if (n.status !== 0) ev['error.code'] = String(n.status);
  }
  ev['kansa.raw'] = n.raw;
  ev['event.outcome'] = say(n).failed ? 'failure' : 'success';
  // Every record has a form (`formOf` is total), so a rule always applies.
  const { result } = applyRules(RULES, text, n, formOf(n))!;
  assignFields(ev, result.fields);
  ev['kansa.message.ja'] = result.ja;
  ev['kansa.message.en'] = result.en;
  return ev;
}

export const mysqlAuditFormat: Format = {
  id: 'mysql-audit-json',
  framing: 'lines',
  // MySQL Enterprise Audit writes its JSON log as one array, an element per line: the lines holding
  // only the array's brackets carry no record.
  isPreamble: (line) => /^\s*(?:\[|\],?)\s*$/.test(line),
  detect(sample: string): number {
    const lines = sample
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== '[' && l !== ']');
    if (lines.length === 0) return 0;
    let hits = 0;
    for (const l of lines) {
      if (l.startsWith('{"audit_record":') || (l.startsWith('{') && l.includes('"class"') && l.includes('"timestamp"')))
        hits++;
    }
    return hits === 0 ? 0 : 0.95 * (hits / lines.length);
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [translateMysql(record.text)];
  },
};
