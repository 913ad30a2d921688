import type { Metric } from '../observe/observation';
import type { EvidenceDay, UserProfile } from '../profile/state';
import type { RiskSettings } from '../settings';
import { persistenceText, type Reason } from './reasons';

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

/** After a day is scored: the metrics its reasons name join the user's evidence days (those older than the window go). */
export function rememberEvidence(p: UserProfile, day: number, reasons: readonly Reason[], s: RiskSettings): void {
  const metrics = [
    ...new Set(
      reasons
        .filter((r) => r.contribution > 0)
        .map((r) => evidenceMetric(r.code, s))
        .filter((m): m is Metric => m !== undefined),
    ),
  ];
  const kept: EvidenceDay[] = (p.evidence ?? []).filter((e) => e.day > day - s.persistenceDays);
  if (metrics.length > 0) kept.push({ day, metrics });
  if (kept.length > 0 || p.evidence) p.evidence = kept;
}
