/**
 * The Box event message rule table: one rule per form of event (a login, a file action, a sharing change,
 * any other event type), keyed by event_type through the word tables below, which say for each type its
 * action, ECS type and words. A rule's sample is an entry as the events API returns it.
 */
import type { KansaEvent } from '../../translate/types';
import { obj, str, type Json } from '../_lib/json';
import { jsonKeyOf } from '../_lib/json-key';
import { ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';

/** One entry, read: what every rule needs to build its fields and sentence. */
export interface Entry {
  type: string;
  src: Json;
  details: Json;
  /** The entry itself, for the members only the sharing rule reads. */
  e: Json;
  /** created_by.login before `@`, if any; `who` is it or "Box". */
  name?: string;
  who: string;
  fromJa: string;
  fromEn: string;
}

/** event_type: [action, ECS type, ja, en]. */
type Words = Record<string, [string, string, string, string]>;

const LOGIN: Words = {
  LOGIN: ['logged-in', 'start', 'Box にログインしました', 'logged in to Box'],
  ADMIN_LOGIN: ['logged-in', 'start', 'Box に管理者としてログインしました', 'logged in to Box as an administrator'],
  FAILED_LOGIN: ['logon-failed', 'start', 'Box へのログインに失敗しました', 'failed to log in to Box'],
};

// A download is file-downloaded, Microsoft 365's and Google Drive's action: one leaver rule counts every vendor.
const FILE: Words = {
  DOWNLOAD: ['file-downloaded', 'access', 'をダウンロードしました', 'downloaded'],
  PREVIEW: ['preview', 'access', 'をプレビューしました', 'previewed'],
  UPLOAD: ['upload', 'creation', 'をアップロードしました', 'uploaded'],
  EDIT: ['edit', 'change', 'を編集しました', 'edited'],
  DELETE: ['delete', 'deletion', 'を削除しました', 'deleted'],
  UNDELETE: ['undelete', 'change', 'を復元しました', 'restored'],
  COPY: ['copy', 'creation', 'をコピーしました', 'copied'],
  MOVE: ['move', 'change', 'を移動しました', 'moved'],
  ITEM_DOWNLOAD: ['file-downloaded', 'access', 'をダウンロードしました', 'downloaded'],
  ITEM_PREVIEW: ['preview', 'access', 'をプレビューしました', 'previewed'],
  ITEM_UPLOAD: ['upload', 'creation', 'をアップロードしました', 'uploaded'],
  ITEM_TRASH: ['delete', 'deletion', 'をごみ箱に移動しました', 'trashed'],
  ITEM_MOVE: ['move', 'change', 'を移動しました', 'moved'],
  ITEM_COPY: ['copy', 'creation', 'をコピーしました', 'copied'],
};

const SHARING: Words = {
  SHARE: ['share', 'change', 'の共有リンクを作成しました', 'created a shared link for'],
  ITEM_SHARED_CREATE: ['share', 'change', 'の共有リンクを作成しました', 'created a shared link for'],
  ITEM_SHARED_UPDATE: ['share-update', 'change', 'の共有リンクを変更しました', 'changed the shared link of'],
  ITEM_SHARED_UNSHARE: ['unshare', 'change', 'の共有リンクを削除しました', 'removed the shared link of'],
  UNSHARE: ['unshare', 'change', 'の共有リンクを削除しました', 'removed the shared link of'],
  COLLABORATION_INVITE: [
    'collaboration-invite',
    'change',
    'にコラボレーターを招待しました',
    'invited a collaborator to',
  ],
  COLLABORATION_ROLE_CHANGE: [
    'collaboration-role-change',
    'change',
    'のコラボレーター権限を変更しました',
    'changed a collaborator role on',
  ],
  COLLABORATION_REMOVE: [
    'collaboration-remove',
    'change',
    'からコラボレーターを外しました',
    'removed a collaborator from',
  ],
};

/** Box shared-link access levels in words. */
const ACCESS: Record<string, [string, string]> = {
  open: ['リンクを知っている全員', 'anyone with the link'],
  company: ['社内のユーザー', 'people in the company'],
  collaborators: ['コラボレーターのみ', 'collaborators only'],
};

/** The form of an entry, by its event_type. */
export function keyOf(e: Json): string | undefined {
  const type = str(e.event_type);
  if (!type) return undefined;
  return LOGIN[type] ? 'login' : FILE[type] ? 'file' : SHARING[type] ? 'sharing' : 'other';
}

/** `tanaka@example.co.jp` → tanaka. */
const localPart = (login: string): string => (login.includes('@') ? login.slice(0, login.indexOf('@')) : login);

/** The action and type of a word, then the item's file fields; gives the item's `folder/name` path. */
function itemFields(c: Entry, words: Words[string]): { fields: KansaEvent; path: string } {
  const fields: KansaEvent = { 'event.action': words[0], 'event.type': [words[1]] };
  const { src } = c;
  const item = str(src.item_name) ?? str(src.name) ?? str(src.item_id) ?? '?';
  const folder = str(obj(src.parent)?.name);
  const path = folder ? `${folder}/${item}` : item;
  if (str(src.item_type) === 'file' || str(src.item_type) === 'folder') {
    fields['file.name'] = item;
    fields['file.path'] = `box:${path}`;
    if (folder) fields['file.directory'] = `box:${folder}`;
    fields['file.type'] = str(src.item_type) === 'folder' ? 'dir' : 'file';
    const dot = item.lastIndexOf('.');
    if (dot > 0 && str(src.item_type) === 'file') fields['file.extension'] = item.slice(dot + 1).toLowerCase();
  }
  const size = c.details.size;
  if (typeof size === 'number' && Number.isInteger(size)) fields['file.size'] = size;
  return { fields, path };
}

/** An item sentence: `tanaka が 203.0.113.24 から Box の 営業部/顧客台帳.xlsx をダウンロードしました`. */
function itemSentence(c: Entry, words: Words[string], path: string, detailJa = '', detailEn = '') {
  return {
    ja: `${c.who} が ${c.fromJa}Box の ${path} ${words[2]}${detailJa ? `(${detailJa})` : ''}`,
    en: `${c.name ?? 'Someone'} ${words[3]} ${path} in Box${c.fromEn}${detailEn ? ` (${detailEn})` : ''}`,
  };
}

const SAMPLE_LOGIN =
  '{"type":"event","event_id":"b1f2c3d4-0001","created_by":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"},"created_at":"2026-10-01T09:00:01+09:00","event_type":"LOGIN","ip_address":"203.0.113.24","source":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"}}';

type Rule = MessageRule<Entry>;

const RULE_LIST: Rule[] = [
  {
    id: 'login',
    sample: SAMPLE_LOGIN,
    match: { key: 'login' },
    build(_g, c): RuleResult {
      const [action, type, ja, en] = LOGIN[c.type];
      const failed = c.type === 'FAILED_LOGIN';
      return {
        fields: {
          'event.action': action,
          'event.type': [type],
          'event.category': ['authentication'],
          'event.outcome': failed ? 'failure' : 'success',
        },
        ja: `${c.who} が ${c.fromJa}${ja}`,
        en: `${c.name ?? 'Someone'} ${en}${c.fromEn}`,
      };
    },
  },
  {
    id: 'file',
    sample:
      '{"type":"event","event_id":"b1f2c3d4-0002","created_by":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"},"created_at":"2026-10-01T09:05:00+09:00","event_type":"DOWNLOAD","ip_address":"203.0.113.24","source":{"item_type":"file","item_id":"1200001","item_name":"顧客台帳.xlsx","parent":{"type":"folder","name":"営業部","id":"2200001"}},"additional_details":{"size":2457600}}',
    match: { key: 'file' },
    build(_g, c): RuleResult {
      const words = FILE[c.type];
      const { fields, path } = itemFields(c, words);
      const targetLogin = str(c.src.type) === 'user' ? str(c.src.login) : undefined;
      if (targetLogin) fields['user.target.name'] = localPart(targetLogin);
      fields['event.category'] = ['file'];
      const type = words[1];
      fields['kansa.access.operation'] =
        type === 'access' ? 'read' : type === 'deletion' ? 'delete' : type === 'creation' ? 'create' : 'write';
      return { fields, ...itemSentence(c, words, path) };
    },
  },
  {
    id: 'sharing',
    sample:
      '{"type":"event","event_id":"b1f2c3d4-0003","created_by":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"},"created_at":"2026-10-01T09:10:00+09:00","event_type":"SHARE","ip_address":"203.0.113.24","source":{"item_type":"file","item_id":"1200001","item_name":"顧客台帳.xlsx","parent":{"type":"folder","name":"営業部","id":"2200001"}},"additional_details":{"shared_link_id":"abc123","access":"open"}}',
    match: { key: 'sharing' },
    build(_g, c): RuleResult {
      const words = SHARING[c.type];
      const { fields, path } = itemFields(c, words);
      fields['event.category'] = ['file', 'iam'];
      fields['kansa.access.operation'] = 'permission-change';
      const { details } = c;
      const access = str(details.access);
      const invited =
        str(obj(details.collaborator)?.login) ?? str(details.invitee_email) ?? str(obj(c.e.accessible_by)?.login);
      if (invited) fields['user.target.name'] = localPart(invited);
      const level = access && (ACCESS[access] ?? [access, access]);
      const detailJa = [level && level[0], invited, str(details.role)].filter(Boolean).join('、');
      const detailEn = [level && level[1], invited, str(details.role)].filter(Boolean).join(', ');
      return { fields, ...itemSentence(c, words, path, detailJa, detailEn) };
    },
  },
  {
    // CHANGE_ADMIN_ROLE and every type the tables do not name: kept under its own name.
    id: 'other',
    sample:
      '{"type":"event","event_id":"b1f2c3d4-0008","created_by":{"type":"user","id":"11440001","name":"管理者","login":"admin@example.co.jp"},"created_at":"2026-10-01T09:20:00+09:00","event_type":"CHANGE_ADMIN_ROLE","ip_address":"203.0.113.5","source":{"type":"user","id":"11446499","name":"鈴木 花子","login":"suzuki@example.co.jp"},"session_id":null}',
    match: { key: 'other' },
    build(_g, c): RuleResult {
      const words: Words[string] = [
        c.type.toLowerCase().replace(/_/g, '-'),
        'change',
        `に対して ${c.type} を実行しました`,
        `did ${c.type} on`,
      ];
      const { fields, path } = itemFields(c, words);
      const targetLogin = str(c.src.type) === 'user' ? str(c.src.login) : undefined;
      if (targetLogin) fields['user.target.name'] = localPart(targetLogin);
      fields['event.category'] = targetLogin ? ['iam'] : ['configuration'];
      return { fields, ...itemSentence(c, words, path) };
    },
  },
];

/** Reads a sample the way the translator reads an entry, for the rule-table test. */
export type Reader = (text: string) => Entry;

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function boxRules(read: Reader) {
  return ruleTable<Entry>(
    'box',
    read(SAMPLE_LOGIN),
    RULE_LIST.map((r) => ({ ...r, sampleContext: read(r.sample) })),
    jsonKeyOf(keyOf),
  );
}
