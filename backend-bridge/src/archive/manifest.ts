import { appendFileSync, existsSync, fsyncSync, openSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sealer } from './seal';

/** A closed segment's seal: its chain head and summary, signed. */
export interface SealEntry {
  type: 'seal';
  seq: number;
  file: string;
  records: number;
  bytes: number;
  /** SHA-256 of the whole segment file. */
  fileSha256: string;
  /** Hash of the last record before this segment (the previous segment's head) and of its own last record. */
  prevHead: string;
  head: string;
  first: string;
  last: string;
  /** Events per kansa.source_type; null when unknown (a segment sealed after a crash): retention then keeps it longest. */
  sourceTypes: Record<string, number> | null;
  /** user.name values in the segment (for legal holds); null when unknown or too many to list. */
  users: string[] | null;
  sealedAt: string;
  alg: string;
  sealKey: string;
  sig?: string;
}

/** A segment removed by retention: its seal stays, so the chain across it still verifies. */
export interface DeleteEntry {
  type: 'delete';
  seq: number;
  at: string;
  policy: string;
  head: string;
  alg: string;
  sealKey: string;
  sig?: string;
}

export type ManifestEntry = SealEntry | DeleteEntry;

export const MANIFEST = 'manifest.jsonl';

export function readManifest(dir: string): Array<{ line: number; entry: ManifestEntry | undefined; error?: string }> {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return [];
  const out: Array<{ line: number; entry: ManifestEntry | undefined; error?: string }> = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((text, i) => {
      if (text.trim() === '') return;
      try {
        out.push({ line: i + 1, entry: JSON.parse(text) as ManifestEntry });
      } catch (err) {
        out.push({ line: i + 1, entry: undefined, error: `not JSON: ${(err as Error).message}` });
      }
    });
  return out;
}

export function appendManifest(
  dir: string,
  sealer: Sealer,
  entry: Omit<SealEntry, 'alg' | 'sealKey' | 'sig'> | Omit<DeleteEntry, 'alg' | 'sealKey' | 'sig'>,
): ManifestEntry {
  const full = { ...entry, alg: sealer.algorithm, sealKey: sealer.keyId } as ManifestEntry;
  full.sig = sealer.sign(full as unknown as Record<string, unknown>);
  const path = join(dir, MANIFEST);
  appendFileSync(path, `${JSON.stringify(full)}\n`);
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return full;
}
