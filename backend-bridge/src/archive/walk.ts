import { readFileSync } from 'node:fs';
import { openFrame, nextDictionary } from './frame';
import type { Keyring } from './keys';
import { decodeRecord, type RecordHeader } from './record';
import { readSegmentKey, type SegmentFile } from './segments';

export interface WalkedRecord {
  seq: number;
  n: number;
  header: RecordHeader;
  /** The header's JSON line exactly as stored (what the record hash is over). */
  line: string;
  raw: Buffer;
  sha256: string;
  /** Byte range of the record's frame in the segment file. */
  start: number;
  end: number;
}

export interface WalkResult {
  records: number;
  head: string;
  fileBytes: Buffer;
  /** The first problem, with the record it is in; torn means the file ends inside a record. */
  problem?: { record?: number; reason: string; torn?: boolean };
}

/**
 * Reads a segment record by record, checking each against the one before: authentication, the
 * position written inside it, the previous hash, and time order. Stops at the first problem.
 */
export function* segmentRecords(
  file: SegmentFile,
  keyring: Keyring,
  prevHead: string,
): Generator<WalkedRecord, WalkResult> {
  let fileBytes: Buffer;
  let dataKey: Buffer;
  try {
    fileBytes = readFileSync(file.path);
  } catch (err) {
    return {
      records: 0,
      head: prevHead,
      fileBytes: Buffer.alloc(0),
      problem: { reason: `cannot read the segment file: ${(err as Error).message}` },
    };
  }
  try {
    const key = readSegmentKey(file);
    dataKey = keyring.unwrap(key.wrapped, key.keyId);
  } catch (err) {
    return { records: 0, head: prevHead, fileBytes, problem: { reason: (err as Error).message } };
  }
  let pos = 0;
  let n = 0;
  let head = prevHead;
  let dictionary: Buffer = Buffer.alloc(0);
  let lastTime = '';
  const stop = (reason: string, torn?: boolean): WalkResult => ({
    records: n,
    head,
    fileBytes,
    problem: { record: n, reason, ...(torn ? { torn } : {}) },
  });
  while (pos < fileBytes.length) {
    const r = openFrame(fileBytes, pos, dictionary, dataKey, file.seq, n);
    if (!r.ok) return stop(r.reason, r.torn);
    let rec: ReturnType<typeof decodeRecord>;
    try {
      rec = decodeRecord(r.plain);
    } catch (err) {
      return stop((err as Error).message);
    }
    const h = rec.header;
    if (h.s !== file.seq)
      return stop(`the record says it belongs to segment ${h.s}: segment files were swapped or renamed`);
    if (h.n !== n) return stop(`found record ${h.n} where record ${n} should be: records were removed or reordered`);
    if (h.prev !== head) {
      return stop(
        `chain broken: the record's previous hash ${h.prev.slice(0, 16)}… is not the hash of the record before it (${head.slice(0, 16)}…): a record or segment before it was removed, replaced or reordered`,
      );
    }
    if (h.t < lastTime) return stop(`time ${h.t} is before the previous record's ${lastTime}`);
    lastTime = h.t;
    yield { seq: file.seq, n, header: h, line: rec.line, raw: rec.raw, sha256: rec.sha256, start: pos, end: r.next };
    head = rec.sha256;
    dictionary = nextDictionary(dictionary, r.plain);
    pos = r.next;
    n++;
  }
  return { records: n, head, fileBytes };
}

/** The same, run to the end. */
export function walkSegment(
  file: SegmentFile,
  keyring: Keyring,
  prevHead: string,
  onRecord?: (r: WalkedRecord) => void,
): WalkResult {
  const it = segmentRecords(file, keyring, prevHead);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    onRecord?.(step.value);
  }
}
