import { crc32 } from '../crc32';
import { T } from '../values';

/**
 * A small EVTX writer for tests, written from the format description (libyal's "Windows XML Event
 * Log (EVTX) format"): file header, 64 KiB chunks with their checksums, records whose BinXML is
 * one template instance. Names and template definitions are written inline at first use in each
 * chunk and referenced by offset afterwards, as Windows does.
 */

/** A template node: an element, literal text, or substitution slot `sub` (optional slots may be null). */
export type TemplateNode = string | { sub: number; optional?: boolean } | TemplateElement;
export interface TemplateElement {
  name: string;
  attrs?: Array<[string, string | { sub: number; optional?: boolean }]>;
  children?: TemplateNode[];
}
export interface Template {
  id: number;
  root: TemplateElement;
}
/** A substitution value: its BinXML type and either raw bytes or a JS value converted by type. */
export type SubValue = { type: number; bytes: Buffer } | { type: number; value: unknown } | null;
export interface RecordSpec {
  template: Template;
  values: SubValue[];
  written?: Date;
}

const CHUNK = 65536;

class Out {
  buf = Buffer.alloc(CHUNK * 2);
  p = 0;
  u8(v: number) {
    this.buf[this.p++] = v;
  }
  u16(v: number) {
    this.buf.writeUInt16LE(v, this.p);
    this.p += 2;
  }
  u32(v: number) {
    this.buf.writeUInt32LE(v >>> 0, this.p);
    this.p += 4;
  }
  u64(v: bigint) {
    this.buf.writeBigUInt64LE(v, this.p);
    this.p += 8;
  }
  bytes(b: Buffer) {
    b.copy(this.buf, this.p);
    this.p += b.length;
  }
}

export function fileTimeOf(d: Date): bigint {
  return BigInt(d.getTime()) * 10000n + 116444736000000000n;
}

function sidBytes(sid: string): Buffer {
  const parts = sid.split('-').slice(1).map(Number);
  const b = Buffer.alloc(8 + (parts.length - 2) * 4);
  b[0] = parts[0];
  b[1] = parts.length - 2;
  b.writeUIntBE(parts[1], 2, 6);
  parts.slice(2).forEach((v, i) => b.writeUInt32LE(v, 8 + i * 4));
  return b;
}

function guidBytes(g: string): Buffer {
  const h = g.replace(/[{}-]/g, '');
  const b = Buffer.from(h, 'hex');
  const out = Buffer.from(b);
  out.writeUInt32LE(b.readUInt32BE(0), 0);
  out.writeUInt16LE(b.readUInt16BE(4), 4);
  out.writeUInt16LE(b.readUInt16BE(6), 6);
  return out;
}

/** Value bytes for a JS value of a BinXML type. */
export function encodeValue(type: number, v: unknown): Buffer {
  const b = Buffer.alloc(16);
  switch (type) {
    case T.String:
      return Buffer.from(String(v), 'utf16le');
    case T.AnsiString:
      return Buffer.from(String(v), 'latin1');
    case T.Int8:
      b.writeInt8(Number(v));
      return b.subarray(0, 1);
    case T.UInt8:
      b.writeUInt8(Number(v));
      return b.subarray(0, 1);
    case T.Int16:
      b.writeInt16LE(Number(v));
      return b.subarray(0, 2);
    case T.UInt16:
      b.writeUInt16LE(Number(v));
      return b.subarray(0, 2);
    case T.Int32:
      b.writeInt32LE(Number(v));
      return b.subarray(0, 4);
    case T.UInt32:
    case T.HexInt32:
      b.writeUInt32LE(Number(v));
      return b.subarray(0, 4);
    case T.Int64:
      b.writeBigInt64LE(BigInt(v as bigint));
      return b.subarray(0, 8);
    case T.UInt64:
    case T.HexInt64:
      b.writeBigUInt64LE(BigInt(v as bigint));
      return b.subarray(0, 8);
    case T.Real64:
      b.writeDoubleLE(Number(v));
      return b.subarray(0, 8);
    case T.Bool:
      b.writeUInt32LE(v ? 1 : 0);
      return b.subarray(0, 4);
    case T.Binary:
      return Buffer.from(v as Buffer);
    case T.Guid:
      return guidBytes(String(v));
    case T.FileTime:
      b.writeBigUInt64LE(fileTimeOf(v as Date));
      return b.subarray(0, 8);
    case T.SystemTime: {
      const d = v as Date;
      [
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDay(),
        d.getUTCDate(),
        d.getUTCHours(),
        d.getUTCMinutes(),
        d.getUTCSeconds(),
        d.getUTCMilliseconds(),
      ].forEach((x, i) => b.writeUInt16LE(x, i * 2));
      return b;
    }
    case T.Sid:
      return sidBytes(String(v));
    case T.String | T.Array:
      return Buffer.from((v as string[]).map((s) => `${s}\0`).join(''), 'utf16le');
    case T.UInt32 | T.Array: {
      const a = v as number[];
      const out = Buffer.alloc(a.length * 4);
      a.forEach((x, i) => out.writeUInt32LE(x, i * 4));
      return out;
    }
    default:
      throw new Error(`writer: no encoder for type 0x${type.toString(16)}`);
  }
}

function nameHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 65 + s.charCodeAt(i)) & 0xffff;
  return h;
}

/** One chunk being filled: names and templates already written in it, by offset. */
class ChunkWriter {
  readonly out = new Out();
  readonly names = new Map<string, number>();
  readonly templates = new Map<number, number>();
  firstId = -1n;
  lastId = -1n;
  lastRecord = 0;
  constructor() {
    this.out.p = 512;
  }

  private name(s: string, added: string[]) {
    const o = this.out;
    const known = this.names.get(s);
    if (known !== undefined) return o.u32(known);
    o.u32(o.p + 4);
    this.names.set(s, o.p);
    added.push(s);
    o.u32(0);
    o.u16(nameHash(s));
    o.u16(s.length);
    o.bytes(Buffer.from(s, 'utf16le'));
    o.u16(0);
  }

  private slot(s: { sub: number; optional?: boolean }, types: number[]) {
    this.out.u8(s.optional ? 0x0e : 0x0d);
    this.out.u16(s.sub);
    this.out.u8(types[s.sub] ?? T.String);
  }

  private text(s: string) {
    this.out.u8(0x05);
    this.out.u8(T.String);
    this.out.u16(s.length);
    this.out.bytes(Buffer.from(s, 'utf16le'));
  }

  private element(el: TemplateElement, types: number[], added: string[]) {
    const o = this.out;
    const attrs = el.attrs ?? [];
    o.u8(attrs.length ? 0x41 : 0x01);
    o.u16(0xffff);
    const sizeAt = o.p;
    o.u32(0);
    this.name(el.name, added);
    if (attrs.length) {
      const listAt = o.p;
      o.u32(0);
      attrs.forEach(([name, value], i) => {
        o.u8(i < attrs.length - 1 ? 0x46 : 0x06);
        this.name(name, added);
        if (typeof value === 'string') this.text(value);
        else this.slot(value, types);
      });
      o.buf.writeUInt32LE(o.p - listAt - 4, listAt);
    }
    const children = el.children ?? [];
    if (children.length === 0) o.u8(0x03);
    else {
      o.u8(0x02);
      for (const c of children) {
        if (typeof c === 'string') this.text(c);
        else if ('sub' in c) this.slot(c, types);
        else this.element(c, types, added);
      }
      o.u8(0x04);
    }
    o.buf.writeUInt32LE(o.p - sizeAt - 4, sizeAt);
  }

