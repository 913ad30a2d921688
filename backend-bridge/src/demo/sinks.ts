import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Line {
  t: number;
  seq: number;
  text: string;
}

/**
 * One output file. Lines are collected for one day, sorted by time (ties keep insertion order), and
 * written at the end of the day, so memory stays bounded by a day's volume and output is stable.
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

  flush(): void {
    this.buf.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const chunks: string[] = [];
    for (const l of this.buf) chunks.push(l.text);
    if (chunks.length > 0) this.raw(`${chunks.join('\n')}\n`, chunks.length);
    this.buf = [];
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
