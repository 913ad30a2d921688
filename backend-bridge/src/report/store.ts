import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface StoredFile {
  name: string;
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Keeps what was mailed: each file under <dir>/<month>/, written to a temporary name and renamed so a crash never
 * leaves half a report, and one manifest.jsonl line per file with its SHA-256, so a copy handed to an auditor can
 * be checked against what was sent. (Not the raw archive: that one seals raw log records, not rendered reports.)
 */
export function storeFiles(
  dir: string,
  month: string,
  files: Array<{ name: string; content: Buffer }>,
  sentTo: string[],
  at: Date,
): StoredFile[] {
  const target = path.join(dir, month);
  mkdirSync(target, { recursive: true });
  const stored: StoredFile[] = [];
  for (const f of files) {
    const file = path.join(target, f.name);
    writeFileSync(`${file}.tmp`, f.content);
    renameSync(`${file}.tmp`, file);
    const sha256 = createHash('sha256').update(f.content).digest('hex');
    stored.push({ name: f.name, path: file, sha256, bytes: f.content.length });
    appendFileSync(
      path.join(dir, 'manifest.jsonl'),
      `${JSON.stringify({ at: at.toISOString(), file: path.join(month, f.name), sha256, bytes: f.content.length, sentTo })}\n`,
    );
  }
  return stored;
}
