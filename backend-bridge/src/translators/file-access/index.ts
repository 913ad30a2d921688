import type { KansaEvent } from '@kansa/schema';
import type { Stage } from '../../translate/types';
import { shareTarget } from '../_lib/windows/map-object';
import { dirName } from '../_lib/windows/text';
import { ObjectHandles } from './objects';
import { type AccessRecord, isFolderAddition, operationOf, toEvent } from './records';

/** Records with the same user, host, object, operation and details merge within this window. */
export const MERGE_WINDOW_MS = 5_000;
/** A handle opened by 4656 may stay open for hours (a document being edited). */
const HANDLE_IDLE_MS = 10 * 60_000;
/** A handle seen only through 4663 (no 4656 audited) may never see its 4658 either. */
const HANDLE_IDLE_NO_OPEN_MS = MERGE_WINDOW_MS;

export interface FileAccessLimits {
  maxOpenHandles: number;
  maxBuffered: number;
  maxPending: number;
}

const DEFAULT_LIMITS: FileAccessLimits = { maxOpenHandles: 20_000, maxBuffered: 50_000, maxPending: 20_000 };

const FILE_CODES = new Set(['4656', '4663', '4658', '4660', '4670', '5145']);
/** Codes that name their object type; 4658 and 4660 name only the handle. */
const TYPED_CODES = new Set(['4656', '4663', '4670']);

interface OpenHandle {
  key: string;
  rec: AccessRecord;
  requested: string[];
  used: string[];
  opened: boolean;
  deleted: boolean;
  permChanged: boolean;
  /** The host|folder key it is filed under in openByDir, once its path is known. */
  indexedDir?: string;
}

type Data = Record<string, string>;

/** A multimap from a key to the values filed under it, for the correlation lookups. */
class MultiIndex<T> {
  private readonly map = new Map<string, Set<T>>();

  add(key: string, value: T): void {
    let set = this.map.get(key);
    if (!set) {
      set = new Set();
      this.map.set(key, set);
    }
    set.add(value);
  }

  delete(key: string, value: T): void {
    const set = this.map.get(key);
    if (!set) return;
    set.delete(value);
    if (set.size === 0) this.map.delete(key);
  }

  get(key: string): Iterable<T> {
    return this.map.get(key) ?? [];
  }
}

