/**
 * The Google Workspace message rule table: one rule per form of event (login success or failure, logout,
 * login warnings, each Drive content action, the three Drive sharing changes, admin changes to users and
 * to settings, any other event). A rule's sample is an activity as the Reports API returns it, holding the
 * one event of that form; the key is the rule the activity's application and event name (and type) pick.
 */
import type { KansaEvent } from '../../translate/types';
import { obj, str, type Json } from '../_lib/json';
import { jsonKeyOf } from '../_lib/json-key';
import { ruleTable, type MessageRule } from '../_lib/rules';

/** One event of a Reports API activity, with its parameters flattened to strings. */
export interface GwEvent {
  app: string;
  name: string;
  /** The event's `type` (Drive: access, acl_change; admin: USER_SETTINGS, DELEGATED_ADMIN_SETTINGS, …). */
  type?: string;
  /** `parameters`: name → value, boolValue, intValue, or multiValue joined with ", ". */
  p: Record<string, string>;
  /** The actor, as the directory names people (the part of the e-mail before @). */
  who?: string;
  /** ` from 203.0.113.24` / `203.0.113.24 から `, empty when the activity has no address. */
  fromEn: string;
  fromJa: string;
}

/** One form: the application, and the event names or types it covers (all of the application's when neither). */
interface GwRule extends MessageRule<GwEvent> {
  app: string;
  names?: string[];
  types?: string[];
}

/** An `events[]` element inside the activity the Reports API returns around it (as in testdata). */
const inActivity = (app: string, event: string): string =>
  `{"kind":"admin#reports#activity","id":{"time":"2026-10-01T00:03:11.000Z","uniqueQualifier":"-4851736372049383715","applicationName":"${app}","customerId":"C03az79cb"},"actor":{"email":"tanaka@example.co.jp","profileId":"105250506097979753968"},"ipAddress":"203.0.113.24","events":[${event}]}`;

export const localPart = (email: string): string => (email.includes('@') ? email.slice(0, email.indexOf('@')) : email);

const subj = (e: GwEvent): string => (e.who ? `${e.who} が ` : 'Google Workspace で ');
const whoEn = (e: GwEvent): string => e.who ?? 'Someone';
const paren = (parts: Array<string | undefined>, sep: string, open = '(', close = ')'): string => {
  const s = parts.filter((x): x is string => !!x).join(sep);
  return s ? `${open}${s}${close}` : '';
};

/** Drive `visibility` values (who can open the item) in words. */
const VISIBILITY: Record<string, [string, string]> = {
  private: ['非公開', 'private'],
  shared_internally: ['組織内の特定ユーザー', 'shared internally'],
  shared_externally: ['社外の特定ユーザー', 'shared externally'],
  people_within_domain_with_link: ['リンクを知っている組織内の全員', 'anyone in the organization with the link'],
  public_in_the_domain: ['組織内に公開', 'public in the organization'],
  people_with_link: ['リンクを知っている全員', 'anyone with the link'],
  public_on_the_web: ['ウェブ上で一般公開', 'public on the web'],
  unknown: ['不明', 'unknown'],
};
const vis = (v: string | undefined, i: 0 | 1): string => (v ? (VISIBILITY[v]?.[i] ?? v) : '?');
/** Visibilities anyone holding the URL opens without signing in: an M365 anonymous link by another name. */
const ANONYMOUS = new Set(['people_with_link', 'public_on_the_web']);

/** Drive roles in `old_value`/`new_value` (can_edit, can_view, …). */
const ROLE: Record<string, [string, string]> = {
  none: ['なし', 'none'],
  can_view: ['閲覧者', 'viewer'],
  can_comment: ['閲覧者(コメント可)', 'commenter'],
  can_edit: ['編集者', 'editor'],
  owner: ['オーナー', 'owner'],
  organizer: ['管理者', 'manager'],
  file_organizer: ['コンテンツ管理者', 'content manager'],
};
const role = (v: string | undefined, i: 0 | 1): string =>
  v
    ? v
        .split(', ')
        .map((r) => ROLE[r]?.[i] ?? r)
        .join(i === 0 ? '・' : '/')
    : '?';

