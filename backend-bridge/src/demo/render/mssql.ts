import { localStamp } from '../time';

/**
 * SQL Server Audit to the Application log (audit target APPLICATION_LOG), as NXLog im_msvistalog writes event 33205:
 * `Message` is "Audit event: audit_schema_version:1" and one `name:value` line per column of the audit record, in the
 * order of sys.fn_get_audit_file (Microsoft Learn, "SQL Server Audit Records"); event_time is UTC, EventTime local.
 */
export interface AuditRecord {
  t: number;
  recordNumber: number;
  server: string;
  instance: string;
  actionId: 'LGIS' | 'LGO' | 'SL';
  sessionId: number;
  principalId: number;
  /** `CORP\account` or a SQL login. */
  login: string;
  sid: string;
  clientIp: string;
  clientHost: string;
  application: string;
  connectionId: string;
  database?: string;
  schema?: string;
  object?: string;
  objectId?: number;
  transactionId?: number;
  statement?: string;
  rows?: number;
  durationMs?: number;
}

/** "2026-10-01 00:13:02.7781133": the audit's UTC event_time with seven fractional digits. */
function eventTime(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}0000`;
}

/** Windows writes the SID as the hex of its binary form in the audit record. */
function sidHex(sid: string): string {
  const parts = sid.split('-').slice(2).map(Number);
  const [authority, ...subs] = parts;
  const le = (n: number) =>
    [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff]
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('');
  return `01${subs.length.toString(16).padStart(2, '0')}0000000000${authority.toString(16).padStart(2, '0')}${subs.map(le).join('')}`;
}

export function auditLine(r: AuditRecord): string {
  const read = r.actionId === 'SL';
  const db = read ? (r.database ?? '') : '';
  const user = r.login.includes('\\') ? r.login.slice(r.login.indexOf('\\') + 1) : r.login;
  const fields: Array<[string, string | number | boolean]> = [
    ['event_time', eventTime(r.t)],
    ['sequence_number', 1],
    ['action_id', r.actionId],
    ['succeeded', true],
    ['is_column_permission', false],
    ['session_id', r.sessionId],
    ['server_principal_id', r.principalId],
    ['database_principal_id', read ? 5 : 0],
    ['target_server_principal_id', 0],
    ['target_database_principal_id', 0],
    ['object_id', read ? (r.objectId ?? 0) : 0],
    ['user_defined_event_id', 0],
    ['transaction_id', read ? (r.transactionId ?? 0) : 0],
    ['class_type', read ? 'U' : 'LX'],
    ['duration_milliseconds', r.durationMs ?? 0],
    ['response_rows', read ? (r.rows ?? 0) : 0],
    ['affected_rows', 0],
    ['client_ip', r.clientIp],
    ['permission_bitmask', read ? '00000000000000000000000000000001' : '00000000000000000000000000000000'],
    ['sequence_group_id', ''],
    ['session_server_principal_name', r.login],
    ['server_principal_name', r.login],
    ['server_principal_sid', sidHex(r.sid)],
    ['database_principal_name', read ? user : ''],
    ['target_server_principal_name', ''],
    ['target_server_principal_sid', ''],
    ['target_database_principal_name', ''],
    ['server_instance_name', r.instance],
    ['database_name', db],
    ['schema_name', read ? (r.schema ?? 'dbo') : ''],
    ['object_name', read ? (r.object ?? '') : ''],
    ['statement', read ? (r.statement ?? '') : ''],
    ['additional_information', ''],
    ['user_defined_information', ''],
    ['application_name', r.application],
    ['connection_id', r.connectionId],
    ['data_sensitivity_information', ''],
    ['host_name', r.clientHost],
    ['session_context', ''],
    ['client_tls_version', 0],
    ['client_tls_version_name', ''],
    ['database_transaction_id', 0],
    ['ledger_start_sequence_number', 0],
    ['is_local_secondary_replica', false],
  ];
  const message = `Audit event: audit_schema_version:1\n${fields.map(([k, v]) => `${k}:${v}`).join('\n')}\n`;
  const o = {
    EventTime: localStamp(r.t),
    Hostname: r.server,
    Keywords: '@@KEYWORDS@@',
    EventType: 'INFO',
    SeverityValue: 2,
    Severity: 'INFO',
    EventID: 33205,
    SourceName: 'MSSQLSERVER',
    Task: 5,
    RecordNumber: r.recordNumber,
    ProcessID: 0,
    ThreadID: 0,
    Channel: 'Application',
    Message: message,
    Category: 'None',
    EventReceivedTime: localStamp(r.t + 1000),
    SourceModuleName: 'eventlog',
    SourceModuleType: 'im_msvistalog',
  };
  // Keywords (Classic, Audit Success) is a 64-bit integer: its digits verbatim, as NXLog writes them.
  return JSON.stringify(o).replace('"@@KEYWORDS@@"', '36028797018963970');
}
