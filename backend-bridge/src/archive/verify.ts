import { existsSync, readFileSync } from 'node:fs';
import type { Keyring } from './keys';
import { readManifest, type DeleteEntry, type SealEntry } from './manifest';
import { GENESIS, sha256Hex } from './record';
import type { Sealer } from './seal';
import { listSegments, type SegmentFile } from './segments';
import { walkSegment, type WalkedRecord } from './walk';

export interface Problem {
  segment?: number;
  file?: string;
  record?: number;
  reason: string;
}

export interface VerifyResult {
  ok: boolean;
  segments: number;
  records: number;
  bytes: number;
  /** The first problem found, in chain order. */
  problem?: Problem;
  /** Things that are as designed but worth knowing: the unsealed tail, segments removed by retention. */
  notes: string[];
  head: string;
}

export interface VerifyOptions {
  from?: Date;
  to?: Date;
  /** The daily chain-head digest file: every head it recorded must still be in the manifest. */
  digestFile?: string;
  onRecord?: (r: WalkedRecord) => void;
}

interface Plan {
  seals: Map<number, SealEntry>;
  deletes: Map<number, DeleteEntry>;
  files: Map<number, SegmentFile>;
  seqs: number[];
  problem?: Problem;
}

/** Reads and checks the manifest: every line signed, one seal per segment, seals chained to each other. */
export function planArchive(dir: string, sealer: Sealer): Plan {
  const seals = new Map<number, SealEntry>();
  const deletes = new Map<number, DeleteEntry>();
  const files = new Map(listSegments(dir).map((f) => [f.seq, f]));
  const plan: Plan = { seals, deletes, files, seqs: [] };
  for (const { line, entry, error } of readManifest(dir)) {
    if (!entry) return { ...plan, problem: { reason: `manifest line ${line}: ${error}` } };
    const bad = sealer.check(entry as unknown as Record<string, unknown>);
    if (bad) return { ...plan, problem: { segment: entry.seq, reason: `manifest line ${line}: ${bad}` } };
    if (entry.type === 'seal') {
      if (seals.has(entry.seq))
        return {
          ...plan,
          problem: { segment: entry.seq, reason: `manifest line ${line}: segment ${entry.seq} is sealed twice` },
        };
      seals.set(entry.seq, entry);
    } else if (entry.type === 'delete') deletes.set(entry.seq, entry);
  }
  const all = [...new Set([...seals.keys(), ...files.keys()])].sort((a, b) => a - b);
  plan.seqs = all;
  for (let i = 0; i < all.length; i++) {
    const seq = all[i];
    if (i > 0 && seq !== all[i - 1] + 1)
      return {
        ...plan,
        problem: {
          segment: all[i - 1] + 1,
          reason: `segment ${all[i - 1] + 1} is missing: neither its file nor its seal exists (segments ${all[i - 1]} and ${seq} are not consecutive)`,
        },
      };
    const seal = seals.get(seq);
    if (!seal && i < all.length - 1)
      return {
        ...plan,
        problem: {
          segment: seq,
          file: files.get(seq)?.name,
          reason: 'the segment is not sealed, yet later segments exist: it was added or its seal removed',
        },
      };
    const before = seals.get(seq - 1);
    if (seal && before && seal.prevHead !== before.head) {
      return {
        ...plan,
        problem: {
          segment: seq,
          reason: `its seal follows head ${seal.prevHead.slice(0, 16)}…, but segment ${seq - 1} ends at ${before.head.slice(0, 16)}…: the seals were reordered or replaced`,
        },
      };
    }
    if (seal && i === 0 && seq === 1 && seal.prevHead !== GENESIS)
      return { ...plan, problem: { segment: 1, reason: 'the first segment does not start the chain' } };
  }
  return plan;
}