  /** Appends one record; false (and the chunk unchanged) when it does not fit. */
  add(id: bigint, rec: RecordSpec): boolean {
    const o = this.out;
    const start = o.p;
    const added: string[] = [];
    let templateAdded = false;
    const values = rec.values.map((v) =>
      v === null ? null : 'bytes' in v ? v : { type: v.type, bytes: encodeValue(v.type, v.value) },
    );
    const types = rec.values.map((v) => (v === null ? T.String : v.type));
    o.u32(0x00002a2a);
    o.u32(0);
    o.u64(id);
    o.u64(fileTimeOf(rec.written ?? new Date(0)));
    o.bytes(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
    o.u8(0x0c);
    o.u8(0x01);
    o.u32(rec.template.id);
    const defAt = this.templates.get(rec.template.id);
    if (defAt !== undefined) o.u32(defAt);
    else {
      o.u32(o.p + 4);
      this.templates.set(rec.template.id, o.p);
      templateAdded = true;
      o.u32(0);
      const g = Buffer.alloc(16);
      g.writeUInt32LE(rec.template.id);
      o.bytes(g);
      const sizeAt = o.p;
      o.u32(0);
      o.bytes(Buffer.from([0x0f, 0x01, 0x01, 0x00]));
      this.element(rec.template.root, types, added);
      o.u8(0x00);
      o.buf.writeUInt32LE(o.p - sizeAt - 4, sizeAt);
    }
    o.u32(values.length);
    for (const v of values) {
      o.u16(v ? v.bytes.length : 0);
      o.u8(v ? v.type : T.Null);
      o.u8(0);
    }
    for (const v of values) if (v) o.bytes(v.bytes);
    o.u8(0x00);
    const size = o.p - start + 4;
    o.u32(size);
    if (o.p > CHUNK) {
      o.buf.fill(0, start, o.p);
      o.p = start;
      for (const n of added) this.names.delete(n);
      if (templateAdded) this.templates.delete(rec.template.id);
      return false;
    }
    o.buf.writeUInt32LE(size, start + 4);
    if (this.firstId < 0n) this.firstId = id;
    this.lastId = id;
    this.lastRecord = start;
    return true;
  }

  finish(): Buffer {
    const b = this.out.buf.subarray(0, CHUNK);
    b.write('ElfChnk\0', 0, 'latin1');
    b.writeBigUInt64LE(this.firstId, 8);
    b.writeBigUInt64LE(this.lastId, 16);
    b.writeBigUInt64LE(this.firstId, 24);
    b.writeBigUInt64LE(this.lastId, 32);
    b.writeUInt32LE(128, 40);
    b.writeUInt32LE(this.lastRecord, 44);
    b.writeUInt32LE(this.out.p, 48);
    b.writeUInt32LE(crc32(b, [[512, this.out.p]]), 52);
    b.writeUInt32LE(
      crc32(b, [
        [0, 120],
        [128, 512],
      ]),
      124,
    );
    return Buffer.from(b);
  }
}

/** A whole .evtx file holding `records`, numbered from 1, in as many chunks as they need. */
export function writeEvtx(records: Iterable<RecordSpec>): Buffer {
  const chunks: Buffer[] = [];
  let current = new ChunkWriter();
  let id = 1n;
  for (const rec of records) {
    if (!current.add(id, rec)) {
      chunks.push(current.finish());
      current = new ChunkWriter();
      if (!current.add(id, rec)) throw new Error('writer: record larger than a chunk');
    }
    id++;
  }
  if (current.firstId >= 0n) chunks.push(current.finish());
  const header = Buffer.alloc(4096);
  header.write('ElfFile\0', 0, 'latin1');
  header.writeBigUInt64LE(0n, 8);
  header.writeBigUInt64LE(BigInt(Math.max(chunks.length - 1, 0)), 16);
  header.writeBigUInt64LE(id, 24);
  header.writeUInt32LE(128, 32);
  header.writeUInt16LE(1, 36);
  header.writeUInt16LE(3, 38);
  header.writeUInt16LE(4096, 40);
  header.writeUInt16LE(chunks.length, 42);
  header.writeUInt32LE(crc32(header, [[0, 120]]), 124);
  return Buffer.concat([header, ...chunks]);
}
