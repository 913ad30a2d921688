import type { Metric } from '../observe/observation';
import type { EvidenceDay, UserProfile } from '../profile/state';
import type { RiskSettings } from '../settings';
import { median } from '../stats/robust';
import { persistenceText, standingText, type Reason } from './reasons';

/** The accumulated metric a volume or rolling-total reason code is about, if any. */
export function evidenceMetric(code: string, s: RiskSettings): Metric | undefined {
  const m = /^(?:volume|accumulated)-(.+)$/.exec(code)?.[1] as Metric | undefined;
  return m !== undefined && s.accumulationWeight[m] !== undefined ? m : undefined;
}

/** All cloud bytes and those to a service the department does not use: one story, scored once (day.ts). */
export const CLOUD_STORY: readonly Metric[] = ['cloudBytes', 'personalCloudBytes'];

export interface PersistencePart {
  code: string;
  en: string;
  ja: string;
  points: number;
  baseline: Record<string, unknown>;
}

/**
 * Slow, spread-out behaviour outranks a one-off spike: today's volume and rolling-total reasons of an
 * accumulated metric count again, in proportion to how many earlier days of the last `persistenceDays`
 * the same metric scored on (full weight from `persistenceFullDays` days). A first big day has no
 * earlier days and gets nothing, however large it is.
 */
export function persistencePart(
  p: UserProfile | undefined,
  day: number,
  today: ReadonlyArray<{ code: string; points: number }>,
  s: RiskSettings,
): PersistencePart | undefined {
  if (!p?.evidence || s.persistenceWeight <= 0) return undefined;
  const earlier = p.evidence.filter((e) => e.day < day && e.day > day - s.persistenceDays);
  const per: Array<{ metric: Metric; days: number; points: number }> = [];
  for (const x of today) {
    const metric = evidenceMetric(x.code, s);
    if (!metric || x.points <= 0) continue;
    const story = CLOUD_STORY.includes(metric) ? CLOUD_STORY : [metric];
    const days = earlier.filter((e) => e.metrics.some((m) => story.includes(m))).length;
    if (days > 0)
      per.push({ metric, days, points: x.points * s.persistenceWeight * Math.min(1, days / s.persistenceFullDays) });
  }
  if (per.length === 0) return undefined;
  const top = per.reduce((a, b) => (b.days > a.days ? b : a));
  return {
    ...persistenceText(
      per.map((x) => x.metric),
      top.days,
      s.persistenceDays,
    ),
    points: per.reduce((n, x) => n + x.points, 0),
    baseline: {
      windowDays: s.persistenceDays,
      fullDays: s.persistenceFullDays,
      weight: s.persistenceWeight,
      metrics: per.map((x) => ({ metric: x.metric, earlierDays: x.days, points: Math.round(x.points * 10) / 10 })),
    },
  };
}

/**
 * A story that scored on several recent days does not close because today added nothing to it: an
 * exfiltration spread over weeks has quiet days (a leaver mails on one day in two), and those days are
 * still inside it. When evidence of accumulated metrics not scored today stands on at least
 * `standingMinDays` of the last `standingDays` days, `standingWeight` times the median of those days'
 * strongest contributions counts today. It is not evidence itself (rememberEvidence ignores it), so
 * it ends `standingDays` after the last day that scored.
 */
export function standingPart(
  p: UserProfile | undefined,
  day: number,
  today: ReadonlyArray<{ code: string; points: number }>,
  s: RiskSettings,
): PersistencePart | undefined {
  if (!p?.evidence || s.standingWeight <= 0) return undefined;
  const scored = new Set<Metric>();
  for (const x of today) {
    const m = evidenceMetric(x.code, s);
    if (m && x.points > 0) for (const y of CLOUD_STORY.includes(m) ? CLOUD_STORY : [m]) scored.add(y);
  }
  const open = p.evidence.filter(
    (e) =>
      e.day < day && e.day > day - s.standingDays && e.points !== undefined && e.metrics.some((m) => !scored.has(m)),
  );
  if (open.length < s.standingMinDays) return undefined;
  const metrics = [...new Set(open.flatMap((e) => e.metrics.filter((m) => !scored.has(m))))];
  const typical = median(open.map((e) => e.points!));
  return {
    ...standingText(metrics, open.length, s.standingDays),
    points: typical * s.standingWeight,
    baseline: {
      windowDays: s.standingDays,
      minDays: s.standingMinDays,
      days: open.length,
      medianPoints: Math.round(typical * 10) / 10,
      weight: s.standingWeight,
      metrics,
    },
  };
}

/** After a day is scored: the metrics its reasons name join the user's evidence days (those older than the window go). */
export function rememberEvidence(p: UserProfile, day: number, reasons: readonly Reason[], s: RiskSettings): void {
  const evidence = reasons.filter((r) => r.contribution > 0 && evidenceMetric(r.code, s) !== undefined);
  const metrics = [...new Set(evidence.map((r) => evidenceMetric(r.code, s)!))];
  const kept: EvidenceDay[] = (p.evidence ?? []).filter(
    (e) => e.day > day - Math.max(s.persistenceDays, s.standingDays),
  );
  if (metrics.length > 0) kept.push({ day, metrics, points: Math.max(...evidence.map((r) => r.contribution)) });
  if (kept.length > 0 || p.evidence) p.evidence = kept;
}