/** The Drive item's fields and how the sentence names it. */
function driveItem(e: GwEvent): { fields: KansaEvent; title: string } {
  const fields: KansaEvent = {};
  const title = e.p.doc_title ?? e.p.doc_id ?? '(無題)';
  if (e.p.doc_title) {
    fields['file.name'] = e.p.doc_title;
    const dot = e.p.doc_title.lastIndexOf('.');
    if (dot > 0 && dot < e.p.doc_title.length - 1)
      fields['file.extension'] = e.p.doc_title.slice(dot + 1).toLowerCase();
  }
  if (e.p.doc_type) fields['file.type'] = e.p.doc_type === 'folder' ? 'dir' : e.p.doc_type;
  return { fields, title };
}

/** Drive actions on an item's content, in the words of the file-server translators. */
const DRIVE_ACCESS: Array<[string, string, string, string, string, string]> = [
  // name, operation, ECS type, ja, en, sample
  [
    'view',
    'read',
    'access',
    'を閲覧しました',
    'viewed',
    '{"type":"access","name":"view","parameters":[{"name":"doc_id","value":"1AbC"},{"name":"doc_type","value":"spreadsheet"},{"name":"doc_title","value":"見積一覧"},{"name":"owner","value":"sato@example.co.jp"},{"name":"visibility","value":"shared_internally"}]}',
  ],
  [
    'preview',
    'read',
    'access',
    'をプレビューしました',
    'previewed',
    '{"type":"access","name":"preview","parameters":[{"name":"doc_title","value":"議事録.pdf"}]}',
  ],
  [
    'download',
    'read',
    'access',
    'をダウンロードしました',
    'downloaded',
    '{"type":"access","name":"download","parameters":[{"name":"doc_id","value":"1XyZ"},{"name":"doc_type","value":"pdf"},{"name":"doc_title","value":"customer-list.pdf"}]}',
  ],
  [
    'print',
    'read',
    'access',
    'を印刷しました',
    'printed',
    '{"type":"access","name":"print","parameters":[{"name":"doc_title","value":"給与一覧"}]}',
  ],
  [
    'copy',
    'read',
    'creation',
    'をコピーしました',
    'copied',
    '{"type":"access","name":"copy","parameters":[{"name":"doc_title","value":"価格表"}]}',
  ],
  [
    'edit',
    'write',
    'change',
    'を編集しました',
    'edited',
    '{"type":"access","name":"edit","parameters":[{"name":"doc_title","value":"週報"}]}',
  ],
  [
    'create',
    'create',
    'creation',
    'を作成しました',
    'created',
    '{"type":"access","name":"create","parameters":[{"name":"doc_title","value":"新規ドキュメント"}]}',
  ],
  [
    'upload',
    'create',
    'creation',
    'をアップロードしました',
    'uploaded',
    '{"type":"access","name":"upload","parameters":[{"name":"doc_title","value":"scan.pdf"}]}',
  ],
  [
    'trash',
    'delete',
    'deletion',
    'をゴミ箱に移動しました',
    'trashed',
    '{"type":"access","name":"trash","parameters":[{"name":"doc_title","value":"old.xlsx"}]}',
  ],
  [
    'untrash',
    'write',
    'change',
    'をゴミ箱から復元しました',
    'restored from the trash',
    '{"type":"access","name":"untrash","parameters":[{"name":"doc_title","value":"old.xlsx"}]}',
  ],
  [
    'delete',
    'delete',
    'deletion',
    'を完全に削除しました',
    'deleted',
    '{"type":"access","name":"delete","parameters":[{"name":"doc_title","value":"old.xlsx"}]}',
  ],
  [
    'rename',
    'rename',
    'change',
    'の名前を変更しました',
    'renamed',
    '{"type":"access","name":"rename","parameters":[{"name":"doc_title","value":"b.xlsx"},{"name":"old_value","multiValue":["a.xlsx"]},{"name":"new_value","multiValue":["b.xlsx"]}]}',
  ],
  [
    'move',
    'rename',
    'change',
    'を移動しました',
    'moved',
    '{"type":"access","name":"move","parameters":[{"name":"doc_title","value":"a.xlsx"},{"name":"source_folder_title","multiValue":["共有"]},{"name":"destination_folder_title","multiValue":["個人"]}]}',
  ],
];

