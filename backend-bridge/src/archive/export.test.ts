import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from './export';
import { Keyring } from './keys';
import { Sealer } from './seal';
import { fill, HMAC, KEY_1, line, tempDir, writer } from './testing/fixture';
import { verifyArchive } from './verify';

function ed25519(): Sealer {
  const { privateKey } = generateKeyPairSync('ed25519');
  return new Sealer('ed25519', 'audit-2031', {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  });
}

function node(dir: string, ...args: string[]) {
  return spawnSync(process.execPath, [join(dir, 'verify.js'), ...args], { encoding: 'utf8' });
}

describe('archive export bundle', () => {
  const sealer = ed25519();
  const dir = tempDir('export-src');
  const w = writer(dir, { sealer });
  fill(w, 60);
  w.close();
  const setup = { dir, keyring: new Keyring([KEY_1], 'k1'), sealer, digestFile: join(dir, 'd.jsonl'), digestIndex: '' };

  it('exports a time range with proofs; verify.js (Node only) checks it with the public key', async () => {
    const out = tempDir('bundle');
    const inRange: string[] = [];
    verifyArchive(dir, setup.keyring, sealer, {
      onRecord: (x) =>
        x.header.t >= '2031-03-01T00:00:10' &&
        x.header.t <= '2031-03-01T00:00:29.999Z' &&
        inRange.push(x.raw.toString()),
    });
    expect(inRange.length).toBeGreaterThan(10);
    const r = await exportBundle(setup, out, {
      from: new Date('2031-03-01T00:00:10Z'),
      to: new Date('2031-03-01T00:00:29.999Z'),
    });
    expect(r.records).toBe(inRange.length);
    const records = readFileSync(join(out, 'records.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => readFileSync(join(out, x.file), 'utf8'))).toEqual(inRange);
    expect(inRange.every((l) => Array.from({ length: 60 }, (_, i) => line(i).toString()).includes(l))).toBe(true);
    expect(readdirSync(out).sort()).toEqual([
      'README.txt',
      'manifest.jsonl',
      'public-key.pem',
      'records',
      'records.jsonl',
      'segments',
      'summary.json',
      'verify.js',
    ]);
    const ok = node(out);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ raw records in \d+ segments match the sealed hash chain; all seals verified/);
    expect(execFileSync('grep', ['-c', 'require(', join(out, 'verify.js')], { encoding: 'utf8' }).trim()).toBe('3');
  });

  it('verify.js fails on an altered raw record, a removed header line and a forged seal', async () => {
    const cases: Array<[string, (out: string) => void, RegExp]> = [
      [
        'raw',
        (out) => writeFileSync(join(out, 'records', readdirSync(join(out, 'records'))[0]), 'forged line\n'),
        /raw bytes do not match/,
      ],
      [
        'header',
        (out) => {
          const f = join(out, 'segments', readdirSync(join(out, 'segments'))[0]);
          const lines = readFileSync(f, 'utf8').trim().split('\n');
          writeFileSync(f, `${[...lines.slice(0, 1), ...lines.slice(2)].join('\n')}\n`);
        },
        /header out of place|hash chain broken/,
      ],
      [
        'seal',
        (out) =>
          writeFileSync(
            join(out, 'manifest.jsonl'),
            readFileSync(join(out, 'manifest.jsonl'), 'utf8').replace(
              /"records":(\d+)/,
              (_m, n) => `"records":${Number(n) + 1}`,
            ),
          ),
        /seal signature does not match/,
      ],
    ];
    for (const [name, tamper, expected] of cases) {
      const out = tempDir(`bundle-${name}`);
      await exportBundle(setup, out, { from: new Date('2031-03-01T00:00:10Z'), to: new Date('2031-03-01T00:00:29Z') });
      tamper(out);
      const r = node(out);
      expect({ name, status: r.status }).toEqual({ name, status: 1 });
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).toMatch(/NG: .*[\u3040-\u30ff]/);
    }
  });

  it('HMAC seals are checked when the auditor is given the key, and reported as unchecked otherwise', async () => {
    const hdir = tempDir('export-hmac');
    const hw = writer(hdir);
    fill(hw, 10);
    hw.close();
    const out = tempDir('bundle-hmac');
    await exportBundle(
      { dir: hdir, keyring: new Keyring([KEY_1], 'k1'), sealer: HMAC, digestFile: '', digestIndex: '' },
      out,
      {},
    );
    expect(node(out).stdout).toMatch(/OK: 10 raw records .* seals not checked \(HMAC seals need --hmac-key\)/);
    expect(node(out, '--hmac-key', Buffer.alloc(32, 7).toString('base64')).stdout).toMatch(/all seals verified/);
    expect(node(out, '--hmac-key', Buffer.alloc(32, 8).toString('base64')).status).toBe(1);
  });
});
