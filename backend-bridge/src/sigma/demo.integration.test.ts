import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { seriesOf, type FrameJson } from '../../../app-plugin/src/content/rules/evaluate';
import { DEMO_MONTH_DIR, ensureDemoMonth, readDemoMonth, type DemoMonth } from '../demo/testing/demo-month';
import { alertData } from './alert';
import { convertCorpus, type Entry } from './corpus';
import { loadRules } from './rule';

// The fixtures' Sigma rules, converted, on the demo month: each must fire on the attack scenario it was written
// for, and none may fire on the benign month (the same company and noise without scenarios). Every query runs
// through kansa-dsquery against the node holding the month (OPENSEARCH_URL, and KANSA_TEST_BENIGN_URL for the
// benign one); the windows Grafana would evaluate are slid over per-minute counts, so the result is what Grafana
// would have fired at each minute of the month.

const repo = join(__dirname, '..', '..', '..');
const DSQUERY = join(repo, 'datasource-plugin/bin/kansa-dsquery');
const FIXTURES = join(__dirname, 'fixtures');
jest.setTimeout(600_000);

const entries = convertCorpus(loadRules([FIXTURES]).rules);
const counted = new Set(entries.flatMap((e) => e.rule.correlation?.rules ?? []));
const alerting = entries.filter((e) => e.measure && !counted.has(e.rule.id ?? '') && !counted.has(e.rule.name ?? ''));

/** The attack scenario each fixture rule was written for. */
const EXPECTED: Record<string, string> = {
  'office-spawns-encoded-powershell': 'encoded-powershell',
  'encoded-download-cradle': 'encoded-powershell',
  'script-block-download': 'encoded-powershell',
  'powershell-external-connection': 'encoded-powershell',
  'security-log-cleared': 'audit-policy-and-log-clear',
  'domain-admins-member-added': 'escalation-domain-admins',
  'failed-logon-burst': 'password-spray',
  'c2-port-outbound': 'non-permitted-port',
  'local-administrators-member-added': 'backdoor-account',
  'audit-policy-weakened': 'audit-policy-and-log-clear',
  'cloud-storage-large-upload': 'large-upload',
};
const fixtureOf = (e: Entry) => e.rule.file.split(/[\\/]/).slice(-2)[0];

