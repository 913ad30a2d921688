/**
 * BinXML value types (the `type` byte of substitutions and value descriptors) rendered as the
 * Windows Event XML rendering writes them: GUIDs in braces, SIDs as S-1-…, times as ISO UTC,
 * hex types as 0x…, binary as upper-case hex.
 */
export const T = {
  Null: 0x00,
  String: 0x01,
  AnsiString: 0x02,
  Int8: 0x03,
  UInt8: 0x04,
  Int16: 0x05,
  UInt16: 0x06,
  Int32: 0x07,
  UInt32: 0x08,
  Int64: 0x09,
  UInt64: 0x0a,
  Real32: 0x0b,
  Real64: 0x0c,
  Bool: 0x0d,
  Binary: 0x0e,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  SystemTime: 0x12,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  BinXml: 0x21,
  Array: 0x80,
} as const;

const FIXED_SIZE: Record<number, number> = {
  [T.Int8]: 1,
  [T.UInt8]: 1,
  [T.Int16]: 2,
  [T.UInt16]: 2,
  [T.Int32]: 4,
  [T.UInt32]: 4,
  [T.Int64]: 8,
  [T.UInt64]: 8,
  [T.Real32]: 4,
  [T.Real64]: 8,
  [T.Bool]: 4,
  [T.Guid]: 16,
  [T.FileTime]: 8,
  [T.SystemTime]: 16,
  [T.HexInt32]: 4,
  [T.HexInt64]: 8,
};

export class ValueError extends Error {}

export function utf16(buf: Buffer, start: number, end: number): string {
  let s = buf.toString('utf16le', start, end);
  // Strings in substitutions are often stored with their terminating NUL.
  while (s.length > 0 && s.charCodeAt(s.length - 1) === 0) s = s.slice(0, -1);
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const EPOCH_DIFF_TICKS = 116444736000000000n;

/** FILETIME (100 ns ticks since 1601) → 2026-12-05T15:04:22.1234567Z, as Windows renders SystemTime. */
export function fileTime(buf: Buffer, at: number): string {
  const ticks = buf.readBigUInt64LE(at) - EPOCH_DIFF_TICKS;
  const ms = Number(ticks / 10000n);
  const frac = Number(ticks % 10000000n);
  const iso = new Date(ms - (ms % 1000)).toISOString();
  if (Number.isNaN(ms) || iso.length !== 24) throw new ValueError('FILETIME out of range');
  return `${iso.slice(0, 19)}.${pad(frac < 0 ? 0 : frac, 7)}Z`;
}

function systemTime(buf: Buffer, at: number): string {
  const u = (i: number) => buf.readUInt16LE(at + i * 2);
  return `${pad(u(0), 4)}-${pad(u(1), 2)}-${pad(u(3), 2)}T${pad(u(4), 2)}:${pad(u(5), 2)}:${pad(u(6), 2)}.${pad(u(7), 3)}Z`;
}

function guid(buf: Buffer, at: number): string {
  const h = (s: number, e: number) => buf.toString('hex', at + s, at + e).toUpperCase();
  const le = (s: number, n: number) => {
    let out = '';
    for (let i = n - 1; i >= 0; i--) out += buf[at + s + i].toString(16).padStart(2, '0');
    return out.toUpperCase();
  };
  return `{${le(0, 4)}-${le(4, 2)}-${le(6, 2)}-${h(8, 10)}-${h(10, 16)}}`.toLowerCase();
}

function sid(buf: Buffer, start: number, end: number): string {
  if (end - start < 8) throw new ValueError('SID shorter than 8 bytes');
  const count = buf[start + 1];
  if (end - start < 8 + count * 4)
    throw new ValueError(`SID with ${count} sub-authorities does not fit in ${end - start} bytes`);
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + buf[start + i];
  let out = `S-${buf[start]}-${authority}`;
  for (let i = 0; i < count; i++) out += `-${buf.readUInt32LE(start + 8 + i * 4)}`;
  return out;
}

/** One scalar of `type` stored at buf[start, end). */
function scalar(type: number, buf: Buffer, start: number, end: number): string {
  const need = FIXED_SIZE[type];
  if (need !== undefined && end - start < need)
    throw new ValueError(`value of type 0x${type.toString(16)} needs ${need} bytes, has ${end - start}`);
  switch (type) {
    case T.Null:
      return '';
    case T.String:
      return utf16(buf, start, end);
    case T.AnsiString:
      return buf.toString('latin1', start, end).replace(/\0+$/, '');
    case T.Int8:
      return String(buf.readInt8(start));
    case T.UInt8:
      return String(buf[start]);
    case T.Int16:
      return String(buf.readInt16LE(start));
    case T.UInt16:
      return String(buf.readUInt16LE(start));
    case T.Int32:
      return String(buf.readInt32LE(start));
    case T.UInt32:
      return String(buf.readUInt32LE(start));
    case T.Int64:
      return String(buf.readBigInt64LE(start));
    case T.UInt64:
      return String(buf.readBigUInt64LE(start));
    case T.Real32:
      return String(buf.readFloatLE(start));
    case T.Real64:
      return String(buf.readDoubleLE(start));
    case T.Bool:
      return buf.readUInt32LE(start) ? 'true' : 'false';
    case T.Binary:
      return buf.toString('hex', start, end).toUpperCase();
    case T.Guid:
      return guid(buf, start);
    case T.SizeT:
      return `0x${(end - start === 8 ? buf.readBigUInt64LE(start) : BigInt(buf.readUInt32LE(start))).toString(16)}`;
    case T.FileTime:
      return fileTime(buf, start);
    case T.SystemTime:
      return systemTime(buf, start);
    case T.Sid:
      return sid(buf, start, end);
    case T.HexInt32:
      return `0x${buf.readUInt32LE(start).toString(16)}`;
    case T.HexInt64:
      return `0x${buf.readBigUInt64LE(start).toString(16)}`;
    default:
      throw new ValueError(`unknown value type 0x${type.toString(16)}`);
  }
}

/**
 * A substitution value as text. Arrays (type | 0x80) hold NUL-terminated strings or fixed-size
 * items; their items are joined with commas. BinXml (0x21) is handled by the caller.
 */
export function renderValue(type: number, buf: Buffer, start: number, end: number): string {
  if (!(type & T.Array)) return scalar(type, buf, start, end);
  const item = type & 0x7f;
  const parts: string[] = [];
  if (item === T.String) {
    for (const s of buf.toString('utf16le', start, end).split('\0')) parts.push(s);
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  } else if (item === T.AnsiString) {
    for (const s of buf.toString('latin1', start, end).split('\0')) parts.push(s);
    if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  } else {
    const size = item === T.SizeT ? 8 : FIXED_SIZE[item];
    if (!size) throw new ValueError(`array of value type 0x${item.toString(16)} is not readable`);
    for (let p = start; p + size <= end; p += size) parts.push(scalar(item, buf, p, p + size));
  }
  return parts.join(',');
}