const driveAccessRules: GwRule[] = DRIVE_ACCESS.map(([name, op, type, ja, en, sample]) => ({
  id: `drive.${name}`,
  sample: inActivity('drive', sample),
  app: 'drive',
  names: [name],
  match: { key: `drive.${name}` },
  build(_g, e) {
    const { fields, title } = driveItem(e);
    fields['event.category'] = ['file'];
    fields['event.type'] = [type];
    fields['kansa.access.operation'] = op;
    // Microsoft 365's and Box's action for the same act, so one leaver rule counts downloads of every vendor.
    if (name === 'download') fields['event.action'] = 'file-downloaded';
    const detailJa =
      name === 'rename'
        ? paren([e.p.old_value && `旧名 ${e.p.old_value}`], '')
        : name === 'move'
          ? paren(
              [e.p.source_folder_title && `${e.p.source_folder_title} → ${e.p.destination_folder_title ?? '?'}`],
              '',
            )
          : '';
    const detailEn =
      name === 'rename'
        ? paren([e.p.old_value && `was ${e.p.old_value}`], '')
        : name === 'move'
          ? paren(
              [e.p.source_folder_title && `${e.p.source_folder_title} → ${e.p.destination_folder_title ?? '?'}`],
              '',
            )
          : '';
    return {
      fields,
      ja: `${subj(e)}${e.fromJa}Google ドライブの ${title} ${ja}${detailJa}`,
      en: `${whoEn(e)} ${en} ${title} in Google Drive${e.fromEn}${detailEn ? ` ${detailEn}` : ''}`,
    };
  },
}));

