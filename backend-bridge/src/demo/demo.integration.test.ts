import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createClient } from '../opensearch/client';
import { countOf, demoRun } from './run';
import type { Scenario } from './generate';

/** The small profile, imported for real: every scenario must be findable by its stated query. */
describe('kansa demo against real OpenSearch', () => {
  const out = mkdtempSync(join(tmpdir(), 'kansa-demo-it-'));
  const client = createClient(process.env.OPENSEARCH_URL);
  let printed = '';
  const sink = () =>
    new Writable({
      write(chunk, _enc, done) {
        printed += String(chunk);
        done();
      },
    });

  beforeAll(async () => {
    await client.transport.request({ method: 'DELETE', path: '/kansa-events-*' });
    const code = await demoRun(['--profile', 'small', '--out', out], { stdout: sink(), stderr: sink() });
    expect(code).toBe(0);
  }, 600_000);

  afterAll(async () => {
    await client.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('imports every source with no parse failure', async () => {
    expect(printed).toMatch(/indexed: \d+ new/);
    expect(await countOf(client, 'kansa.parse.status:failed')).toBe(0);
    for (const source of ['windows-xml', 'nxlog-json', 'winlogbeat-json', 'sshd', 'squid', 'fortigate', 'zeek', 'bind', 'dhcpd', 'postfix', 'pgaudit', 'cups', 'door', 'cisco', 'wireless-ap']) {
      expect([source, await countOf(client, `kansa.source_type:${source}`)]).toEqual([source, expect.any(Number)]);
      expect(await countOf(client, `kansa.source_type:${source}`)).toBeGreaterThan(0);
    }
  });

  it('finds every scenario with the query scenarios.json states', async () => {
    const { scenarios } = require(join(out, 'scenarios.json')) as { scenarios: Scenario[] };
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
    const misses: string[] = [];
    for (const s of scenarios) {
      for (const d of s.detections) {
        const n = await countOf(client, d.query);
        if (n < d.minCount) misses.push(`${s.id}: ${n} < ${d.minCount} for ${d.query}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("enriches the leaver's USB copies with the watchlist flag", async () => {
    expect(await countOf(client, 'kansa.user.watchlist:true AND file.path:E\\:\\\\*')).toBeGreaterThan(0);
    expect(printed).toContain('leaver-exfiltration');
  });
});
