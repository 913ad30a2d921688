import { FIELD as F } from '@kansa/schema/fields';

import type { RuleSettings } from './model';

const minutesOf = (hhmm: string): number => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59) {
    throw new Error(`time of day expected as HH:MM, got "${hhmm}"`);
  }
  return Number(m[1]) * 60 + Number(m[2]);
};

/** Minutes the zone is ahead of UTC on a given day (Intl knows DST). */
export function zoneOffsetMinutes(timezone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .formatToParts(at)
    .reduce<Record<string, number>>(
      (acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }),
      {},
    );
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return Math.round((asUtc - Math.floor(at.getTime() / 60000) * 60000) / 60000);
}

const range = (from: string, to: string) => `${F.timestamp}:["${from}" TO "${to}"}`;
const offset = (m: number) => (m >= 0 ? `+${m}m` : `${m}m`);

/**
 * Lucene for "late at night or on a day off, local time" as OpenSearch date math relative to now, so a rule
 * evaluated at any moment selects only off-hours events of its window. The zone's offset is taken at `at`
 * (the installer runs it again when DST moves it).
 */
export function offHours(s: RuleSettings, weeklyHolidays: number[] = [0, 6], at = new Date()): string {
  const tz = zoneOffsetMinutes(s.timezone, at);
  const start = minutesOf(s.lateNightStart) - tz;
  let end = minutesOf(s.lateNightEnd) - tz;
  if (end <= start) {
    end += 1440;
  }
  const nights = ['now-1d/d', 'now/d'].map((day) => range(`${day}${offset(start)}`, `${day}${offset(end)}`));
  const weekends = ['now-1w/w', 'now/w'].flatMap((week) =>
    weeklyHolidays.map((wd) => {
      const from = ((wd + 6) % 7) * 1440 - tz;
      return range(`${week}${offset(from)}`, `${week}${offset(from + 1440)}`);
    }),
  );
  const holidays = s.holidays.map((day) => {
    const [y, m, d] = day.split('-').map(Number);
    const from = Date.UTC(y, m - 1, d) - tz * 60000;
    return range(new Date(from).toISOString(), new Date(from + 86400000).toISOString());
  });
  return `(${[...nights, ...weekends, ...holidays].join(' OR ')})`;
}

export function excludedDepartments(s: RuleSettings): string {
  return s.offHoursDepartments.length === 0
    ? ''
    : `NOT ${F.kansaUserDepartment}:(${s.offHoursDepartments.map((d) => JSON.stringify(d)).join(' OR ')})`;
}
