import { zoneOffsetMinutes } from '../content/rules/off-hours';

/** Local midnight of a YYYY-MM-DD day in a zone, as an instant. */
export function localMidnight(day: string, timezone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const guess = new Date(Date.UTC(y, m - 1, d));
  return new Date(guess.getTime() - zoneOffsetMinutes(timezone, guess) * 60000);
}

/** The local month YYYY-MM as [first midnight, next month's first midnight). */
export function monthRange(month: string, timezone: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) {
    throw new Error(`month expected as YYYY-MM, got "${month}"`);
  }
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}`;
  return { from: localMidnight(`${month}-01`, timezone), to: localMidnight(`${next}-01`, timezone) };
}

export const hours = (minutes: number) => (minutes / 60).toFixed(1);

/** Lucene value with specials escaped, for values users type into filters. */
export const luceneValue = (v: string) => (/^[\w.*@-]+$/.test(v) ? v : JSON.stringify(v));

/** The local YYYY-MM-DD an instant falls on in a zone. */
export const localDate = (at: number | Date, timezone: string) =>
  new Date(at).toLocaleDateString('sv-SE', { timeZone: timezone });

/** The start of the local day after the one an instant falls on; by the calendar, as a local day can be 23 or 25 h. */
export function nextLocalMidnight(at: number | Date, timezone: string): Date {
  const [y, m, d] = localDate(at, timezone).split('-').map(Number);
  return localMidnight(new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10), timezone);
}