/** Walks the chain and the seals; OK, or the first bad segment and record with the reason. */
export function verifyArchive(
  dir: string,
  keyring: Keyring,
  sealer: Sealer,
  options: VerifyOptions = {},
): VerifyResult {
  const result: VerifyResult = { ok: true, segments: 0, records: 0, bytes: 0, notes: [], head: GENESIS };
  const fail = (p: Problem): VerifyResult => ({ ...result, ok: false, problem: p });
  const plan = planArchive(dir, sealer);
  if (plan.problem) return fail(plan.problem);
  const from = options.from?.toISOString() ?? '';
  const to = options.to?.toISOString() ?? '\uffff';
  let prev = GENESIS;
  let deleted = 0;
  for (const seq of plan.seqs) {
    const seal = plan.seals.get(seq);
    const file = plan.files.get(seq);
    if (seal) prev = seal.prevHead;
    if (plan.deletes.has(seq)) {
      if (file)
        result.notes.push(
          `segment ${seq} was recorded as deleted by retention, but its file is still present: the next retention run removes it`,
        );
      deleted++;
      prev = seal!.head;
      continue;
    }
    if (!file)
      return fail({
        segment: seq,
        file: seal?.file,
        reason: 'the segment is sealed but its file is missing: it was deleted outside retention',
      });
    if (seal && file.name !== seal.file)
      return fail({
        segment: seq,
        file: file.name,
        reason: `the seal names the file ${seal.file}: segment files were renamed`,
      });
    if (seal && (seal.last < from || seal.first > to)) {
      prev = seal.head;
      continue;
    }
    const walked = walkSegment(file, keyring, prev, options.onRecord);
    result.segments++;
    result.records += walked.records;
    result.bytes += walked.fileBytes.length;
    if (walked.problem) {
      if (!seal && walked.problem.torn) {
        result.notes.push(
          `segment ${seq} (${file.name}) is the unsealed tail: ${walked.records} records verified, then the file ends inside record ${walked.problem.record} (${walked.problem.reason}); a crash while writing, repaired and sealed at the next start`,
        );
        result.head = walked.head;
        break;
      }
      return fail({ segment: seq, file: file.name, record: walked.problem.record, reason: walked.problem.reason });
    }
    if (seal) {
      if (walked.records !== seal.records)
        return fail({
          segment: seq,
          file: file.name,
          record: walked.records,
          reason: `the segment ends after ${walked.records} records, but its seal says ${seal.records}: records at the end were removed`,
        });
      if (walked.head !== seal.head)
        return fail({ segment: seq, file: file.name, reason: 'the last record is not the sealed head' });
      if (sha256Hex(walked.fileBytes) !== seal.fileSha256)
        return fail({
          segment: seq,
          file: file.name,
          reason: `the file's SHA-256 differs from the seal (${walked.fileBytes.length} bytes, sealed ${seal.bytes}): bytes after the last record were added or changed`,
        });
    } else {
      result.notes.push(
        `segment ${seq} (${file.name}) is the open (unsealed) tail: ${walked.records} records, chain intact; it is sealed when it reaches its size or age`,
      );
    }
    prev = walked.head;
    result.head = walked.head;
  }
  if (deleted > 0)
    result.notes.push(`${deleted} segments were removed by retention; their seals keep the chain verifiable`);
  if (options.digestFile && existsSync(options.digestFile)) {
    const problem = checkDigests(options.digestFile, plan, sealer);
    if (problem) return fail(problem);
  }
  return result;
}

function checkDigests(path: string, plan: Plan, sealer: Sealer): Problem | undefined {
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    let d: { date: string; seq: number; head: string } & Record<string, unknown>;
    try {
      d = JSON.parse(lines[i]);
    } catch {
      return { reason: `digest file ${path} line ${i + 1}: not JSON` };
    }
    const bad = sealer.check(d);
    if (bad) return { reason: `digest file ${path} line ${i + 1}: ${bad}` };
    if (d.seq === 0) continue;
    const seal = plan.seals.get(d.seq);
    if (!seal)
      return {
        segment: d.seq,
        reason: `the digest of ${d.date} names segment ${d.seq}, which the manifest no longer has: the archive was rewritten`,
      };
    if (seal.head !== d.head)
      return {
        segment: d.seq,
        reason: `the digest of ${d.date} recorded head ${d.head.slice(0, 16)}… for segment ${d.seq}, the manifest now says ${seal.head.slice(0, 16)}…: the archive was rewritten`,
      };
  }
  return undefined;
}
