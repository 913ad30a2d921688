import type { KansaEvent } from '@kansa/schema';
import { fillRelated } from '../../translate/finish';
import { baseName, dirName, setFile, shortHost } from '../_lib/windows/text';

/**
 * The decoded file operation of an access record. Beyond the spec's read/write/append/create/delete/
 * rename/permission-change/execute, metadata-only access gets its own two words so that Explorer
 * browsing does not count as "reads".
 */
export type Operation =
  | 'read'
  | 'write'
  | 'append'
  | 'create'
  | 'delete'
  | 'rename'
  | 'permission-change'
  | 'execute'
  | 'read-attributes'
  | 'write-attributes'
  /** A handle opened and closed with no right used: not an access. */
  | 'open';

/** One access record on its way through correlation and merging. */
export interface AccessRecord {
  host: string;
  user?: string;
  domain?: string;
  userId?: string;
  logonId?: string;
  /** Process id as written (hex string), part of the handle key; empty for share (5145) records. */
  pid: string;
  exe?: string;
  path?: string;
  handle?: string;
  op: Operation;
  rights: string[];
  outcome: 'success' | 'failure';
  first: number;
  last: number;
  /**
   * Arrival order of the first and last raw event. Timestamps alone cannot order events: NXLog writes
   * whole seconds, and one save is dozens of events within a millisecond.
   */
  seqFirst: number;
  seqLast: number;
  /** Raw events joined into this record (kansa.count). */
  count: number;
  /** Access records merged into this one: the "(12 回)" of the sentence. */
  accesses: number;
  raws: KansaEvent[];
  /** The event whose fields (event_data, record id, provider) the record carries. */
  primary: KansaEvent;
  newPath?: string;
  sourceIp?: string;
  /** A DELETE that was not followed by 4660: the file was renamed or moved, not deleted. */
  renameCandidate?: boolean;
  /** A folder AddFile/AddSubdirectory was seen for this object's folder: it was created. */
  created?: boolean;
  /** From a detailed share access check (5145) rather than a handle. */
  share?: boolean;
  consumed?: boolean;
}

const TYPES: Record<Operation, string[]> = {
  read: ['access'],
  write: ['change'],
  append: ['change'],
  create: ['creation'],
  delete: ['deletion'],
  rename: ['change'],
  'permission-change': ['change'],
  execute: ['access'],
  'read-attributes': ['access'],
  'write-attributes': ['change'],
  open: ['info'],
};

const ACTIONS: Record<Operation, string> = {
  read: 'read-file',
  write: 'modified-file',
  append: 'appended-file',
  create: 'created-file',
  delete: 'deleted-file',
  rename: 'renamed-file',
  'permission-change': 'changed-file-permissions',
  execute: 'executed-file',
  'read-attributes': 'read-file-attributes',
  'write-attributes': 'changed-file-attributes',
  open: 'opened-file-without-access',
};

/** Sentence verbs: success (ja, en) and the noun used when access was denied (ja, en). */
const VERBS: Record<Operation, { ja: string; en: string; denyJa: string; denyEn: string }> = {
  read: { ja: '{p} を読み取りました', en: 'read {p}', denyJa: '読み取り', denyEn: 'read' },
  write: { ja: '{p} を変更しました', en: 'modified {p}', denyJa: '書き込み', denyEn: 'write' },
  append: { ja: '{p} に追記しました', en: 'appended to {p}', denyJa: '追記', denyEn: 'append' },
  create: { ja: '{p} を作成しました', en: 'created {p}', denyJa: '作成', denyEn: 'create' },
  delete: { ja: '{p} を削除しました', en: 'deleted {p}', denyJa: '削除', denyEn: 'delete' },
  rename: {
    ja: '{p} の名前を変更(または移動)しました',
    en: 'renamed or moved {p}',
    denyJa: '名前の変更',
    denyEn: 'rename',
  },
  'permission-change': {
    ja: '{p} のアクセス許可を変更しました',
    en: 'changed the permissions of {p}',
    denyJa: 'アクセス許可の変更',
    denyEn: 'permission change',
  },
  execute: { ja: '{p} を実行しました', en: 'executed {p}', denyJa: '実行', denyEn: 'execute' },
  'read-attributes': {
    ja: '{p} の属性を参照しました',
    en: 'read the attributes of {p}',
    denyJa: '属性の参照',
    denyEn: 'attribute read',
  },
  'write-attributes': {
    ja: '{p} の属性を変更しました',
    en: 'changed the attributes of {p}',
    denyJa: '属性の変更',
    denyEn: 'attribute change',
  },
  open: {
    ja: '{p} を開き、アクセスせずに閉じました',
    en: 'opened {p} and closed it without access',
    denyJa: 'オープン',
    denyEn: 'open',
  },
};

