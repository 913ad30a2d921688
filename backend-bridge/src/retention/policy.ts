import type { KansaConfig } from '../config/schema';

export type RetentionConfig = KansaConfig['retention'];
export type Policy = RetentionConfig['policies'][number];
export type Hold = RetentionConfig['holds'][number];

const DAY = 86_400_000;

/** The policy deciding a source type's archive retention: the first listing it, else the default. */
export function archivePolicyFor(r: RetentionConfig, sourceType: string): { name: string; days?: number } {
  const p = r.policies.find((x) => x.sourceTypes.includes(sourceType));
  return p ? { name: p.name, days: p.archiveDays } : { name: 'default', days: r.defaultArchiveDays };
}

/** The longest archive retention of any class: what applies when a segment's classes are unknown. */
export function longestArchiveDays(r: RetentionConfig): number | undefined {
  const all = [r.defaultArchiveDays, ...r.policies.filter((p) => p.sourceTypes.length > 0).map((p) => p.archiveDays)];
  return all.some((d) => d === undefined) ? undefined : Math.max(...(all as number[]));
}

/** Start of the UTC day `days` before `now`: data whose time is before it has expired. */
export function cutoff(now: Date, days: number): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return new Date(d.getTime() - days * DAY);
}

/** Holds that cover a time range [from, to], optionally only those naming a user. */
export function holdsOverlapping(holds: Hold[], from: Date, to: Date): Hold[] {
  return holds.filter(
    (h) => (!h.from || Date.parse(h.from) <= to.getTime()) && (!h.to || Date.parse(h.to) >= from.getTime()),
  );
}

/** A hold only on a time range covers everything in it; a hold on a user covers that user's data. */
export function describeHold(h: Hold): string {
  const range = h.from || h.to ? ` ${h.from ?? '…'} – ${h.to ?? '…'}` : '';
  return `${h.name}${h.user ? ` (user ${h.user})` : ''}${range}`;
}
