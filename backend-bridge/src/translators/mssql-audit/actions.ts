/**
 * SQL Server Audit action ids (sys.dm_audit_actions, `action_id` char(4), space-padded in
 * fn_get_audit_file) → what Kansa calls them. One row per action with the sentence parts; the
 * statement class follows pgaudit's (READ, WRITE, DDL, ROLE, FUNCTION, MISC) so the DB dashboards
 * treat SQL Server like PostgreSQL and MySQL.
 */
export type ActionKind = 'login' | 'login-failed' | 'logout' | 'statement' | 'audit-change';

export interface ActionRule {
  kind: ActionKind;
  /** The pgaudit-style class, for statements. */
  dbClass?: 'READ' | 'WRITE' | 'DDL' | 'ROLE' | 'FUNCTION' | 'MISC';
  command: string;
  action: string;
  type: string;
  ja: string;
  en: string;
}

const read = (command: string, ja: string, en: string): ActionRule => ({
  kind: 'statement',
  dbClass: 'READ',
  command,
  action: 'db-read',
  type: 'access',
  ja,
  en,
});
const write = (command: string, ja: string, en: string): ActionRule => ({
  kind: 'statement',
  dbClass: 'WRITE',
  command,
  action: 'db-write',
  type: 'change',
  ja,
  en,
});
const ddl = (command: string, ja: string, en: string): ActionRule => ({
  kind: 'statement',
  dbClass: 'DDL',
  command,
  action: 'db-ddl',
  type: 'change',
  ja,
  en,
});
const role = (command: string, ja: string, en: string): ActionRule => ({
  kind: 'statement',
  dbClass: 'ROLE',
  command,
  action: 'db-role-change',
  type: 'change',
  ja,
  en,
});

export const ACTIONS: Record<string, ActionRule> = {
  LGIS: {
    kind: 'login',
    command: 'LOGIN',
    action: 'logged-in',
    type: 'start',
    ja: 'にログインしました',
    en: 'logged in to',
  },
  LGIF: {
    kind: 'login-failed',
    command: 'LOGIN',
    action: 'logon-failed',
    type: 'start',
    ja: 'へのログインに失敗しました',
    en: 'failed to log in to',
  },
  LGO: {
    kind: 'logout',
    command: 'LOGOUT',
    action: 'logged-out',
    type: 'end',
    ja: 'からログアウトしました',
    en: 'logged out of',
  },
  SL: read('SELECT', 'を読み取りました', 'read'),
  RC: read('RECEIVE', 'からメッセージを受信しました', 'received from'),
  BA: read('BACKUP', 'をバックアップしました', 'backed up'),
  IN: write('INSERT', 'に行を追加しました', 'inserted into'),
  UP: write('UPDATE', 'を更新しました', 'updated'),
  DL: write('DELETE', 'から行を削除しました', 'deleted from'),
  RS: write('RESTORE', 'をリストアしました', 'restored'),
  CR: ddl('CREATE', 'を作成しました', 'created'),
  AL: ddl('ALTER', 'の定義を変更しました', 'altered'),
  DR: ddl('DROP', 'を削除しました', 'dropped'),
  TRO: ddl('TRUNCATE TABLE', 'を切り捨てました', 'truncated'),
  G: role('GRANT', 'の権限を付与しました', 'granted permissions on'),
  GWG: role('GRANT WITH GRANT', 'の権限を付与しました', 'granted permissions on'),
  D: role('DENY', 'の権限を拒否設定しました', 'denied permissions on'),
  R: role('REVOKE', 'の権限を取り消しました', 'revoked permissions on'),
  APRL: role('ADD MEMBER', 'ロールにメンバーを追加しました', 'added a member to role'),
  DPRL: role('DROP MEMBER', 'ロールからメンバーを外しました', 'removed a member from role'),
  PWC: role('CHANGE PASSWORD', 'のパスワードを変更しました', 'changed the password of'),
  PWR: role('RESET PASSWORD', 'のパスワードをリセットしました', 'reset the password of'),
  IMP: role('IMPERSONATE', 'になりすましました', 'impersonated'),
  EX: {
    kind: 'statement',
    dbClass: 'FUNCTION',
    command: 'EXECUTE',
    action: 'db-function-call',
    type: 'access',
    ja: 'を実行しました',
    en: 'executed',
  },
  AUSC: {
    kind: 'audit-change',
    command: 'AUDIT SESSION CHANGED',
    action: 'audit-log-started',
    type: 'start',
    ja: '',
    en: '',
  },
  AUSF: {
    kind: 'audit-change',
    command: 'AUDIT SHUTDOWN ON FAILURE',
    action: 'audit-log-stopped',
    type: 'end',
    ja: '',
    en: '',
  },
};

/** An action id Kansa has no row for: a MISC statement named by its id. */
export function ruleOf(actionId: string): ActionRule {
  return (
    ACTIONS[actionId] ?? {
      kind: 'statement',
      dbClass: 'MISC',
      command: actionId,
      action: 'db-misc',
      type: 'info',
      ja: 'に対して操作しました',
      en: 'acted on',
    }
  );
}
