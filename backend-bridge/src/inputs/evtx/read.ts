import { closeSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { BinXmlError, ChunkReader, escapeXml } from './binxml';
import { crc32 } from './crc32';

/**
 * The EVTX file as a stream of Event XML, one <Event> per line, for the windows-xml translator.
 * Reads one 64 KiB chunk at a time (memory stays at a chunk plus its rendered text). A chunk whose
 * signature or checksums are wrong, or which the file ends inside, is skipped; in its place come
 * failure records (an <Event> without <System>, which the translator counts as a parse failure
 * and keeps raw), one per record the chunk header claims, naming the chunk's offset and the reason.
 */

export const EVTX_MAGIC = Buffer.from('ElfFile\0', 'latin1');
const CHUNK_MAGIC = Buffer.from('ElfChnk\0', 'latin1');
const FILE_HEADER_BLOCK = 4096;
const CHUNK_SIZE = 65536;
const RECORDS_START = 512;
/** Records a 64 KiB chunk can hold at most (each at least 28 bytes): caps the failures one bad chunk adds. */
const MAX_RECORDS_PER_CHUNK = Math.floor((CHUNK_SIZE - RECORDS_START) / 28);

export function isEvtx(magic: Buffer): boolean {
  return magic.length >= 8 && magic.subarray(0, 8).equals(EVTX_MAGIC);
}

/** True when the file at `path` starts with the EVTX signature; false when it does not or cannot be read. */
export function isEvtxFile(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    try {
      const magic = Buffer.alloc(8);
      return readSync(fd, magic, 0, 8, 0) === 8 && isEvtx(magic);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function failure(reason: string): string {
  return `<Event><!-- evtx: ${escapeXml(reason).replace(/--/g, '- -')} --></Event>\n`;
}

/** Event XML for every record of one chunk, or failure lines when the chunk is unreadable. */
export function renderChunk(chunk: Buffer, fileOffset: number): string {
  const where = `chunk at file offset ${fileOffset}`;
  if (chunk.length < RECORDS_START || !chunk.subarray(0, 8).equals(CHUNK_MAGIC)) {
    return failure(
      `${where}: ${chunk.length < CHUNK_SIZE ? `truncated (${chunk.length} of ${CHUNK_SIZE} bytes)` : 'no ElfChnk signature'}; skipped`,
    );
  }
  const first = Number(chunk.readBigUInt64LE(8));
  const last = Number(chunk.readBigUInt64LE(16));
  const headerOk =
    crc32(chunk, [
      [0, 120],
      [128, RECORDS_START],
    ]) === chunk.readUInt32LE(124);
  const claimed = headerOk && last >= first ? Math.min(last - first + 1, MAX_RECORDS_PER_CHUNK) : 1;
  const skipped = (reason: string) => failure(`${where}: ${reason}; skipped`).repeat(claimed);
  if (!headerOk) return skipped('chunk header checksum mismatch');
  if (chunk.length < CHUNK_SIZE) return skipped(`truncated (${chunk.length} of ${CHUNK_SIZE} bytes)`);
  const free = chunk.readUInt32LE(48);
  if (free < RECORDS_START || free > CHUNK_SIZE) return skipped(`free space offset ${free} outside the chunk`);
  if (crc32(chunk, [[RECORDS_START, free]]) !== chunk.readUInt32LE(52))
    return skipped('event records checksum mismatch');

  const reader = new ChunkReader(chunk);
  let out = '';
  let p = RECORDS_START;
  while (p + 28 <= free) {
    const size = chunk.readUInt32LE(p + 4);
    if (
      chunk.readUInt32LE(p) !== 0x00002a2a ||
      size < 28 ||
      p + size > free ||
      chunk.readUInt32LE(p + size - 4) !== size
    ) {
      // Without a trustworthy size the next record cannot be found: the rest of the chunk is one failure.
      out += failure(`${where}: damaged record header at chunk offset ${p}; rest of chunk skipped`);
      break;
    }
    try {
      out += `${reader.render(p + 24, p + size - 4)}\n`;
    } catch (err) {
      if (!(err instanceof BinXmlError)) throw err;
      out += failure(`record ${chunk.readBigUInt64LE(p + 8)} at file offset ${fileOffset + p}: ${err.message}`);
    }
    p += size;
  }
  return out;
}

/**
 * Streams the file's records as Event XML. The file header's checksum is not required (a live log
 * copied while Windows holds it open often has a stale header); chunks are found by position.
 */
export function evtxXmlStream(path: string, onRawBytes: (n: number) => void = () => undefined): Readable {
  let fd: number | undefined;
  let offset = FILE_HEADER_BLOCK;
  const chunk = Buffer.alloc(CHUNK_SIZE);
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return new Readable({
    read() {
      try {
        fd ??= openSync(path, 'r');
        if (offset === FILE_HEADER_BLOCK) onRawBytes(FILE_HEADER_BLOCK);
        for (;;) {
          const n = readSync(fd, chunk, 0, CHUNK_SIZE, offset);
          if (n === 0) {
            close();
            this.push(null);
            return;
          }
          onRawBytes(n);
          const at = offset;
          offset += n;
          // Preallocated, never-written chunks are all zeros: not records, not failures.
          if (n === CHUNK_SIZE && chunk.readUInt32LE(0) === 0 && chunk.readUInt32LE(4) === 0) continue;
          const text = renderChunk(n === CHUNK_SIZE ? chunk : Buffer.from(chunk.subarray(0, n)), at);
          if (text.length > 0) {
            this.push(text);
            return;
          }
        }
      } catch (err) {
        close();
        this.destroy(err as Error);
      }
    },
    destroy(err, cb) {
      close();
      cb(err);
    },
  });
}
