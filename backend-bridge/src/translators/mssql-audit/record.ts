import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { isIp } from '../_lib/network';
import { applyRules, assignFields } from '../_lib/rules';
import { ruleOf } from './actions';
import { mssqlAuditRules, type Audit } from './rules';

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

/** The fields every audit record has and the record its rule reads. */
function readAuditRecord(f: AuditFields, server?: string): { ev: KansaEvent; audit: Audit } {
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
  const from = ip && isIp(ip) ? ip : clientHost;
  const audit: Audit = {
    actionId,
    rule,
    failed,
    who: user.name ?? 'Someone',
    subj: user.name ? `${user.name} が ` : 'SQL Server で ',
    from,
    fromJa: from ? `${from} から ` : '',
    fromEn: from ? ` from ${from}` : '',
    where: instance ?? host ?? 'SQL Server',
    db,
    app,
    statement,
    rows,
    object,
    targetName: target ? splitLogin(target).name : undefined,
  };
  return { ev, audit };
}

export const RULES = mssqlAuditRules((message) => readAuditRecord(parseAuditMessage(message)).audit);

/**
 * Maps one audit record. `server` is the machine that wrote it when the carrier knows it (NXLog's
 * Hostname, kept whole as the Windows translators keep the computer name); otherwise the machine part
 * of server_instance_name.
 */
export function mapAuditRecord(f: AuditFields, server?: string): KansaEvent {
  const { ev, audit } = readAuditRecord(f, server);
  // The table reads the record's action_id line, the line the event-log message holds (a CSV row has
  // the same value); every action id has a form, and every form a rule.
  const { fields, ja, en } = applyRules(RULES, `action_id:${audit.actionId}`, audit)!.result;
  assignFields(ev, fields);
  ev['kansa.message.ja'] = ja;
  ev['kansa.message.en'] = en;
  return ev;
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
