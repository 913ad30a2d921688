/**
 * Box enterprise events (source type `box`): `GET /2.0/events?stream_type=admin_logs` pages
 * (`{"chunk_size":…,"next_stream_position":…,"entries":[…]}`) as the API answers and a puller saves
 * them, and single events one per line. See README.md.
 */
import { obj, parseJsonObject, str, type Json } from '../_lib/json';
import { isIp } from '../_lib/network';
import { recordTexts } from '../_lib/records';
import { parseFailureEvent } from '../../translate/finish';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

/** Event types by what they did, with an entry Box returns for each kind. */
export const RULES: Array<{ id: string; sample: string; types: Record<string, [string, string, string, string]> }> = [
  {
    id: 'login',
    sample:
      '{"type":"event","event_id":"b1f2c3d4-0001","created_by":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"},"created_at":"2026-10-01T09:00:01+09:00","event_type":"LOGIN","ip_address":"203.0.113.24","source":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"}}',
    // event_type: [action, type, ja, en]
    types: {
      LOGIN: ['logged-in', 'start', 'Box にログインしました', 'logged in to Box'],
      ADMIN_LOGIN: ['logged-in', 'start', 'Box に管理者としてログインしました', 'logged in to Box as an administrator'],
      FAILED_LOGIN: ['logon-failed', 'start', 'Box へのログインに失敗しました', 'failed to log in to Box'],
    },
  },
  {
    id: 'file',
    sample:
      '{"type":"event","event_id":"b1f2c3d4-0002","created_by":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"},"created_at":"2026-10-01T09:05:00+09:00","event_type":"DOWNLOAD","ip_address":"203.0.113.24","source":{"item_type":"file","item_id":"1200001","item_name":"顧客台帳.xlsx","parent":{"type":"folder","name":"営業部","id":"2200001"}},"additional_details":{"size":2457600}}',
    // A download is file-downloaded, Microsoft 365's and Google Drive's action: one leaver rule counts every vendor.
    types: {
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
    },
  },
  {
    id: 'sharing',
    sample:
      '{"type":"event","event_id":"b1f2c3d4-0003","created_by":{"type":"user","id":"11446498","name":"田中 太郎","login":"tanaka@example.co.jp"},"created_at":"2026-10-01T09:10:00+09:00","event_type":"SHARE","ip_address":"203.0.113.24","source":{"item_type":"file","item_id":"1200001","item_name":"顧客台帳.xlsx","parent":{"type":"folder","name":"営業部","id":"2200001"}},"additional_details":{"shared_link_id":"abc123","access":"open"}}',
    types: {
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
    },
  },
];

/** Box shared-link access levels in words. */
const ACCESS: Record<string, [string, string]> = {
  open: ['リンクを知っている全員', 'anyone with the link'],
  company: ['社内のユーザー', 'people in the company'],
  collaborators: ['コラボレーターのみ', 'collaborators only'],
};

function timeOf(v: unknown): string {
  const t = str(v);
  const ms = t && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms))
    throw new ParseError(`expected created_at such as 2026-10-01T09:00:01+09:00, found ${JSON.stringify(v ?? null)}`);
  return new Date(ms).toISOString();
}

