import type { KansaEvent } from '@kansa/schema';
import { fillRelated } from '../../translate/finish';
import { shortHost } from '../_lib/windows/text';

/**
 * Handles on objects that are not files (registry keys, services, SAM objects, tokens, processes…):
 * kept apart from the file correlation, which knows nothing of them, and condensed by their own simple
 * rule: one record per handle lifetime, 4656 → 4663… → 4658/4660 on (host, HandleId, ProcessId).
 * A 4658 carries no ObjectType, so only the remembered handle key says that a close belongs here.
 */

/** A handle's joined events; its raw events are exactly what `kansa.count` counts. */
interface ObjectHandle {
  key: string;
  type: string;
  raws: KansaEvent[];
  requested: string[];
  used: string[];
  deleted: boolean;
  first: number;
  last: number;
  /** Opened by a 4656 we saw (times out after 10 minutes), or seen only through 4663 (5 seconds). */
  opened: boolean;
}

const IDLE_OPENED_MS = 10 * 60_000;
const MAX_ORIGINAL = 64 * 1024;
const MAX_RAWS = 10_000;
const IDLE_LOOSE_MS = 5_000;

/** Rights on a registry key or other object that change it (4663 AccessList words, decoded). */
const CHANGING = new Set([
  'DELETE',
  'WRITE_DAC',
  'WRITE_OWNER',
  'SetValue',
  'CreateSubKey',
  'CreateLink',
  'WriteData',
  'AppendData',
  'WriteAttributes',
  'WriteEA',
  'ChangeConfig',
]);

/** What a record of each object type is called: action stem and words (ja, en). */
const TYPE_WORDS: Record<string, { stem: string; ja: string; en: string; category: string }> = {
  key: { stem: 'registry-key', ja: 'レジストリキー', en: 'the registry key', category: 'registry' },
  'service object': { stem: 'service', ja: 'サービス', en: 'the service', category: 'configuration' },
  sam_domain: { stem: 'sam-object', ja: 'SAM オブジェクト', en: 'the SAM object', category: 'iam' },
  sam_alias: { stem: 'sam-object', ja: 'SAM オブジェクト', en: 'the SAM object', category: 'iam' },
  sam_group: { stem: 'sam-object', ja: 'SAM オブジェクト', en: 'the SAM object', category: 'iam' },
  sam_user: { stem: 'sam-object', ja: 'SAM オブジェクト', en: 'the SAM object', category: 'iam' },
  sam_server: { stem: 'sam-object', ja: 'SAM オブジェクト', en: 'the SAM object', category: 'iam' },
};

function wordsOf(type: string): { stem: string; ja: string; en: string; category: string } {
  return (
    TYPE_WORDS[type.toLowerCase()] ?? {
      stem: 'object',
      ja: `${type} オブジェクト`,
      en: `the ${type} object`,
      category: 'host',
    }
  );
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v !== '-' ? v : undefined;
}

function addRights(into: string[], from: unknown): void {
  const list = Array.isArray(from) ? from : typeof from === 'string' ? [from] : [];
  for (const r of list) if (typeof r === 'string' && !into.includes(r)) into.push(r);
}

export class ObjectHandles {
  /** Open handles, least recently touched first. */
  private readonly open = new Map<string, ObjectHandle>();

  constructor(private readonly maxOpen: number) {}

  /** Is this close (4658) or delete (4660) about a handle of a non-file object we hold? */
  holds(key: string): boolean {
    return this.open.has(key);
  }

  /** Takes a non-file 4656/4663, or a 4658/4660 whose handle `holds`; returns the records it finishes. */
  take(e: KansaEvent, key: string, t: number): KansaEvent[] {
    const code = e['event.code'];
    const d = (e['winlog.event_data'] ?? {}) as Record<string, string>;
    const out: KansaEvent[] = [];
    let h = this.open.get(key);
    if (code === '4656' && h) {
      // The handle value was reused: the old lifetime ended without a close we saw.
      out.push(this.finish(h));
      h = undefined;
    }
    if (!h) {
      h = {
        key,
        type: d.ObjectType ?? 'Object',
        raws: [],
        requested: [],
        used: [],
        deleted: false,
        first: t,
        last: t,
        opened: code === '4656',
      };
    }
    this.open.delete(key);
    h.raws.push(e);
    if (t < h.first) h.first = t;
    if (t > h.last) h.last = t;
    if (code === '4656') addRights(h.requested, e['kansa.access.rights']);
    else if (code === '4663') addRights(h.used, e['kansa.access.rights']);
    else if (code === '4660') h.deleted = true;
    // A close ends the record; so does a handle that has gathered MAX_RAWS events (memory stays bounded).
    if (code === '4658' || h.raws.length >= MAX_RAWS) out.push(this.finish(h));
    else this.open.set(key, h);
    while (this.open.size > this.maxOpen) out.push(this.finish(this.open.values().next().value as ObjectHandle));
    return out;
  }

