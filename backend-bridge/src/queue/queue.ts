import {
  closeSync,
  fdatasyncSync,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * A durable, byte-bounded FIFO of documents on disk.
 *
 * Layout in `dir`: segment files `seg-<n>.q` and `ack.json` (the position up to which OpenSearch has
 * confirmed). An entry is one line, `<id>\t<index>\t<json>\n` (JSON escapes tabs and newlines), so a
 * write torn by a crash is found and cut off at the last newline when the queue opens.
 *
 * Durability: `append` writes with a synchronous write(2) before it returns, so an input that
 * acknowledges after `append` loses nothing when the bridge process dies (the data is in the OS).
 * With fsync `always` it also fdatasyncs before returning (survives power loss); `interval`
 * fdatasyncs every fsyncIntervalMs; `never` leaves flushing to the OS. The ack file is replaced
 * atomically (write + rename); losing its last update only re-sends documents, which the writer's
 * deterministic ids turn into 409s, never duplicates.
 */
export interface QueueOptions {
  dir: string;
  maxBytes: number;
  segmentBytes: number;
  fsync: 'always' | 'interval' | 'never';
  fsyncIntervalMs?: number;
}

export interface Position {
  segment: number;
  offset: number;
}

/** What is appended: the document's JSON as UTF-8 bytes (the pipeline's writer) or as text. */
export interface QueueEntry {
  id: string;
  index: string;
  json: string | Uint8Array;
}

/** A document as read back: its JSON is a view into the bytes read from the segment, never decoded. */
export interface QueuedDoc {
  id: string;
  index: string;
  json: Buffer;
}

/** A run of documents taken from the queue. */
export class Batch {
  constructor(
    readonly docs: QueuedDoc[],
    /** Segment bytes the batch spans. */
    readonly bytes: number,
    /** The position just after the batch: acknowledging it frees everything before. */
    readonly end: Position,
  ) {}

  /** The documents with their JSON decoded to text, for readers that want strings (tests, tools). */
  get entries(): Array<{ id: string; index: string; json: string }> {
    return this.docs.map((d) => ({ id: d.id, index: d.index, json: d.json.toString('utf8') }));
  }
}

interface Segment {
  n: number;
  size: number;
}

const TAB = 0x09;
const LF = 0x0a;
/** An entry's share of the segment: `<id>\t<index>\t<json>\n`. */
const lineBytes = (d: QueuedDoc) => Buffer.byteLength(d.id) + Buffer.byteLength(d.index) + d.json.length + 3;

const SEGMENT = /^seg-(\d{12})\.q$/;
const name = (n: number) => `seg-${String(n).padStart(12, '0')}.q`;

export class DiskQueue {
  private segments: Segment[] = [];
  private fd = -1;
  private acked: Position = { segment: 0, offset: 0 };
  private read: Position = { segment: 0, offset: 0 };
  private events = 0;
  private dirty = false;
  private timer?: NodeJS.Timeout;
  private waiters: Array<() => void> = [];
  private spaceWaiters: Array<() => void> = [];
  /** Why the last ack file write failed (undefined when it succeeded). */
  ackError?: string;

  constructor(private readonly options: QueueOptions) {}

  open(): void {
    mkdirSync(this.options.dir, { recursive: true });
    try {
      this.acked = JSON.parse(readFileSync(join(this.options.dir, 'ack.json'), 'utf8')) as Position;
    } catch {
      this.acked = { segment: 0, offset: 0 };
    }
    const found = readdirSync(this.options.dir)
      .map((f) => SEGMENT.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
    for (const n of found) {
      if (n < this.acked.segment) {
        unlinkSync(join(this.options.dir, name(n)));
        continue;
      }
      this.segments.push({ n, size: this.repair(n) });
    }
    if (this.segments.length === 0) this.segments.push({ n: Math.max(1, this.acked.segment), size: 0 });
    const first = this.segments[0];
    if (this.acked.segment !== first.n) this.acked = { segment: first.n, offset: 0 };
    this.acked.offset = Math.min(this.acked.offset, first.size);
    this.read = { ...this.acked };
    this.events = this.countFrom(this.acked);
    const last = this.segments[this.segments.length - 1];
    this.fd = openSync(join(this.options.dir, name(last.n)), 'a');
    if (this.options.fsync === 'interval') {
      this.timer = setInterval(() => this.sync(), this.options.fsyncIntervalMs ?? 1000);
      this.timer.unref();
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.fd >= 0) {
      this.sync();
      closeSync(this.fd);
      this.fd = -1;
    }
    for (const w of this.waiters.splice(0)) w();
  }

  /** Bytes waiting for OpenSearch (written but not yet acknowledged). */
  get depthBytes(): number {
    let total = 0;
    for (const s of this.segments) total += s.size;
    return total - this.acked.offset;
  }

  get depthEvents(): number {
    return this.events;
  }

  get capacity(): number {
    return this.options.maxBytes;
  }

  /** True when nothing more should be accepted until the writer frees space. */
  get full(): boolean {
    return this.depthBytes >= this.options.maxBytes;
  }

  /** Whether `bytes` more fit under the bound. */
  fits(bytes: number): boolean {
    return this.depthBytes + bytes <= this.options.maxBytes;
  }

  /** Resolves once the queue is below 90% of its bound (inputs resume then, not at the first free byte). */
  whenSpace(): Promise<void> {
    if (this.depthBytes < this.options.maxBytes * 0.9) return Promise.resolve();
    return new Promise((resolve) => this.spaceWaiters.push(resolve));
  }

  /** The segment bytes of `entries`: `<id>\t<index>\t<json>\n` each, written once into one buffer. */
  static encode(entries: QueueEntry[]): Buffer {
    let size = 0;
    for (const e of entries)
      size +=
        Buffer.byteLength(e.id) +
        Buffer.byteLength(e.index) +
        (typeof e.json === 'string' ? Buffer.byteLength(e.json) : e.json.length) +
        3;
    const out = Buffer.allocUnsafe(size);
    let p = 0;
    for (const e of entries) {
      p += out.write(e.id, p);
      out[p++] = TAB;
      p += out.write(e.index, p);
      out[p++] = TAB;
      if (typeof e.json === 'string') p += out.write(e.json, p);
      else {
        out.set(e.json, p);
        p += e.json.length;
      }
      out[p++] = LF;
    }
    return out;
  }

  /**
   * Appends entries durably (see the class comment), all or none. Returns false when they would
   * not fit under the bound unless `force` (a stream input finishing the chunk it already read; the
   * bound is then exceeded by at most that chunk).
   */
  append(entries: QueueEntry[], force = false): boolean {
    if (entries.length === 0) return true;
    const data = DiskQueue.encode(entries);
    if (!force && !this.fits(data.length)) return false;
    let last = this.segments[this.segments.length - 1];
    if (last.size > 0 && last.size + data.length > this.options.segmentBytes) {
      // The new segment is opened before anything changes, so a failure (EMFILE, ENOSPC) leaves the queue as it was.
      this.sync();
      const fd = openSync(join(this.options.dir, name(last.n + 1)), 'a');
      closeSync(this.fd);
      this.fd = fd;
      last = { n: last.n + 1, size: 0 };
      this.segments.push(last);
    }
    let written = 0;
    try {
      while (written < data.length) written += writeSync(this.fd, data, written);
      if (this.options.fsync === 'always') fdatasyncSync(this.fd);
    } catch (err) {
      // Disk full (ENOSPC) or an I/O error: cut what part of the write landed, so the segment ends
      // on a whole entry and nothing of this append is counted; the caller refuses the data.
      if (written > 0) ftruncateSync(this.fd, last.size);
      throw err;
    }
    last.size += data.length;
    this.events += entries.length;
    if (this.options.fsync !== 'always') this.dirty = true;
    for (const w of this.waiters.splice(0)) w();
    return true;
  }

  /** Whether entries exist past the read cursor. */
  get hasUnread(): boolean {
    const seg = this.segments.find((s) => s.n === this.read.segment);
    if (seg && this.read.offset < seg.size) return true;
    return this.segments.some((s) => s.n > this.read.segment && s.size > 0);
  }

  /** Resolves when something is appended (or the queue closes). */
  whenData(): Promise<void> {
    if (this.hasUnread) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Takes the entries past the read cursor whose costs add up to at most `maxBytes` (at least one
   * entry, however large). An entry's cost is its segment line by default; the writer passes the
   * bytes it will take in a bulk request body, so that the request is what is bounded.
   */
  take(maxBytes: number, cost: (doc: QueuedDoc) => number = lineBytes): Batch | undefined {
    let seg = this.segments.find((s) => s.n === this.read.segment);
    if (!seg) {
      // The segment under the cursor was acknowledged and deleted: go on with the next one.
      seg = this.segments.find((s) => s.n > this.read.segment);
      if (!seg) return undefined;
      this.read = { segment: seg.n, offset: 0 };
    }
    while (seg && this.read.offset >= seg.size) {
      const next = this.segments.find((s) => s.n > seg!.n);
      if (!next) return undefined;
      this.read = { segment: next.n, offset: 0 };
      seg = next;
    }
    if (!seg) return undefined;
    const fd = openSync(join(this.options.dir, name(seg.n)), 'r');
    try {
      let want = Math.min(maxBytes, seg.size - this.read.offset);
      for (;;) {
        const buf = Buffer.allocUnsafe(want);
        const got = readSync(fd, buf, 0, want, this.read.offset);
        const cut = buf.lastIndexOf(0x0a, got - 1);
        if (cut < 0) {
          // One entry larger than maxBytes: read further until its end.
          want = Math.min(want * 2, seg.size - this.read.offset);
          continue;
        }
        // The documents stay views into `buf`: no decoding to strings and back.
        const docs: QueuedDoc[] = [];
        let start = 0;
        let spent = 0;
        while (start <= cut) {
          const nl = buf.indexOf(LF, start);
          const t1 = buf.indexOf(TAB, start);
          const t2 = buf.indexOf(TAB, t1 + 1);
          const doc = {
            id: buf.toString('utf8', start, t1),
            index: buf.toString('utf8', t1 + 1, t2),
            json: buf.subarray(t2 + 1, nl),
          };
          const c = cost(doc);
          if (docs.length > 0 && spent + c > maxBytes) break;
          docs.push(doc);
          spent += c;
          start = nl + 1;
        }
        this.read = { segment: seg.n, offset: this.read.offset + start };
        return new Batch(docs, start, { ...this.read });
      }
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Marks everything before `end` as confirmed by OpenSearch. Call in queue order. When the ack file
   * cannot be written (disk full), the position is kept in memory and written with the next ack:
   * losing it only re-sends documents (409s), and the segments it frees make room for it.
   */
  ack(end: Position, events: number): void {
    this.acked = { ...end };
    this.events -= events;
    // Whole segments behind the acknowledged position are gone for good. Deleting them before the
    // ack file is written is safe (open() starts at the first segment left) and frees the space it needs.
    while (this.segments.length > 1) {
      const first = this.segments[0];
      if (first.n < end.segment || (first.n === end.segment && end.offset >= first.size)) {
        unlinkSync(join(this.options.dir, name(first.n)));
        this.segments.shift();
        if (this.acked.segment === first.n) this.acked = { segment: this.segments[0].n, offset: 0 };
      } else break;
    }
    this.saveAck(this.acked);
    if (this.depthBytes < this.options.maxBytes * 0.9) for (const w of this.spaceWaiters.splice(0)) w();
  }

  /** Writes the ack file atomically; false when it cannot (the previous one stays valid). */
  private saveAck(pos: Position): boolean {
    const tmp = join(this.options.dir, 'ack.json.tmp');
    try {
      writeFileSync(tmp, JSON.stringify(pos));
      renameSync(tmp, join(this.options.dir, 'ack.json'));
      this.ackError = undefined;
      return true;
    } catch (err) {
      this.ackError = (err as Error).message;
      return false;
    }
  }

  /** After a failed send, reading starts again at the acknowledged position. */
  rewind(): void {
    this.read = { ...this.acked };
  }

  private sync(): void {
    if (this.dirty && this.fd >= 0) {
      fdatasyncSync(this.fd);
      this.dirty = false;
    }
  }

  /** Cuts a torn last entry (a crash in the middle of a write) and returns the segment's size. */
  private repair(n: number): number {
    const path = join(this.options.dir, name(n));
    const fd = openSync(path, 'r+');
    try {
      const size = fstatSync(fd).size;
      if (size === 0) return 0;
      const tail = Buffer.alloc(Math.min(size, 1 << 20));
      let end = size;
      // Look back for the last newline, a MiB at a time.
      for (;;) {
        const from = Math.max(0, end - tail.length);
        const got = readSync(fd, tail, 0, end - from, from);
        const nl = tail.lastIndexOf(0x0a, got - 1);
        if (nl >= 0) {
          const keep = from + nl + 1;
          if (keep !== size) ftruncateSync(fd, keep);
          return keep;
        }
        if (from === 0) {
          ftruncateSync(fd, 0);
          return 0;
        }
        end = from;
      }
    } finally {
      closeSync(fd);
    }
  }

  private countFrom(pos: Position): number {
    let count = 0;
    for (const s of this.segments) {
      if (s.size === 0) continue;
      const data = readFileSync(join(this.options.dir, name(s.n)));
      const from = s.n === pos.segment ? pos.offset : 0;
      for (let i = data.indexOf(0x0a, from); i >= 0; i = data.indexOf(0x0a, i + 1)) count++;
    }
    return count;
  }
}
