/**
 * Unified audit log operations Kansa names, one row each with its sentence parts. Everything else is
 * translated generically (action = the operation in kebab case).
 */
export interface OperationRule {
  action: string;
  category: string[];
  type: string[];
  /** For files: what was done to the file, in the words of the file-server translators. */
  access?: 'read' | 'write' | 'create' | 'delete' | 'rename' | 'permission-change';
  ja: string;
  en: string;
}

const file = (
  action: string,
  type: string,
  access: OperationRule['access'],
  ja: string,
  en: string,
): OperationRule => ({ action, category: ['file'], type: [type], access, ja, en });
const share = (action: string, ja: string, en: string): OperationRule => ({
  action,
  category: ['file', 'iam'],
  type: ['change'],
  access: 'permission-change',
  ja,
  en,
});

export const OPERATIONS: Record<string, OperationRule> = {
  // SharePoint / OneDrive file activities
  FileAccessed: file('file-accessed', 'access', 'read', 'を開きました', 'opened'),
  FilePreviewed: file('file-previewed', 'access', 'read', 'をプレビューしました', 'previewed'),
  FileDownloaded: file('file-downloaded', 'access', 'read', 'をダウンロードしました', 'downloaded'),
  FileSyncDownloadedFull: file(
    'file-sync-downloaded',
    'access',
    'read',
    'を同期クライアントでダウンロードしました',
    'downloaded with the sync client',
  ),
  FileUploaded: file('file-uploaded', 'creation', 'create', 'をアップロードしました', 'uploaded'),
  FileSyncUploadedFull: file(
    'file-sync-uploaded',
    'creation',
    'create',
    'を同期クライアントでアップロードしました',
    'uploaded with the sync client',
  ),
  FileModified: file('file-modified', 'change', 'write', 'を変更しました', 'modified'),
  FileDeleted: file('file-deleted', 'deletion', 'delete', 'を削除しました', 'deleted'),
  FileRecycled: file('file-recycled', 'deletion', 'delete', 'をごみ箱に移動しました', 'moved to the recycle bin'),
  FileRenamed: file('file-renamed', 'change', 'rename', 'の名前を変更しました', 'renamed'),
  FileMoved: file('file-moved', 'change', 'rename', 'を移動しました', 'moved'),
  FileCopied: file('file-copied', 'creation', 'read', 'をコピーしました', 'copied'),
  // sharing
  SharingSet: share('sharing-set', 'の共有設定を変更しました', 'changed the sharing of'),
  SharingInvitationCreated: share('sharing-invitation-created', 'を共有する招待を作成しました', 'invited someone to'),
  AddedToSecureLink: share(
    'added-to-secure-link',
    'の共有リンクに相手を追加しました',
    'added someone to a sharing link of',
  ),
  SecureLinkCreated: share(
    'secure-link-created',
    'の特定ユーザー向け共有リンクを作成しました',
    'created a specific-people link to',
  ),
  CompanyLinkCreated: share(
    'company-link-created',
    'の組織内共有リンクを作成しました',
    'created an organization-wide link to',
  ),
  AnonymousLinkCreated: share(
    'anonymous-link-created',
    'の匿名リンク(リンクを知っている全員)を作成しました',
    'created an anonymous (anyone) link to',
  ),
  AnonymousLinkUsed: file(
    'anonymous-link-used',
    'access',
    'read',
    'が匿名リンクで開かれました',
    'was opened through an anonymous link:',
  ),
  SharingRevoked: share('sharing-revoked', 'の共有を取り消しました', 'revoked the sharing of'),
  // Exchange
  MailItemsAccessed: {
    action: 'mail-items-accessed',
    category: ['email'],
    type: ['access'],
    ja: 'メールボックスのメールにアクセスしました',
    en: 'accessed mail items in the mailbox',
  },
  Send: { action: 'mail-sent', category: ['email'], type: ['info'], ja: 'メールを送信しました', en: 'sent a message' },
  SendAs: {
    action: 'mail-sent-as',
    category: ['email'],
    type: ['info'],
    ja: '別人としてメールを送信しました',
    en: 'sent a message as another user',
  },
  SendOnBehalf: {
    action: 'mail-sent-on-behalf',
    category: ['email'],
    type: ['info'],
    ja: '代理でメールを送信しました',
    en: 'sent a message on behalf of another user',
  },
  HardDelete: {
    action: 'mail-hard-deleted',
    category: ['email'],
    type: ['deletion'],
    ja: 'メールを完全に削除しました',
    en: 'purged messages',
  },
  'New-InboxRule': {
    action: 'inbox-rule-created',
    category: ['email', 'configuration'],
    type: ['creation'],
    ja: '受信トレイのルールを作成しました',
    en: 'created an inbox rule',
  },
  'Set-Mailbox': {
    action: 'mailbox-changed',
    category: ['email', 'configuration'],
    type: ['change'],
    ja: 'メールボックスの設定を変更しました',
    en: 'changed mailbox settings',
  },
  // Entra ID sign-ins as the unified log carries them
  UserLoggedIn: {
    action: 'logged-in',
    category: ['authentication'],
    type: ['start'],
    ja: 'Microsoft 365 にサインインしました',
    en: 'signed in to Microsoft 365',
  },
  UserLoginFailed: {
    action: 'logon-failed',
    category: ['authentication'],
    type: ['start'],
    ja: 'Microsoft 365 へのサインインに失敗しました',
    en: 'failed to sign in to Microsoft 365',
  },
  // Teams
  TeamCreated: {
    action: 'team-created',
    category: ['configuration'],
    type: ['creation'],
    ja: 'チームを作成しました',
    en: 'created the team',
  },
  TeamDeleted: {
    action: 'team-deleted',
    category: ['configuration'],
    type: ['deletion'],
    ja: 'チームを削除しました',
    en: 'deleted the team',
  },
  MemberAdded: {
    action: 'team-member-added',
    category: ['iam'],
    type: ['change'],
    ja: 'メンバーを追加しました',
    en: 'added members',
  },
  MemberRemoved: {
    action: 'team-member-removed',
    category: ['iam'],
    type: ['change'],
    ja: 'メンバーを外しました',
    en: 'removed members',
  },
  ChannelAdded: {
    action: 'team-channel-added',
    category: ['configuration'],
    type: ['creation'],
    ja: 'チャネルを追加しました',
    en: 'added a channel',
  },
  MessageSent: {
    action: 'team-message-sent',
    category: ['email'],
    type: ['info'],
    ja: 'Teams でメッセージを送信しました',
    en: 'sent a Teams message',
  },
};
