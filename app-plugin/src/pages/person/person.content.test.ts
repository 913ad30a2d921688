import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { localMidnight } from '../period';
import { personQueries } from './queries';

// The person page's queries, run through the built data source backend (kansa-dsquery drives it over go-plugin
// as Grafana does) on the demo month at OPENSEARCH_URL: the demo leaver's first scenario day must come back
// from several sources, with the readable sentences in both languages, a risk row and an attendance day.

const repo = join(__dirname, '..', '..', '..', '..');
const DSQUERY = join(repo, 'datasource-plugin', 'bin', 'kansa-dsquery');
const DEMO_DIR = process.env.KANSA_TEST_DEMO_DIR ?? join(repo, '.kansa', 'test-demo-month');
jest.setTimeout(120_000);

interface FrameJson {
  schema: { fields: Array<{ name: string }> };
  data?: { values: unknown[][] };
}

function run(
  user: string,
  language: 'ja' | 'en',
  from: Date,
  to: Date,
): Record<string, Array<Record<string, unknown>>> {
  const url = process.env.OPENSEARCH_URL;
  if (!url) {
    throw new Error('OPENSEARCH_URL must name the node holding the demo month');
  }
  const request = {
    settings: { url, jsonData: {} },
    queries: personQueries(user, language),
    range: { from: from.toISOString(), to: to.toISOString() },
  };
  const out = spawnSync(DSQUERY, ['query', '--request', '-'], {
    input: JSON.stringify(request),
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  });
  if (out.status !== 0) {
    throw new Error(`kansa-dsquery exited ${out.status}: ${out.stderr}`);
  }
  const results = JSON.parse(out.stdout).results as Record<string, { error?: string; frames?: FrameJson[] }>;
  return Object.fromEntries(
    Object.entries(results).map(([refId, r]) => {
      if (r.error) {
        throw new Error(`${refId}: ${r.error}`);
      }
      const frame = r.frames?.[0];
      const fields = frame?.schema.fields ?? [];
      const rows = (frame?.data?.values[0] ?? []).map((_, i) =>
        Object.fromEntries(fields.map((f, j) => [f.name, frame!.data!.values[j][i]])),
      );
      return [refId, rows];
    }),
  );
}

describe('the person page on the demo month', () => {
  const meta = JSON.parse(readFileSync(join(DEMO_DIR, 'scenarios.json'), 'utf8')) as {
    timeZone: string;
    scenarios: Array<{ id: string; who: string; whoDisplayName?: string; start: string }>;
  };
  const leaver = meta.scenarios.find((s) => s.id === 'leaver-exfiltration')!;
  const day = leaver.start.slice(0, 10);
  const from = localMidnight(day, meta.timeZone);
  const to = new Date(from.getTime() + 86400000);

  it('has the demo month and the harness', () => {
    expect(leaver.whoDisplayName).toBeTruthy();
    expect(existsSync(DSQUERY)).toBe(true);
  });

  it("returns the leaver's day across sources, with Japanese sentences naming them, their risk and their working day", () => {
    const ja = run(leaver.who, 'ja', from, to);
    const sources = ja.sources.map((r) => String(r['kansa.source_type']));
    // Web (proxy), mail, the door and Windows logons at least: one person's day seen from several systems.
    expect(sources).toEqual(expect.arrayContaining(['squid', 'postfix', 'door']));
    expect(sources.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ja.timeline.map((r) => r['kansa.source_type']))).toEqual(new Set(sources));
    expect(ja.timeline.every((r) => typeof r['kansa.message.ja'] === 'string')).toBe(true);
    expect(
      ja.timeline.filter((r) => String(r['kansa.message.ja']).startsWith(`${leaver.whoDisplayName} が`)).length,
    ).toBeGreaterThan(ja.timeline.length / 2);
    expect(ja.risk.map((r) => r.entity)).toEqual([leaver.who]);
    expect(String(ja.risk[0].top_reasons)).not.toBe('');
    expect(ja.attendance.map((r) => r.date)).toEqual([day]);
    expect(Number(ja.attendance[0].working_minutes)).toBeGreaterThan(0);
  });

  it('gives the same day in English', () => {
    const en = run(leaver.who, 'en', from, to);
    expect(en.timeline.length).toBeGreaterThan(20);
    expect(en.timeline.some((r) => String(r['kansa.message.en']).startsWith(`${leaver.who} `))).toBe(true);
    expect(en.risk.map((r) => r.entity)).toEqual([leaver.who]);
  });
});
