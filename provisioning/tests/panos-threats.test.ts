import { spawnSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';

import { RULES } from '../../app-plugin/src/content/rules';
import { firing, reduce, seriesOf, thresholdGt, type FrameJson } from '../../app-plugin/src/content/rules/evaluate';
import { defaultSettings } from '../../app-plugin/src/content/rules/settings';
import { dropIndex, SEED_URL, seedIndex } from './seed';

// The demo company has no Palo Alto firewall, so cyber-ids-high-severity's PAN-OS half is shown here: the PAN-OS
// translator's golden events (the threat log lines of its fixture, as the translator writes them) in a private
// index, evaluated through kansa-dsquery as Grafana would.

const repo = join(__dirname, '..', '..');
const DSQUERY = join(repo, 'datasource-plugin/bin/kansa-dsquery');
const GOLDEN = join(
  repo,
  'backend-bridge/src/translators/panos/testdata/syslog-traffic-threat-url/case.expected.ndjson',
);
const settings = defaultSettings(RULES);

(SEED_URL ? describe : describe.skip)('cyber-ids-high-severity on PAN-OS threat records', () => {
  const index = 'kansa-test-panos-threats';
  const rule = RULES.find((r) => r.id === 'cyber-ids-high-severity')!;
  const events = readFileSync(GOLDEN, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const threats = events.filter((e) => e['event.kind'] === 'alert');
  beforeAll(async () => {
    expect(await seedIndex(SEED_URL!, index, events)).toEqual({ status: 200, errors: false });
  });
  afterAll(async () => {
    await dropIndex(SEED_URL!, index);
  });

  it('fires for the critical exploit against a LAN host, not for the C2 to an outside address or the medium virus', () => {
    // What makes the check worth running: three threats, of which only one is high or worse against 10/8.
    expect(threats.map((e) => [e['destination.ip'], e['event.severity']])).toEqual([
      ['10.2.0.10', 5],
      ['203.0.113.66', 5],
      ['10.1.20.15', 3],
    ]);
    const last = Math.max(...threats.map((e) => Date.parse(String(e['@timestamp']))));
    const at = last + 30_000;
    const q = rule.queries(settings)[0];
    const request = {
      settings: { url: SEED_URL, jsonData: { indexPattern: index } },
      queries: [{ ...q.query, refId: 'A', intervalMs: q.intervalMs, maxDataPoints: 43200 }],
      range: { from: new Date(at - q.fromSeconds * 1000).toISOString(), to: new Date(at).toISOString() },
    };
    const run = spawnSync(DSQUERY, ['query', '--request', '-'], { input: JSON.stringify(request), encoding: 'utf8' });
    if (run.status !== 0)
      throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
    const result = JSON.parse(run.stdout).results.A as { error?: string; frames?: FrameJson[] };
    expect(result.error ?? '').toBe('');
    const reduced = reduce(seriesOf(result.frames ?? []), rule.reducer);
    expect(reduced.map((i) => [i.labels['destination.ip'], i.labels['rule.name'], i.value])).toEqual([
      ['10.2.0.10', 'Apache HTTP Server Path Traversal Vulnerability', 1],
    ]);
    const fired = firing(thresholdGt(reduced, settings.thresholds[rule.id]));
    expect(fired.map((i) => i.labels['destination.ip'])).toEqual(['10.2.0.10']);
  });
});
