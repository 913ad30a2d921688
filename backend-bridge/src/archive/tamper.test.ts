import { cpSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Keyring } from './keys';
import { MANIFEST } from './manifest';
import { listSegments } from './segments';
import { fill, HMAC, KEY_1, tempDir, writer } from './testing/fixture';
import { verifyArchive, type VerifyResult } from './verify';
import type { WalkedRecord } from './walk';
import { writeDigest } from './digest';

const keyring = new Keyring([KEY_1], 'k1');

/** A sealed archive of 80 records over several segments, built once and copied for each tampering. */
function build(): { dir: string; frames: WalkedRecord[] } {
  const dir = tempDir('tamper');
  const w = writer(dir);
  fill(w, 80);
  w.close();
  const frames: WalkedRecord[] = [];
  const ok = verifyArchive(dir, keyring, HMAC, { onRecord: (r) => frames.push(r) });
  expect(ok).toMatchObject({ ok: true, records: 80 });
  return { dir, frames };
}

function copy(dir: string): string {
  const to = tempDir('tamper-copy');
  cpSync(dir, to, { recursive: true });
  return to;
}

function failure(dir: string, options = {}): NonNullable<VerifyResult['problem']> {
  const r = verifyArchive(dir, keyring, HMAC, options);
  expect(r.ok).toBe(false);
  return r.problem!;
}

