import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '../keys';
import type { RecordMeta } from '../../pipeline/raw-archive';
import { Sealer } from '../seal';
import { ArchiveWriter, type ArchiveOptions } from '../writer';

export const KEY_1 = { id: 'k1', key: Buffer.alloc(32, 1) };
export const KEY_2 = { id: 'k2', key: Buffer.alloc(32, 2) };
export const HMAC = new Sealer('hmac-sha256', 'seal-test', { secret: Buffer.alloc(32, 7) });

/** A clock that moves one second per reading, from a fixed start. */
export function steppingClock(start = '2031-03-01T00:00:00Z', stepMs = 1000): () => Date {
  let t = Date.parse(start);
  return () => new Date((t += stepMs));
}

const made: string[] = [];
// Registered when a test file imports this module, so every file cleans up after its own tests.
afterAll(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary directory, removed after the test file's tests. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `kansa-${name}-`));
  made.push(dir);
  return dir;
}

export function meta(i: number, identity = 'syslog-tcp:10.0.0.1:test'): RecordMeta {
  return {
    input: 'syslog-tcp',
    source: 'syslog-tcp',
    identity,
    offset: i * 1000,
    format: 'syslog',
    ctx: { year: 2031, timeZone: 'Asia/Tokyo', now: new Date('2031-03-01T00:00:00Z') },
  };
}

export function line(i: number): Buffer {
  const users = ['tanaka', 'suzuki', 'sato', 'yamada'];
  return Buffer.from(
    `<86>Mar  1 09:${String(i % 60).padStart(2, '0')}:00 srv01 sshd[${1000 + i}]: Accepted password for ${users[i % 4]} from 10.0.${i % 7}.${i % 250} port ${40000 + i} ssh2\n`,
  );
}

export function writer(dir: string, over: Partial<ArchiveOptions> = {}): ArchiveWriter {
  const w = new ArchiveWriter({
    dir,
    segmentBytes: 2048,
    maxAgeMs: 3_600_000,
    fsync: 'never',
    fsyncIntervalMs: 1000,
    keyring: new Keyring([KEY_1], 'k1'),
    sealer: HMAC,
    clock: steppingClock(),
    ...over,
  });
  w.open();
  return w;
}

/** Writes n records (several segments at the test segment size) and returns their hashes. */
export function fill(w: ArchiveWriter, n: number, from = 0): string[] {
  const hashes: string[] = [];
  for (let i = from; i < from + n; i++) hashes.push(w.accept(line(i), meta(i)).sha256);
  return hashes;
}
