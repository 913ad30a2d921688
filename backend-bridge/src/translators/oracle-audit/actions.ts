/**
 * Oracle audit action codes (AUDIT_ACTIONS: the same numbers in the unified audit syslog `ACTION:"…"`
 * and the XML audit trail's `<Action>`), grouped into the classes the other database translators use.
 */
export interface OracleAction {
  name: string;
  kind: 'logon' | 'logoff' | 'statement';
  dbClass?: 'READ' | 'WRITE' | 'DDL' | 'ROLE' | 'FUNCTION' | 'MISC';
  action: string;
  type: string;
  ja: string;
  en: string;
}

const read = (name: string): OracleAction => ({
  name,
  kind: 'statement',
  dbClass: 'READ',
  action: 'db-read',
  type: 'access',
  ja: 'を読み取りました',
  en: 'read',
});
const write = (name: string, ja: string, en: string): OracleAction => ({
  name,
  kind: 'statement',
  dbClass: 'WRITE',
  action: 'db-write',
  type: 'change',
  ja,
  en,
});
const ddl = (name: string): OracleAction => ({
  name,
  kind: 'statement',
  dbClass: 'DDL',
  action: 'db-ddl',
  type: 'change',
  ja: 'の定義を変更しました',
  en: 'changed the definition of',
});
const role = (name: string): OracleAction => ({
  name,
  kind: 'statement',
  dbClass: 'ROLE',
  action: 'db-role-change',
  type: 'change',
  ja: 'のロール・権限を変更しました',
  en: 'changed roles or privileges on',
});

export const ACTIONS: Record<string, OracleAction> = {
  '100': { name: 'LOGON', kind: 'logon', action: 'logged-in', type: 'start', ja: 'ログオンしました', en: 'logged on' },
  '101': {
    name: 'LOGOFF',
    kind: 'logoff',
    action: 'logged-out',
    type: 'end',
    ja: 'ログオフしました',
    en: 'logged off',
  },
  '102': {
    name: 'LOGOFF BY CLEANUP',
    kind: 'logoff',
    action: 'logged-out',
    type: 'end',
    ja: 'ログオフしました(セッション後始末)',
    en: 'logged off (session cleanup)',
  },
  '3': read('SELECT'),
  '2': write('INSERT', 'に挿入しました', 'inserted into'),
  '6': write('UPDATE', 'を更新しました', 'updated'),
  '7': write('DELETE', 'から削除しました', 'deleted from'),
  '189': write('UPSERT', 'にマージしました', 'merged into'),
  '85': write('TRUNCATE TABLE', 'を切り捨てました', 'truncated'),
  '1': ddl('CREATE TABLE'),
  '12': ddl('DROP TABLE'),
  '15': ddl('ALTER TABLE'),
  '17': role('GRANT OBJECT'),
  '18': role('REVOKE OBJECT'),
  '114': role('GRANT ROLE'),
  '115': role('REVOKE ROLE'),
  '51': role('CREATE USER'),
  '43': role('ALTER USER'),
  '53': role('DROP USER'),
  '52': role('CREATE ROLE'),
  '47': {
    name: 'EXECUTE',
    kind: 'statement',
    dbClass: 'FUNCTION',
    action: 'db-function-call',
    type: 'access',
    ja: 'を実行しました',
    en: 'executed',
  },
};

/** The classic audit trail writes the action name; the unified one its number. */
const BY_NAME = new Map(Object.values(ACTIONS).map((a) => [a.name, a]));
// AUDIT_SYSLOG_LEVEL's mandatory SYSDBA/SYSOPER records name a connection CONNECT.
BY_NAME.set('CONNECT', ACTIONS['100']);

export function actionOf(code: string | undefined): OracleAction {
  const known = code ? (ACTIONS[code] ?? BY_NAME.get(code.toUpperCase())) : undefined;
  return (
    known ?? {
      name: code ?? '?',
      kind: 'statement',
      dbClass: 'MISC',
      action: 'db-misc',
      type: 'info',
      ja: 'に対して操作しました',
      en: 'acted on',
    }
  );
}
