import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client } from '@opensearch-project/opensearch';
import { readManifest, type SealEntry } from './manifest';
import { GENESIS } from './record';
import type { Sealer } from './seal';

export interface Digest {
  type: 'digest';
  date: string;
  at: string;
  /** The last sealed segment and its head; 0 and the genesis hash for an empty archive. */
  seq: number;
  head: string;
  segments: number;
  records: number;
  alg: string;
  sealKey: string;
  sig?: string;
}

/**
 * The chain head of the day, signed, appended to a file kept apart from the archive and indexed
 * in OpenSearch: rewriting the whole archive later (new chain, new seals) no longer matches it.
 */
export async function writeDigest(
  dir: string,
  sealer: Sealer,
  file: string,
  now: Date,
  client?: Client,
  index?: string,
): Promise<Digest> {
  const seals = readManifest(dir).flatMap((e) => (e.entry?.type === 'seal' ? [e.entry as SealEntry] : []));
  const last = seals.sort((a, b) => a.seq - b.seq).at(-1);
  const digest: Digest = {
    type: 'digest',
    date: now.toISOString().slice(0, 10),
    at: now.toISOString(),
    seq: last?.seq ?? 0,
    head: last?.head ?? GENESIS,
    segments: seals.length,
    records: seals.reduce((n, s) => n + s.records, 0),
    alg: sealer.algorithm,
    sealKey: sealer.keyId,
  };
  digest.sig = sealer.sign(digest as unknown as Record<string, unknown>);
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(digest)}\n`);
  if (client && index) {
    await client.transport.request({
      method: 'PUT',
      path: `/${encodeURIComponent(index)}/_doc/${digest.date}-${digest.seq}`,
      body: { '@timestamp': digest.at, ...digest },
      querystring: { refresh: 'true' },
    });
  }
  return digest;
}
