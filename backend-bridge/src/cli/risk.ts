import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UsageError } from './usage';
import { generate, PROFILES, type Scenario } from '../demo/generate';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import { runDemoMonth } from '../evaluation/demo-run';
import { evaluate, type EvalMetrics } from '../evaluation/metrics';
import { observeDemoMonth } from '../evaluation/month';
import { printPopulations, runPopulation } from '../evaluation/population/run';
import { HELD_BACK, TUNING } from '../evaluation/population/shapes';
import { replay } from '../evaluation/replay';
import { DEFAULT_HOLIDAYS_FILE, loadHolidays } from '../risk/holidays';
import { LocalTime } from '../risk/localtime';
import { rebuild } from '../risk/rebuild';
import { RiskEngine } from '../risk/score/engine';
import type { UserDay } from '../risk/score/day';
import { DEFAULT_SETTINGS, type RiskSettings } from '../risk/settings';

export const RISK_USAGE = `usage: kansa risk rebuild --from YYYY-MM-DD --to YYYY-MM-DD [--tz ZONE] [--holidays FILE]
  Forgets the learned profiles and learns again from the events stored in OpenSearch (OPENSEARCH_URL),
  day by day (local days in --tz, default Asia/Tokyo): each day is scored against the days before it,
  its summaries in kansa-risk-* and the marks on its events are replaced, and the profiles as of --to
  are saved in kansa-state-risk for the bridge to carry on from. Put --from at the start of the
  baseline you want (10 active days until a user's scores are fully trusted).
usage: kansa risk eval [--seed N] [--scenario-shift K] [--dir DIR] [--benign-dir DIR] [--import]
  Benchmarks the scorer on a generated demo month (scenarios in the second half) and its benign twin:
  user-day ROC-AUC and PR-AUC, the share of insider scenarios flagged within a budget of 1 % of users
  per day, and false-positive users per day. Months are generated into .kansa/ if missing. By default
  the raw files are translated in memory with the import's engine; --import imports the month into
  OpenSearch with \`kansa demo\` and scores it with \`kansa risk rebuild\` (the benign month stays in memory).
  --scenario-shift K moves the single-day scenarios K working days later (a different timing).
usage: kansa risk eval --populations tuning|held-back|all [--dir ROOT]
  Benchmarks the scorer on generated companies shaped independently of the demo (evaluation/population/shapes.ts:
  sizes, shifts and night work, noise, naming, zones; four insider kinds spread, spiked or disguised),
  generated into ROOT (default .kansa/risk-populations) if missing and translated in memory like an import.
  Prints per population the user-day ROC-AUC, insiders caught within 1 % of users per day, benign users
  flagged per day, and per insider caught or missed and why. The held-back populations are for reporting
  only: do not tune the defaults on them.`;

export async function riskCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'rebuild') return rebuildCommand(rest, io);
  if (sub === 'eval') return evalCommand(rest, io);
  throw new UsageError(`kansa risk: expected "rebuild" or "eval", got "${sub ?? ''}"`);
}

function settingsFrom(values: { tz?: string; holidays?: string }): RiskSettings {
  const timeZone = values.tz ?? DEFAULT_SETTINGS.timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new UsageError(`kansa risk: --tz expected an IANA zone such as Asia/Tokyo, got "${timeZone}"`);
  }
  let holidays: Set<string>;
  try {
    holidays = loadHolidays(values.holidays ?? DEFAULT_HOLIDAYS_FILE);
  } catch (err) {
    throw new UsageError(`kansa risk: --holidays: ${(err as Error).message}`);
  }
  return { ...DEFAULT_SETTINGS, timeZone, holidays };
}

const isDate = (s: string | undefined): s is string =>
  !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

