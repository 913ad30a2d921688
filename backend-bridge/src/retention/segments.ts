import { existsSync, unlinkSync } from 'node:fs';
import { type ArchiveSetup, appendManifest, sha256Hex, planArchive, walkSegment } from '../archive';
import type { Deletion } from './audit';
import {
  archivePolicyFor,
  cutoff,
  describeHold,
  holdsOverlapping,
  longestArchiveDays,
  type RetentionConfig,
} from './policy';

export interface SegmentRetention {
  deletions: Deletion[];
  /** Segments that expired but stay: under hold, or failing verification (never deleted unverified). */
  kept: string[];
}

/**
 * Deletes sealed archive segments whose every class has expired. Each is verified first (seal,
 * chain, file hash); the deletion is recorded in the manifest before the file goes, so the chain
 * across the gap still verifies.
 */
export function enforceSegments(
  a: ArchiveSetup,
  r: RetentionConfig,
  now: Date,
  chainHead: string,
  dryRun = false,
): SegmentRetention {
  const out: SegmentRetention = { deletions: [], kept: [] };
  const plan = planArchive(a.dir, a.sealer);
  if (plan.problem) {
    out.kept.push(
      `no segment deleted: the archive manifest does not verify (segment ${plan.problem.segment ?? '?'}: ${plan.problem.reason})`,
    );
    return out;
  }
  for (const seal of [...plan.seals.values()].sort((x, y) => x.seq - y.seq)) {
    const file = plan.files.get(seal.seq);
    if (plan.deletes.has(seal.seq)) {
      // Recorded as deleted by an earlier run that stopped before removing the file.
      if (file && !dryRun) for (const p of [file.path, file.keyPath]) if (existsSync(p)) unlinkSync(p);
      continue;
    }
    let days: number | undefined;
    let policy: string;
    if (seal.sourceTypes === null || Object.keys(seal.sourceTypes).length === 0) {
      days = seal.sourceTypes === null ? longestArchiveDays(r) : r.defaultArchiveDays;
      policy = seal.sourceTypes === null ? 'longest of all policies (classes unknown)' : 'default';
    } else {
      const ps = Object.keys(seal.sourceTypes).map((t) => archivePolicyFor(r, t));
      days = ps.some((p) => p.days === undefined) ? undefined : Math.max(...ps.map((p) => p.days!));
      policy = [...new Set(ps.map((p) => p.name))].join(', ');
    }
    if (days === undefined || !(Date.parse(seal.last) < cutoff(now, days).getTime())) continue;
    const holds = holdsOverlapping(r.holds, new Date(seal.first), new Date(seal.last)).filter(
      (h) => !h.user || seal.users === null || seal.users.includes(h.user),
    );
    if (holds.length > 0) {
      out.kept.push(
        `segment ${seal.seq} (${seal.file}) expired under ${policy} but is kept by legal hold ${holds.map(describeHold).join(', ')}`,
      );
      continue;
    }
    if (!file) {
      out.kept.push(
        `segment ${seal.seq} (${seal.file}) expired, but its file is missing: not recorded as deleted; run kansa archive verify`,
      );
      continue;
    }
    const walked = walkSegment(file, a.keyring, seal.prevHead);
    const bad =
      walked.problem?.reason ??
      (walked.records !== seal.records || walked.head !== seal.head || sha256Hex(walked.fileBytes) !== seal.fileSha256
        ? 'its content does not match its seal'
        : undefined);
    if (bad) {
      out.kept.push(
        `segment ${seal.seq} (${seal.file}) expired but fails verification (${bad}): kept as evidence, not deleted`,
      );
      continue;
    }
    if (!dryRun) {
      appendManifest(a.dir, a.sealer, {
        type: 'delete',
        seq: seal.seq,
        at: now.toISOString(),
        policy,
        head: chainHead,
      });
      unlinkSync(file.path);
      unlinkSync(file.keyPath);
    }
    out.deletions.push({
      action: 'retention-delete-archive-segment',
      what: `archive segment ${seal.seq} (${seal.file})`,
      count: seal.records,
      policy,
      chainHead,
      ja: `保存期間ポリシー ${policy} (${days} 日) によりアーカイブセグメント ${seal.file} を検証後に削除しました (生レコード ${seal.records} 件、${seal.first} – ${seal.last}、セグメントヘッド ${seal.head})。削除時のチェーンヘッド: ${chainHead}`,
      en: `Deleted archive segment ${seal.file} (${seal.records} raw records, ${seal.first} – ${seal.last}, segment head ${seal.head}) after verifying its seal, under retention policy ${policy} (${days} days). Chain head at deletion: ${chainHead}`,
    });
  }
  return out;
}