/** Sharing: who may open the item changed. These feed the sharing-scope monitoring point. */
const driveSharingRules: GwRule[] = [
  {
    id: 'drive.change_document_visibility',
    sample: inActivity(
      'drive',
      '{"type":"acl_change","name":"change_document_visibility","parameters":[{"name":"primary_event","boolValue":true},{"name":"visibility_change","value":"external"},{"name":"doc_id","value":"1QwE"},{"name":"doc_type","value":"spreadsheet"},{"name":"doc_title","value":"顧客台帳"},{"name":"visibility","value":"people_with_link"},{"name":"old_visibility","value":"private"}]}',
    ),
    app: 'drive',
    names: ['change_document_visibility'],
    match: { key: 'drive.change_document_visibility' },
    build(_g, e) {
      const { fields, title } = driveItem(e);
      fields['event.category'] = ['file', 'iam'];
      fields['event.type'] = ['change'];
      fields['kansa.access.operation'] = 'permission-change';
      // The same act as Microsoft 365's AnonymousLinkCreated, so the same action: one rule sees both vendors.
      if (ANONYMOUS.has(e.p.visibility ?? '') && !ANONYMOUS.has(e.p.old_visibility ?? '')) {
        fields['event.action'] = 'anonymous-link-created';
      }
      const ext = e.p.visibility_change === 'external';
      return {
        fields,
        ja: `${subj(e)}${e.fromJa}Google ドライブの ${title} の公開範囲を変更しました(${vis(e.p.old_visibility, 0)} → ${vis(e.p.visibility, 0)}${ext ? '、社外に公開' : ''})`,
        en: `${whoEn(e)} changed the visibility of ${title} in Google Drive${e.fromEn} (${vis(e.p.old_visibility, 1)} → ${vis(e.p.visibility, 1)}${ext ? ', now external' : ''})`,
      };
    },
  },
  {
    id: 'drive.change_document_access_scope',
    sample: inActivity(
      'drive',
      '{"type":"acl_change","name":"change_document_access_scope","parameters":[{"name":"doc_title","value":"顧客台帳"},{"name":"visibility","value":"people_with_link"},{"name":"old_value","multiValue":["none"]},{"name":"new_value","multiValue":["can_view"]}]}',
    ),
    app: 'drive',
    names: ['change_document_access_scope'],
    match: { key: 'drive.change_document_access_scope' },
    build(_g, e) {
      const { fields, title } = driveItem(e);
      fields['event.category'] = ['file', 'iam'];
      fields['event.type'] = ['change'];
      fields['kansa.access.operation'] = 'permission-change';
      return {
        fields,
        ja: `${subj(e)}${e.fromJa}Google ドライブの ${title} のリンク共有の権限を変更しました(${vis(e.p.visibility, 0)}: ${role(e.p.old_value, 0)} → ${role(e.p.new_value, 0)})`,
        en: `${whoEn(e)} changed the link sharing of ${title} in Google Drive${e.fromEn} (${vis(e.p.visibility, 1)}: ${role(e.p.old_value, 1)} → ${role(e.p.new_value, 1)})`,
      };
    },
  },
  {
    id: 'drive.change_user_access',
    sample: inActivity(
      'drive',
      '{"type":"acl_change","name":"change_user_access","parameters":[{"name":"doc_title","value":"提案書"},{"name":"target_user","value":"partner@gmail.com"},{"name":"old_value","multiValue":["none"]},{"name":"new_value","multiValue":["can_edit"]},{"name":"visibility_change","value":"external"}]}',
    ),
    app: 'drive',
    names: ['change_user_access', 'change_acl_editors'],
    match: { key: 'drive.change_user_access' },
    build(_g, e) {
      const { fields, title } = driveItem(e);
      fields['event.category'] = ['file', 'iam'];
      fields['event.type'] = ['change'];
      fields['kansa.access.operation'] = 'permission-change';
      if (e.p.target_user) fields['user.target.name'] = localPart(e.p.target_user);
      const target = e.p.target_user ?? e.p.target_domain ?? '?';
      const ext = e.p.visibility_change === 'external';
      return {
        fields,
        ja: `${subj(e)}${e.fromJa}Google ドライブの ${title} の共有を変更しました(${target}: ${role(e.p.old_value, 0)} → ${role(e.p.new_value, 0)}${ext ? '、社外' : ''})`,
        en: `${whoEn(e)} changed who can access ${title} in Google Drive${e.fromEn} (${target}: ${role(e.p.old_value, 1)} → ${role(e.p.new_value, 1)}${ext ? ', external' : ''})`,
      };
    },
  },
];

const LOGIN_FAILURE: Record<string, [string, string]> = {
  login_failure_invalid_password: ['パスワード誤り', 'wrong password'],
  login_failure_invalid_second_factor: ['2 段階認証の失敗', 'second factor failed'],
  login_failure_account_disabled: ['アカウント無効', 'account disabled'],
  login_failure_unknown: ['理由不明', 'unknown reason'],
};