function dsquery(url: string, model: Record<string, unknown>, from: number, to: number): FrameJson[] {
  const request = {
    settings: { url, jsonData: {} },
    queries: [model],
    range: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
  };
  const run = spawnSync(DSQUERY, ['query', '--request', '-'], {
    input: JSON.stringify(request),
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0)
    throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
  const result = JSON.parse(run.stdout).results.A as { error?: string; frames?: FrameJson[] };
  if (result.error) throw new Error(`${String(model.query)}: ${result.error}`);
  return result.frames ?? [];
}

const SIX_HOURS = 6 * 3_600_000;

interface Fire {
  at: number;
  labels: Record<string, string>;
}

/**
 * The minutes at which Grafana would fire the rule over [from, to). Day totals per group first (a group whose day
 * never exceeds the threshold exceeds it in no window of that day), then per-minute counts for the days that do.
 */
function firesOver(url: string, e: Entry, from: number, to: number): Fire[] {
  const m = e.measure!;
  const [a] = alertData(m, 'demo');
  const model = a.model as Record<string, unknown>;
  const fires: Fire[] = [];
  const daily = dsquery(url, { ...model, interval: '1d', intervalMs: 86_400_000, maxDataPoints: 1000 }, from, to);
  for (const frame of daily) {
    const times = (frame.data?.values[0] ?? []) as number[];
    for (const s of seriesOf([frame])) {
      s.values.forEach((v, i) => {
        if ((v ?? 0) <= m.above) return;
        const day = times[i];
        const only = Object.entries(s.labels).map(([k, val]) => (val === '-' ? `NOT _exists_:${k}` : `${k}:"${val}"`));
        // One group left, so a size of 1 per level: the backend's bucket budget is divided by the group sizes.
        const groupBy = (model.groupBy as Array<Record<string, unknown>>).map((g) => ({ ...g, size: 1 }));
        const narrowed = {
          ...model,
          groupBy,
          query: [`(${String(model.query)})`, ...only].join(' AND '),
          interval: '1m',
          intervalMs: 60_000,
          maxDataPoints: 2000,
        };
        const minutes = new Map<number, number>();
        // Six hours a call keeps the per-minute buckets under the backend's bucket budget, which would widen them.
        for (
          let at = Math.max(from, day - m.windowSeconds * 1000);
          at < Math.min(to, day + 86_400_000);
          at += SIX_HOURS
        ) {
          for (const f of dsquery(url, narrowed, at, Math.min(to, at + SIX_HOURS))) {
            const t = (f.data?.values[0] ?? []) as number[];
            if (t.length > 1 && t.some((x, k) => k > 0 && x - t[k - 1] !== 60_000))
              throw new Error(`expected one-minute buckets, got ${t[1] - t[0]} ms`);
            for (const sm of seriesOf([f]))
              sm.values.forEach((c, j) => minutes.set(t[j], (minutes.get(t[j]) ?? 0) + (c ?? 0)));
          }
        }
        // Grafana at minute t sums the buckets of (t - window, t]; max-reduced rules compare one bucket.
        const span = m.reducer === 'sum' ? m.windowSeconds / 60 : 1;
        for (const t of minutes.keys()) {
          let sum = 0;
          for (let k = 0; k < span; k++) sum += minutes.get(t - k * 60_000) ?? 0;
          if (sum > m.above) fires.push({ at: t + 60_000, labels: s.labels });
        }
      });
    }
  }
  return fires;
}

describe('converted Sigma rules on the demo month', () => {
  let month: DemoMonth;
  beforeAll(async () => {
    if (!existsSync(DSQUERY))
      throw new Error(`${DSQUERY} is missing: build it with node datasource-plugin/scripts/build-backend.mjs`);
    month = process.env.KANSA_TEST_DEMO_READONLY === '1' ? readDemoMonth(DEMO_MONTH_DIR) : await ensureDemoMonth();
  });

  it('covers every fixture with a rule', () => {
    expect(alerting.map(fixtureOf).sort()).toEqual(readdirSync(FIXTURES).sort());
  });

  it.each(alerting.map((e) => ({ fixture: fixtureOf(e), e })))(
    '$fixture fires on its attack scenario',
    ({ fixture, e }) => {
      const s = month.scenarios.find((x) => x.id === EXPECTED[fixture])!;
      const start = Date.parse(s.start);
      const end = Date.parse(s.end) + e.measure!.windowSeconds * 1000 + 120_000;
      const fires = firesOver(process.env.OPENSEARCH_URL!, e, Date.parse(month.from), Date.parse(month.to));
      const during = fires.filter((f) => f.at >= start && f.at <= end);
      const outside = fires.filter((f) => f.at < start || f.at > end);
      process.stdout.write(
        `sigma demo: ${fixture}: fires ${during.length} minutes in ${s.id}, ${outside.length} outside it\n`,
      );
      expect(during.length).toBeGreaterThan(0);
      // Outside the scenario the rule fires only on another scenario's attack (a rule can see several).
      const inOther = (f: Fire) =>
        month.scenarios.some(
          (x) => f.at >= Date.parse(x.start) && f.at <= Date.parse(x.end) + e.measure!.windowSeconds * 1000 + 120_000,
        );
      expect(outside.filter((f) => !inOther(f))).toEqual([]);
    },
  );
});

const BENIGN_URL = process.env.KANSA_TEST_BENIGN_URL;
const BENIGN_DIR = process.env.KANSA_TEST_BENIGN_DIR;

(BENIGN_URL && BENIGN_DIR ? describe : describe.skip)('converted Sigma rules on the benign month', () => {
  it.each(alerting.map((e) => ({ fixture: fixtureOf(e), e })))('$fixture stays silent', ({ e }) => {
    const month = readDemoMonth(BENIGN_DIR!);
    expect(firesOver(BENIGN_URL!, e, Date.parse(month.from), Date.parse(month.to))).toEqual([]);
  });
});
