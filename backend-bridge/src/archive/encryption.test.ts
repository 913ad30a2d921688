import { readFileSync } from 'node:fs';
import { Keyring } from './keys';
import { listSegments, readSegmentKey } from './segments';
import { fill, HMAC, KEY_1, KEY_2, line, tempDir, writer } from './testing/fixture';
import { verifyArchive } from './verify';
import type { WalkedRecord } from './walk';
import { archiveCommand } from '../cli/archive';
import { Writable } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

function records(dir: string, keyring: Keyring): { ok: boolean; raws: string[]; reason?: string } {
  const raws: string[] = [];
  const r = verifyArchive(dir, keyring, HMAC, { onRecord: (x: WalkedRecord) => raws.push(x.raw.toString()) });
  return { ok: r.ok, raws, reason: r.problem?.reason };
}

describe('archive encryption', () => {
  it('round trip: what was written comes back byte for byte, and nothing of it is readable on disk', () => {
    const dir = tempDir('enc');
    const w = writer(dir);
    fill(w, 50);
    w.close();
    const r = records(dir, new Keyring([KEY_1], 'k1'));
    expect(r.ok).toBe(true);
    expect(r.raws).toEqual(Array.from({ length: 50 }, (_, i) => line(i).toString()));
    for (const seg of listSegments(dir)) {
      const bytes = readFileSync(seg.path).toString('latin1');
      expect(bytes).not.toMatch(/sshd|tanaka|Accepted/);
      expect(readFileSync(seg.keyPath, 'utf8')).not.toContain(KEY_1.key.toString('base64'));
    }
  });

  it('a wrong master key fails clearly, naming the key and the segment', () => {
    const dir = tempDir('enc-wrong');
    const w = writer(dir);
    fill(w, 5);
    w.close();
    const wrong = records(dir, new Keyring([{ id: 'k1', key: Buffer.alloc(32, 9) }], 'k1'));
    expect(wrong.ok).toBe(false);
    expect(wrong.reason).toMatch(/master key "k1" does not open this segment's data key: the key is wrong/);
    const missing = records(dir, new Keyring([KEY_2], 'k2'));
    expect(missing.reason).toMatch(/master key "k1" is not configured .*configured: k2/);
    expect(() => new Keyring([KEY_1], 'k3')).toThrow(/active archive key "k3" is not among the configured keys \(k1\)/);
  });

  it('rotation: new segments use the new key, old ones stay readable with the old key, and rotate-key re-wraps them', async () => {
    const dir = tempDir('enc-rotate');
    const w1 = writer(dir);
    fill(w1, 20);
    w1.close();
    const both = new Keyring([KEY_1, KEY_2], 'k2');
    const w2 = writer(dir, { keyring: both });
    fill(w2, 20, 20);
    w2.close();
    const ids = listSegments(dir).map((s) => readSegmentKey(s).keyId);
    expect(ids[0]).toBe('k1');
    expect(ids.at(-1)).toBe('k2');
    expect(new Set(ids)).toEqual(new Set(['k1', 'k2']));
    const all = records(dir, both);
    expect(all.ok).toBe(true);
    expect(all.raws).toHaveLength(40);
    // Without the old key the old segments cannot be read.
    expect(records(dir, new Keyring([KEY_2], 'k2')).reason).toMatch(/"k1" is not configured/);

    const config = join(tempDir('enc-config'), 'kansa.yaml');
    writeFileSync(
      config,
      `archive:\n  enabled: true\n  dir: ${dir}\n  encryption:\n    activeKey: k2\n    keys:\n      - { id: k1, key: ${KEY_1.key.toString('base64')} }\n      - { id: k2, key: ${KEY_2.key.toString('base64')} }\n  seal:\n    keyId: seal-test\n    key: ${Buffer.alloc(32, 7).toString('base64')}\n`,
    );
    let out = '';
    const io = {
      stdout: new Writable({ write: (c, _e, cb) => ((out += c), cb()) }),
      stderr: new Writable({ write: (c, _e, cb) => ((out += c), cb()) }),
    };
    expect(await archiveCommand(['rotate-key', '--config', config, '--to', 'k2'], io)).toBe(0);
    expect(out).toMatch(/re-wrapped the data keys of \d+ segments with master key "k2"/);
    expect(
      listSegments(dir)
        .map((s) => readSegmentKey(s).keyId)
        .every((id) => id === 'k2'),
    ).toBe(true);
    const after = records(dir, new Keyring([KEY_2], 'k2'));
    expect(after.ok).toBe(true);
    expect(after.raws).toEqual(all.raws);
    out = '';
    expect(await archiveCommand(['verify', '--config', config], io)).toBe(0);
    expect(out).toMatch(/^OK: 40 records in \d+ segments verified/m);
  });
});
