import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { isIp } from '../_lib/network';
import { ruleOf } from './actions';

/**
 * One SQL Server Audit record, whichever way it was written: the `name:value` lines of the event-log
 * message (Application/Security log, event 33205) or a row of fn_get_audit_file. Field names are the
 * audit record's own (event_time, action_id, server_principal_name, …).
 */
export type AuditFields = Record<string, string>;

/** A value that says something: not empty, not SSMS's NULL. */
function v(f: AuditFields, key: string): string | undefined {
  const s = f[key]?.trim();
  return s === undefined || s === '' || s === 'NULL' ? undefined : s;
}

/**
 * event_time is datetime2 in UTC: `2026-10-01 00:00:01.1234567`. Export-Csv on a Japanese Windows
 * writes the DateTime it got from Invoke-Sqlcmd in the ja-JP culture: `2026/10/01 0:12:30`, still UTC.
 */
function timeOf(text: string | undefined): string {
  const m = /^(\d{4})[-/](\d\d)[-/](\d\d)[T ](\d{1,2}):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?$/.exec(text ?? '');
  if (!m) throw new ParseError(`expected event_time such as 2026-10-01 00:00:01.1234567, found "${text ?? ''}"`);
  const d = new Date(
    `${m[1]}-${m[2]}-${m[3]}T${m[4].padStart(2, '0')}:${m[5]}:${m[6]}.${(m[7] ?? '').padEnd(3, '0').slice(0, 3)}${m[8] ?? 'Z'}`,
  );
  if (Number.isNaN(d.getTime())) throw new ParseError(`expected a valid event_time, found "${text}"`);
  return d.toISOString();
}

/** `CORP\tanaka` → tanaka in CORP; a SQL login has no domain. */
function splitLogin(login: string | undefined): { name?: string; domain?: string } {
  if (!login) return {};
  const i = login.indexOf('\\');
  return i === -1 ? { name: login } : { domain: login.slice(0, i), name: login.slice(i + 1) };
}

function truthy(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  const t = s.toLowerCase();
  return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined;
}

/** Identifying columns kept in kansa.raw: everything the sentence or fields do not already carry. */
const RAW_KEYS = [
  'action_id',
  'class_type',
  'session_id',
  'sequence_number',
  'server_instance_name',
  'database_principal_name',
  'permission_bitmask',
  'transaction_id',
  'response_rows',
  'affected_rows',
  'duration_milliseconds',
  'connection_id',
  'additional_information',
  'file_name',
  'audit_file_offset',
];

/**
 * Maps one audit record. `server` is the machine that wrote it when the carrier knows it (NXLog's
 * Hostname, kept whole as the Windows translators keep the computer name); otherwise the machine part
 * of server_instance_name.
 */
