import { ConfigError, loadConfig, redactConfig } from '../config/load';
import { archiveSetup } from './open';

const KEY = Buffer.alloc(32, 1).toString('base64');
const SEAL = Buffer.alloc(32, 2).toString('base64');

describe('archive and retention configuration', () => {
  it('an enabled archive without a master key or seal key is refused, naming the setting', () => {
    const fail = (raw: unknown, env: Record<string, string> = {}) => {
      try {
        loadConfig({ raw, env });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(fail({ archive: { enabled: true, seal: { key: SEAL } } })).toMatch(
      /archive: archive.enabled needs a master key .*kansa archive keygen/,
    );
    expect(fail({ archive: { enabled: true, encryption: { keys: [{ id: 'k1', key: KEY }] } } })).toMatch(
      /archive: archive.enabled needs a seal key/,
    );
    expect(fail({ retention: { runAt: '25:00' } })).toMatch(/retention.runAt: expected HH:MM \(UTC\)/);
    expect(fail({ retention: { policies: [{ name: 'x' }] } })).toMatch(
      /retention.policies.0: a policy needs sourceTypes or query/,
    );
    expect(fail({ retention: { holds: [{ name: 'case' }] } })).toMatch(
      /retention.holds.0: a hold needs user, from or to/,
    );
  });

  it('keys come from KANSA_ARCHIVE_KEYS and KANSA_ARCHIVE_SEAL_KEY, are checked, and never printed', () => {
    const other = Buffer.alloc(32, 3).toString('base64');
    const c = loadConfig({
      raw: { archive: { enabled: true } },
      env: {
        KANSA_ARCHIVE_KEYS: `old:${KEY},new:${other}`,
        KANSA_ARCHIVE_SEAL_KEY: SEAL,
        KANSA_ARCHIVE_DIR: '/tmp/kansa-archive-x',
      },
    });
    expect(c.archive.encryption.keys.map((k) => k.id)).toEqual(['old', 'new']);
    expect(c.archive.dir).toBe('/tmp/kansa-archive-x');
    const setup = archiveSetup(c);
    expect(setup.keyring.active).toBe('new');
    expect(setup.digestFile).toBe('/tmp/kansa-archive-x-digests.jsonl');
    const redacted = JSON.stringify(redactConfig(c));
    for (const secret of [KEY, other, SEAL]) expect(redacted).not.toContain(secret);
    const short = loadConfig({
      raw: { archive: { enabled: true, seal: { key: SEAL } } },
      env: { KANSA_ARCHIVE_KEYS: 'k1:c2hvcnQ=' },
    });
    expect(() => archiveSetup(short)).toThrow(
      /archive key "k1": expected 32 bytes in base64 \(kansa archive keygen\), got 5 bytes/,
    );
    expect(() => loadConfig({ env: { KANSA_ARCHIVE_KEYS: 'nocolon' } })).toThrow(
      /KANSA_ARCHIVE_KEYS: expected id:base64key/,
    );
  });
});
