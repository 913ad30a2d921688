import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { Transform } from 'node:stream';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { evtxXmlStream, isEvtx } from '../evtx/read';

/** One log stream inside an input file: the file itself, a gunzipped file, or one member of a zip. */
export interface LogStream {
  /** file, or file!member for zip members */
  name: string;
  stream: () => NodeJS.ReadableStream;
}

/**
 * Opens plain, `.gz` (by magic bytes), EVTX (rendered as Event XML, see ../evtx) and zip
 * archives (stored and deflated members, no zip64);
 * `onRawBytes` counts the bytes read from disk, for progress.
 */
export function openLogFile(path: string, onRawBytes: (n: number) => void): LogStream[] {
  const fd = openSync(path, 'r');
  const magic = Buffer.alloc(8);
  let size: number;
  try {
    readSync(fd, magic, 0, 8, 0);
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  const counted = (start?: number, end?: number) => {
    // Counted in a transform, not with a 'data' listener: a listener would switch the file to
    // flowing mode and read it whole into memory ahead of the consumer.
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        onRawBytes(chunk.length);
        cb(null, chunk);
      },
    });
    return createReadStream(path, { highWaterMark: 256 * 1024, ...(start !== undefined ? { start, end } : {}) }).pipe(
      count,
    );
  };
  if (isEvtx(magic)) return [{ name: path, stream: () => evtxXmlStream(path, onRawBytes) }];
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    return [{ name: path, stream: () => counted().pipe(createGunzip()) }];
  }
  if (magic.readUInt32LE(0) === 0x04034b50) {
    return zipMembers(path, size).map((m) => ({
      name: `${path}!${m.name}`,
      stream: () => {
        const raw = counted(m.dataStart, m.dataStart + m.compressedSize - 1);
        return m.method === 0 ? raw : raw.pipe(createInflateRaw());
      },
    }));
  }
  return [{ name: path, stream: () => counted() }];
}

interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  dataStart: number;
}

function zipMembers(path: string, size: number): ZipMember[] {
  const fd = openSync(path, 'r');
  try {
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    readSync(fd, tail, 0, tailLen, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${path}: not a readable zip archive (no end of central directory)`);
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff) throw new Error(`${path}: zip64 archives are not supported`);
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    const members: ZipMember[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: damaged zip central directory`);
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const compressedSize = cd.readUInt32LE(p + 20);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      const localOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
      p += 46 + nameLen + extraLen + commentLen;
      if (name.endsWith('/')) continue;
      if (method !== 0 && method !== 8)
        throw new Error(`${path}!${name}: zip compression method ${method} is not supported`);
      if (flags & 0x1) throw new Error(`${path}!${name}: encrypted zip members are not supported`);
      const local = Buffer.alloc(30);
      readSync(fd, local, 0, 30, localOffset);
      const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      members.push({ name, method, compressedSize, dataStart });
    }
    return members;
  } finally {
    closeSync(fd);
  }
}
