import type { Client } from '@opensearch-project/opensearch';
import { type ArchiveSetup, readManifest, GENESIS } from '../archive';
import { writeAuditEvents, type Deletion } from './audit';
import { enforceIndices } from './indices';
import type { RetentionConfig } from './policy';
import { enforceSegments } from './segments';

export interface RetentionReport {
  deletions: Deletion[];
  kept: string[];
  errors: string[];
}

/** The chain head recorded with each deletion: the last sealed head, or the open segment's when given. */
export function sealedHead(dir: string): string {
  let head = GENESIS;
  let seq = 0;
  for (const { entry } of readManifest(dir))
    if (entry?.type === 'seal' && entry.seq > seq) [seq, head] = [entry.seq, entry.head];
  return head;
}

/**
 * One retention run: expired daily indices or documents, then expired archive segments, each
 * deletion written as an audit event. A failure in one part is reported and the other still runs.
 * A dry run reports what would be deleted (counted, segments verified) and changes nothing.
 */
export async function runRetention(o: {
  retention: RetentionConfig;
  client?: Client;
  archive?: ArchiveSetup;
  now: Date;
  chainHead?: string;
  dryRun?: boolean;
}): Promise<RetentionReport> {
  const report: RetentionReport = { deletions: [], kept: [], errors: [] };
  const head = o.chainHead ?? (o.archive ? sealedHead(o.archive.dir) : GENESIS);
  if (o.client) {
    try {
      report.deletions.push(...(await enforceIndices(o.client, o.retention, o.now, head, o.dryRun)));
    } catch (err) {
      report.errors.push(`OpenSearch retention failed: ${(err as Error).message}`);
    }
  }
  if (o.archive) {
    try {
      const s = enforceSegments(o.archive, o.retention, o.now, head, o.dryRun);
      report.deletions.push(...s.deletions);
      report.kept.push(...s.kept);
    } catch (err) {
      report.errors.push(`archive retention failed: ${(err as Error).message}`);
    }
  }
  // A dry run deletes nothing, so it writes no audit event.
  if (o.client && report.deletions.length > 0 && !o.dryRun) {
    try {
      await writeAuditEvents(o.client, o.retention.indexPrefix, report.deletions, o.now);
    } catch (err) {
      report.errors.push((err as Error).message);
    }
  }
  return report;
}
