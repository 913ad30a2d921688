import { StringDecoder } from 'node:string_decoder';
import * as iconv from 'iconv-lite';
import { decodeRecord, type Encoding, unitWidth } from './decode';

/** A record's bytes and where they started; `text` is set when framing had to decode first. */
export interface FramedRecord {
  text: string;
  line: number;
  offset: number;
  /** Why the record is damaged at the framing level (overlong, invalid bytes, truncated). */
  damage?: string;
}

export interface Framer {
  push(chunk: Buffer, emit: (r: FramedRecord) => void): void;
  end(emit: (r: FramedRecord) => void): void;
  /** Bytes passed over without a record (the tail of overlong lines). */
  readonly skippedBytes: number;
}

/** Splits on LF in the raw bytes, so offsets are exact and no decoding happens before the cut. */
export class LineFramer implements Framer {
  private carry: Buffer = Buffer.alloc(0);
  private carryOffset: number;
  private line = 1;
  private discarding = false;
  skippedBytes = 0;
  private readonly width: 1 | 2;
  private readonly newline: Buffer;

  constructor(
    private readonly encoding: Encoding,
    private readonly maxRecordBytes: number,
    startOffset: number,
  ) {
    this.carryOffset = startOffset;
    this.width = unitWidth(encoding);
    this.newline =
      encoding === 'utf16le'
        ? Buffer.from([0x0a, 0])
        : encoding === 'utf16be'
          ? Buffer.from([0, 0x0a])
          : Buffer.from([0x0a]);
  }

  push(chunk: Buffer, emit: (r: FramedRecord) => void): void {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let start = 0;
    let search = 0;
    for (;;) {
      const nl = buf.indexOf(this.newline, search);
      if (nl === -1) break;
      if ((nl - start) % this.width !== 0) {
        search = nl + 1;
        continue;
      }
      this.take(buf.subarray(start, nl), emit);
      this.carryOffset += nl + this.width - start;
      this.line++;
      start = nl + this.width;
      search = start;
    }
    this.carry = buf.subarray(start);
    if (this.carry.length > this.maxRecordBytes) {
      if (this.discarding) {
        this.skippedBytes += this.carry.length;
      } else {
        this.emitRecord(
          this.carry.subarray(0, this.maxRecordBytes),
          emit,
          `record longer than ${this.maxRecordBytes} bytes, truncated`,
        );
        this.skippedBytes += this.carry.length - this.maxRecordBytes;
        this.discarding = true;
      }
      this.carryOffset += this.carry.length;
      this.carry = Buffer.alloc(0);
    }
  }

  end(emit: (r: FramedRecord) => void): void {
    if (this.carry.length > 0) {
      this.take(this.carry, emit);
      this.carry = Buffer.alloc(0);
    }
  }

  private take(bytes: Buffer, emit: (r: FramedRecord) => void): void {
    if (this.discarding) {
      this.skippedBytes += bytes.length;
      this.discarding = false;
      return;
    }
    if (bytes.length > this.maxRecordBytes) {
      this.skippedBytes += bytes.length - this.maxRecordBytes;
      this.emitRecord(
        bytes.subarray(0, this.maxRecordBytes),
        emit,
        `record longer than ${this.maxRecordBytes} bytes, truncated`,
      );
      return;
    }
    this.emitRecord(bytes, emit);
  }

  private emitRecord(bytes: Buffer, emit: (r: FramedRecord) => void, damage?: string): void {
    let end = bytes.length;
    const cr =
      this.width === 1
        ? bytes[end - 1] === 0x0d
        : this.encoding === 'utf16le'
          ? bytes[end - 2] === 0x0d && bytes[end - 1] === 0
          : bytes[end - 2] === 0 && bytes[end - 1] === 0x0d;
    if (cr) end -= this.width;
    const decoded = decodeRecord(bytes.subarray(0, end), this.encoding);
    // Once per line: no array or spread for the rare damaged record.
    const why = damage && decoded.invalid ? `${damage}; ${decoded.invalid}` : damage || decoded.invalid;
    const record: FramedRecord = { text: decoded.text, line: this.line, offset: this.carryOffset };
    if (why) record.damage = why;
    emit(record);
  }
}

