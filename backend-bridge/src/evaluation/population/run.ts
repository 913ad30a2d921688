import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { loadHolidays } from '../../risk/holidays';
import { RiskEngine } from '../../risk/score/engine';
import { DEFAULT_SETTINGS, type RiskSettings } from '../../risk/settings';
import { observeDemoMonth } from '../month';
import { replay } from '../replay';
import { evaluatePopulation, type InsiderResult, type PopulationResult } from './evaluate';
import { generatePopulation, type PopulationMeta } from './generate';
import { INSIDER_KINDS, type PopulationShape } from './shapes';

/** Where a population's files go: generated once, reused (delete the folder to regenerate). */
export const populationDir = (root: string, shape: PopulationShape) => join(root, `${shape.name}-seed${shape.seed}`);

/**
 * Generates (if missing) and scores one population the way production would see it: its raw files
 * through the import's translators and enrichment, then the scorer day by day from a fresh state.
 */
export async function runPopulation(
  shape: PopulationShape,
  root: string,
  settings: Partial<RiskSettings> = {},
  log?: (line: string) => void,
): Promise<PopulationResult> {
  const dir = populationDir(root, shape);
  let meta: PopulationMeta;
  if (existsSync(join(dir, 'scenarios.json')))
    meta = JSON.parse(readFileSync(join(dir, 'scenarios.json'), 'utf8')) as PopulationMeta;
  else {
    log?.(`generating ${shape.name} into ${dir}`);
    meta = generatePopulation(shape, dir);
  }
  log?.(`translating and scoring ${dir}`);
  const s: RiskSettings = {
    ...DEFAULT_SETTINGS,
    ...settings,
    timeZone: meta.timeZone,
    holidays: loadHolidays(join(dir, 'holidays.txt')),
  };
  const engine = new RiskEngine(s);
  const obs = await observeDemoMonth(dir, meta.year, meta.timeZone);
  return evaluatePopulation(replay(engine, obs).days, meta, s.flagScore);
}

const f3 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

/** The per-population table, the per-kind lines (caught or missed and why) and the summary against the targets. */
export function printPopulations(results: readonly PopulationResult[], out: Writable): void {
  out.write(
    'population                 set        users  user-days  pos  ROC-AUC  caught  as case  alone  budget  benign flags/day  benign cases/day  max benign\n',
  );
  for (const r of results) {
    const caught = r.insiders.filter((i) => i.caught).length;
    const asCase = r.insiders.filter((i) => i.caughtAsCase).length;
    const alone = r.insiders.filter((i) => i.caughtAlone).length;
    out.write(
      `${r.meta.population.padEnd(26)} ${(r.meta.heldBack ? 'held-back' : 'tuning').padEnd(10)} ${String(r.meta.users).padStart(5)}  ${String(r.userDays).padStart(9)}  ${String(r.positives).padStart(3)}  ${f3(r.rocAuc).padStart(7)}  ${`${caught}/${r.insiders.length}`.padStart(6)}  ${`${asCase}/${r.insiders.length}`.padStart(7)}  ${`${alone}/${r.insiders.length}`.padStart(5)}  ${String(r.budgetPerDay).padStart(6)}  ${r.benignFlagsPerDay.toFixed(2).padStart(16)}  ${r.benignCasesPerDay.toFixed(2).padStart(16)}  ${r.maxBenign.toFixed(1).padStart(10)}\n`,
    );
  }
  out.write(
    '\nordinary people leaving or watchlisted (not insiders): users, highest score, user-days at or above the flag score\n',
  );
  for (const r of results)
    out.write(
      `  ${r.meta.population.padEnd(26)} ${String(r.flaggedBenign.users).padStart(3)}  ${r.flaggedBenign.maxScore.toFixed(1).padStart(5)}  ${String(r.flaggedBenign.flagDays).padStart(3)}\n`,
    );
  out.write(
    `\nper insider (caught = ranked within the budget on some day of the activity; as case = the review queue opened a case for them then or showed their open case above the last new one; a user with an open case for the same story (${DEFAULT_SETTINGS.caseDays} days) takes no new slot; alone = ranked within the budget against the non-insiders only, the other planted insiders left out):\n`,
  );
  for (const r of results) {
    for (const i of r.insiders) {
      const why = i.caught
        ? `rank ${i.bestRank} score ${i.bestScore} on ${i.day}`
        : i.activeDays === 0
          ? 'never scored in the window'
          : i.scoredDays === 0
            ? `scored 0 on all ${i.activeDays} active days`
            : `best rank ${i.bestRank} score ${i.bestScore} on ${i.day}, the budget's last score that day was ${i.bar}`;
      const asCase = i.caughtAsCase
        ? `${i.caseOpened ? 'case opened' : 'open case updated'} ${i.caseDay} (${i.caseStory})`
        : 'not in the queue';
      const alone = i.bestRankAlone === null ? 'alone never above 0' : `alone best rank ${i.bestRankAlone}`;
      out.write(
        `  ${i.caught ? '✔' : '✘'}${i.caughtAsCase ? '✔' : '✘'}${i.caughtAlone ? '✔' : '✘'} ${r.meta.population} ${i.insider.kind} (${i.insider.style}, ${i.insider.who}): ${why}; ${asCase}; ${alone}; scored > 0 on ${i.scoredDays}/${i.activeDays} days${i.reasons ? ` — ${i.reasons}` : ''}\n`,
      );
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  for (const set of [false, true]) {
    const rs = results.filter((r) => r.meta.heldBack === set);
    if (rs.length === 0) continue;
    const measure = (caught: (i: InsiderResult) => boolean) => {
      const kinds = INSIDER_KINDS.filter((k) =>
        rs.every((r) => r.insiders.filter((i) => i.insider.kind === k).every(caught)),
      );
      const all = rs.flatMap((r) => r.insiders);
      const perKind = INSIDER_KINDS.map(
        (k) =>
          `${k} ${all.filter((i) => i.insider.kind === k && caught(i)).length}/${all.filter((i) => i.insider.kind === k).length}`,
      ).join(', ');
      return `kinds caught in every population ${kinds.length}/4 (target ≥ 3); per kind ${perKind}`;
    };
    out.write(
      `\n${set ? 'held-back' : 'tuning'}: mean ROC-AUC ${f3(mean(rs.map((r) => r.rocAuc)))} (target ≥ 0.9); benign flags/day ${f3(mean(rs.map((r) => r.benignFlagsPerDay)))} (target ≤ 1)\n` +
        `  ranked within the budget: ${measure((i) => i.caught)}\n` +
        `  as a new case (open cases take no slot): ${measure((i) => i.caughtAsCase)}\n` +
        `  alone (ranked against the non-insiders only): ${measure((i) => i.caughtAlone)}\n`,
    );
  }
}
