import { createHash } from 'node:crypto';
import type { RecordMeta } from '../pipeline/raw-archive';
import type { TranslateContext } from '../translate/types';

/**
 * The header stored in front of the raw bytes. The record's hash is the SHA-256 of the header's JSON
 * line, which holds the raw bytes' own SHA-256 and the previous record's hash: the chain runs over
 * headers, so an auditor can check a record against its seal without every other record's bytes.
 */
export interface RecordHeader {
  v: 1;
  /** Segment sequence number and the record's index in it: a moved or removed record is named. */
  s: number;
  n: number;
  /** Time the bridge accepted the record (ISO 8601, never earlier than the record before it). */
  t: string;
  /** SHA-256 of the record before (the previous segment's head for a segment's first record). */
  prev: string;
  /** SHA-256 and length of the raw bytes. */
  raw: string;
  len: number;
  input: string;
  source: string;
  identity: string;
  offset: number;
  format: string;
  filePath?: string;
  ctx: { year: number; timeZone: string; now: string };
  stream?: { id: string; part: number };
}

export const GENESIS = '0'.repeat(64);

export function makeHeader(s: number, n: number, t: Date, prev: string, raw: Buffer, meta: RecordMeta): RecordHeader {
  const h: RecordHeader = {
    v: 1,
    s,
    n,
    t: t.toISOString(),
    prev,
    raw: sha256Hex(raw),
    len: raw.length,
    input: meta.input,
    source: meta.source,
    identity: meta.identity,
    offset: meta.offset,
    format: meta.format,
    ctx: { year: meta.ctx.year, timeZone: meta.ctx.timeZone, now: meta.ctx.now.toISOString() },
  };
  if (meta.filePath !== undefined) h.filePath = meta.filePath;
  if (meta.stream) h.stream = meta.stream;
  return h;
}

/** The plaintext of a record: one line of header JSON, then the raw bytes as received. */
export function encodeRecord(header: RecordHeader, raw: Buffer): { plain: Buffer; sha256: string } {
  const line = Buffer.from(JSON.stringify(header));
  return { plain: Buffer.concat([line, NEWLINE, raw]), sha256: sha256Hex(line) };
}

const NEWLINE = Buffer.from('\n');

/** Splits and checks a record: the header's hash of the raw bytes must match them. */
export function decodeRecord(plain: Buffer): { header: RecordHeader; raw: Buffer; sha256: string; line: string } {
  const nl = plain.indexOf(0x0a);
  if (nl < 0) throw new Error('record has no header line');
  const line = plain.subarray(0, nl);
  const header = JSON.parse(line.toString('utf8')) as RecordHeader;
  if (
    header.v !== 1 ||
    typeof header.s !== 'number' ||
    typeof header.n !== 'number' ||
    typeof header.prev !== 'string' ||
    typeof header.raw !== 'string'
  ) {
    throw new Error('record header is not a version 1 archive header');
  }
  const raw = plain.subarray(nl + 1);
  if (raw.length !== header.len || sha256Hex(raw) !== header.raw)
    throw new Error('the raw bytes do not match the SHA-256 in the record header');
  return { header, raw, sha256: sha256Hex(line), line: line.toString('utf8') };
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function contextOf(header: RecordHeader): TranslateContext {
  return { year: header.ctx.year, timeZone: header.ctx.timeZone, now: new Date(header.ctx.now) };
}
