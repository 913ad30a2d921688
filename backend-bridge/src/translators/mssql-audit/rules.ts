/**
 * The SQL Server Audit message rule table: one rule per form of audit record (a login, failed login or
 * logout; an audit session change; a role member added or removed; any other statement, its words and
 * pgaudit-style class from `actions.ts`). A rule's sample is the `Audit event:` message SQL Server writes
 * to the event log; the key is the form its action_id takes.
 */
import type { KansaEvent } from '../../translate/types';
import { ruleTable, type MessageRule } from '../_lib/rules';
import { ACTIONS, type ActionRule } from './actions';

/** One record, read: what every rule needs to build its fields and sentence. */
export interface Audit {
  actionId: string;
  /** The action's row in `actions.ts` (a MISC statement for an id without one). */
  rule: ActionRule;
  failed: boolean;
  /** `tanaka` / `Someone`, and `tanaka が ` / `SQL Server で `. */
  who: string;
  subj: string;
  /** The client: its address, else its workstation name. */
  from?: string;
  fromEn: string;
  fromJa: string;
  /** The instance, else the host, else "SQL Server". */
  where: string;
  db?: string;
  app?: string;
  statement?: string;
  rows: number;
  /** db.schema.object, when the record names an object other than the database. */
  object?: string;
  targetName?: string;
}

/**
 * The action_id line of an audit message, with any continuation lines (a value spread over lines, as
 * parseAuditMessage joins them); a fn_get_audit_file row is keyed by the same line.
 */
const ACTION_ID = /^action_id:(.*(?:\n(?![a-z_]+:).*)*)/m;

/** The form of a record, by its action_id; an id without a row in `actions.ts` is a statement. */
function keyOf(text: string): string | undefined {
  const id = ACTION_ID.exec(text)?.[1].trim();
  if (!id || id === 'NULL') return undefined;
  if (id === 'APRL' || id === 'DPRL') return 'role-member';
  const kind = ACTIONS[id]?.kind;
  return kind === 'login' || kind === 'login-failed' || kind === 'logout'
    ? 'login'
    : kind === 'audit-change'
      ? 'audit-change'
      : 'statement';
}

/** What every statement sets: its class and command, the statement, rows and object. */
function statementFields(a: Audit): KansaEvent {
  const fields: KansaEvent = {
    'event.category': ['database'],
    'event.type': [a.failed ? 'denied' : a.rule.type],
    'event.action': a.rule.action,
    'kansa.db.class': a.rule.dbClass!,
    'kansa.db.command': a.rule.command,
  };
  if (a.statement) fields['kansa.db.statement'] = a.statement;
  // A number, so a rule or panel can sum what one SELECT * took, not only count statements.
  if (a.rows > 0) fields['kansa.db.rows'] = a.rows;
  if (a.object) fields['kansa.db.object'] = a.object;
  return fields;
}

const SAMPLE_LGIS = [
  'Audit event: audit_schema_version:1',
  'event_time:2026-10-01 00:12:30.4416729',
  'sequence_number:1',
  'action_id:LGIS',
  'succeeded:true',
  'is_column_permission:false',
  'session_id:57',
  'server_principal_id:267',
  'database_principal_id:0',
  'target_server_principal_id:0',
  'target_database_principal_id:0',
  'object_id:0',
  'user_defined_event_id:0',
  'transaction_id:0',
  'class_type:LX',
  'duration_milliseconds:0',
  'response_rows:0',
  'affected_rows:0',
  'client_ip:10.0.1.23',
  'permission_bitmask:00000000000000000000000000000000',
  'sequence_group_id:',
  'session_server_principal_name:CORP\\tanaka',
  'server_principal_name:CORP\\tanaka',
  'server_principal_sid:010500000000000515000000a065cf7e784b9b5fe77c87705a040000',
  'database_principal_name:',
  'target_server_principal_name:',
  'target_server_principal_sid:',
  'target_database_principal_name:',
  'server_instance_name:SQL01',
  'database_name:',
  'schema_name:',
  'object_name:',
  'statement:',
  'additional_information:<action_info xmlns="http://schemas.microsoft.com/sqlserver/2008/sqlaudit_data"><pooled_connection>0</pooled_connection><client_options>0x28000020</client_options><client_options1>0x0001f438</client_options1><connect_options>0x00000000</connect_options><packet_size>8000</packet_size><address>10.0.1.23</address><is_dac>0</is_dac></action_info>',
  'user_defined_information:',
  'application_name:Microsoft SQL Server Management Studio - Query',
  'connection_id:6F1C2B7E-3A55-4C0B-9D3E-000000000002',
  'data_sensitivity_information:',
  'host_name:PC-TANAKA',
  'session_context:',
  'client_tls_version:771',
  'client_tls_version_name:1.2',
  'database_transaction_id:0',
  'ledger_start_sequence_number:0',
  'is_local_secondary_replica:false',
  '',
].join('\n');