function handleKey(r: AccessRecord): string {
  return `${r.host}|${(r.handle ?? '').toLowerCase()}|${r.pid}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && v !== '-' ? v : undefined;
}

function addRights(into: string[], from: unknown): void {
  const list = Array.isArray(from) ? from : typeof from === 'string' ? [from] : [];
  for (const r of list) if (typeof r === 'string' && !into.includes(r)) into.push(r);
}

function timeOf(e: KansaEvent): number | undefined {
  const t = e['@timestamp'];
  if (typeof t !== 'string') return undefined;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The file-access condenser. Joins 4656 → 4663 → 4658/4660 on (host, HandleId, ProcessId) into one
 * access record, decodes the operation (renames from a DELETE without 4660 plus the new name opened
 * by the same process; creations from an AddFile on the folder), then merges consecutive records of
 * the same user, host, object, operation and details within 5 seconds. Everything else passes
 * through untouched. Handles on other objects (registry keys, services, SAM…) are joined apart, one
 * record per handle lifetime (objects.ts). Every raw 4656/4663/4658/4660 leaves either inside exactly
 * one record's kansa.count or as itself (invariant.test.ts). Memory is bounded: the oldest open handles
 * are emitted as partial records.
 */
export class FileAccessCondenser implements Stage {
  readonly counts = { in: 0, out: 0 };
  /** Handles opened by 4656, least recently used first. */
  private readonly open = new Map<string, OpenHandle>();
  /** Handles seen only through 4663 (no 4656): they time out fast, in their own LRU order. */
  private readonly loose = new Map<string, OpenHandle>();
  /** Finalized records waiting for their rename/create partners, oldest first, from bufferHead on. */
  private buffer: AccessRecord[] = [];
  private bufferHead = 0;
  /** Buffered records by host|path, host|folder and handle key; open handles by host|folder. */
  private readonly bufferByPath = new MultiIndex<AccessRecord>();
  private readonly bufferByDir = new MultiIndex<AccessRecord>();
  private readonly bufferByHandle = new Map<string, AccessRecord>();
  private readonly openByDir = new MultiIndex<OpenHandle>();
  /** Records waiting to merge with the next one on the same user, host and object. */
  private readonly pending = new Map<string, AccessRecord>();
  private now = 0;
  private seq = 0;
  /** What the last push or flush produced; drained by them. */
  private outbox: KansaEvent[] = [];
  /** Records finished during this push or flush; they go out sorted by time. */
  private released: AccessRecord[] = [];
  /** The last known state of each path (host|path): does it exist after the records seen so far? */
  private readonly pathState = new Map<string, { exists: boolean; at: number }>(); // at: arrival order
  private readonly limits: FileAccessLimits;
  private readonly objects: ObjectHandles;

  constructor(limits: Partial<FileAccessLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.objects = new ObjectHandles(this.limits.maxOpenHandles);
  }

  push(event: KansaEvent): KansaEvent[] {
    const t = timeOf(event);
    if (t !== undefined && t > this.now) this.now = t;
    const kind = t === undefined ? undefined : this.kindOf(event);
    if (t === undefined || kind === undefined) {
      this.advance();
      this.outRecords();
      this.outbox.push(event);
    } else if (kind === 'object') {
      this.counts.in++;
      const d = event['winlog.event_data'] as Data;
      for (const r of this.objects.take(event, this.keyOf(event, d), t)) this.emitObject(r);
      this.advance();
      this.outRecords();
    } else {
      this.counts.in++;
      this.seq++;
      this.take(event, t);
      this.advance();
      this.outRecords();
    }
    return this.drain();
  }

  flush(): KansaEvent[] {
    for (const r of this.objects.flush()) this.emitObject(r);
    for (const h of [...this.open.values(), ...this.loose.values()]) this.dropHandle(h);
    this.release(Number.POSITIVE_INFINITY);
    for (const r of this.pending.values()) this.emit(r);
    this.pending.clear();
    this.outRecords();
    return this.drain();
  }

  private outRecords(): void {
    if (this.released.length === 0) return;
    this.released.sort((a, b) => a.first - b.first || a.seqFirst - b.seqFirst);
    for (const r of this.released) this.outbox.push(toEvent(r));
    this.released = [];
  }

  private drain(): KansaEvent[] {
    if (this.outbox.length === 0) return [];
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  private emitObject(e: KansaEvent): void {
    this.counts.out++;
    this.outbox.push(e);
  }

  private keyOf(e: KansaEvent, d: Data): string {
    return `${e['host.name'] ?? ''}|${(d.HandleId ?? '').toLowerCase()}|${(d.ProcessId ?? '').toLowerCase()}`;
  }

  /** A file access for the correlation, a handle on another object, or neither (passes through). */
  private kindOf(e: KansaEvent): 'file' | 'object' | undefined {
    const code = e['event.code'];
    if (e['event.module'] !== 'windows' || typeof code !== 'string' || !FILE_CODES.has(code)) return undefined;
    if (e['kansa.parse.status'] === 'failed') return undefined;
    if (!(e['winlog.provider_name'] ?? '').toString().toLowerCase().endsWith('security-auditing')) return undefined;
    const d = e['winlog.event_data'] as Data | undefined;
    if (!d) return undefined;
    const type = d.ObjectType;
    if (!TYPED_CODES.has(code) || type === undefined) {
      // A close or delete names only its handle: it belongs to whichever side opened that handle.
      return code !== '5145' && this.objects.holds(this.keyOf(e, d)) ? 'object' : 'file';
    }
    if (type === 'File') return 'file';
    // A denied request opened nothing, and 4670 is one event on its own: both keep their own events.
    if (code === '4670' || (code === '4656' && e['event.outcome'] === 'failure')) return undefined;
    return 'object';
  }

  private base(e: KansaEvent, t: number, d: Data): AccessRecord {
    return {
      host: str(e['host.name']) ?? '',
      user: str(e['user.name']),
      domain: str(e['user.domain']),
      userId: str(e['user.id']),
      logonId: str(e['winlog.logon.id']),
      pid: (d.ProcessId ?? '').toLowerCase(),
      exe: str(d.ProcessName),
      path: str(d.ObjectName),
      handle: str(d.HandleId),
      op: 'read-attributes',
      rights: [],
      outcome: 'success',
      first: t,
      last: t,
      seqFirst: this.seq,
      seqLast: this.seq,
      count: 1,
      accesses: 1,
      raws: [e],
      primary: e,
    };
  }

  private take(e: KansaEvent, t: number): void {
    const d = e['winlog.event_data'] as Data;
    const code = e['event.code'] as string;
    const key = `${e['host.name'] ?? ''}|${(d.HandleId ?? '').toLowerCase()}|${(d.ProcessId ?? '').toLowerCase()}`;
    switch (code) {
      case '4656': {
        if (e['event.outcome'] === 'failure') {
          // Access denied: no handle was opened, so nothing will follow.
          const r = this.base(e, t, d);
          addRights(r.rights, e['kansa.access.rights']);
          r.op = operationOf(r.rights, r.path, false);
          if (r.op === 'rename') r.op = 'delete';
          r.outcome = 'failure';
          this.toBuffer(r);
          return;
        }
        const prev = this.handleOf(key);
        if (prev) this.close(prev);
        const h: OpenHandle = {
          key,
          rec: this.base(e, t, d),
          requested: [],
          used: [],
          opened: true,
          deleted: false,
          permChanged: false,
        };
        addRights(h.requested, e['kansa.access.rights']);
        this.setOpen(h);
        return;
      }
      case '4663': {
        let h = this.handleOf(key);
        if (!h) {
          h = {
            key,
            rec: this.base(e, t, d),
            requested: [],
            used: [],
            opened: false,
            deleted: false,
            permChanged: false,
          };
        } else {
          this.touch(h, e, t);
          if (!h.rec.path) h.rec.path = str(d.ObjectName);
        }
        addRights(h.used, e['kansa.access.rights']);
        this.setOpen(h);
        return;
      }
      case '4670': {
        const h = this.handleOf(key);
        if (h) {
          this.touch(h, e, t);
          h.permChanged = true;
          if (!h.rec.path) h.rec.path = str(d.ObjectName);
          this.setOpen(h);
          return;
        }
        const r = this.base(e, t, d);
        r.op = 'permission-change';
        r.rights = ['WRITE_DAC'];
        this.toBuffer(r);
        return;
      }
      case '4660': {
        const h = this.handleOf(key);
        if (h) {
          this.touch(h, e, t);
          h.deleted = true;
          this.setOpen(h);
          return;
        }
        // Closed already (out of order): turn its rename candidate into the delete it was.
        const r = this.findBuffered(key);
        if (r) {
          r.op = 'delete';
          r.renameCandidate = false;
          this.absorb(r, e, t);
          return;
        }
        const lone = this.base(e, t, d);
        lone.op = 'delete';
        lone.rights = ['DELETE'];
        this.toBuffer(lone);
        return;
      }
      case '4658': {
        const h = this.handleOf(key);
        if (h) {
          this.touch(h, e, t);
          this.close(h);
          return;
        }
        const r = this.findBuffered(key);
        if (r) {
          this.absorb(r, e, t);
          return;
        }
        // A close whose open we never saw: nothing to join it to, so it goes out as it came.
        this.counts.out++;
        this.outbox.push(e);
        return;
      }
      case '5145': {
        const r = this.base(e, t, d);
        r.pid = '';
        r.exe = undefined;
        r.share = true;
        r.path = shareTarget(d, (str(e['host.name']) ?? '').split('.')[0]) ?? r.path;
        r.sourceIp = str(e['source.ip']);
        addRights(r.rights, e['kansa.access.rights']);
        r.op = operationOf(r.rights, r.path, false);
        r.renameCandidate = r.op === 'rename';
        if (r.op === 'rename') r.op = 'delete';
        if (e['event.outcome'] === 'failure') r.outcome = 'failure';
        this.toBuffer(r);
        return;
      }
    }
  }

  private touch(h: OpenHandle, e: KansaEvent, t: number): void {
    h.rec.raws.push(e);
    h.rec.count++;
    h.rec.seqLast = this.seq;
    if (t < h.rec.first) h.rec.first = t;
    if (t > h.rec.last) h.rec.last = t;
    if (e['event.code'] === '4663' && h.rec.primary['event.code'] !== '4663') h.rec.primary = e;
  }

  private absorb(r: AccessRecord, e: KansaEvent, t: number): void {
    r.raws.push(e);
    r.count++;
    r.seqLast = Math.max(r.seqLast, this.seq);
    if (t > r.last) r.last = t;
    if (t < r.first) r.first = t;
  }

  private handleOf(key: string): OpenHandle | undefined {
    return this.open.get(key) ?? this.loose.get(key);
  }

  private mapOf(h: OpenHandle): Map<string, OpenHandle> {
    return h.opened ? this.open : this.loose;
  }

  /** Re-inserts so the map's order is least recently used first; evicts the oldest over the cap. */
  private setOpen(h: OpenHandle): void {
    const map = this.mapOf(h);
    map.delete(h.key);
    map.set(h.key, h);
    if (!h.indexedDir && h.rec.path) {
      h.indexedDir = `${h.rec.host}|${dirName(h.rec.path) ?? ''}`;
      this.openByDir.add(h.indexedDir, h);
    }
    while (this.open.size + this.loose.size > this.limits.maxOpenHandles) {
      const from = this.loose.size > 0 ? this.loose : this.open;
      this.dropHandle(from.values().next().value as OpenHandle);
    }
  }

  /** Takes a handle out of the open set and turns it into its access record. */
  private dropHandle(h: OpenHandle): void {
    this.mapOf(h).delete(h.key);
    if (h.indexedDir) this.openByDir.delete(h.indexedDir, h);
    this.finalize(h);
  }

  private close(h: OpenHandle): void {
    this.dropHandle(h);
  }

  /** The handle's access record: its operation from the rights used (or requested, if none used). */
  private finalize(h: OpenHandle): void {
    const r = h.rec;
    r.rights = h.used.length > 0 ? h.used : h.requested;
    r.op = operationOf(r.rights, r.path, h.deleted);
    if (h.permChanged && r.op !== 'delete' && r.op !== 'rename') r.op = 'permission-change';
    // Opened and closed with no right used: the request alone is not an access.
    else if (h.used.length === 0 && !h.deleted && !h.permChanged) r.op = 'open';
    r.renameCandidate = r.op === 'rename';
    const own = (x: KansaEvent): boolean => (x['winlog.event_data'] as Data | undefined)?.ObjectName === r.path;
    r.primary =
      (h.permChanged ? r.raws.find((x) => x['event.code'] === '4670') : undefined) ??
      r.raws.find((x) => x['event.code'] === '4663' && own(x)) ??
      r.raws.find((x) => x['event.code'] === '4660') ??
      r.raws[0];
    this.toBuffer(r);
  }

  private toBuffer(r: AccessRecord): void {
    this.buffer.push(r);
    if (r.path) {
      this.bufferByPath.add(`${r.host}|${r.path}`, r);
      this.bufferByDir.add(`${r.host}|${dirName(r.path) ?? ''}`, r);
    }
    if (!r.share) this.bufferByHandle.set(handleKey(r), r);
    if (this.buffer.length - this.bufferHead > this.limits.maxBuffered) {
      // Over the cap: correlate and pass on the oldest record now.
      this.leaveBuffer();
    }
  }

  /** The oldest buffered record leaves the buffer: its partners are decided, then it merges. */
  private leaveBuffer(): void {
    const r = this.buffer[this.bufferHead];
    if (!r.consumed) this.settle(r);
    this.unindex(r);
    this.bufferHead++;
    if (this.bufferHead > 1024 && this.bufferHead * 2 > this.buffer.length) {
      this.buffer = this.buffer.slice(this.bufferHead);
      this.bufferHead = 0;
    }
  }

  private unindex(r: AccessRecord): void {
    if (r.path) {
      this.bufferByPath.delete(`${r.host}|${r.path}`, r);
      this.bufferByDir.delete(`${r.host}|${dirName(r.path) ?? ''}`, r);
    }
    const key = handleKey(r);
    if (this.bufferByHandle.get(key) === r) this.bufferByHandle.delete(key);
  }

  private findBuffered(key: string): AccessRecord | undefined {
    const r = this.bufferByHandle.get(key);
    return r && !r.consumed && !r.share ? r : undefined;
  }

  /** Moves time forward: idle handles are finalized, correlated records merge, stale merges go out. */
  private advance(): void {
    for (const r of this.objects.expire(this.now)) this.emitObject(r);
    for (const [map, idle] of [
      [this.loose, HANDLE_IDLE_NO_OPEN_MS],
      [this.open, HANDLE_IDLE_MS],
    ] as const) {
      for (const h of map.values()) {
        if (this.now - h.rec.last <= idle) break;
        this.dropHandle(h);
      }
    }
    this.release(this.now);
  }

  private release(now: number): void {
    while (this.bufferHead < this.buffer.length) {
      const r = this.buffer[this.bufferHead];
      if (now !== Number.POSITIVE_INFINITY && now - r.last <= MERGE_WINDOW_MS) break;
      this.leaveBuffer();
    }
    for (const [key, p] of this.pending) {
      // A record still in the buffer may yet merge into this one: it settles up to a window after its own end.
      if (now !== Number.POSITIVE_INFINITY && now - p.last <= 2 * MERGE_WINDOW_MS) break;
      this.pending.delete(key);
      this.emit(p);
    }
  }

  /** A record leaves the buffer: its rename/create partners are decided, its path state noted, then it merges. */
  private settle(r: AccessRecord): void {
    this.correlate(r);
    if (r.consumed) return;
    this.notePath(r);
    this.merge(r);
  }

  private notePath(r: AccessRecord): void {
    if (!r.path || r.outcome === 'failure') return;
    const vanished = r.op === 'delete' || r.op === 'rename' || r.renameCandidate === true;
    this.setPathState(`${r.host}|${r.path}`, !vanished, r.seqFirst);
    if (r.newPath) this.setPathState(`${r.host}|${r.newPath}`, true, r.seqLast);
  }

  private setPathState(key: string, exists: boolean, at: number): void {
    const prev = this.pathState.get(key);
    if (prev && prev.at > at) return;
    this.pathState.delete(key);
    this.pathState.set(key, { exists, at });
    if (this.pathState.size > this.limits.maxBuffered) {
      this.pathState.delete(this.pathState.keys().next().value as string);
    }
  }

  /** Did `path` exist just before the raw event number `seq`? Unknown paths count as new. */
  private existedBefore(host: string, path: string, seq: number, except: AccessRecord): boolean {
    let state = this.pathState.get(`${host}|${path}`);
    for (const x of this.bufferByPath.get(`${host}|${path}`)) {
      if (x === except || x.seqFirst > seq) continue;
      if (!state || x.seqFirst >= state.at) {
        state = { exists: !(x.op === 'delete' || x.renameCandidate === true || x.op === 'rename'), at: x.seqFirst };
      }
    }
    return state?.exists ?? false;
  }

  private sameActor(a: AccessRecord, b: AccessRecord): boolean {
    return (
      a.host === b.host &&
      a.user === b.user &&
      (a.share ? b.share === true && a.sourceIp === b.sourceIp : a.pid === b.pid)
    );
  }

  private near(a: AccessRecord, b: AccessRecord): boolean {
    return b.first - a.last <= MERGE_WINDOW_MS && a.first - b.last <= MERGE_WINDOW_MS;
  }

  /** The record a folder AddFile belongs to: the one whose lifetime holds it, else the nearest. */
  private folderTarget(d: AccessRecord): { rec: AccessRecord } | undefined {
    let best: AccessRecord | undefined;
    let bestScore = Number.POSITIVE_INFINITY;
    const consider = (c: AccessRecord): void => {
      if (c === d || c.consumed || !c.path || dirName(c.path) !== d.path || !this.sameActor(d, c) || !this.near(d, c))
        return;
      const score =
        c.seqFirst <= d.seqFirst && d.seqFirst <= c.seqLast
          ? 0
          : Math.min(Math.abs(d.seqFirst - c.seqFirst), Math.abs(d.seqFirst - c.seqLast));
      if (score < bestScore || (score === bestScore && best && c.seqFirst < best.seqFirst)) {
        best = c;
        bestScore = score;
      }
    };
    const key = `${d.host}|${d.path}`;
    for (const c of this.bufferByDir.get(key)) consider(c);
    for (const h of this.openByDir.get(key)) consider(h.rec);
    return best ? { rec: best } : undefined;
  }

  /** Rename and create decoding: needs the records around this one, by the same actor. */
  private correlate(r: AccessRecord): void {
    if (r.outcome === 'failure' || !r.path) return;
    if (isFolderAddition(r)) {
      // AddFile on a folder: evidence that a file was created (or renamed) in it, not a write of its own.
      const target = this.folderTarget(r)?.rec;
      if (target) {
        target.created = true;
        this.mergeInto(target, r);
        return;
      }
      // Nothing was added under it: a plain write to a file after all.
    }
    const dir = dirName(r.path);
    for (const s of [...this.bufferByPath.get(`${r.host}|${dir ?? ''}`)]) {
      if (!s.consumed && isFolderAddition(s) && this.folderTarget(s)?.rec === r) {
        r.created = true;
        this.mergeInto(r, s);
      }
    }
    if (r.renameCandidate) {
      // The new name: the first path in the same folder that did not exist before and that the same
      // actor touches right after the DELETE (Windows never logs the new name itself).
      let partner: AccessRecord | undefined;
      const consider = (s: AccessRecord): void => {
        if (s === r || s.consumed || !s.path || s.path === r.path || s.outcome !== 'success' || s.renameCandidate)
          return;
        if (
          dirName(s.path) !== dir ||
          s.seqFirst < r.seqFirst ||
          s.first - r.last > MERGE_WINDOW_MS ||
          !this.sameActor(r, s)
        )
          return;
        if (this.existedBefore(r.host, s.path, r.seqFirst, r)) return;
        if (!partner || s.seqFirst < partner.seqFirst) partner = s;
      };
      const dirKey = `${r.host}|${dir ?? ''}`;
      for (const s of this.bufferByDir.get(dirKey)) consider(s);
      for (const h of this.openByDir.get(dirKey)) consider(h.rec);
      r.op = 'rename';
      if (partner) {
        r.newPath = partner.path;
        // Merely touching the new name (attributes, or its creation in the folder) is part of the rename.
        const p = partner as AccessRecord;
        const inBuffer = [...this.bufferByPath.get(`${p.host}|${p.path}`)].includes(p);
        if (inBuffer && (partner.op === 'read-attributes' || partner.op === 'write-attributes'))
          this.mergeInto(r, partner);
      } else if (r.share) {
        r.op = 'delete';
      }
    } else if (
      r.created &&
      (r.op === 'write' || r.op === 'append' || r.op === 'read-attributes' || r.op === 'write-attributes')
    ) {
      r.op = 'create';
    }
  }

  private mergeInto(into: AccessRecord, from: AccessRecord, sameAccess = false): void {
    into.raws.push(...from.raws);
    into.count += from.count;
    if (sameAccess) into.accesses += from.accesses;
    if (from.first < into.first) into.first = from.first;
    if (from.last > into.last) into.last = from.last;
    if (from.seqFirst < into.seqFirst) into.seqFirst = from.seqFirst;
    if (from.seqLast > into.seqLast) into.seqLast = from.seqLast;
    from.consumed = true;
  }

  private mergeKey(r: AccessRecord): string {
    return `${r.host}|${r.user ?? ''}|${r.path ?? `handle:${r.handle ?? ''}`}`;
  }

  private details(r: AccessRecord): string {
    return `${r.op}|${r.outcome}|${[...r.rights].sort().join(',')}|${r.newPath ?? ''}|${r.exe ?? ''}|${r.sourceIp ?? ''}`;
  }

  private merge(r: AccessRecord): void {
    const key = this.mergeKey(r);
    const p = this.pending.get(key);
    if (p && this.details(p) === this.details(r) && r.first - p.last <= MERGE_WINDOW_MS) {
      this.mergeInto(p, r, true);
      this.pending.delete(key);
      this.pending.set(key, p);
      return;
    }
    if (p) {
      this.pending.delete(key);
      this.emit(p);
    }
    this.pending.set(key, r);
    while (this.pending.size > this.limits.maxPending) {
      const [k, oldest] = this.pending.entries().next().value as [string, AccessRecord];
      this.pending.delete(k);
      this.emit(oldest);
    }
  }

  private emit(r: AccessRecord): void {
    this.counts.out++;
    this.released.push(r);
  }
}

export function createFileAccessCondenser(): Stage {
  return new FileAccessCondenser();
}
