const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC in ms at an instant. Cached per hour: Intl is far too slow per line. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const bucket = Math.floor(utcMs / HOUR_MS);
  // Log lines come in time order, and zonedToUtc asks for two hours (wall time and its UTC guess):
  // two remembered answers serve nearly every call without building a Map key.
  for (const r of recent) {
    if (r.bucket === bucket && r.timeZone === timeZone) return r.offset;
  }
  const offset = offsetAt(timeZone, bucket);
  const r = recent[nextRecent];
  nextRecent ^= 1;
  r.timeZone = timeZone;
  r.bucket = bucket;
  r.offset = offset;
  return offset;
}

const recent = [
  { timeZone: '', bucket: NaN, offset: 0 },
  { timeZone: '', bucket: NaN, offset: 0 },
];
let nextRecent = 0;

function offsetAt(timeZone: string, bucket: number): number {
  const key = `${timeZone}|${bucket}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const instant = bucket * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') {
      parts[p.type] = Number(p.value);
    }
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const offset = asUtc - instant;
  if (offsetCache.size > 10_000) {
    offsetCache.clear();
  }
  offsetCache.set(key, offset);
  return offset;
}

/** Local wall-clock time in a zone → the UTC instant. Month is 1-based. */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  timeZone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const first = wall - zoneOffsetMs(timeZone, wall);
  // Around a DST switch the offset at the result can differ from the one at the wall time.
  const second_ = wall - zoneOffsetMs(timeZone, first);
  return new Date(second_);
}

/** Validates an IANA zone name, so a typo in --tz fails at start rather than per line. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
