import { LocalTime } from '../../risk/localtime';
import type { UserDay } from '../../risk/score/day';
import { rocAuc } from '../../risk/stats/auc';
import type { PopulationInsider, PopulationMeta } from './generate';

export interface InsiderResult {
  insider: PopulationInsider;
  caught: boolean;
  /** The best day (lowest rank) within the insider's window. */
  bestRank: number | null;
  bestScore: number;
  day: string | null;
  /** Score of the last user inside the budget that day: what the insider had to beat. */
  bar: number;
  /** Days the insider was active (scored) in the window, and on how many they scored above 0. */
  activeDays: number;
  scoredDays: number;
  reasons: string;
}

export interface PopulationResult {
  meta: PopulationMeta;
  userDays: number;
  positives: number;
  rocAuc: number;
  budgetPerDay: number;
  insiders: InsiderResult[];
  /** Mean per day of non-insider users at or above the flag score. */
  benignFlagsPerDay: number;
  /** Highest score of a non-insider user-day. */
  maxBenign: number;
}

/**
 * The per-population numbers: a user-day is positive when it falls in an insider's window (local
 * dates, inclusive); an insider is caught when on one of those days they rank within the budget
 * (1 % of the directory's users per day, at least one) with a score above 0.
 */
export function evaluatePopulation(
  days: readonly UserDay[][],
  meta: PopulationMeta,
  flagScore: number,
): PopulationResult {
  const windows = meta.insiders.map((i) => ({ i, from: LocalTime.dayOf(i.start), to: LocalTime.dayOf(i.end) }));
  const isPositive = (u: UserDay) => windows.some((w) => w.i.who === u.user && u.day >= w.from && u.day <= w.to);
  const isInsider = new Set(meta.insiders.map((i) => i.who));
  const flat = days.flat();
  const labelled = flat.map((u) => ({ score: u.score, positive: isPositive(u) }));
  const budget = Math.max(1, Math.round(meta.users * 0.01));
  const rank = new Map<string, number>();
  const barOf = new Map<number, number>();
  for (const d of days) {
    d.forEach((u, k) => rank.set(`${u.user}@${u.day}`, k + 1));
    if (d.length > 0) barOf.set(d[0].day, d[Math.min(budget, d.length) - 1].score);
  }
  const insiders = windows.map(({ i, from, to }): InsiderResult => {
    const mine = flat.filter((u) => u.user === i.who && u.day >= from && u.day <= to);
    let best: UserDay | undefined;
    for (const u of mine)
      if (
        !best ||
        rank.get(`${u.user}@${u.day}`)! < rank.get(`${best.user}@${best.day}`)! ||
        (rank.get(`${u.user}@${u.day}`) === rank.get(`${best.user}@${best.day}`) && u.score > best.score)
      )
        best = u;
    const bestRank = best ? rank.get(`${best.user}@${best.day}`)! : null;
    return {
      insider: i,
      caught: best !== undefined && bestRank! <= budget && best.score > 0,
      bestRank,
      bestScore: best?.score ?? 0,
      day: best ? LocalTime.dateOf(best.day) : null,
      bar: best ? (barOf.get(best.day) ?? 0) : 0,
      activeDays: mine.length,
      scoredDays: mine.filter((u) => u.score > 0).length,
      reasons: best
        ? best.reasons
            .slice(0, 3)
            .map((r) => `${r.en} (+${r.contribution})`)
            .join(' / ')
        : '',
    };
  });
  const active = days.filter((d) => d.length > 0);
  const flags = active.map((d) => d.filter((u) => u.score >= flagScore && !isInsider.has(u.user)).length);
  return {
    meta,
    userDays: labelled.length,
    positives: labelled.filter((x) => x.positive).length,
    rocAuc: rocAuc(labelled),
    budgetPerDay: budget,
    insiders,
    benignFlagsPerDay: flags.length > 0 ? flags.reduce((a, b) => a + b, 0) / flags.length : 0,
    maxBenign: Math.max(0, ...flat.filter((u) => !isInsider.has(u.user)).map((u) => u.score)),
  };
}
