import {
  closeSync,
  existsSync,
  fdatasyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FIELD } from '@kansa/schema';
import type { ArchivedRecord, RawArchive, RecordMeta } from '../pipeline/raw-archive';
import { openFrame, nextDictionary, sealFrame } from './frame';
import type { Keyring } from './keys';
import { appendManifest, readManifest, type SealEntry } from './manifest';
import { decodeRecord, encodeRecord, GENESIS, makeHeader, sha256Hex } from './record';
import type { Sealer } from './seal';
import { listSegments, readSegmentKey, SEGMENT_DIR, segmentName, type SegmentFile } from './segments';

export interface ArchiveOptions {
  dir: string;
  segmentBytes: number;
  maxAgeMs: number;
  fsync: 'always' | 'interval' | 'never';
  fsyncIntervalMs: number;
  keyring: Keyring;
  sealer: Sealer;
  clock?: () => Date;
}

const MAX_USERS = 10_000;
const RECENT = 4096;

interface OpenSegment {
  file: SegmentFile;
  fd: number;
  dataKey: Buffer;
  dictionary: Buffer;
  prevHead: string;
  head: string;
  records: number;
  bytes: number;
  created: Date;
  first?: string;
  last?: string;
  sourceTypes: Record<string, number>;
  users: Set<string> | null;
  sealed?: boolean;
}

/**
 * Appends raw records to time-ordered, encrypted, hash-chained segment files and seals each closed
 * segment into the manifest. One writer per archive directory (a lock file keeps a second one out).
 */
export class ArchiveWriter implements RawArchive {
  private seg?: OpenSegment;
  private head = GENESIS;
  private nextSeq = 1;
  private lastTime = 0;
  private lastSync = 0;
  private lockPath: string;
  private readonly recent = new Map<string, ArchivedRecord>();
  private readonly clock: () => Date;

  constructor(private readonly o: ArchiveOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.lockPath = join(o.dir, 'writer.lock');
  }

  /** Takes the lock, seals segments a crash left open (cutting a torn last record), and resumes the chain. */
  open(): void {
    mkdirSync(join(this.o.dir, SEGMENT_DIR), { recursive: true });
    this.lock();
    const entries = readManifest(this.o.dir).flatMap((e) => (e.entry?.type === 'seal' ? [e.entry] : []));
    const lastSeal = entries.sort((a, b) => a.seq - b.seq).at(-1);
    if (lastSeal) {
      this.head = lastSeal.head;
      this.nextSeq = lastSeal.seq + 1;
      this.lastTime = Date.parse(lastSeal.last);
    }
    for (const f of listSegments(this.o.dir)) {
      if (f.seq < this.nextSeq) continue;
      this.recover(f);
    }
  }

  accept(raw: Buffer, meta: RecordMeta): ArchivedRecord {
    const dedupKey = `${meta.identity}\0${meta.offset}\0${raw.length}`;
    const seen = this.recent.get(dedupKey);
    // The same slice offered again (the queue was full the first time): archived once.
    if (seen) return seen;
    const now = this.clock();
    this.rollIfDue(now);
    const seg = this.seg ?? this.startSegment(now);
    const time = Math.max(now.getTime(), this.lastTime);
    this.lastTime = time;
    const header = makeHeader(seg.file.seq, seg.records, new Date(time), seg.head, raw, meta);
    const { plain, sha256 } = encodeRecord(header, raw);
    const frame = sealFrame(plain, seg.dictionary, seg.dataKey, seg.file.seq, seg.records);
    try {
      writeAll(seg.fd, frame);
      this.syncMaybe(seg.fd);
    } catch (err) {
      // A frame half written (disk full) must not stay in front of the next one: cut it, keep the chain as it was.
      try {
        ftruncateSync(seg.fd, seg.bytes);
      } catch {
        // The segment then ends in a torn frame, which the next start cuts off.
      }
      throw new Error(
        `cannot write to the archive segment ${seg.file.path}: ${(err as Error).message}; the record was not accepted`,
      );
    }
    seg.dictionary = nextDictionary(seg.dictionary, plain);
    seg.head = sha256;
    seg.records++;
    seg.bytes += frame.length;
    seg.first ??= header.t;
    seg.last = header.t;
    const record: ArchivedRecord = {
      sha256,
      tag: (event) => {
        event[FIELD.kansaArchiveSha256] = sha256;
        // An imported line split across two parts is emitted after its segment was sealed: its class
        // then counts in the open segment, which holds the rest of the line.
        const s = seg.sealed && this.seg ? this.seg : seg;
        const type = event[FIELD.kansaSourceType];
        if (typeof type === 'string') s.sourceTypes[type] = (s.sourceTypes[type] ?? 0) + 1;
        const user = event[FIELD.userName];
        if (s.users && typeof user === 'string' && !s.users.has(user)) {
          s.users.add(user);
          if (s.users.size > MAX_USERS) s.users = null;
        }
      },
    };
    this.recent.set(dedupKey, record);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    return record;
  }

