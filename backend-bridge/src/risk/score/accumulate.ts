import type { Metric, UserInfo } from '../observe/observation';
import type { RiskState, UserProfile } from '../profile/state';
import type { RiskSettings } from '../settings';
import { mad, median, quantile } from '../stats/robust';
import { accumulatedText } from './reasons';

/** A rolling total that stands out, as a score part (see day.ts). */
export interface AccumulatedPart {
  code: string;
  en: string;
  ja: string;
  points: number;
  metric: Metric;
  baseline: Record<string, unknown>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const sig = (n: number) => Number(n.toPrecision(4));

/** Sum, largest day and active days of a profile's recent values in (from, to] (day indices). */
function windowSum(
  p: UserProfile | undefined,
  m: Metric,
  from: number,
  to: number,
): { sum: number; max: number; days: number } {
  let sum = 0;
  let max = 0;
  let days = 0;
  for (const r of p?.recent ?? []) {
    if (r.day <= from || r.day > to) continue;
    const v = r.v[m] ?? 0;
    sum += v;
    max = Math.max(max, v);
    days++;
  }
  return { sum, max, days };
}

/**
 * A window's total without its largest day: one big day (a customer's video, a manual printed once)
 * is the daily volume's news, not an accumulation; what is left has to come from several days.
 */
const trimmed = (w: { sum: number; max: number }, trim: boolean) => (trim ? w.sum - w.max : w.sum);

/**
 * Spread of daily values for a sum over days: max(1.4826·MAD, min((p90 − median)/1.2816, SD), floor).
 * The p90 term keeps a sparse habit (uploads on two days in five, MAD 0) from making every ordinary
 * window an outlier, as for the daily volumes; but for a sum it overstates such a habit's spread (a
 * day in five at 50 MB has p90 − median = 50 MB, SD 20 MB), which hid a habit that doubled. The SD is
 * the spread a sum of independent days grows with; a single big day in the past still raises it.
 */
function spread(values: readonly number[], floor: number): number {
  const med = median(values);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length - 1));
  const tail = (quantile(values, 0.9) - med) / 1.2816;
  return Math.max(1.4826 * mad(values), Math.min(tail, sd), floor);
}

/**
 * Peer totals per department, metric and window, as of yesterday (today's values of the others are
 * not known yet when a user is scored): computed once per day.
 */
export class PeerTotals {
  private readonly cache = new Map<string, Map<string, number>>();

  constructor(
    private readonly state: RiskState,
    private readonly day: number,
    private readonly trim: ReadonlySet<Metric>,
  ) {}

  /** user → total over the window ending yesterday, for every member of the department. */
  of(department: string, m: Metric, w: number): Map<string, number> {
    const key = `${department}\u0000${m}\u0000${w}`;
    let totals = this.cache.get(key);
    if (!totals) {
      totals = new Map();
      for (const p of Object.values(this.state.users))
        if (p.info.department === department && (p.recent?.length ?? 0) > 0)
          totals.set(p.user, trimmed(windowSum(p, m, this.day - w, this.day - 1), this.trim.has(m)));
      this.cache.set(key, totals);
    }
    return totals;
  }
}

/**
 * Rolling totals over 7/14/28 days of the metrics where data leaves (cloud storage, web mail, mail to
 * personal domains, printing, sensitive reads), each against the user's own days before the window
 * and against the department's totals over the same window: a slow drift scores although no single
 * day is unusual. Both comparisons must agree (the smaller z counts); with only one available it
 * counts for less. Per metric the strongest window is kept. Totals of the metrics where innocent
 * one-off days are common (settings.accumulationTrim) leave out the window's largest day.
 */
export function accumulatedParts(
  p: UserProfile | undefined,
  info: UserInfo,
  today: Partial<Record<Metric, number>>,
  day: number,
  s: RiskSettings,
  peers: PeerTotals,
  leaving: boolean,
): AccumulatedPart[] {
  const out: AccumulatedPart[] = [];
  for (const [metric, weight] of Object.entries(s.accumulationWeight) as Array<[Metric, number]>) {
    const floor = s.accumulationMinScale[metric] ?? s.volumeMinScale[metric];
    let best: AccumulatedPart | undefined;
    for (const w of s.accumulationWindows) {
      const win = windowSum(p, metric, day - w, day - 1);
      const now = today[metric] ?? 0;
      const trim = s.accumulationTrim.includes(metric);
      const total = trimmed({ sum: win.sum + now, max: Math.max(win.max, now) }, trim);
      // Active days in the window (the largest left out when trimmed).
      const days = win.days + (trim ? 0 : 1);
      if (days < 1 || total < floor * 2) continue;
      // Own past: the active days before the window, within what the profile keeps.
      const prior = (p?.recent ?? [])
        .filter((r) => r.day <= day - w && r.day > day - s.recentDays)
        .map((r) => r.v[metric] ?? 0);
      let zOwn: number | undefined;
      let expected: number | undefined;
      if (prior.length >= s.minPriorDays) {
        const mean = prior.reduce((a, b) => a + b, 0) / prior.length;
        expected = mean * days;
        zOwn = (total - expected) / (spread(prior, floor) * Math.sqrt(days));
      }
      // The department: the others' totals over the same window.
      const others = [...peers.of(info.department, metric, w)].filter(([u]) => u !== p?.user).map(([, v]) => v);
      let zPeer: number | undefined;
      let peerMedian: number | undefined;
      if (others.length >= s.minPeers) {
        peerMedian = median(others);
        zPeer = (total - peerMedian) / spread(others, floor * Math.sqrt(days));
      }
      const both =
        zOwn !== undefined && zPeer !== undefined ? Math.min(zOwn, zPeer) : (zOwn ?? zPeer ?? -Infinity) * 0.8;
      // Far above the user's own long past counts on its own, for less: a department that does the same
      // thing heavily (its own cloud service, its printing) hides a member's new habit from the peer comparison.
      const ownOnly =
        s.ownPastFactor > 0 && zOwn !== undefined && prior.length >= s.ownPastMinDays
          ? zOwn * s.ownPastFactor
          : -Infinity;
      const z = Math.max(both, ownOnly);
      if (z <= s.accumulationZ) continue;
      const mail = metric === 'personalMails' || metric === 'personalMailBytes';
      const factor = mail && leaving ? s.leaverMailFactor : 1;
      const points = weight * factor * Math.min(60, 4 * (z - s.accumulationZ) + 8);
      if (best && best.points >= points) continue;
      best = {
        ...accumulatedText(metric, w, total, expected, peerMedian),
        points,
        metric,
        baseline: {
          metric,
          windowDays: w,
          total: sig(total),
          activeDays: days,
          ownExpected: expected === undefined ? null : sig(expected),
          ownPriorDays: prior.length,
          zOwn: zOwn === undefined ? null : round1(zOwn),
          peerMedian: peerMedian === undefined ? null : sig(peerMedian),
          peers: others.length,
          zPeer: zPeer === undefined ? null : round1(zPeer),
          ...(ownOnly > both ? { ownPastFactor: s.ownPastFactor } : {}),
          ...(factor !== 1 ? { leaverFactor: factor } : {}),
        },
      };
    }
    if (best) out.push(best);
  }
  // Messages and their bytes to personal domains tell one story: keep the stronger.
  const n = out.find((x) => x.metric === 'personalMails');
  const b = out.find((x) => x.metric === 'personalMailBytes');
  if (n && b) out.splice(out.indexOf(n.points > b.points ? b : n), 1);
  return out;
}
