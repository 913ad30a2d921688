import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEGMENT_DIR = 'segments';

/** Segment files are named by sequence number and creation time, so a listing is in time order. */
export function segmentName(seq: number, created: Date): string {
  return `${String(seq).padStart(10, '0')}-${created
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}.kseg`;
}

export interface SegmentFile {
  seq: number;
  name: string;
  path: string;
  keyPath: string;
}

export interface SegmentKey {
  seq: number;
  keyId: string;
  /** The segment's data key wrapped by the master key keyId. */
  wrapped: string;
  created: string;
}

export function listSegments(dir: string): SegmentFile[] {
  const d = join(dir, SEGMENT_DIR);
  if (!existsSync(d)) return [];
  return readdirSync(d)
    .filter((n) => /^\d{10}-\d{8}T\d{6}Z\.kseg$/.test(n))
    .map((name) => ({
      seq: Number(name.slice(0, 10)),
      name,
      path: join(d, name),
      keyPath: join(d, `${name}.key.json`),
    }))
    .sort((a, b) => a.seq - b.seq);
}

export function readSegmentKey(seg: SegmentFile): SegmentKey {
  if (!existsSync(seg.keyPath)) throw new Error(`segment ${seg.seq}: its key file ${seg.keyPath} is missing`);
  let k: SegmentKey;
  try {
    k = JSON.parse(readFileSync(seg.keyPath, 'utf8')) as SegmentKey;
  } catch (err) {
    throw new Error(`segment ${seg.seq}: its key file ${seg.keyPath} is not valid JSON (${(err as Error).message})`);
  }
  if (typeof k.keyId !== 'string' || typeof k.wrapped !== 'string')
    throw new Error(`segment ${seg.seq}: its key file is not a Kansa segment key`);
  return k;
}
