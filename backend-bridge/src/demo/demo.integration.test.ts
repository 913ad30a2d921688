import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY_INDEX_ALIAS } from '@kansa/schema';
import { createClient } from '../opensearch/client';
import { countOf } from '../evaluation/demo-run';
import { ensureDemoMonth, type DemoMonth } from './testing/demo-month';

/** The demo month, imported for real (once per OpenSearch): every scenario must be findable by its stated query. */
describe('kansa demo against real OpenSearch', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  let month: DemoMonth;

  beforeAll(async () => {
    month = await ensureDemoMonth();
  }, 1_800_000);

  afterAll(async () => {
    await client.close();
  });

  it('imports every source with no parse failure', async () => {
    expect(await countOf(client, `kansa.parse.status:failed AND @timestamp:[${month.from} TO ${month.to}}`)).toBe(0);
    for (const source of [
      'windows-xml',
      'nxlog-json',
      'winlogbeat-json',
      'sshd',
      'squid',
      'fortigate',
      'zeek',
      'bind',
      'dhcpd',
      'postfix',
      'pgaudit',
      'cups',
      'door',
      'cisco',
      'wireless-ap',
    ]) {
      expect([source, await countOf(client, `kansa.source_type:${source}`)]).toEqual([source, expect.any(Number)]);
      expect(await countOf(client, `kansa.source_type:${source}`)).toBeGreaterThan(0);
    }
  });

  it('finds every scenario with the query scenarios.json states', async () => {
    const { scenarios } = month;
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

  it('loads the demo directory into kansa-directory: everyone, the leaver watchlisted and leaving', async () => {
    // Again, right before the check: another test may have replaced the directory since; every run reloads it.
    await ensureDemoMonth();
    const rows = readFileSync(join(month.out, 'users.csv'), 'utf8').trim().split('\n').slice(1);
    const leaver = month.scenarios.find((s) => s.id === 'leaver-exfiltration')!.who;
    await client.indices.refresh({ index: DIRECTORY_INDEX_ALIAS });
    const count = async (query: string): Promise<number> => {
      const body = { query: { query_string: { query, default_operator: 'AND' } } };
      return ((await client.count({ index: DIRECTORY_INDEX_ALIAS, body })).body as { count: number }).count;
    };
    expect(rows.length).toBeGreaterThanOrEqual(50);
    expect(await count('kansa.directory.kind:user')).toBe(rows.length);
    expect(await count('kansa.directory.kind:asset')).toBeGreaterThan(rows.length);
    expect(await count(`user.name:${leaver} AND kansa.user.watchlist:true AND kansa.user.departure_date:*`)).toBe(1);
    expect(await count('kansa.user.privileged:true')).toBeGreaterThan(0);
  });

  it("enriches the leaver's USB copies with the watchlist flag", async () => {
    expect(await countOf(client, 'kansa.user.watchlist:true AND file.path:E\\:\\\\*')).toBeGreaterThan(0);
    expect(month.scenarios.map((s) => s.id)).toContain('leaver-exfiltration');
  });
});
