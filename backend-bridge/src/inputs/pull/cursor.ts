import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One stream's position (per source and content type or application), as a small JSON file in the
 * bridge's data directory. Saved only after the records before it are in the durable queue, and
 * written atomically (temporary file, fsync, rename), so a crash leaves the old cursor or the new
 * one, never half of one.
 */
export class CursorFile<T> {
  readonly path: string;

  constructor(
    dir: string,
    name: string,
    /** A cursor larger than this is not written (the stream's own bounds keep it far below). */
    private readonly maxBytes: number,
  ) {
    this.path = join(dir, `${name.replace(/[^A-Za-z0-9._-]/g, '_')}.json`);
  }

  /** The saved cursor; undefined when there is none. Throws, naming the file, when it cannot be read. */
  load(): T | undefined {
    let size: number;
    try {
      size = statSync(this.path).size;
    } catch {
      return undefined;
    }
    if (size > this.maxBytes) throw new Error(`${this.path}: ${size} bytes, over the cursor bound of ${this.maxBytes}`);
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as T;
    } catch (err) {
      throw new Error(`${this.path}: not a readable cursor: ${(err as Error).message}`);
    }
  }

  save(value: T): void {
    const text = JSON.stringify(value);
    const bytes = Buffer.byteLength(text);
    if (bytes > this.maxBytes)
      throw new Error(`${this.path}: cursor of ${bytes} bytes is over its bound of ${this.maxBytes}`);
    mkdirSync(join(this.path, '..'), { recursive: true });
    const tmp = `${this.path}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