async function rebuildCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' }, holidays: { type: 'string' } },
  });
  if (!isDate(values.from))
    throw new UsageError(`kansa risk rebuild: --from expected a date as YYYY-MM-DD, got "${values.from ?? ''}"`);
  if (!isDate(values.to))
    throw new UsageError(`kansa risk rebuild: --to expected a date as YYYY-MM-DD, got "${values.to ?? ''}"`);
  if (values.to < values.from)
    throw new UsageError(`kansa risk rebuild: --to ${values.to} is before --from ${values.from}`);
  const settings = settingsFrom(values);
  const url = openSearchUrl();
  const client = createClient(url);
  try {
    const r = await rebuild(client, settings, values.from, values.to, (date, users, obs) =>
      io.stderr.write(`${date}: ${obs} events about users, ${users} users scored\n`),
    );
    printTop(r.scored, io.stdout);
    io.stdout.write(
      `rebuilt ${r.days} days: ${r.summaries} daily summaries, ${r.marked} events marked, ${r.observations} events read\n`,
    );
    for (const e of r.errors.slice(0, 20)) io.stderr.write(`kansa risk rebuild: refused: ${e}\n`);
    return r.errors.length > 0 ? 1 : 0;
  } catch (err) {
    io.stderr.write(`kansa risk rebuild: OpenSearch at ${redactUrl(url)}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await client.close();
  }
}

function printTop(days: UserDay[][], out: Writable): void {
  for (const d of days) {
    const top = d.filter((u) => u.score > 0).slice(0, 3);
    if (top.length === 0) continue;
    out.write(
      `${LocalTime.dateOf(top[0].day)}  ${top.map((u) => `${u.user} ${u.score}${u.reasons[0] ? ` (${u.reasons[0].ja})` : ''}`).join(' | ')}\n`,
    );
  }
}

const START = '2026-10-01';

interface MonthMeta {
  users: number;
  year: number;
  timeZone: string;
  scenarios: Scenario[];
}

async function evalCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      populations: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'scenario-shift': { type: 'string', default: '0' },
      dir: { type: 'string' },
      'benign-dir': { type: 'string' },
      import: { type: 'boolean', default: false },
    },
  });
  if (values.populations !== undefined)
    return populationsCommand(values.populations, values.dir ?? join('.kansa', 'risk-populations'), io);
  const seed = Number(values.seed);
  const shift = Number(values['scenario-shift']);
  if (!Number.isInteger(seed) || seed < 0)
    throw new UsageError(`kansa risk eval: --seed expected a non-negative integer, got "${values.seed}"`);
  if (!Number.isInteger(shift) || shift < 0)
    throw new UsageError(
      `kansa risk eval: --scenario-shift expected a non-negative integer, got "${values['scenario-shift']}"`,
    );
  const profile = PROFILES.default;
  const dir = values.dir ?? join('.kansa', `demo-default-seed${seed}${shift ? `-shift${shift}` : ''}`);
  const benignDir = values['benign-dir'] ?? join('.kansa', `demo-default-benign-seed${seed}`);
  for (const [out, benign] of [
    [dir, false],
    [benignDir, true],
  ] as const) {
    if (existsSync(join(out, 'scenarios.json'))) continue;
    io.stderr.write(`kansa risk eval: generating ${benign ? 'the benign' : 'the'} month into ${out}\n`);
    generate({ out, seed, days: profile.days, users: profile.users, start: START, benign, scenarioShift: shift });
  }
  const settings = settingsFrom({ holidays: join(dir, 'holidays.txt') });
  const engine = new RiskEngine(settings);
  const meta = JSON.parse(readFileSync(join(dir, 'scenarios.json'), 'utf8')) as MonthMeta;
  let days: UserDay[][];
  if (values.import) {
    const code = await runDemoMonth({ out: dir, seed, ...profile, benign: false, force: false }, io);
    if (code !== 0) return code;
    const client = createClient();
    try {
      const to = LocalTime.dateOf(LocalTime.dayOf(START) + profile.days - 1);
      days = (await rebuild(client, settings, START, to)).scored;
    } finally {
      await client.close();
    }
  } else {
    io.stderr.write(`kansa risk eval: translating ${dir}\n`);
    days = replay(engine, await observeDemoMonth(dir, meta.year, meta.timeZone)).days;
  }
  io.stderr.write(`kansa risk eval: translating ${benignDir}\n`);
  const benignMeta = JSON.parse(readFileSync(join(benignDir, 'scenarios.json'), 'utf8')) as MonthMeta;
  const benignDays = replay(
    new RiskEngine(settings),
    await observeDemoMonth(benignDir, benignMeta.year, benignMeta.timeZone),
  ).days;
  const m = evaluate(days, meta.scenarios, meta.users, settings.flagScore, engine.clock);
  const b = evaluate(benignDays, [], benignMeta.users, settings.flagScore, engine.clock);
  report(io.stdout, dir, seed, shift, m, b, benignDays, settings.flagScore, benignMeta.users);
  return 0;
}

async function populationsCommand(
  which: string,
  root: string,
  io: { stdout: Writable; stderr: Writable },
): Promise<number> {
  const sets: Record<string, typeof TUNING> = {
    tuning: TUNING,
    'held-back': HELD_BACK,
    all: [...TUNING, ...HELD_BACK],
  };
  const shapes = sets[which];
  if (!shapes) throw new UsageError(`kansa risk eval: --populations expected tuning, held-back or all, got "${which}"`);
  const results = [];
  for (const shape of shapes)
    results.push(await runPopulation(shape, root, {}, (line) => io.stderr.write(`kansa risk eval: ${line}\n`)));
  printPopulations(results, io.stdout);
  return 0;
}

function report(
  out: Writable,
  dir: string,
  seed: number,
  shift: number,
  m: EvalMetrics,
  b: EvalMetrics,
  benignDays: UserDay[][],
  flag: number,
  users: number,
): void {
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const f3 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
  out.write(`month ${dir} (seed ${seed}, scenario shift ${shift}, ${users} users)\n`);
  out.write(`  user-days ${m.userDays}, insider positives ${m.positives}\n`);
  out.write(`  ROC-AUC ${f3(m.rocAuc)} (target ≥ 0.9)   PR-AUC ${f3(m.prAuc)}\n`);
  out.write(
    `  with every user scenario as positive: ROC-AUC ${f3(m.rocAucAllScenarios)}   PR-AUC ${f3(m.prAucAllScenarios)}\n`,
  );
  out.write(
    `  insider scenarios flagged within ${m.budgetPerDay} users/day (1 %): ${m.insider.filter((x) => x.flagged).length}/${m.insider.length} = ${pct(m.flaggedShare)} (target ≥ 80 %)\n`,
  );
  for (const s of m.insider)
    out.write(
      `    ${s.flagged ? '✔' : '✘'} ${s.id} (${s.who}) best rank ${s.bestRank ?? '-'} score ${s.bestScore} on ${s.day ?? '-'}: ${s.reasons}\n`,
    );
  out.write(
    `  users/day at score ≥ ${flag} outside scenarios: ${m.falsePositiveUsersPerDay.toFixed(2)} (${pct(m.falsePositiveSharePerDay)})\n`,
  );
  const maxBenign = Math.max(0, ...benignDays.flat().map((u) => u.score));
  out.write(
    `benign month: users/day at score ≥ ${flag}: ${b.falsePositiveUsersPerDay.toFixed(2)} (${pct(b.falsePositiveSharePerDay)}, target ≤ 1 %); highest score ${maxBenign}\n`,
  );
}