const EXECUTABLE = /\.(exe|dll|com|bat|cmd|ps1|psm1|vbs|vbe|js|jse|wsf|msi|scr|hta|cpl|sys)$/i;

/** The operation a set of rights amounts to, strongest first. */
export function operationOf(rights: readonly string[], path: string | undefined, deleted: boolean): Operation {
  const has = (r: string): boolean => rights.includes(r);
  if (deleted) return 'delete';
  if (has('DELETE')) return 'rename';
  if (has('WRITE_DAC') || has('WRITE_OWNER')) return 'permission-change';
  if (has('WriteData')) return 'write';
  if (has('AppendData')) return 'append';
  if (has('Execute') && path && EXECUTABLE.test(path)) return 'execute';
  if (has('ReadData')) return 'read';
  if (has('WriteAttributes') || has('WriteEA')) return 'write-attributes';
  return 'read-attributes';
}

/** Only AddFile / AddSubdirectory (WriteData, AppendData on a folder) and harmless companions. */
export function isFolderAddition(r: AccessRecord): boolean {
  if (r.op !== 'write' && r.op !== 'append') return false;
  return r.rights.every(
    (x) => x === 'WriteData' || x === 'AppendData' || x === 'SYNCHRONIZE' || x === 'ReadAttributes' || x === 'Execute',
  );
}

const MAX_ORIGINAL = 64 * 1024;

