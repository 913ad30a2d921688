import { StringDecoder } from 'node:string_decoder';
import * as iconv from 'iconv-lite';
import { type Encoding, unitWidth } from './decode';
import type { FramedRecord, Framer } from './framing';

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Between top-level objects: whitespace, the enclosing array's brackets and the commas between elements. */
function isBetween(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x09 ||
    c === OPEN_ARRAY ||
    c === CLOSE_ARRAY ||
    c === 0x2c ||
    c === 0xfeff
  );
}

/**
 * Cuts decoded text into top-level JSON objects, however they are laid out: a pretty-printed array
 * (`Get-WinEvent | ConvertTo-Json`, `[`, objects over many lines, `]`), one pretty object, or objects
 * back to back. Streaming: only the object being read is held, and one larger than `maxRecordBytes`
 * is cut there (a damaged record with its first bytes), the rest of it skipped up to its closing brace.
 * Text outside any object (not whitespace, brackets or commas) becomes a record per line, so the
 * translator reports it with its raw text; an input that ends inside an object yields what was read.
 */
export class JsonValueFramer implements Framer {
  skippedBytes = 0;
  private text = '';
  /** Line and byte offset of `text[mark]`. */
  private mark = 0;
  private markLine = 1;
  private markOffset: number;
  private scan = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Index in `text` where the object being read began; -1 between objects or while skipping one. */
  private start = -1;
  private skipping = false;
  private readonly decoder: { write(b: Buffer): string; end(): string };

  constructor(
    private readonly encoding: Encoding,
    private readonly maxRecordBytes: number,
    startOffset: number,
  ) {
    this.markOffset = startOffset;
    if (encoding === 'utf8' || encoding === 'utf16le') {
      const sd = new StringDecoder(encoding);
      this.decoder = { write: (b) => sd.write(b), end: () => sd.end() };
    } else {
      const d = iconv.getDecoder(encoding === 'cp932' ? 'cp932' : 'utf16-be');
      this.decoder = { write: (b) => d.write(b), end: () => d.end() ?? '' };
    }
  }

  push(chunk: Buffer, emit: (r: FramedRecord) => void): void {
    this.text += this.decoder.write(chunk);
    this.drain(emit, false);
  }

  end(emit: (r: FramedRecord) => void): void {
    this.text += this.decoder.end();
    this.drain(emit, true);
    if (this.start !== -1) {
      this.emitSlice(this.start, this.text.length, emit, 'truncated: the input ended inside a JSON object');
    }
    this.text = '';
    this.mark = this.scan = 0;
    this.start = -1;
  }

  private drain(emit: (r: FramedRecord) => void, final: boolean): void {
    const t = this.text;
    let i = this.scan;
    let skipFrom = this.skipping ? this.scan : -1;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (this.depth === 0) {
        if (c === OPEN_OBJECT) {
          this.start = i;
          this.depth = 1;
        } else if (!isBetween(c)) {
          // Not JSON where an object should begin: hand the rest of the line over as it is.
          const nl = t.indexOf('\n', i);
          if (nl === -1 && !final && this.byteLength(i, t.length) <= this.maxRecordBytes) break;
          const lineEnd = nl === -1 ? t.length : nl;
          const cut = Math.min(lineEnd, i + this.charsForBytes(i, this.maxRecordBytes));
          this.emitSlice(
            i,
            cut,
            emit,
            cut < lineEnd ? `record longer than ${this.maxRecordBytes} bytes, truncated` : undefined,
          );
          i = cut;
          continue;
        }
        i++;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
      } else if (c === QUOTE) {
        this.inString = true;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        this.depth++;
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth === 0) {
          if (this.skipping) {
            this.skippedBytes += this.byteLength(skipFrom, i + 1);
            this.skipping = false;
            skipFrom = -1;
          } else if (
            (i + 1 - this.start) * 3 > this.maxRecordBytes &&
            this.byteLength(this.start, i + 1) > this.maxRecordBytes
          ) {
            // A whole oversized object inside one chunk: cut it as if it had arrived piece by piece.
            const cut = this.start + this.charsForBytes(this.start, this.maxRecordBytes);
            this.emitSlice(this.start, cut, emit, `record longer than ${this.maxRecordBytes} bytes, truncated`);
            this.skippedBytes += this.byteLength(cut, i + 1);
          } else {
            this.emitSlice(this.start, i + 1, emit);
          }
          this.start = -1;
        }
      }
      i++;
    }
    if (this.start !== -1 && this.byteLength(this.start, i) > this.maxRecordBytes) {
      const cut = this.start + this.charsForBytes(this.start, this.maxRecordBytes);
      this.emitSlice(this.start, cut, emit, `record longer than ${this.maxRecordBytes} bytes, truncated`);
      this.skipping = true;
      skipFrom = cut;
      this.start = -1;
    }
    if (this.skipping) {
      this.skippedBytes += this.byteLength(skipFrom, i);
    }
    // Keep only the object being read (or, between objects, the unscanned tail).
    const keep = this.start !== -1 ? this.start : i;
    this.advanceMark(keep);
    this.text = t.slice(keep);
    this.mark = 0;
    this.scan = i - keep;
    if (this.start !== -1) this.start = 0;
  }

  private emitSlice(from: number, to: number, emit: (r: FramedRecord) => void, damage?: string): void {
    this.advanceMark(from);
    const record: FramedRecord = {
      text: this.text.slice(from, to).trim(),
      line: this.markLine,
      offset: this.markOffset,
    };
    if (damage) record.damage = damage;
    emit(record);
  }

  /** Moves the line/offset bookmark forward to `to`; every character is counted once. */
  private advanceMark(to: number): void {
    if (to <= this.mark) return;
    for (let n = this.text.indexOf('\n', this.mark); n !== -1 && n < to; n = this.text.indexOf('\n', n + 1))
      this.markLine++;
    this.markOffset += this.byteLength(this.mark, to);
    this.mark = to;
  }

  private byteLength(from: number, to: number): number {
    if (to <= from) return 0;
    if (unitWidth(this.encoding) === 2) return (to - from) * 2;
    const slice = this.text.slice(from, to);
    return this.encoding === 'cp932' ? iconv.encode(slice, 'cp932').length : Buffer.byteLength(slice);
  }

  /** How many characters from `from` fit in `bytes` (at least one, so a cut always moves on). */
  private charsForBytes(from: number, bytes: number): number {
    if (unitWidth(this.encoding) === 2) return Math.max(1, Math.floor(bytes / 2));
    let used = 0;
    let n = 0;
    while (from + n < this.text.length) {
      const c = this.text.charCodeAt(from + n);
      const w = c < 0x80 ? 1 : c < 0x800 || this.encoding === 'cp932' ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
      if (used + w > bytes) break;
      used += w;
      n++;
    }
    return Math.max(1, n);
  }
}