  /** Handles idle past their timeout at `now` end as they are. */
  expire(now: number): KansaEvent[] {
    const out: KansaEvent[] = [];
    for (const h of this.open.values()) {
      if (now - h.last <= (h.opened ? IDLE_OPENED_MS : IDLE_LOOSE_MS)) continue;
      out.push(this.finish(h));
    }
    return out;
  }

  flush(): KansaEvent[] {
    return [...this.open.values()].map((h) => this.finish(h));
  }

  private finish(h: ObjectHandle): KansaEvent {
    this.open.delete(h.key);
    return toObjectEvent(h);
  }
}

function toObjectEvent(h: ObjectHandle): KansaEvent {
  // The 4656 names the object and the actor; a lone 4663 does too; a close names only the handle.
  const p =
    h.raws.find((x) => x['event.code'] === '4656') ?? h.raws.find((x) => x['event.code'] === '4663') ?? h.raws[0];
  const d = (p['winlog.event_data'] ?? {}) as Record<string, string>;
  const w = wordsOf(h.type);
  const rights = h.used.length > 0 ? h.used : h.requested;
  // A handle closed without any access is not an access: it says so.
  const accessed = h.used.length > 0 || h.deleted;
  const changed = h.deleted || h.used.some((r) => CHANGING.has(r));
  const op = h.deleted ? 'delete' : !accessed ? 'open' : changed ? 'write' : 'read';
  const e: KansaEvent = {
    '@timestamp': new Date(h.first).toISOString(),
    'event.kind': 'event',
    'event.category': [w.category],
    'event.type': op === 'delete' ? ['deletion'] : op === 'write' ? ['change'] : op === 'open' ? ['info'] : ['access'],
    'event.action':
      op === 'delete'
        ? `deleted-${w.stem}`
        : op === 'write'
          ? `modified-${w.stem}`
          : op === 'open'
            ? `opened-${w.stem}-without-access`
            : `read-${w.stem}`,
    'event.outcome': 'success',
  };
  for (const k of [
    'event.code',
    'event.module',
    'event.dataset',
    'event.provider',
    'host.name',
    'host.os.type',
    'user.name',
    'user.domain',
    'user.id',
    'winlog.logon.id',
    'process.pid',
    'process.executable',
    'process.name',
  ] as const) {
    const v = p[k];
    if (v !== undefined) e[k] = v as never;
  }
  const name = str(d.ObjectName);
  e['kansa.access.operation'] = op;
  e['kansa.access.object_type'] = h.type;
  if (rights.length) e['kansa.access.rights'] = rights;
  e['kansa.access.first'] = new Date(h.first).toISOString();
  e['kansa.access.last'] = new Date(h.last).toISOString();
  e['kansa.count'] = h.raws.length;
  for (const k of [
    'winlog.channel',
    'winlog.provider_name',
    'winlog.computer_name',
    'winlog.record_id',
    'winlog.event_data',
    'kansa.source_type',
  ] as const) {
    const v = p[k];
    if (v !== undefined) e[k] = v as never;
  }
  const host = shortHost(str(e['host.name']) ?? '') || 'unknown-host';
  const who = str(e['user.name']);
  const objJa = `${w.ja} ${name ?? `(ハンドル ${d.HandleId ?? '?'})`}`;
  const objEn = `${w.en} ${name ?? `(handle ${d.HandleId ?? '?'})`}`;
  const verb = {
    delete: ['を削除しました', 'deleted'],
    write: ['を変更しました', 'modified'],
    read: ['を参照しました', 'read'],
    open: ['を開き、アクセスせずに閉じました', 'opened and closed without access'],
  }[op];
  e['kansa.message.ja'] = `${who ?? '(不明なユーザー)'} が ${host} 上の ${objJa} ${verb[0]}`;
  e['kansa.message.en'] = `${who ?? 'Someone'} ${verb[1]} ${objEn} on ${host}`;
  const originals = h.raws.map((x) => x['event.original']).filter((x): x is string => typeof x === 'string');
  if (originals.length) {
    // As for file records: at most 64 KiB of originals, with a note of how many were left out.
    let text = originals[0];
    let used = 1;
    while (used < originals.length && text.length + originals[used].length + 1 <= MAX_ORIGINAL)
      text += `\n${originals[used++]}`;
    e['event.original'] =
      used < originals.length ? `${text}\n… (${originals.length - used} more raw events not kept here)` : text;
  }
  e['kansa.parse.status'] = h.raws.some((x) => x['kansa.parse.status'] === 'partial') ? 'partial' : 'ok';
  for (const k of ['kansa.parse.format', 'log.file.path', 'log.offset'] as const) {
    const v = h.raws[0][k];
    if (v !== undefined) e[k] = v as never;
  }
  if (h.type.toLowerCase() === 'key' && name) e['registry.path'] = name;
  fillRelated(e);
  return e;
}