export function mapAuditRecord(f: AuditFields, server?: string): KansaEvent {
  const actionId = v(f, 'action_id');
  if (!actionId) throw new ParseError('expected an action_id in the SQL Server audit record');
  const rule = ruleOf(actionId);
  const instance = v(f, 'server_instance_name');
  const host = server || instance?.split('\\')[0] || undefined;
  const login = v(f, 'server_principal_name') ?? v(f, 'session_server_principal_name');
  const user = splitLogin(login);
  const target = v(f, 'target_server_principal_name') ?? v(f, 'target_database_principal_name');
  const ip = v(f, 'client_ip');
  const clientHost = v(f, 'host_name');
  const db = v(f, 'database_name');
  const objectName = v(f, 'object_name');
  const schema = v(f, 'schema_name');
  // A database-level action (BACKUP, class DB) names the database itself as its object.
  const object =
    objectName && !(objectName === db && !schema) ? [db, schema, objectName].filter(Boolean).join('.') : undefined;
  const statement = v(f, 'statement');
  const succeeded = truthy(v(f, 'succeeded'));
  const failed = succeeded === false || rule.kind === 'login-failed';
  const rows = Number(v(f, 'response_rows') ?? 0) || 0;

  const ev: KansaEvent = {
    '@timestamp': timeOf(v(f, 'event_time')),
    'event.kind': 'event',
    'event.module': 'mssql',
    'event.dataset': 'mssql.audit',
    'event.code': actionId,
    'kansa.source_type': 'mssql-audit',
    'event.outcome':
      succeeded === undefined && rule.kind !== 'login-failed' ? 'unknown' : failed ? 'failure' : 'success',
  };
  if (host) ev['host.name'] = host;
  if (user.name) ev['user.name'] = user.name;
  if (user.domain) ev['user.domain'] = user.domain;
  if (target) ev['user.target.name'] = splitLogin(target).name!;
  if (ip && isIp(ip)) ev['source.ip'] = ip;
  if (clientHost) ev['source.domain'] = clientHost;
  if (db) ev['kansa.db.name'] = db;
  const app = v(f, 'application_name');
  if (app) ev['kansa.db.client'] = app;
  const related = [user.name, target && splitLogin(target).name].filter((x): x is string => !!x);
  if (related.length > 0) ev['related.user'] = [...new Set(related)];
  const raw: Record<string, string> = {};
  for (const k of RAW_KEYS) {
    const x = v(f, k);
    if (x !== undefined) raw[k] = x;
  }
  ev['kansa.raw'] = raw;

  const who = user.name ?? 'Someone';
  const subj = user.name ? `${user.name} が ` : 'SQL Server で ';
  const from = ip && isIp(ip) ? ip : clientHost;
  const fromJa = from ? `${from} から ` : '';
  const fromEn = from ? ` from ${from}` : '';
  const where = instance ?? host ?? 'SQL Server';
  const rowsJa = rows > 0 ? `、${rows} 行` : '';
  const rowsEn = rows > 0 ? `, ${rows} rows` : '';

  switch (rule.kind) {
    case 'login':
    case 'login-failed':
    case 'logout': {
      ev['event.category'] = ['authentication', 'database'];
      ev['event.type'] = [rule.type];
      ev['event.action'] = failed && rule.kind === 'login' ? 'logon-failed' : rule.action;
      if (rule.kind === 'login-failed' && statement) ev['event.reason'] = statement;
      const dbJa = db ? `のデータベース ${db} ` : ' ';
      const via = [from ? `${from} から` : '', app ?? ''].filter(Boolean).join('、');
      ev['kansa.message.ja'] =
        `${subj}SQL Server ${where}${dbJa}${failed && rule.kind === 'login' ? 'へのログインに失敗しました' : rule.ja}${via ? `(${via})` : ''}`;
      ev['kansa.message.en'] =
        `${who} ${failed && rule.kind === 'login' ? 'failed to log in to' : rule.en} SQL Server ${where}${db ? ` (database ${db})` : ''}${fromEn}${app ? ` using ${app}` : ''}`;
      return ev;
    }
    case 'audit-change':
      ev['event.category'] = ['database', 'configuration'];
      ev['event.type'] = [rule.type];
      ev['event.action'] = rule.action;
      ev['kansa.message.ja'] =
        `${subj}SQL Server ${where} の監査セッションを${rule.type === 'start' ? '開始または変更しました' : '失敗により停止しました'}`;
      ev['kansa.message.en'] =
        `${who} ${rule.type === 'start' ? 'started or changed' : 'stopped (on failure)'} the audit session on SQL Server ${where}`;
      return ev;
    default: {
      ev['event.category'] = ['database'];
      ev['event.type'] = [failed ? 'denied' : rule.type];
      ev['event.action'] = rule.action;
      ev['kansa.db.class'] = rule.dbClass!;
      ev['kansa.db.command'] = rule.command;
      if (statement) ev['kansa.db.statement'] = statement;
      // A number, so a rule or panel can sum what one SELECT * took, not only count statements.
      if (rows > 0) ev['kansa.db.rows'] = rows;
      if (object) ev['kansa.db.object'] = object;
      const thing = object ?? db ?? where;
      const targetName = target ? splitLogin(target).name : undefined;
      if (actionId === 'APRL' || actionId === 'DPRL') {
        const member = targetName ?? '(不明)';
        const add = actionId === 'APRL';
        ev['kansa.message.ja'] =
          `${subj}${fromJa}ロール ${thing} ${add ? 'に' : 'から'} ${member} を${add ? '追加' : '削除'}しました${failed ? '(失敗)' : ''}`;
        ev['kansa.message.en'] =
          `${who} ${add ? 'added' : 'removed'} ${targetName ?? 'someone'} ${add ? 'to' : 'from'} role ${thing}${fromEn}${failed ? ' (failed)' : ''}`;
        return ev;
      }
      ev['kansa.message.ja'] = failed
        ? `${subj}${fromJa}${thing} に対する ${rule.command} を拒否されました(${where})`
        : `${subj}${fromJa}${thing} ${rule.ja}(${rule.command}${rowsJa}${targetName ? `、対象 ${targetName}` : ''}、${where})`;
      ev['kansa.message.en'] = failed
        ? `${who} was denied ${rule.command} on ${thing}${fromEn} (${where})`
        : `${who} ${rule.en} ${thing}${fromEn} (${rule.command}${rowsEn}${targetName ? `, for ${targetName}` : ''}, ${where})`;
      return ev;
    }
  }
}

/**
 * The event-log message: `Audit event: audit_schema_version:1` then one `name:value` per line. A
 * statement spread over lines continues its field on the lines that start with no `name:`.
 */
export function parseAuditMessage(message: string): AuditFields {
  const text = message.replace(/^\s*Audit event:\s*/, '');
  const out: AuditFields = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-z_]+):(.*)$/.exec(line);
    if (m) {
      last = m[1];
      out[last] = m[2];
    } else if (last && line !== '') {
      out[last] += `\n${line}`;
    }
  }
  return out;
}
