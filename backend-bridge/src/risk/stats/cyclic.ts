/** Hours in a week: index = day of week (0 = Sunday) × 24 + hour, local time. */
export const HOURS_PER_WEEK = 168;

/**
 * Smoothing kernel over the week, treated as a cycle: the neighbouring hours of the same day and the
 * same hour on other days of the same kind (weekday or weekend) share some weight, so one missing
 * Tuesday at 08:00 is not "never active at 08:00". Sunday 23:00 is next to Monday 00:00.
 */
export function smoothedShare(histogram: readonly number[], hourOfWeek: number, prior = 1): number {
  const at = (h: number) => histogram[((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK] ?? 0;
  const day = Math.floor(hourOfWeek / 24);
  const hour = hourOfWeek % 24;
  const weekend = day === 0 || day === 6;
  let sameKind = 0;
  let kinds = 0;
  for (let d = 0; d < 7; d++) {
    if (d === day || (d === 0 || d === 6) !== weekend) continue;
    sameKind += at(d * 24 + hour) * 0.5 + (at(d * 24 + hour - 1) + at(d * 24 + hour + 1)) * 0.25;
    kinds++;
  }
  const own = at(hourOfWeek) * 0.5 + (at(hourOfWeek - 1) + at(hourOfWeek + 1)) * 0.25;
  const local = kinds > 0 ? 0.6 * own + 0.4 * (sameKind / kinds) : own;
  const total = histogram.reduce((a, b) => a + b, 0);
  return (local + prior / HOURS_PER_WEEK) / (total + prior);
}

/** Hour of week of an instant in a zone given by its offset at that instant (ms). */
export function hourOfWeek(epochMs: number, offsetMs: number): number {
  const d = new Date(epochMs + offsetMs);
  return d.getUTCDay() * 24 + d.getUTCHours();
}