const SAMPLE_AUSC = [
  'Audit event: audit_schema_version:1',
  'event_time:2026-10-01 00:00:01.0533310',
  'sequence_number:1',
  'action_id:AUSC',
  'succeeded:true',
  'is_column_permission:false',
  'session_id:61',
  'server_principal_id:259',
  'database_principal_id:0',
  'target_server_principal_id:0',
  'target_database_principal_id:0',
  'object_id:0',
  'user_defined_event_id:0',
  'transaction_id:0',
  'class_type:A',
  'duration_milliseconds:0',
  'response_rows:0',
  'affected_rows:0',
  'client_ip:10.0.0.12',
  'permission_bitmask:00000000000000000000000000000000',
  'sequence_group_id:',
  'session_server_principal_name:CORP\\sqladmin',
  'server_principal_name:CORP\\sqladmin',
  'server_principal_sid:010500000000000515000000a065cf7e784b9b5fe77c87705a040000',
  'database_principal_name:',
  'target_server_principal_name:',
  'target_server_principal_sid:',
  'target_database_principal_name:',
  'server_instance_name:SQL01',
  'database_name:',
  'schema_name:',
  'object_name:',
  'statement:',
  'additional_information:<action_info xmlns="http://schemas.microsoft.com/sqlserver/2008/sqlaudit_data"><session><![CDATA[Audit_Kansa$A]]></session><action>event enabled</action><startup_type>manual</startup_type><object><![CDATA[audit_event]]></object></action_info>',
  'user_defined_information:',
  'application_name:Microsoft SQL Server Management Studio',
  'connection_id:6F1C2B7E-3A55-4C0B-9D3E-000000000001',
  'data_sensitivity_information:',
  'host_name:ADM-PC01',
  'session_context:',
  'client_tls_version:0',
  'client_tls_version_name:',
  'database_transaction_id:0',
  'ledger_start_sequence_number:0',
  'is_local_secondary_replica:false',
  '',
].join('\n');

const SAMPLE_APRL = [
  'Audit event: audit_schema_version:1',
  'event_time:2026-10-01 01:02:17.5550019',
  'sequence_number:1',
  'action_id:APRL',
  'succeeded:true',
  'is_column_permission:false',
  'session_id:61',
  'server_principal_id:259',
  'database_principal_id:1',
  'target_server_principal_id:0',
  'target_database_principal_id:12',
  'object_id:16384',
  'user_defined_event_id:0',
  'transaction_id:0',
  'class_type:RL',
  'duration_milliseconds:0',
  'response_rows:0',
  'affected_rows:0',
  'client_ip:10.0.0.12',
  'permission_bitmask:00000000000000000000000000000000',
  'sequence_group_id:',
  'session_server_principal_name:CORP\\sqladmin',
  'server_principal_name:CORP\\sqladmin',
  'server_principal_sid:010500000000000515000000a065cf7e784b9b5fe77c87705a040000',
  'database_principal_name:dbo',
  'target_server_principal_name:',
  'target_server_principal_sid:',
  'target_database_principal_name:CORP\\suzuki',
  'server_instance_name:SQL01',
  'database_name:SalesDB',
  'schema_name:',
  'object_name:db_owner',
  'statement:ALTER ROLE [db_owner] ADD MEMBER [CORP\\suzuki]',
  'additional_information:',
  'user_defined_information:',
  'application_name:Microsoft SQL Server Management Studio',
  'connection_id:6F1C2B7E-3A55-4C0B-9D3E-000000000007',
  'data_sensitivity_information:',
  'host_name:ADM-PC01',
  'session_context:',
  'client_tls_version:0',
  'client_tls_version_name:',
  'database_transaction_id:0',
  'ledger_start_sequence_number:0',
  'is_local_secondary_replica:false',
  '',
].join('\n');

const SAMPLE_SL = [
  'Audit event: audit_schema_version:1',
  'event_time:2026-10-01 00:13:02.7781133',
  'sequence_number:1',
  'action_id:SL',
  'succeeded:true',
  'is_column_permission:false',
  'session_id:57',
  'server_principal_id:267',
  'database_principal_id:5',
  'target_server_principal_id:0',
  'target_database_principal_id:0',
  'object_id:581577110',
  'user_defined_event_id:0',
  'transaction_id:2245108',
  'class_type:U',
  'duration_milliseconds:1873',
  'response_rows:48210',
  'affected_rows:0',
  'client_ip:10.0.1.23',
  'permission_bitmask:00000000000000000000000000000001',
  'sequence_group_id:',
  'session_server_principal_name:CORP\\tanaka',
  'server_principal_name:CORP\\tanaka',
  'server_principal_sid:010500000000000515000000a065cf7e784b9b5fe77c87705a040000',
  'database_principal_name:tanaka',
  'target_server_principal_name:',
  'target_server_principal_sid:',
  'target_database_principal_name:',
  'server_instance_name:SQL01',
  'database_name:SalesDB',
  'schema_name:dbo',
  'object_name:Customers',
  'statement:SELECT * FROM dbo.Customers',
  'additional_information:',
  'user_defined_information:',
  'application_name:Microsoft SQL Server Management Studio - Query',
  'connection_id:6F1C2B7E-3A55-4C0B-9D3E-000000000003',
  'data_sensitivity_information:',
  'host_name:PC-TANAKA',
  'session_context:',
  'client_tls_version:0',
  'client_tls_version_name:',
  'database_transaction_id:0',
  'ledger_start_sequence_number:0',
  'is_local_secondary_replica:false',
  '',
].join('\n');