const loginRules: GwRule[] = [
  {
    id: 'login.login_success',
    sample: inActivity(
      'login',
      '{"type":"login","name":"login_success","parameters":[{"name":"login_type","value":"google_password"},{"name":"login_challenge_method","multiValue":["password","google_authenticator"]},{"name":"is_suspicious","boolValue":false}]}',
    ),
    app: 'login',
    names: ['login_success', 'login_failure'],
    match: { key: 'login.login_success' },
    build(_g, e) {
      const failed = e.name === 'login_failure';
      const fields: KansaEvent = {
        'event.category': ['authentication'],
        'event.type': ['start'],
        'event.action': failed ? 'logon-failed' : 'logged-in',
        'event.outcome': failed ? 'failure' : 'success',
      };
      const reason = e.p.login_failure_type;
      if (failed && reason) fields['event.reason'] = reason;
      const suspicious = e.p.is_suspicious === 'true';
      const how = [e.p.login_type, e.p.login_challenge_method];
      return {
        fields,
        ja: `${subj(e)}${e.fromJa}Google Workspace ${failed ? 'へのログインに失敗しました' : 'にログインしました'}${paren([...how, suspicious ? '不審なログイン' : undefined, failed && reason ? (LOGIN_FAILURE[reason]?.[0] ?? reason) : undefined], '、')}`,
        en: `${whoEn(e)} ${failed ? 'failed to log in to' : 'logged in to'} Google Workspace${e.fromEn}${paren([...how, suspicious ? 'suspicious' : undefined, failed && reason ? (LOGIN_FAILURE[reason]?.[1] ?? reason) : undefined], ', ', ' (')}`,
      };
    },
  },
  {
    id: 'login.logout',
    sample: inActivity(
      'login',
      '{"type":"logout","name":"logout","parameters":[{"name":"login_type","value":"google_password"}]}',
    ),
    app: 'login',
    names: ['logout'],
    match: { key: 'login.logout' },
    build(_g, e) {
      return {
        fields: { 'event.category': ['authentication'], 'event.type': ['end'], 'event.action': 'logged-out' },
        ja: `${subj(e)}Google Workspace からログアウトしました${e.fromJa ? `(${e.fromJa.replace(/ から $/, '')})` : ''}`,
        en: `${whoEn(e)} logged out of Google Workspace${e.fromEn}`,
      };
    },
  },
  {
    id: 'login.suspicious',
    sample: inActivity(
      'login',
      '{"type":"account_warning","name":"suspicious_login","parameters":[{"name":"affected_email_address","value":"tanaka@example.co.jp"}]}',
    ),
    app: 'login',
    names: [
      'suspicious_login',
      'suspicious_login_less_secure_app',
      'suspicious_programmatic_login',
      'account_disabled_password_leak',
      'account_disabled_hijacked',
      'gov_attack_warning',
      'login_challenge',
      'login_verification',
    ],
    match: { key: 'login.suspicious' },
    build(_g, e) {
      const warning = e.type === 'account_warning' || e.name === 'gov_attack_warning';
      const fields: KansaEvent = {
        'event.category': ['authentication'],
        'event.type': [warning ? 'info' : 'start'],
        'event.action': e.name.replace(/_/g, '-'),
      };
      if (e.p.affected_email_address) fields['user.target.name'] = localPart(e.p.affected_email_address);
      const detail = [e.p.login_challenge_method, e.p.login_challenge_status].filter(Boolean).join(', ');
      if (e.p.login_challenge_status && /fail/i.test(e.p.login_challenge_status)) fields['event.outcome'] = 'failure';
      return {
        fields,
        ja: `${subj(e)}${e.fromJa}Google Workspace のログイン${warning ? '警告' : '確認'} ${e.name} が記録されました${paren([e.p.affected_email_address, detail], '、')}`,
        en: `Google Workspace recorded the login ${warning ? 'warning' : 'check'} ${e.name} for ${e.p.affected_email_address ?? whoEn(e)}${e.fromEn}${paren([detail], '', ' (')}`,
      };
    },
  },
];