function joinOriginals(raws: readonly KansaEvent[]): string | undefined {
  let out = '';
  let used = 0;
  for (const r of raws) {
    const o = r['event.original'];
    if (typeof o !== 'string') continue;
    if (out.length + o.length + 1 > MAX_ORIGINAL && used > 0) {
      out += `\n… (${raws.length - used} more raw events not kept here)`;
      break;
    }
    out += (used > 0 ? '\n' : '') + o;
    used++;
  }
  return used > 0 ? out : undefined;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Builds the normalized event of an access record, with its sentence. */
export function toEvent(r: AccessRecord): KansaEvent {
  const p = r.primary;
  const e: KansaEvent = {
    '@timestamp': iso(r.first),
    'event.kind': 'event',
    'event.category': ['file'],
    'event.type': r.outcome === 'failure' ? [...TYPES[r.op], 'denied'] : TYPES[r.op],
    'event.action': ACTIONS[r.op],
    'event.outcome': r.outcome,
  };
  if (p['event.code']) e['event.code'] = p['event.code'];
  e['event.module'] = 'windows';
  e['event.dataset'] = p['event.dataset'] ?? 'windows.security';
  if (p['event.provider']) e['event.provider'] = p['event.provider'];
  e['host.name'] = r.host;
  e['host.os.type'] = 'windows';
  if (r.user) e['user.name'] = r.user;
  if (r.domain) e['user.domain'] = r.domain;
  if (r.userId) e['user.id'] = r.userId;
  if (r.logonId) e['winlog.logon.id'] = r.logonId;
  if (r.sourceIp) e['source.ip'] = r.sourceIp;
  const pid = p['process.pid'];
  if (typeof pid === 'number') e['process.pid'] = pid;
  if (r.exe) {
    e['process.executable'] = r.exe;
    e['process.name'] = baseName(r.exe);
  }
  if (r.path) setFile(e, r.path);
  if (r.newPath) e['kansa.access.new_path'] = r.newPath;
  e['kansa.access.operation'] = r.op;
  if (r.rights.length) e['kansa.access.rights'] = r.rights;
  e['kansa.access.first'] = iso(r.first);
  e['kansa.access.last'] = iso(r.last);
  e['kansa.count'] = r.count;
  for (const k of ['winlog.channel', 'winlog.provider_name', 'winlog.computer_name', 'winlog.record_id'] as const) {
    const v = p[k];
    if (v !== undefined) e[k] = v;
  }
  if (p['winlog.event_data']) e['winlog.event_data'] = p['winlog.event_data'];
  if (p['kansa.source_type']) e['kansa.source_type'] = p['kansa.source_type'];
  sentence(r, e);
  const original = joinOriginals(r.raws);
  if (original !== undefined) e['event.original'] = original;
  const first = r.raws[0] ?? p;
  e['kansa.parse.status'] = r.raws.some((x) => x['kansa.parse.status'] === 'partial') ? 'partial' : 'ok';
  if (first['kansa.parse.format']) e['kansa.parse.format'] = first['kansa.parse.format'];
  if (first['log.file.path'] !== undefined) e['log.file.path'] = first['log.file.path'];
  if (first['log.offset'] !== undefined) e['log.offset'] = first['log.offset'];
  fillRelated(e);
  return e;
}

function sentence(r: AccessRecord, e: KansaEvent): void {
  const host = shortHost(r.host);
  const objJa = r.path ?? `ハンドル ${r.handle ?? '?'} のオブジェクト`;
  const objEn = r.path ?? `the object of handle ${r.handle ?? '?'}`;
  const detailsJa: string[] = [];
  const detailsEn: string[] = [];
  const exe = r.exe ? baseName(r.exe) : undefined;
  if (exe && exe.toLowerCase() !== 'system') {
    detailsJa.push(exe);
    detailsEn.push(exe);
  }
  if (r.accesses > 1) {
    detailsJa.push(`${r.accesses} 回`);
    detailsEn.push(`${r.accesses} times`);
  }
  const tailJa = detailsJa.length ? `(${detailsJa.join('、')})` : '';
  const tailEn = detailsEn.length ? ` (${detailsEn.join(', ')})` : '';
  const who = r.user ?? undefined;
  const v = VERBS[r.op];
  let ja: string;
  let en: string;
  if (r.outcome === 'failure') {
    ja = `${host} 上の ${objJa} の${v.denyJa}を拒否されました`;
    en = `was denied ${v.denyEn} access to ${objEn} on ${host}`;
  } else if (r.op === 'rename' && r.newPath) {
    const newName = r.path && dirName(r.path) === dirName(r.newPath) ? baseName(r.newPath) : r.newPath;
    ja = `${host} 上の ${objJa} の名前を ${newName} に変更しました`;
    en = `renamed ${objEn} to ${newName} on ${host}`;
  } else {
    ja = `${host} 上の ${v.ja.replace('{p}', objJa)}`;
    en = `${v.en.replace('{p}', objEn)} on ${host}`;
  }
  if (who) {
    e['kansa.message.ja'] = `${who} が ${ja}${tailJa}`;
    e['kansa.message.en'] = `${who} ${en}${tailEn}`;
  } else {
    e['kansa.message.ja'] = `${host} で ${ja.replace(`${host} 上の `, '')}${tailJa}`.replace(
      'を拒否されました',
      'が拒否されました',
    );
    e['kansa.message.en'] = `Someone ${en}${tailEn}`;
  }
}