const EVENT_OPEN = /<Event[\s>]/g;
const EVENT_CLOSE = '</Event>';
const IGNORABLE_BETWEEN = /^(\s|<\?xml[^>]*\?>|<\/?Events\s*>|<Events\s[^>]*>)*$/;

/** Cuts decoded text at <Event>…</Event>; one file may hold one event per line or all on one line. */
export class XmlEventFramer implements Framer {
  private text = '';
  private line = 1;
  private offset: number;
  skippedBytes = 0;
  private readonly decoder: { write(b: Buffer): string; end(): string };

  constructor(
    private readonly encoding: Encoding,
    private readonly maxRecordBytes: number,
    startOffset: number,
  ) {
    this.offset = startOffset;
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
  }

  private drain(emit: (r: FramedRecord) => void, final: boolean): void {
    let pos = 0;
    for (;;) {
      EVENT_OPEN.lastIndex = pos;
      const open = EVENT_OPEN.exec(this.text);
      const start = open ? open.index : -1;
      const gapEnd = start === -1 ? (final ? this.text.length : Math.max(pos, this.text.length - 16)) : start;
      const gap = this.text.slice(pos, gapEnd);
      if (gap.length > 0 && !IGNORABLE_BETWEEN.test(gap) && (start !== -1 || final)) {
        this.emitSlice(pos, gapEnd, emit, 'text outside any <Event> element');
      }
      if (start === -1) {
        this.consume(final ? this.text.length : gapEnd);
        return;
      }
      const close = this.text.indexOf(EVENT_CLOSE, start);
      if (close === -1) {
        const pendingBytes = this.byteLength(this.text.length - start);
        if (final || pendingBytes > this.maxRecordBytes) {
          this.consume(start);
          const cut = final ? this.text.length : this.charsForBytes(this.maxRecordBytes);
          this.emitSlice(
            0,
            cut,
            emit,
            final ? 'truncated: no closing </Event>' : `record longer than ${this.maxRecordBytes} bytes, truncated`,
          );
          this.skipToNextEvent(cut);
          if (final) return;
          pos = 0;
          continue;
        }
        this.consume(start);
        return;
      }
      const end = close + EVENT_CLOSE.length;
      this.consume(start);
      this.emitSlice(0, end - start, emit);
      this.consume(end - start);
      pos = 0;
    }
  }

  private skipToNextEvent(from: number): void {
    EVENT_OPEN.lastIndex = from;
    const next = EVENT_OPEN.exec(this.text);
    const upTo = next ? next.index : this.text.length;
    this.skippedBytes += this.byteLength(upTo - from);
    this.consume(upTo);
  }

  private emitSlice(from: number, to: number, emit: (r: FramedRecord) => void, damage?: string): void {
    const lineAt = this.line + countNewlines(this.text, 0, from);
    const offsetAt = this.offset + this.byteLength(from);
    emit({ text: this.text.slice(from, to).trim(), line: lineAt, offset: offsetAt, ...(damage ? { damage } : {}) });
  }

  private consume(chars: number): void {
    if (chars <= 0) return;
    this.line += countNewlines(this.text, 0, chars);
    this.offset += this.byteLength(chars);
    this.text = this.text.slice(chars);
  }

  private byteLength(chars: number): number {
    const slice = this.text.slice(0, chars);
    return unitWidth(this.encoding) === 2
      ? slice.length * 2
      : this.encoding === 'cp932'
        ? iconv.encode(slice, 'cp932').length
        : Buffer.byteLength(slice);
  }

  private charsForBytes(bytes: number): number {
    return unitWidth(this.encoding) === 2 ? bytes / 2 : Math.min(this.text.length, bytes);
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
