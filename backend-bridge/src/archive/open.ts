import { dirname, join, basename } from 'node:path';
import type { KansaConfig } from '../config/schema';
import { decodeKey, Keyring } from './keys';
import { loadSealer, type Sealer } from './seal';
import { ArchiveWriter } from './writer';

export interface ArchiveSetup {
  dir: string;
  keyring: Keyring;
  sealer: Sealer;
  digestFile: string;
  digestIndex: string;
}

/** Keys, seal and paths of the configured archive; a missing or malformed key is a clear error here. */
export function archiveSetup(config: KansaConfig): ArchiveSetup {
  const a = config.archive;
  if (a.encryption.keys.length === 0)
    throw new Error(
      'archive: no master key (archive.encryption.keys or KANSA_ARCHIVE_KEYS; create one with kansa archive keygen)',
    );
  const keys = a.encryption.keys.map((k) => ({ id: k.id, key: decodeKey(k.id, k) }));
  const keyring = new Keyring(keys, a.encryption.activeKey ?? keys[keys.length - 1].id);
  const sealer = loadSealer(a.seal);
  const digestFile = a.digest.file ?? join(dirname(a.dir), `${basename(a.dir)}-digests.jsonl`);
  return { dir: a.dir, keyring, sealer, digestFile, digestIndex: a.digest.index };
}

export function openWriter(
  config: KansaConfig,
  setup: ArchiveSetup = archiveSetup(config),
  clock?: () => Date,
): ArchiveWriter {
  const a = config.archive;
  const writer = new ArchiveWriter({
    dir: a.dir,
    segmentBytes: a.segmentBytes,
    maxAgeMs: a.maxAgeMinutes * 60_000,
    fsync: a.fsync,
    fsyncIntervalMs: a.fsyncIntervalMs,
    keyring: setup.keyring,
    sealer: setup.sealer,
    ...(clock ? { clock } : {}),
  });
  writer.open();
  return writer;
}
