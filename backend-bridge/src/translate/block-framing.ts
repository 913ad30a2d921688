import * as iconv from 'iconv-lite';
import { type Encoding, unitWidth } from './decode';
import type { FramedRecord, Framer } from './framing';

/**
 * Groups lines into records that each begin at a header line the format recognises (`startsBlock`), for
 * renderings that print one record over many lines (`wevtutil qe /f:text`: `Event[N]:`, then the header
 * fields, then the message with its own blank lines). Lines before the first header are records of their
 * own, so nothing is lost (blank ones are skipped by the engine). Streaming: one block is held, at most
 * `maxBlockBytes`; a longer block is emitted damaged with what was held, and its remaining lines up to
 * the next header are skipped and counted in `skippedBytes`. Trailing blank lines of a block separate
 * records and are not part of one.
 */
export class BlockFramer implements Framer {
  private block?: { lines: string[]; line: number; offset: number; bytes: number; damage?: string; full: boolean };
  private skipped = 0;

  constructor(
    private readonly lines: Framer,
    private readonly startsBlock: (line: string) => boolean,
    private readonly encoding: Encoding,
    private readonly maxBlockBytes: number,
  ) {}

  get skippedBytes(): number {
    return this.lines.skippedBytes + this.skipped;
  }

  push(chunk: Buffer, emit: (r: FramedRecord) => void): void {
    this.lines.push(chunk, (r) => this.take(r, emit));
  }

  end(emit: (r: FramedRecord) => void): void {
    this.lines.end((r) => this.take(r, emit));
    this.flush(emit);
  }

  private take(r: FramedRecord, emit: (r: FramedRecord) => void): void {
    const bytes = this.byteLength(r.text) + unitWidth(this.encoding);
    if (this.startsBlock(r.text)) {
      this.flush(emit);
      this.block = { lines: [r.text], line: r.line, offset: r.offset, bytes, full: false };
      if (r.damage) this.block.damage = r.damage;
      return;
    }
    const b = this.block;
    if (!b) {
      emit(r);
      return;
    }
    if (b.full) {
      this.skipped += bytes;
      return;
    }
    if (b.bytes + bytes > this.maxBlockBytes) {
      b.full = true;
      b.damage = `record longer than ${this.maxBlockBytes} bytes, truncated`;
      this.skipped += bytes;
      return;
    }
    b.lines.push(r.text);
    b.bytes += bytes;
    if (r.damage && !b.damage) b.damage = r.damage;
  }

  private flush(emit: (r: FramedRecord) => void): void {
    const b = this.block;
    if (!b) return;
    this.block = undefined;
    let n = b.lines.length;
    while (n > 1 && b.lines[n - 1].trim() === '') n--;
    const record: FramedRecord = { text: b.lines.slice(0, n).join('\n'), line: b.line, offset: b.offset };
    if (b.damage) record.damage = b.damage;
    emit(record);
  }

  private byteLength(text: string): number {
    if (unitWidth(this.encoding) === 2) return text.length * 2;
    return this.encoding === 'cp932' ? iconv.encode(text, 'cp932').length : Buffer.byteLength(text);
  }
}
