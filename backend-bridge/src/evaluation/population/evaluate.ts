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
  /**
   * The open-case measure (the product's review queue): on some day of the window the queue opened a case
   * for the insider or put the day's evidence in front of the analyst in an open case.
   */
  caughtAsCase: boolean;
  /** The first such day, the case's story and whether it was opened that day. */
  caseDay: string | null;
  caseStory: string | null;
  caseOpened: boolean;
  /**
   * Ranked within the budget against the population's other users only (the other planted insiders
   * left out): whether the scorer separates this insider from ordinary people, apart from the four
   * insiders competing for a slot of one user a day. The best such rank in the window.
   */
  caughtAlone: boolean;
  bestRankAlone: number | null;
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
  /** Mean per day of new cases the review queue opened for non-insider users (open-case measure). */
  benignCasesPerDay: number;
  /**
   * The ordinary people who are leaving or watchlisted: how many, their highest score and their
   * user-days at or above the flag score (a scorer that reads the flag shows here).
   */
  flaggedBenign: { users: number; maxScore: number; flagDays: number };
}

/** Per user, the days the review queue showed them (risk/score/queue.ts, run by the replay): story, and whether the day opened the case. */
function queueDays(days: readonly UserDay[][]): Map<string, Array<{ day: number; story: string; opened: boolean }>> {
  const seen = new Map<string, Array<{ day: number; story: string; opened: boolean }>>();
  for (const u of days.flat()) {
    if (!u.case) continue;
    const list = seen.get(u.user) ?? [];
    list.push({ day: u.day, story: u.case.story, opened: u.case.status === 'new' });
    seen.set(u.user, list);
  }
  return seen;
}

/**
 * The per-population numbers: a user-day is positive when it falls in an insider's window (local
 * dates, inclusive); an insider is caught when on one of those days they rank within the budget
 * (1 % of the directory's users per day, at least one) with a score above 0. Beside it the open-case
 * measure: caught when the review queue (as the bridge runs it: 1 % of the users it knows per day) opened
 * a case for them on one of those days, or showed their open case's new evidence.
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
  const cases = queueDays(days);
  // Per day, the non-insiders' scores from the highest: an insider's rank among them alone.
  const benignScores = new Map<number, number[]>();
  for (const d of days)
    if (d.length > 0)
      benignScores.set(
        d[0].day,
        d.filter((u) => !isInsider.has(u.user)).map((u) => u.score),
      );
  const rankAlone = (u: UserDay) => 1 + (benignScores.get(u.day) ?? []).filter((x) => x >= u.score).length;
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
    const asCase = (cases.get(i.who) ?? []).find((c) => c.day >= from && c.day <= to);
    const scored = mine.filter((u) => u.score > 0);
    const bestRankAlone = scored.length > 0 ? Math.min(...scored.map(rankAlone)) : null;
    return {
      caughtAlone: bestRankAlone !== null && bestRankAlone <= budget,
      bestRankAlone,
      caughtAsCase: asCase !== undefined,
      caseDay: asCase ? LocalTime.dateOf(asCase.day) : null,
      caseStory: asCase?.story ?? null,
      caseOpened: asCase?.opened ?? false,
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
  const flaggedBenign = new Set(meta.flaggedBenign ?? []);
  const flaggedDays = flat.filter((u) => flaggedBenign.has(u.user));
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
    flaggedBenign: {
      users: flaggedBenign.size,
      maxScore: Math.max(0, ...flaggedDays.map((u) => u.score)),
      flagDays: flaggedDays.filter((u) => u.score >= flagScore).length,
    },
    benignCasesPerDay:
      active.length > 0
        ? [...cases]
            .filter(([user]) => !isInsider.has(user))
            .reduce((n, [, c]) => n + c.filter((x) => x.opened).length, 0) / active.length
        : 0,
  };
}
