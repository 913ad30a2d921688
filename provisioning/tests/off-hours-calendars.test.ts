import { spawnSync } from 'child_process';
import { join } from 'path';

import { RULES } from '../../app-plugin/src/content/rules';
import { reduce, seriesOf, type FrameJson } from '../../app-plugin/src/content/rules/evaluate';
import { defaultSettings } from '../../app-plugin/src/content/rules/settings';
import { dropIndex, SEED_URL, seedIndex } from './seed';

// The late-night/day-off rule on seeded PC session events in a private index, through kansa-dsquery (the built
// plugin over go-plugin) against real OpenSearch, evaluated at fixed moments as Grafana would: the night shift's
// calendar (jp-night-shift, 21:00-06:00) keeps its nights and its Friday night's morning quiet, its day off is
// reported, and day workers (another calendar, or none) are reported at night as before.

const repo = join(__dirname, '..', '..');
const DSQUERY = join(repo, 'datasource-plugin/bin/kansa-dsquery');
const index = 'kansa-test-off-hours-calendars';
const rule = RULES.find((r) => r.id === 'attendance-off-hours')!;
const settings = defaultSettings(RULES);

/** PC unlocks at local (JST) times: who, their calendar (none: no directory entry), when. */
const EVENTS: Array<[string, string | undefined, string]> = [
  ['seed.night', 'jp-night-shift', '2026-10-28T23:30'], // Wednesday night: the shift
  ['seed.day', 'jp-standard', '2026-10-28T23:30'], // Wednesday night: late for a day worker
  ['seed.nodir', undefined, '2026-10-28T23:31'],
  ['seed.night', 'jp-night-shift', '2026-10-31T03:00'], // Friday's shift running into Saturday
  ['seed.day', 'jp-standard', '2026-10-31T03:00'],
  ['seed.night', 'jp-night-shift', '2026-10-31T15:00'], // Saturday afternoon: a day off
];

/** Who the rule counts when evaluated at a JST moment (its one-hour window ending then). */
function counted(jst: string): string[] {
  const at = Date.parse(`${jst}:00+09:00`);
  const q = rule.queries(settings)[0];
  const request = {
    settings: { url: SEED_URL, jsonData: { indexPattern: index } },
    queries: [
      {
        ...q.query,
        refId: 'A',
        query: q.query.query.replace(/"now/g, `"${new Date(at).toISOString()}||`),
        intervalMs: q.intervalMs,
        maxDataPoints: 43200,
      },
    ],
    range: { from: new Date(at - q.fromSeconds * 1000).toISOString(), to: new Date(at).toISOString() },
  };
  const run = spawnSync(DSQUERY, ['query', '--request', '-'], { input: JSON.stringify(request), encoding: 'utf8' });
  if (run.status !== 0) {
    throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
  }
  const result: { error?: string; frames?: FrameJson[] } = JSON.parse(run.stdout).results.A;
  expect(result.error ?? '').toBe('');
  return reduce(seriesOf(result.frames ?? []), rule.reducer)
    .filter((i) => i.value > 0)
    .map((i) => i.labels['user.name'])
    .sort();
}

(SEED_URL ? describe : describe.skip)('attendance-off-hours by working calendar, on real OpenSearch', () => {
  beforeAll(async () => {
    const docs = EVENTS.map(([user, calendar, jst]) => ({
      '@timestamp': new Date(`${jst}:00+09:00`).toISOString(),
      'user.name': user,
      'kansa.session.transition': 'start',
      'kansa.host.role': 'workstation',
      'kansa.user.department': '製造',
      ...(calendar ? { 'kansa.user.calendar': calendar } : {}),
    }));
    expect(await seedIndex(SEED_URL!, index, docs)).toEqual({ status: 200, errors: false });
  });
  afterAll(async () => {
    await dropIndex(SEED_URL!, index);
  });

  it('counts day workers late on a Wednesday, not the night shift on its shift', () => {
    expect(counted('2026-10-28T23:45')).toEqual(['seed.day', 'seed.nodir']);
  });

  it("counts a day worker at 03:00 on a Saturday, not the night shift finishing Friday's shift", () => {
    expect(counted('2026-10-31T03:30')).toEqual(['seed.day']);
  });

  it('counts the night shift working on its day off', () => {
    expect(counted('2026-10-31T15:30')).toEqual(['seed.night']);
  });
});
