import type { Scenario } from '../demo/generate';
import { LocalTime } from '../risk/localtime';
import type { UserDay } from '../risk/score/day';
import { prAuc, rocAuc } from '../risk/stats/auc';

export interface EvalMetrics {
  userDays: number;
  positives: number;
  rocAuc: number;
  prAuc: number;
  /** AUCs when every scenario acted out by a directory user counts as positive (not only insider ones). */
  rocAucAllScenarios: number;
  prAucAllScenarios: number;
  budgetPerDay: number;
  insider: Array<{
    id: string;
    who: string;
    flagged: boolean;
    bestRank: number | null;
    bestScore: number;
    day: string | null;
    reasons: string;
  }>;
  flaggedShare: number;
  /** Mean share of directory users per day at or above the flag score, among user-days outside any scenario. */
  falsePositiveUsersPerDay: number;
  falsePositiveSharePerDay: number;
}

const isInsider = (s: Scenario) => /\binsider\b/.test(s.useCase);

/** User-day labels from the scenario file: a user-day is positive when the user acts out a scenario that day. */
export function evaluate(
  days: UserDay[][],
  scenarios: readonly Scenario[],
  directoryUsers: number,
  flagScore: number,
  clock: LocalTime,
): EvalMetrics {
  const userScenarios = scenarios.filter((s) => days.some((d) => d.some((u) => u.user === s.who)));
  const window = (s: Scenario) => [clock.dayIndex(Date.parse(s.start)), clock.dayIndex(Date.parse(s.end))] as const;
  const inWindow = (list: readonly Scenario[], user: string, day: number) =>
    list.some((s) => s.who === user && day >= window(s)[0] && day <= window(s)[1]);
  const insiders = userScenarios.filter(isInsider);
  const flat = days.flat();
  const labelled = flat
    .filter((u) => inWindow(insiders, u.user, u.day) || !inWindow(userScenarios, u.user, u.day))
    .map((u) => ({ score: u.score, positive: inWindow(insiders, u.user, u.day) }));
  const labelledAll = flat.map((u) => ({ score: u.score, positive: inWindow(userScenarios, u.user, u.day) }));
  const budget = Math.max(1, Math.round(directoryUsers * 0.01));
  const rankOf = new Map<string, number>();
  for (const d of days) d.forEach((u, i) => rankOf.set(`${u.user}@${u.day}`, i + 1));
  const insider = insiders.map((s) => {
    const [a, b] = window(s);
    const candidates = flat.filter((u) => u.user === s.who && u.day >= a && u.day <= b);
    let best: UserDay | undefined;
    for (const u of candidates)
      if (!best || rankOf.get(`${u.user}@${u.day}`)! < rankOf.get(`${best.user}@${best.day}`)!) best = u;
    const bestRank = best ? rankOf.get(`${best.user}@${best.day}`)! : null;
    return {
      id: s.id,
      who: s.who,
      flagged: best !== undefined && bestRank! <= budget && best.score > 0,
      bestRank,
      bestScore: best?.score ?? 0,
      day: best ? LocalTime.dateOf(best.day) : null,
      reasons: best
        ? best.reasons
            .slice(0, 3)
            .map((r) => `${r.en} (+${r.contribution})`)
            .join(' / ')
        : '',
    };
  });
  const fpPerDay = days
    .filter((d) => d.length > 0)
    .map((d) => d.filter((u) => u.score >= flagScore && !inWindow(userScenarios, u.user, u.day)).length);
  const fpMean = fpPerDay.length > 0 ? fpPerDay.reduce((x, y) => x + y, 0) / fpPerDay.length : 0;
  return {
    userDays: labelled.length,
    positives: labelled.filter((x) => x.positive).length,
    rocAuc: rocAuc(labelled),
    prAuc: prAuc(labelled),
    rocAucAllScenarios: rocAuc(labelledAll),
    prAucAllScenarios: prAuc(labelledAll),
    budgetPerDay: budget,
    insider,
    flaggedShare: insider.length > 0 ? insider.filter((x) => x.flagged).length / insider.length : NaN,
    falsePositiveUsersPerDay: fpMean,
    falsePositiveSharePerDay: fpMean / Math.max(1, directoryUsers),
  };
}
