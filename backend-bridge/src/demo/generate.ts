import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { usersCsv } from './company';
import { background } from './day/background';
import { cloudDay } from './day/cloud-day';
import { idsDay } from './day/ids-day';
import { personDay } from './day/person-day';
import { sqlServerDay } from './day/sqlserver-day';
import { Month, type MonthOptions } from './month';
import { assetsCsv } from './render/assets';
import { castOf, type Cast } from './scenarios/cast';
import { SCENARIOS } from './scenarios';
import { ScenarioPlan } from './scenarios/plan';
import { Scene } from './scenarios/scene';
import { divergenceScenario } from './scenarios/timesheet-divergence';
import type { Scenario } from './scenarios/types';
import { DAY } from './time';
import { timesheetHistoryRows, withHistory } from './timesheet-history';

export type { Detection, Scenario } from './scenarios/types';
export type GenerateOptions = MonthOptions;

export interface GenerateResult {
  files: Array<{ name: string; lines: number; bytes: number }>;
  scenarios: Scenario[];
  users: number;
  days: number;
}

export const PROFILES: Record<string, { days: number; users: number }> = {
  default: { days: 30, users: 200 },
  small: { days: 7, users: 50 },
};

/** Writes a month of raw logs for a demo company into `out`; returns what it wrote. */
export function generate(opts: GenerateOptions): GenerateResult {
  const m = new Month(opts);
  const cast = castOf(m.people);
  const plan = new ScenarioPlan(m);
  const scene = new Scene(m, cast, plan);
  for (const s of SCENARIOS) {
    for (const [p, d] of s.present?.(plan, cast) ?? []) m.present.add(`${p.account}@${d}`);
    for (const [p, d] of s.replaces?.(plan, cast) ?? []) m.replaced.add(`${p.account}@${d}`);
  }
  const scenarioDays = SCENARIOS.map((s) => s.days(plan, cast));
  for (let d = 0; d < opts.days; d++) {
    const day = m.t0 + d * DAY;
    const rng = m.rng.fork(`day-${d}`);
    background(m, day, rng);
    for (const p of m.people) personDay(m, p, day, d, rng.fork(p.account));
    if (!opts.benign) {
      const scenarioRng = rng.fork('scenario');
      SCENARIOS.forEach((s, i) => scenarioDays[i].includes(d) && s.play(scene, d, scenarioRng));
    }
    cloudDay(m, day, d);
    sqlServerDay(m, day, d);
    idsDay(m, day, d);
    m.logs.flush(day + DAY);
  }
  const files = m.logs.close();
  const scenarios = scene.recorded.sort((x, y) =>
    x.start < y.start ? -1 : x.start > y.start ? 1 : x.id < y.id ? -1 : 1,
  );
  writeFiles(m, scenarios, cast);
  return { files, scenarios, users: m.people.length, days: opts.days };
}

/** The directory, the asset list, the timesheet, the holiday calendar and scenarios.json. */
function writeFiles(m: Month, scenarios: Scenario[], cast: Cast): void {
  const { out, days, benign, seed, start } = m.opts;
  writeFileSync(join(out, 'users.csv'), usersCsv(m.people));
  writeFileSync(join(out, 'assets.csv'), assetsCsv(m.people));
  // The attendance system's export: the months before the period (the 36協定's averages reach back), then the period.
  const period = m.book.csv(m.people, m.t0, days, (day) => m.isOffDay(day), benign);
  writeFileSync(
    join(out, 'timesheet.csv'),
    withHistory(period, timesheetHistoryRows(m, benign ? undefined : cast.overworked)),
  );
  // The 乖離 the timesheet just seeded, as a scenario (the gaps are chosen while it is written).
  const gap = divergenceScenario(m.book.seeded, m.people);
  if (gap) {
    scenarios.push(gap);
    scenarios.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.id < y.id ? -1 : 1));
  }
  writeFileSync(join(out, 'holidays.txt'), [...m.holidays].map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
  const meta = {
    company: '株式会社サンプル製作所 (demo)',
    seed,
    start,
    days,
    users: m.people.length,
    benign,
    timeZone: 'Asia/Tokyo',
    year: Number(start.slice(0, 4)),
    scenarios,
    // Seeded 乖離 between timesheet.csv and the logs (kansa timesheet import; the attendance divergence view).
    timesheetGaps: m.book.seeded,
  };
  writeFileSync(join(out, 'scenarios.json'), `${JSON.stringify(meta, null, 2)}\n`);
}
