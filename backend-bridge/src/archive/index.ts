// The tamper-evident raw archive as the rest of the bridge sees it. Code outside archive/ imports only
// this file (.dependency-cruiser.cjs checks it), so the segment, frame and record formats stay private.

// Opening the archive a config names, and writing to it (kansa serve, kansa import).
export { archiveSetup, openWriter, type ArchiveSetup } from './open';
export type { ArchiveWriter } from './writer';
export { importArchive, StreamTap } from './tap';
export { writeDigest } from './digest';
// Reading it: segments, verification, replay into OpenSearch, the auditor's bundle, keys.
export { listSegments, readSegmentKey } from './segments';
export { planArchive, verifyArchive, type Problem } from './verify';
export { walkSegment } from './walk';
export { replayArchive } from './replay';
export { exportBundle } from './export';
export { Keyring, newKey } from './keys';
// The manifest (seals and deletions) and the record chain, which retention extends when it deletes.
export { appendManifest, MANIFEST, readManifest } from './manifest';
export { GENESIS, sha256Hex } from './record';