describe('archive tamper detection', () => {
  const { dir, frames } = build();
  const segments = listSegments(dir);
  const middle = segments[1];
  const inMiddle = frames.filter((f) => f.seq === middle.seq);

  it('writes several sealed segments, chained, and verifies them', () => {
    expect(segments.length).toBeGreaterThanOrEqual(4);
    expect(inMiddle.length).toBeGreaterThan(3);
    // The first record of each segment follows the last record of the one before.
    for (let i = 1; i < frames.length; i++) expect(frames[i].header.prev).toBe(frames[i - 1].sha256);
  });

  it('a single flipped byte anywhere in a segment fails verify at the record holding that byte', () => {
    const size = readFileSync(middle.path).length;
    // Every byte of the first two records (length, iv, ciphertext, tag), then a spread over the rest.
    const positions = [
      ...Array(inMiddle[2].start).keys(),
      ...Array.from({ length: 40 }, (_, i) => Math.floor(((i + 0.5) * size) / 40)),
    ];
    const d = copy(dir);
    const path = join(d, 'segments', middle.name);
    const original = readFileSync(path);
    for (const pos of positions) {
      const bytes = Buffer.from(original);
      bytes[pos] ^= 0x01;
      writeFileSync(path, bytes);
      const expected = inMiddle.find((f) => pos >= f.start && pos < f.end)!;
      const p = failure(d);
      expect({ pos, segment: p.segment, record: p.record }).toEqual({ pos, segment: middle.seq, record: expected.n });
    }
    rmSync(d, { recursive: true });
  });

  it('a removed record in the middle of a segment is detected at its position', () => {
    const d = copy(dir);
    const path = join(d, 'segments', middle.name);
    const bytes = readFileSync(path);
    const victim = inMiddle[2];
    writeFileSync(path, Buffer.concat([bytes.subarray(0, victim.start), bytes.subarray(victim.end)]));
    const p = failure(d);
    expect(p).toMatchObject({ segment: middle.seq, record: 2 });
    expect(p.reason).toMatch(/authentication failed|removed or reordered/);
  });

  it('a removed last record of a sealed segment is detected against the seal', () => {
    const d = copy(dir);
    const path = join(d, 'segments', middle.name);
    const last = inMiddle[inMiddle.length - 1];
    writeFileSync(path, readFileSync(path).subarray(0, last.start));
    expect(failure(d)).toMatchObject({
      segment: middle.seq,
      record: last.n,
      reason: expect.stringMatching(/seal says/),
    });
  });

  it('a deleted segment file is detected', () => {
    const d = copy(dir);
    unlinkSync(join(d, 'segments', middle.name));
    unlinkSync(join(d, 'segments', `${middle.name}.key.json`));
    expect(failure(d)).toMatchObject({ segment: middle.seq, reason: expect.stringMatching(/file is missing/) });
  });

  it('a deleted segment together with its seal line is detected as a gap', () => {
    const d = copy(dir);
    unlinkSync(join(d, 'segments', middle.name));
    const lines = readFileSync(join(d, MANIFEST), 'utf8')
      .split('\n')
      .filter((l) => !l.includes(`"seq":${middle.seq},`));
    writeFileSync(join(d, MANIFEST), lines.join('\n'));
    expect(failure(d)).toMatchObject({ segment: middle.seq, reason: expect.stringMatching(/missing/) });
  });

  it('the last segment removed with its seal is caught by the daily chain-head digest', async () => {
    const d = copy(dir);
    const digestFile = join(tempDir('digest'), 'digests.jsonl');
    await writeDigest(d, HMAC, digestFile, new Date('2031-03-02T00:00:00Z'));
    const last = segments[segments.length - 1];
    unlinkSync(join(d, 'segments', last.name));
    const lines = readFileSync(join(d, MANIFEST), 'utf8').trim().split('\n');
    writeFileSync(join(d, MANIFEST), `${lines.slice(0, -1).join('\n')}\n`);
    expect(verifyArchive(d, keyring, HMAC).ok).toBe(true);
    expect(failure(d, { digestFile })).toMatchObject({ segment: last.seq, reason: expect.stringMatching(/rewritten/) });
  });

  it('reordered segments are detected', () => {
    const d = copy(dir);
    const [a, b] = [segments[1], segments[2]];
    const pa = join(d, 'segments', a.name);
    const pb = join(d, 'segments', b.name);
    for (const suffix of ['', '.key.json']) {
      renameSync(pa + suffix, `${pa}${suffix}.tmp`);
      renameSync(pb + suffix, pa + suffix);
      renameSync(`${pa}${suffix}.tmp`, pb + suffix);
    }
    expect(failure(d)).toMatchObject({ segment: a.seq, record: 0 });
  });

  it('a truncated sealed last segment is detected; a truncated open tail is reported as the unsealed tail', () => {
    const d = copy(dir);
    const last = segments[segments.length - 1];
    const path = join(d, 'segments', last.name);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    expect(failure(d)).toMatchObject({ segment: last.seq });

    const open = tempDir('tail');
    const w = writer(open);
    fill(w, 30);
    const tail = listSegments(open).at(-1)!;
    const tailBytes = readFileSync(tail.path);
    writeFileSync(tail.path, tailBytes.subarray(0, tailBytes.length - 7));
    const r = verifyArchive(open, keyring, HMAC);
    expect(r.ok).toBe(true);
    expect(r.notes.join('\n')).toMatch(new RegExp(`segment ${tail.seq} .*unsealed tail.*ends inside record`));
    // The next start cuts the torn record and seals the rest.
    const again = writer(open);
    again.close();
    expect(verifyArchive(open, keyring, HMAC)).toMatchObject({ ok: true, notes: [] });
  });

  it('--from/--to walks only the segments received in the range, still chained to the seals before them', () => {
    const d = copy(dir);
    const first = frames.find((f) => f.seq === segments[0].seq)!;
    const inRange = frames.filter((f) => f.seq === middle.seq);
    const from = new Date(inRange[0].header.t);
    const to = new Date(inRange[inRange.length - 1].header.t);
    const path = join(d, 'segments', segments[0].name);
    const bytes = readFileSync(path);
    bytes[first.end - 1] ^= 0x01;
    writeFileSync(path, bytes);
    expect(verifyArchive(d, keyring, HMAC, { from, to })).toMatchObject({
      ok: true,
      segments: 1,
      records: inRange.length,
    });
    expect(failure(d)).toMatchObject({ segment: segments[0].seq, record: 0 });
  });

  it('an altered manifest line fails its seal', () => {
    const d = copy(dir);
    const text = readFileSync(join(d, MANIFEST), 'utf8');
    writeFileSync(
      join(d, MANIFEST),
      text.replace(/"records":(\d+)/, (_m, n) => `"records":${Number(n) + 1}`),
    );
    expect(failure(d)).toMatchObject({
      reason: expect.stringMatching(/manifest line 1: the signature does not match/),
    });
  });
});
