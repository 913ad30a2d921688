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

/** pgaudit's class words with MySQL's own ROLE (users, privileges) and FUNCTION (procedures). */
const WORDS: Record<string, ClassWords> = {
  ...CLASS_WORDS,
  ROLE: {
    ja: 'の権限を変更しました',
    en: 'changed privileges on',
    jaNone: 'ユーザー・権限を変更しました',
    enNone: 'changed users or privileges',
    action: 'db-role-change',
    type: 'change',
  },
  FUNCTION: {
    ja: 'を実行しました',
    en: 'called',
    jaNone: 'プロシージャを実行しました',
    enNone: 'called a procedure',
    action: 'db-function-call',
    type: 'access',
  },
};

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

export function translateMysql(n: Norm): KansaEvent {
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
  const failed = n.status !== undefined && n.status !== 0;
  ev['event.outcome'] = failed ? 'failure' : 'success';
  const who = n.user;
  const subj = who ? `${who} が ` : 'MySQL で ';
  const from = n.ip && isIp(n.ip) ? n.ip : n.host;
  const fromJa = from ? `${from} から ` : '';
  const fromEn = from ? ` from ${from}` : '';
  const dbJa = n.db ? `データベース ${n.db}` : 'MySQL';
  const dbEn = n.db ? ` in database ${n.db}` : '';
  const failJa = failed ? `(エラー ${n.status})` : '';
  const failEn = failed ? ` (error ${n.status})` : '';

  switch (n.kind) {
    case 'connect':
    case 'change-user': {
      ev['event.category'] = ['authentication', 'database'];
      ev['event.type'] = ['start'];
      ev['event.action'] = failed ? 'logon-failed' : n.kind === 'change-user' ? 'db-user-changed' : 'logged-in';
      if (failed && n.status === 1045) ev['event.reason'] = 'access denied (bad password or unknown user)';
      const via = n.connectionType ? `、${n.connectionType}` : '';
      ev['kansa.message.ja'] =
        `${subj}${fromJa}MySQL ${n.db ? `のデータベース ${n.db} ` : ''}${failed ? 'へのログインに失敗しました' : n.kind === 'change-user' ? 'でユーザーを切り替えました' : 'にログインしました'}(接続 ${n.connectionId ?? '?'}${via}${failed ? `、エラー ${n.status}` : ''})`;
      ev['kansa.message.en'] =
        `${who ?? 'Someone'} ${failed ? 'failed to log in to' : n.kind === 'change-user' ? 'changed user on' : 'logged in to'} MySQL${dbEn}${fromEn} (connection ${n.connectionId ?? '?'}${n.connectionType ? `, ${n.connectionType}` : ''}${failed ? `, error ${n.status}` : ''})`;
      return ev;
    }
    case 'disconnect':
      ev['event.category'] = ['session', 'database'];
      ev['event.type'] = ['end'];
      ev['event.action'] = 'logged-out';
      ev['kansa.message.ja'] = `${subj}MySQL から切断しました(${from ? `${from}、` : ''}接続 ${n.connectionId ?? '?'})`;
      ev['kansa.message.en'] =
        `${who ?? 'Someone'} disconnected from MySQL (${from ? `${from}, ` : ''}connection ${n.connectionId ?? '?'})`;
      return ev;
    case 'startup':
    case 'shutdown':
      ev['event.category'] = ['database', 'configuration'];
      ev['event.type'] = [n.kind === 'startup' ? 'start' : 'end'];
      ev['event.action'] = n.kind === 'startup' ? 'audit-log-started' : 'audit-log-stopped';
      ev['kansa.message.ja'] = `MySQL の監査ログが${n.kind === 'startup' ? '開始' : '停止'}されました`;
      ev['kansa.message.en'] = `The MySQL audit log ${n.kind === 'startup' ? 'started' : 'stopped'}`;
      return ev;
    case 'query':
    case 'table': {
      const command = n.command ?? 'unknown';
      const klass = classOf(command);
      const w = WORDS[klass];
      ev['event.category'] = ['database'];
      ev['event.type'] = [failed ? 'denied' : w.type];
      ev['event.action'] = w.action;
      ev['kansa.db.class'] = klass;
      ev['kansa.db.command'] = commandName(command);
      if (n.statement) ev['kansa.db.statement'] = n.statement;
      const object = n.table ? `${n.db ? `${n.db}.` : ''}${n.table}` : undefined;
      if (object) ev['kansa.db.object'] = object;
      const tag = `${commandName(command)}${n.kind === 'table' ? '、テーブルアクセス' : ''}`;
      const tagEn = `${commandName(command)}${n.kind === 'table' ? ', table access' : ''}`;
      if (object) {
        ev['kansa.message.ja'] = failed
          ? `${subj}${fromJa}${object} ${w.ja.replace(/ました$/, 'ようとして失敗しました')}(${tag}${failJa ? `、エラー ${n.status}` : ''})`
          : `${subj}${fromJa}${object} ${w.ja}(${tag})`;
        ev['kansa.message.en'] =
          `${who ?? 'Someone'} ${failed ? failVerb(w.en) : w.en} ${object}${fromEn} (${tagEn}${failed ? `, error ${n.status}` : ''})`;
      } else {
        ev['kansa.message.ja'] =
          `${subj}${fromJa}${dbJa} で${failed ? `${w.jaNone.replace(/ました$/, 'ようとして失敗しました')}` : w.jaNone}(${tag}${failed ? `、エラー ${n.status}` : ''})`;
        ev['kansa.message.en'] =
          `${who ?? 'Someone'} ${failed ? failVerb(w.enNone) : w.enNone}${dbEn}${fromEn} (${tagEn}${failed ? `, error ${n.status}` : ''})`;
      }
      return ev;
    }
    default:
      ev['event.category'] = ['database'];
      ev['event.type'] = ['info'];
      ev['event.action'] = `mysql-${n.eventName.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;
      ev['kansa.message.ja'] = `${subj}MySQL 監査イベント ${n.eventName} が記録されました${failJa}`;
      ev['kansa.message.en'] = `MySQL audit event ${n.eventName}${who ? ` for ${who}` : ''}${failEn}`;
      return ev;
  }
}

export const mysqlAuditFormat: Format = {
  id: 'mysql-audit-json',
  framing: 'lines',
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
    let text = record.text.trim();
    if (text === '[' || text === ']' || text === '],') {
      throw new ParseError('expected an audit record object; this line is the JSON array bracket around the records');
    }
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
    if (percona) return [translateMysql(fromPercona(percona))];
    if (typeof o.class === 'string' && typeof o.timestamp === 'string') return [translateMysql(fromEnterprise(o))];
    throw new ParseError(
      'expected a MySQL audit record: an object with "class" and "timestamp", or {"audit_record": {…}}',
    );
  },
};
