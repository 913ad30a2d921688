import type { WorkdaySettings } from '../types';

/** The backend's built-in working-day rules (types.ts documents each), shown as placeholders. */
export const WORKDAY_DEFAULTS: Required<Omit<WorkdaySettings, 'holidays'>> & { holidays: string[] } = {
  timezone: 'Asia/Tokyo',
  standardDayMinutes: 480,
  breakThresholdMinutes: 60,
  graceMinutes: 30,
  lateNightStart: '22:00',
  lateNightEnd: '05:00',
  weeklyHolidays: [0, 6],
  holidays: [],
  restIntervalHours: 11,
  dayBoundaryHour: 5,
};

/** The defaults a query starts from: the data source's settings over the built-in ones. */
export function effectiveWorkday(dataSource?: WorkdaySettings): WorkdaySettings {
  return { ...WORKDAY_DEFAULTS, ...(dataSource ?? {}) };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/** Drops unset keys, and returns undefined when nothing is overridden, so that stored JSON stays minimal. */
export function compactWorkday(settings: WorkdaySettings): WorkdaySettings | undefined {
  const out: WorkdaySettings = {};
  for (const [key, value] of Object.entries(settings) as Array<[keyof WorkdaySettings, unknown]>) {
    if (value !== undefined && !(Array.isArray(value) && value.length === 0 && key === 'holidays')) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return Object.keys(out).length ? out : undefined;
}
