import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Line {
  t: number;
  seq: number;
  text: string;
}

/**
 * One output file. Lines are collected for one day, sorted by time (ties keep insertion order), and
 * written at the end of the day up to midnight (later lines, e.g. a night shift's, wait for the next
 * day), so memory stays bounded by about a day's volume and every file is in time order.
 */
export class Sink {
  lines = 0;
  bytes = 0;
  private buf: Line[] = [];
  private fd: number;
  private static seq = 0;

  constructor(
    readonly name: string,
    outDir: string,
    header?: string,
  ) {
    const path = join(outDir, name);
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    if (header) this.raw(header);
  }

  add(t: number, text: string): void {
    this.buf.push({ t, seq: Sink.seq++, text });
  }

  /** Writes, in time order, the lines stamped before `before` (all lines when omitted); keeps the rest. */
  flush(before = Infinity): void {
    this.buf.sort((a, b) => a.t - b.t || a.seq - b.seq);
    let n = 0;
    while (n < this.buf.length && this.buf[n].t < before) n++;
    const chunks: string[] = [];
    for (let i = 0; i < n; i++) chunks.push(this.buf[i].text);
    if (chunks.length > 0) this.raw(`${chunks.join('\n')}\n`, chunks.length);
    this.buf = this.buf.slice(n);
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private raw(text: string, lines = 1): void {
    const b = Buffer.from(text, 'utf8');
    writeSync(this.fd, b);
    this.bytes += b.length;
    this.lines += lines;
  }
}
