import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exampleConfig } from './example';
import { ConfigError, ENV_OVERRIDES, loadConfig, redactConfig } from './load';
import { Writable } from 'node:stream';
import { serveCommand } from '../cli/serve';
import { configSchema } from './schema';

const EXAMPLE = join(__dirname, '..', '..', 'kansa.example.yaml');

describe('config', () => {
  it('the committed example is the one generated from the schema, and it validates', () => {
    const committed = readFileSync(EXAMPLE, 'utf8');
    // Stale when the schema changed: regenerate with `kansa serve --print-example-config > backend-bridge/kansa.example.yaml`.
    expect(committed).toBe(exampleConfig());
    const parsed = configSchema.parse(parse(committed));
    expect(parsed).toEqual(configSchema.parse({}));
    expect(loadConfig({ file: EXAMPLE, env: {} })).toEqual(parsed);
  });

  it('reads YAML, lets KANSA_* variables override it, and parses sizes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-config-'));
    const file = join(dir, 'kansa.yaml');
    writeFileSync(file, 'queue:\n  maxBytes: 64MiB\nhttp:\n  port: 9999\n');
    const c = loadConfig({
      file,
      env: {
        KANSA_HTTP_PORT: '8088',
        KANSA_TOKENS: 'winlogbeat:0123456789abcdef01,ops:fedcba9876543210ff',
        OPENSEARCH_URL: 'http://u:secret@os:9200',
      },
    });
    expect(c.queue.maxBytes).toBe(64 * 1024 * 1024);
    expect(c.http.port).toBe(8088);
    expect(c.auth.tokens.map((t) => t.name)).toEqual(['winlogbeat', 'ops']);
    expect(c.opensearch.url).toBe('http://u:secret@os:9200');
    const docker = loadConfig({ env: { KANSA_SYSLOG_UDP_PORT: '514', KANSA_SYSLOG_HOST: '0.0.0.0' } });
    expect(docker.syslog.udp).toMatchObject({ enabled: true, host: '0.0.0.0', port: 514 });
    expect(docker.syslog.tcp).toMatchObject({ enabled: false, host: '0.0.0.0' });
    const redacted = JSON.stringify(redactConfig(c));
    expect(redacted).not.toContain('secret');
    expect(redacted).not.toContain('0123456789abcdef01');
    expect(redacted).toContain('winlogbeat');
  });

  it('names the setting and the problem when the config is wrong', () => {
    const fail = (raw: unknown, env: Record<string, string> = {}) => {
      try {
        loadConfig({ raw, env });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as Error).message;
      }
      throw new Error('expected a ConfigError');
    };
    expect(fail({ queue: { maxBytes: 'lots' } })).toMatch(/queue\.maxBytes: expected a size/);
    expect(fail({ http: { prot: 1 } })).toMatch(/http: .*prot/);
    expect(fail({ auth: { tokens: [{ name: 'x', token: 'short' }] } })).toMatch(
      /auth\.tokens\.0\.token: a token must be at least 16 characters/,
    );
    expect(fail({ syslog: { tls: { enabled: true } } })).toMatch(/syslog\.tls: .*cert and key/);
    expect(fail({}, { KANSA_HTTP_PORT: 'eighty' })).toMatch(/KANSA_HTTP_PORT: expected a number/);
  });

  it('kansa serve --print-config prints the effective configuration without secrets', async () => {
    let out = '';
    let err = '';
    const sink = (append: (s: string) => void) => new Writable({ write: (c, _e, cb) => (append(String(c)), cb()) });
    const saved = { ...process.env };
    Object.assign(process.env, {
      KANSA_OPENSEARCH_URL: 'https://kansa:hunter2hunter2@os.example:9200',
      KANSA_TOKENS: 'ops:0123456789abcdef0123',
      KANSA_QUEUE_MAX_BYTES: '2GiB',
    });
    try {
      expect(
        await serveCommand(['--print-config'], { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) }),
      ).toBe(0);
      process.env.KANSA_QUEUE_MAX_BYTES = 'huge';
      expect(
        await serveCommand(['--print-config'], { stdout: sink(() => undefined), stderr: sink((s) => (err += s)) }),
      ).toBe(2);
    } finally {
      process.env = saved;
    }
    const printed = parse(out);
    expect(printed.opensearch.url).toBe('https://***:***@os.example:9200');
    expect(printed.queue.maxBytes).toBe(2 * 1024 ** 3);
    expect(printed.auth.tokens).toEqual([{ name: 'ops', token: '***' }]);
    expect(out).not.toContain('hunter2');
    expect(err).toContain('queue.maxBytes: expected a size such as 10MiB');
  });

  it('documents every KANSA_* variable in the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const { env } of ENV_OVERRIDES) expect(readme).toContain(`\`${env}\``);
    expect(readme).toContain('`KANSA_CONFIG`');
  });
});
