import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/*
 * One record on disk: u32 length ‖ iv(12) ‖ AES-256-GCM(deflate-raw(plaintext)) ‖ tag(16).
 * Each record is compressed on its own with the segment's previous plaintext as preset dictionary
 * (Node 20 has no zstd, so deflate): small records still compress well, a record can be read and
 * authenticated alone, and a damaged byte is pinned to its record. The AAD binds a frame to its
 * segment and position, so a frame moved elsewhere fails authentication.
 */
export const DICTIONARY_BYTES = 16 * 1024;
/** Level 3: about half the CPU of the default level 6 for ~10% more bytes (bench/archive/overhead.mjs). */
const LEVEL = 3;
const OVERHEAD = 4 + 12 + 16;

export function aad(segment: number, n: number): Buffer {
  return Buffer.from(`kansa-archive:v1:${segment}:${n}`);
}

export function sealFrame(plain: Buffer, dictionary: Buffer, dataKey: Buffer, segment: number, n: number): Buffer {
  const compressed =
    dictionary.length > 0
      ? deflateRawSync(plain, { dictionary, level: LEVEL })
      : deflateRawSync(plain, { level: LEVEL });
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', dataKey, iv);
  c.setAAD(aad(segment, n));
  const body = Buffer.concat([c.update(compressed), c.final()]);
  const frame = Buffer.allocUnsafe(OVERHEAD + body.length);
  frame.writeUInt32BE(12 + body.length + 16, 0);
  iv.copy(frame, 4);
  body.copy(frame, 16);
  c.getAuthTag().copy(frame, 16 + body.length);
  return frame;
}

export type FrameRead = { ok: true; plain: Buffer; next: number } | { ok: false; reason: string; torn?: boolean };

/** Opens the frame at `pos`; a frame cut short by the end of the file is reported as torn. */
export function openFrame(
  file: Buffer,
  pos: number,
  dictionary: Buffer,
  dataKey: Buffer,
  segment: number,
  n: number,
): FrameRead {
  if (pos + 4 > file.length)
    return { ok: false, torn: true, reason: `frame header cut off after ${file.length - pos} of 4 bytes` };
  const len = file.readUInt32BE(pos);
  if (len < 28 || len > 1024 ** 3)
    return { ok: false, reason: `frame length ${len} is impossible (the length bytes were altered)` };
  if (pos + 4 + len > file.length)
    return { ok: false, torn: true, reason: `frame cut off: ${file.length - pos - 4} of ${len} bytes present` };
  const iv = file.subarray(pos + 4, pos + 16);
  const body = file.subarray(pos + 16, pos + 4 + len - 16);
  const tag = file.subarray(pos + 4 + len - 16, pos + 4 + len);
  const d = createDecipheriv('aes-256-gcm', dataKey, iv);
  d.setAAD(aad(segment, n));
  d.setAuthTag(tag);
  let compressed: Buffer;
  try {
    compressed = Buffer.concat([d.update(body), d.final()]);
  } catch {
    return {
      ok: false,
      reason: 'authentication failed: the encrypted bytes were altered, or the record was moved from another position',
    };
  }
  try {
    const plain = dictionary.length > 0 ? inflateRawSync(compressed, { dictionary }) : inflateRawSync(compressed);
    return { ok: true, plain, next: pos + 4 + len };
  } catch (err) {
    return { ok: false, reason: `cannot decompress: ${(err as Error).message}` };
  }
}

/** The dictionary for the next record: the tail of what came before in the segment. */
export function nextDictionary(previous: Buffer, plain: Buffer): Buffer {
  if (plain.length >= DICTIONARY_BYTES) return Buffer.from(plain.subarray(plain.length - DICTIONARY_BYTES));
  const joined = Buffer.concat([previous, plain]);
  return joined.length > DICTIONARY_BYTES ? Buffer.from(joined.subarray(joined.length - DICTIONARY_BYTES)) : joined;
}