type Rule = MessageRule<Audit>;

const RULE_LIST: Rule[] = [
  {
    id: 'login',
    sample: SAMPLE_LGIS,
    match: { key: 'login' },
    build(_g, a) {
      const { rule, failed, db, app, from } = a;
      const fields: KansaEvent = {
        'event.category': ['authentication', 'database'],
        'event.type': [rule.type],
        'event.action': failed && rule.kind === 'login' ? 'logon-failed' : rule.action,
      };
      if (rule.kind === 'login-failed' && a.statement) fields['event.reason'] = a.statement;
      const dbJa = db ? `のデータベース ${db} ` : ' ';
      const via = [from ? `${from} から` : '', app ?? ''].filter(Boolean).join('、');
      return {
        fields,
        ja: `${a.subj}SQL Server ${a.where}${dbJa}${failed && rule.kind === 'login' ? 'へのログインに失敗しました' : rule.ja}${via ? `(${via})` : ''}`,
        en: `${a.who} ${failed && rule.kind === 'login' ? 'failed to log in to' : rule.en} SQL Server ${a.where}${db ? ` (database ${db})` : ''}${a.fromEn}${app ? ` using ${app}` : ''}`,
      };
    },
  },
  {
    id: 'audit-change',
    sample: SAMPLE_AUSC,
    match: { key: 'audit-change' },
    build(_g, a) {
      const start = a.rule.type === 'start';
      return {
        fields: {
          'event.category': ['database', 'configuration'],
          'event.type': [a.rule.type],
          'event.action': a.rule.action,
        },
        ja: `${a.subj}SQL Server ${a.where} の監査セッションを${start ? '開始または変更しました' : '失敗により停止しました'}`,
        en: `${a.who} ${start ? 'started or changed' : 'stopped (on failure)'} the audit session on SQL Server ${a.where}`,
      };
    },
  },
  {
    id: 'role-member',
    sample: SAMPLE_APRL,
    match: { key: 'role-member' },
    build(_g, a) {
      const thing = a.object ?? a.db ?? a.where;
      const member = a.targetName ?? '(不明)';
      const add = a.actionId === 'APRL';
      return {
        fields: statementFields(a),
        ja: `${a.subj}${a.fromJa}ロール ${thing} ${add ? 'に' : 'から'} ${member} を${add ? '追加' : '削除'}しました${a.failed ? '(失敗)' : ''}`,
        en: `${a.who} ${add ? 'added' : 'removed'} ${a.targetName ?? 'someone'} ${add ? 'to' : 'from'} role ${thing}${a.fromEn}${a.failed ? ' (failed)' : ''}`,
      };
    },
  },
  {
    id: 'statement',
    sample: SAMPLE_SL,
    match: { key: 'statement' },
    build(_g, a) {
      const { rule, where, targetName } = a;
      const thing = a.object ?? a.db ?? where;
      const rowsJa = a.rows > 0 ? `、${a.rows} 行` : '';
      const rowsEn = a.rows > 0 ? `, ${a.rows} rows` : '';
      return {
        fields: statementFields(a),
        ja: a.failed
          ? `${a.subj}${a.fromJa}${thing} に対する ${rule.command} を拒否されました(${where})`
          : `${a.subj}${a.fromJa}${thing} ${rule.ja}(${rule.command}${rowsJa}${targetName ? `、対象 ${targetName}` : ''}、${where})`,
        en: a.failed
          ? `${a.who} was denied ${rule.command} on ${thing}${a.fromEn} (${where})`
          : `${a.who} ${rule.en} ${thing}${a.fromEn} (${rule.command}${rowsEn}${targetName ? `, for ${targetName}` : ''}, ${where})`,
      };
    },
  },
];

/** Reads a sample the way the translator reads an audit message, for the rule-table test. */
export type Reader = (message: string) => Audit;

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function mssqlAuditRules(read: Reader) {
  return ruleTable<Audit>(
    'mssql-audit',
    read(SAMPLE_SL),
    RULE_LIST.map((r) => ({ ...r, sampleContext: read(r.sample) })),
    keyOf,
  );
}
