import {
  closeSync,
  fstatSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/**
 * Tails line-based log files by glob (wildcards in the last path segment), following rotation
 * (rename + new file: the old file is read to its end first) and truncation (copytruncate: reading
 * starts again at 0). The checkpoint of each file (inode + offset) is saved after its records are
 * in the queue, so a restart neither re-reads nor skips.
 */
export interface TailSource {
  paths: string[];
  format: string;
}

export interface TailSink {
  /**
   * Puts complete records (LF-terminated) into the queue; returns false when the queue is full
   * (the tailer then stops reading and tries again on the next poll).
   */
  (
    data: Buffer,
    src: { path: string; identity: string; baseOffset: number; format: string },
  ): { ok: boolean; format?: string };
}

interface FileState {
  path: string;
  ino: number;
  offset: number;
  fd?: number;
  format: string;
}

interface Checkpoints {
  [path: string]: { ino: number; offset: number; format?: string };
}

const READ_BYTES = 256 * 1024;

export class FileTailer {
  private readonly files = new Map<string, FileState>();
  private timer?: NodeJS.Timeout;
  private polling = false;
  private readonly host = hostname();

  constructor(
    private readonly sources: TailSource[],
    private readonly checkpointFile: string,
    private readonly sink: TailSink,
    private readonly pollMs: number,
    private readonly onError: (path: string, err: Error) => void = () => undefined,
  ) {}

  start(): void {
    let saved: Checkpoints = {};
    try {
      saved = JSON.parse(readFileSync(this.checkpointFile, 'utf8')) as Checkpoints;
    } catch {
      saved = {};
    }
    for (const [path, cp] of Object.entries(saved)) {
      this.files.set(path, { path, ino: cp.ino, offset: cp.offset, format: cp.format ?? 'auto' });
    }
    this.poll();
    this.timer = setInterval(() => this.poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    for (const f of this.files.values()) if (f.fd !== undefined) closeSync(f.fd);
    this.files.clear();
  }

  /** One pass over every source; exposed for tests. */
  poll(): void {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const source of this.sources) {
        for (const path of expand(source.paths)) {
          try {
            this.follow(path, source.format);
          } catch (err) {
            this.onError(path, err as Error);
          }
        }
      }
      try {
        this.save();
      } catch (err) {
        // Disk full: the checkpoints stay where they were; a restart re-reads (409s), never skips.
        this.onError(this.checkpointFile, err as Error);
      }
    } finally {
      this.polling = false;
    }
  }

  private follow(path: string, format: string): void {
    let st;
    try {
      st = statSync(path);
    } catch {
      return; // rotated away and not yet recreated
    }
    let f = this.files.get(path);
    if (!f) {
      f = { path, ino: st.ino, offset: 0, format };
      this.files.set(path, f);
    }
    if (f.fd === undefined) {
      if (f.ino !== st.ino) {
        // A different file than the checkpoint's (rotated while we were stopped): read it from the start.
        f.ino = st.ino;
        f.offset = 0;
        f.format = format;
      }
      f.fd = openSync(path, 'r');
      if (fstatSync(f.fd).ino !== f.ino) {
        closeSync(f.fd);
        f.fd = undefined;
        return;
      }
    }
    // Read what the open file has: after a rename this is the old file's tail.
    if (!this.drain(f, false)) return;
    if (st.ino !== f.ino) {
      // Rotated: the old file is read to its end (a last line without LF included); go on with the new one.
      this.drain(f, true);
      closeSync(f.fd!);
      Object.assign(f, { ino: st.ino, offset: 0, fd: openSync(path, 'r'), format });
      this.drain(f, false);
      return;
    }
    const size = fstatSync(f.fd!).size;
    if (size < f.offset) {
      // Truncated in place.
      f.offset = 0;
      this.drain(f, false);
    }
  }

  /** Reads complete lines from the offset on; false when the queue refused (stop for now). */
  private drain(f: FileState, final: boolean): boolean {
    const buf = Buffer.allocUnsafe(READ_BYTES);
    for (;;) {
      const got = readSync(f.fd!, buf, 0, READ_BYTES, f.offset);
      if (got === 0) return true;
      let end = buf.lastIndexOf(0x0a, got - 1) + 1;
      let data = buf.subarray(0, end);
      if (end === 0) {
        if (got < READ_BYTES && !final) return true; // an unfinished last line: wait for its end
        // A line longer than a read (or the last line of a rotated file): hand it over as is.
        end = got;
        data = Buffer.concat([buf.subarray(0, got), Buffer.from('\n')]);
      }
      const r = this.sink(Buffer.from(data), {
        path: f.path,
        identity: `file:${this.host}:${resolve(f.path)}:${f.ino}`,
        baseOffset: f.offset,
        format: f.format,
      });
      if (!r.ok) return false;
      if (f.format === 'auto' && r.format) f.format = r.format;
      f.offset += end;
    }
  }

  private save(): void {
    const cps: Checkpoints = {};
    for (const f of this.files.values()) cps[f.path] = { ino: f.ino, offset: f.offset, format: f.format };
    writeFileSync(`${this.checkpointFile}.tmp`, JSON.stringify(cps));
    renameSync(`${this.checkpointFile}.tmp`, this.checkpointFile);
  }
}

/** Expands wildcards (* and ?) in the last path segment. */
export function expand(patterns: string[]): string[] {
  const out = new Set<string>();
  for (const pattern of patterns) {
    const name = basename(pattern);
    if (!/[*?]/.test(name)) {
      out.add(pattern);
      continue;
    }
    const re = new RegExp(
      `^${name
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    let entries: string[] = [];
    try {
      entries = readdirSync(dirname(pattern));
    } catch {
      continue;
    }
    for (const e of entries.sort()) if (re.test(e)) out.add(join(dirname(pattern), e));
  }
  return [...out];
}