/** Admin console settings: the event name is the change, parameters name what it was made to. */
const adminRules: GwRule[] = [
  {
    id: 'admin.user',
    sample: inActivity(
      'admin',
      '{"type":"USER_SETTINGS","name":"CREATE_USER","parameters":[{"name":"USER_EMAIL","value":"nakamura@example.co.jp"}]}',
    ),
    app: 'admin',
    types: ['USER_SETTINGS', 'DELEGATED_ADMIN_SETTINGS', 'GROUP_SETTINGS', 'LICENSES_SETTINGS'],
    match: { key: 'admin.user' },
    build(_g, e) {
      const n = e.name;
      const fields: KansaEvent = {
        'event.category': ['iam'],
        'event.type': [
          /^(CREATE|ADD|GRANT|ASSIGN)/.test(n)
            ? 'creation'
            : /^(DELETE|REMOVE|REVOKE|UNASSIGN)/.test(n)
              ? 'deletion'
              : 'change',
        ],
      };
      if (/ADMIN|ROLE|PRIVILEGE/.test(n)) (fields['event.type'] as string[]).push('admin');
      if (e.p.USER_EMAIL) fields['user.target.name'] = localPart(e.p.USER_EMAIL);
      if (e.p.GROUP_EMAIL) fields['group.name'] = e.p.GROUP_EMAIL;
      const what = [e.p.USER_EMAIL, e.p.GROUP_EMAIL, e.p.ROLE_NAME && `role ${e.p.ROLE_NAME}`];
      return {
        fields,
        ja: `${subj(e)}${e.fromJa}Google 管理コンソールで ${n} を実行しました${paren(what, '、')}`,
        en: `${whoEn(e)} did ${n} in the Google Admin console${e.fromEn}${paren(what, ', ', ' (')}`,
      };
    },
  },
  {
    id: 'admin.setting',
    sample: inActivity(
      'admin',
      '{"type":"APPLICATION_SETTINGS","name":"CHANGE_APPLICATION_SETTING","parameters":[{"name":"APPLICATION_NAME","value":"Drive and Docs"},{"name":"SETTING_NAME","value":"Sharing outside of the organization"},{"name":"OLD_VALUE","value":"ALLOWLISTED_DOMAINS"},{"name":"NEW_VALUE","value":"ALLOWED"},{"name":"ORG_UNIT_NAME","value":"/"}]}',
    ),
    app: 'admin',
    match: { key: 'admin.setting' },
    build(_g, e) {
      const setting = [e.p.APPLICATION_NAME, e.p.SETTING_NAME].filter(Boolean).join(' / ');
      const change = e.p.NEW_VALUE !== undefined ? `${e.p.OLD_VALUE ?? '?'} → ${e.p.NEW_VALUE}` : undefined;
      return {
        fields: { 'event.category': ['configuration'], 'event.type': ['change'] },
        ja: `${subj(e)}${e.fromJa}Google 管理コンソールで ${e.name} を実行しました${paren([setting, change, e.p.ORG_UNIT_NAME && `組織部門 ${e.p.ORG_UNIT_NAME}`], '、')}`,
        en: `${whoEn(e)} did ${e.name} in the Google Admin console${e.fromEn}${paren([setting, change, e.p.ORG_UNIT_NAME && `org unit ${e.p.ORG_UNIT_NAME}`], ', ', ' (')}`,
      };
    },
  },
];

/** Any other application or event: named as the Reports API names it, nothing guessed. */
const other: MessageRule<GwEvent> = {
  id: 'other',
  sample: inActivity(
    'drive',
    '{"type":"acl_change","name":"shared_drive_membership_change","parameters":[{"name":"shared_drive_id","value":"0AbC"}]}',
  ),
  match: { key: 'other' },
  build(_g, e) {
    return {
      fields: { 'event.category': [e.app === 'drive' ? 'file' : 'configuration'], 'event.type': ['info'] },
      ja: `${subj(e)}${e.fromJa}Google Workspace(${e.app})で ${e.name} が記録されました`,
      en: `${whoEn(e)}: Google Workspace ${e.app} event ${e.name}${e.fromEn}`,
    };
  },
};

const FORMS: GwRule[] = [...loginRules, ...driveSharingRules, ...driveAccessRules, ...adminRules];

/** The form of an activity's (first) event: the first rule whose application, names and types take it. */
export function keyOf(a: Json): string | undefined {
  const app = str(obj(a.id)?.applicationName);
  const event = obj(Array.isArray(a.events) ? a.events[0] : undefined);
  const name = str(event?.name);
  if (!app || !name) return undefined;
  const type = str(event?.type);
  const form = FORMS.find(
    (r) =>
      r.app === app &&
      (!r.names || r.names.includes(name)) &&
      (!r.types || (type !== undefined && r.types.includes(type))),
  );
  return form?.id ?? 'other';
}

/** Reads a sample the way the translator reads an activity's one event, for the rule-table test. */
export type Reader = (text: string) => GwEvent;

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function googleWorkspaceRules(read: Reader) {
  return ruleTable<GwEvent>(
    'google-workspace',
    read(loginRules[0].sample),
    [...FORMS, other].map((r) => ({ ...r, sampleContext: read(r.sample) })),
    jsonKeyOf(keyOf),
  );
}