  /** Seals the open segment when it is over its size or age; the bridge calls this on a timer too. */
  rollIfDue(now: Date = this.clock()): void {
    const seg = this.seg;
    if (!seg) return;
    if (seg.bytes >= this.o.segmentBytes || now.getTime() - seg.created.getTime() >= this.o.maxAgeMs) this.sealOpen();
    else if (this.o.fsync === 'interval') this.syncMaybe(seg.fd);
  }

  /** The chain head: hash of the last record written. */
  chainHead(): { seq: number; head: string } {
    return { seq: this.seg?.file.seq ?? this.nextSeq - 1, head: this.seg?.head ?? this.head };
  }

  /** Seals the open segment and releases the lock. */
  close(): void {
    this.sealOpen();
    if (existsSync(this.lockPath)) unlinkSync(this.lockPath);
  }

  sealOpen(): void {
    const seg = this.seg;
    if (!seg) return;
    this.seg = undefined;
    seg.sealed = true;
    fdatasyncSync(seg.fd);
    closeSync(seg.fd);
    const users = seg.users ? [...seg.users].sort() : null;
    this.seal(seg.file, seg, seg.sourceTypes, users);
  }

  private seal(
    file: SegmentFile,
    s: { records: number; prevHead: string; head: string; first?: string; last?: string },
    sourceTypes: Record<string, number> | null,
    users: string[] | null,
  ): void {
    const bytes = readFileSync(file.path);
    const entry: Omit<SealEntry, 'alg' | 'sealKey' | 'sig'> = {
      type: 'seal',
      seq: file.seq,
      file: file.name,
      records: s.records,
      bytes: bytes.length,
      fileSha256: sha256Hex(bytes),
      prevHead: s.prevHead,
      head: s.head,
      first: s.first ?? '',
      last: s.last ?? '',
      sourceTypes,
      users,
      sealedAt: this.clock().toISOString(),
    };
    appendManifest(this.o.dir, this.o.sealer, entry);
    this.head = s.head;
    this.nextSeq = file.seq + 1;
  }

  private startSegment(now: Date): OpenSegment {
    const seq = this.nextSeq;
    const name = segmentName(seq, now);
    const path = join(this.o.dir, SEGMENT_DIR, name);
    const file: SegmentFile = { seq, name, path, keyPath: `${path}.key.json` };
    const dataKey = randomBytes(32);
    const keyText = JSON.stringify({
      seq,
      keyId: this.o.keyring.active,
      wrapped: this.o.keyring.wrap(dataKey),
      created: now.toISOString(),
    });
    writeFileSync(`${file.keyPath}.tmp`, keyText);
    renameSync(`${file.keyPath}.tmp`, file.keyPath);
    const fd = openSync(path, 'a');
    this.seg = {
      file,
      fd,
      dataKey,
      dictionary: Buffer.alloc(0),
      prevHead: this.head,
      head: this.head,
      records: 0,
      bytes: 0,
      created: now,
      sourceTypes: {},
      users: new Set(),
    };
    return this.seg;
  }

  /** A segment left open by a crash: keep its whole records, cut a torn last one, and seal it. */
  private recover(f: SegmentFile): void {
    const key = readSegmentKey(f);
    const dataKey = this.o.keyring.unwrap(key.wrapped, key.keyId);
    const bytes = readFileSync(f.path);
    let pos = 0;
    let dictionary: Buffer = Buffer.alloc(0);
    const s = {
      records: 0,
      prevHead: this.head,
      head: this.head,
      first: undefined as string | undefined,
      last: undefined as string | undefined,
    };
    while (pos < bytes.length) {
      const r = openFrame(bytes, pos, dictionary, dataKey, f.seq, s.records);
      if (!r.ok) {
        if (!r.torn)
          throw new Error(`archive segment ${f.name}, record ${s.records}: ${r.reason}; run kansa archive verify`);
        break;
      }
      const { header, sha256 } = decodeRecord(r.plain);
      s.first ??= header.t;
      s.last = header.t;
      s.head = sha256;
      s.records++;
      dictionary = nextDictionary(dictionary, r.plain);
      pos = r.next;
    }
    if (s.records === 0) {
      unlinkSync(f.path);
      unlinkSync(f.keyPath);
      return;
    }
    if (pos < bytes.length) {
      const fd = openSync(f.path, 'r+');
      ftruncateSync(fd, pos);
      fdatasyncSync(fd);
      closeSync(fd);
    }
    if (s.last) this.lastTime = Math.max(this.lastTime, Date.parse(s.last));
    this.seal(f, s, null, null);
  }

  private syncMaybe(fd: number): void {
    if (this.o.fsync === 'never') return;
    const now = Date.now();
    if (this.o.fsync === 'always' || now - this.lastSync >= this.o.fsyncIntervalMs) {
      fdatasyncSync(fd);
      this.lastSync = now;
    }
  }

  private lock(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.lockPath, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return;
      } catch (err) {
        if ((err as { code?: string }).code !== 'EEXIST') throw err;
        const pid = Number(readFileSync(this.lockPath, 'utf8'));
        if (pid && pid !== process.pid && alive(pid))
          throw new Error(
            `the archive ${this.o.dir} is being written by process ${pid} (kansa serve or import); one writer at a time`,
          );
        unlinkSync(this.lockPath);
      }
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off);
}