export function mapBoxEvent(e: Json): KansaEvent {
  const type = str(e.event_type);
  if (!type) throw new ParseError('expected a Box event with event_type');
  const ts = timeOf(e.created_at);
  const by = obj(e.created_by) ?? {};
  const login = str(by.login);
  const name = login?.includes('@') ? login.slice(0, login.indexOf('@')) : login;
  const ip = str(e.ip_address);
  const src = obj(e.source) ?? {};
  const details = obj(e.additional_details) ?? {};
  const ev: KansaEvent = {
    '@timestamp': ts,
    'event.kind': 'event',
    'event.module': 'box',
    'event.dataset': 'box.events',
    'event.code': type,
    'event.outcome': 'success',
    'kansa.source_type': 'box',
    'observer.vendor': 'Box',
    'observer.product': 'Box',
  };
  const id = str(e.event_id);
  if (id) ev['event.id'] = id;
  if (name) ev['user.name'] = name;
  if (login?.includes('@')) {
    ev['user.email'] = login;
    ev['user.domain'] = login.slice(login.indexOf('@') + 1);
  }
  const full = str(by.name);
  if (full) ev['user.full_name'] = full;
  if (ip && isIp(ip)) ev['source.ip'] = ip;
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(details)) if (str(v) !== undefined) raw[k] = str(v)!;
  const sid = str(e.session_id);
  if (sid) raw.session_id = sid;
  ev['kansa.raw'] = raw;
  const who = name ?? 'Box';
  const fromJa = ip ? `${ip} から ` : '';
  const fromEn = ip ? ` from ${ip}` : '';

  const rule = RULES.find((r) => r.types[type]);
  const [action, etype, ja, en] = rule?.types[type] ?? [
    type.toLowerCase().replace(/_/g, '-'),
    'change',
    `に対して ${type} を実行しました`,
    `did ${type} on`,
  ];
  ev['event.action'] = action;
  ev['event.type'] = [etype];
  if (rule?.id === 'login') {
    const failed = type === 'FAILED_LOGIN';
    ev['event.category'] = ['authentication'];
    ev['event.outcome'] = failed ? 'failure' : 'success';
    ev['kansa.message.ja'] = `${who} が ${fromJa}${ja}`;
    ev['kansa.message.en'] = `${name ?? 'Someone'} ${en}${fromEn}`;
    return ev;
  }
  const item = str(src.item_name) ?? str(src.name) ?? str(src.item_id) ?? '?';
  const folder = str(obj(src.parent)?.name);
  const path = folder ? `${folder}/${item}` : item;
  if (str(src.item_type) === 'file' || str(src.item_type) === 'folder') {
    ev['file.name'] = item;
    ev['file.path'] = `box:${path}`;
    if (folder) ev['file.directory'] = `box:${folder}`;
    ev['file.type'] = str(src.item_type) === 'folder' ? 'dir' : 'file';
    const dot = item.lastIndexOf('.');
    if (dot > 0 && str(src.item_type) === 'file') ev['file.extension'] = item.slice(dot + 1).toLowerCase();
  }
  const size = typeof details.size === 'number' && Number.isInteger(details.size) ? details.size : undefined;
  if (size !== undefined) ev['file.size'] = size;
  if (rule?.id === 'sharing') {
    ev['event.category'] = ['file', 'iam'];
    ev['kansa.access.operation'] = 'permission-change';
    const access = str(details.access);
    const invited =
      str(obj(details.collaborator)?.login) ?? str(details.invitee_email) ?? str(obj(e.accessible_by)?.login);
    if (invited) ev['user.target.name'] = invited.includes('@') ? invited.slice(0, invited.indexOf('@')) : invited;
    const detailJa = [access && (ACCESS[access]?.[0] ?? access), invited, str(details.role)].filter(Boolean).join('、');
    const detailEn = [access && (ACCESS[access]?.[1] ?? access), invited, str(details.role)].filter(Boolean).join(', ');
    ev['kansa.message.ja'] = `${who} が ${fromJa}Box の ${path} ${ja}${detailJa ? `(${detailJa})` : ''}`;
    ev['kansa.message.en'] = `${name ?? 'Someone'} ${en} ${path} in Box${fromEn}${detailEn ? ` (${detailEn})` : ''}`;
    return ev;
  }
  const targetLogin = str(src.type) === 'user' ? str(src.login) : undefined;
  if (targetLogin)
    ev['user.target.name'] = targetLogin.includes('@') ? targetLogin.slice(0, targetLogin.indexOf('@')) : targetLogin;
  ev['event.category'] = rule ? ['file'] : targetLogin ? ['iam'] : ['configuration'];
  if (rule)
    ev['kansa.access.operation'] =
      etype === 'access' ? 'read' : etype === 'deletion' ? 'delete' : etype === 'creation' ? 'create' : 'write';
  ev['kansa.message.ja'] = `${who} が ${fromJa}Box の ${path} ${ja}`;
  ev['kansa.message.en'] = `${name ?? 'Someone'} ${en} ${path} in Box${fromEn}`;
  return ev;
}

const parse = (text: string): Json => parseJsonObject(text, 'a Box event');

export const boxFormat: Format = {
  id: 'box',
  framing: 'json-values',
  detect(sample: string): number {
    if (/"next_stream_position"\s*:/.test(sample) && /"entries"\s*:/.test(sample)) return 0.97;
    return /"event_type"\s*:\s*"[A-Z_]+"/.test(sample) &&
      /"created_by"\s*:/.test(sample) &&
      /"event_id"\s*:/.test(sample)
      ? 0.95
      : 0;
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const pieces = recordTexts(record.text, 'entries');
    if (!pieces) return [mapBoxEvent(parse(record.text))];
    // A page: each entry is its own event with its own text as written; one bad or cut entry costs only itself.
    let last = ctx.now.toISOString();
    const out = pieces.map((text, i) => {
      try {
        const ev = mapBoxEvent(parse(text));
        ev['event.original'] = text;
        last = ev['@timestamp'] as string;
        return ev;
      } catch (err) {
        const failed = parseFailureEvent(record, 'box', `entries[${i}]: ${(err as Error).message}`, last);
        failed['event.original'] = text;
        return failed;
      }
    });
    if (out.length === 0) throw new ParseError('the page holds no entries');
    return out;
  },
};
