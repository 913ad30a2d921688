import { FIELD as F } from '@kansa/schema/fields';

import type { RuleSettings, ShiftCalendar } from './model';

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
const quoted = (names: string[]) => `(${names.map((n) => JSON.stringify(n)).join(' OR ')})`;

/** [start, end) in minutes after local midnight; end may pass 1440 (the next morning). */
type Span = [number, number];

/** The late-night window less the scheduled shift (tonight's, and last night's running into the morning). */
function nightsOffShift(night: Span, shift: Span | undefined): Span[] {
  if (!shift) {
    return [night];
  }
  let left: Span[] = [night];
  for (const [s, e] of [shift, [shift[0] - 1440, shift[1] - 1440] as Span]) {
    left = left.flatMap(([a, b]): Span[] =>
      e <= a || s >= b ? [[a, b]] : [...(a < s ? [[a, s] as Span] : []), ...(e < b ? [[e, b] as Span] : [])],
    );
  }
  return left;
}

/**
 * Where a calendar's day starts, minutes after midnight: midnight, or for a shift across midnight the middle of
 * the time off between two shifts, so a night shift that runs into a day off stays on the day it started (as
 * the attendance engine counts it) and an early arrival for the next one is not on the day off either.
 */
function dayStart(shift: Span | undefined): number {
  if (!shift || shift[1] <= 1440) {
    return 0;
  }
  const end = shift[1] - 1440;
  return Math.round(end + (shift[0] - end) / 2);
}

function shiftOf(name: string, c: ShiftCalendar): Span | undefined {
  if (c.shiftStart === undefined && c.shiftEnd === undefined) {
    return undefined;
  }
  if (c.shiftStart === undefined || c.shiftEnd === undefined) {
    throw new Error(`calendar ${name}: shiftStart and shiftEnd go together`);
  }
  const s = minutesOf(c.shiftStart);
  const e = minutesOf(c.shiftEnd);
  return [s, e > s ? e : e + 1440];
}

/** One group of people (the company's calendar, or one named calendar) and the ranges that are off-hours for it. */
export interface OffHoursGroup {
  /** Lucene selecting the group's events, empty for everyone. */
  who: string;
  ranges: string[];
  /** Ranges that are working time although they fall in one above (a rota's working days). */
  except: string[];
}

/**
 * Off-hours per calendar as OpenSearch date math relative to now, so a rule evaluated at any moment selects only
 * off-hours events of its window. A calendar of `s.calendars` (the directory's calendar column, on events as
 * kansa.user.calendar) has its own days off, and its scheduled shift is taken out of the late-night window:
 * a night shift's nights are its work, its days off are not. Everyone else has the company's late night,
 * weekends and holidays. The zone's offset is taken at `at` (the installer runs it again when DST moves it).
 */
export function offHoursGroups(s: RuleSettings, at = new Date()): OffHoursGroup[] {
  const tz = zoneOffsetMinutes(s.timezone, at);
  const lateStart = minutesOf(s.lateNightStart);
  const lateEnd = minutesOf(s.lateNightEnd);
  const night: Span = [lateStart, lateEnd > lateStart ? lateEnd : lateEnd + 1440];
  const dateStart = (day: string, from: number) => {
    const [y, m, d] = day.split('-').map(Number);
    return Date.UTC(y, m - 1, d) + (from - tz) * 60000;
  };
  const dates = (days: string[], from: number) =>
    days.map((day) => {
      const t = dateStart(day, from);
      return range(new Date(t).toISOString(), new Date(t + 86400000).toISOString());
    });
  const group = (who: string, c: ShiftCalendar, shift: Span | undefined): OffHoursGroup => {
    const from = dayStart(shift);
    const nights = nightsOffShift(night, shift).flatMap(([a, b]) =>
      ['now-1d/d', 'now/d'].map((day) => range(`${day}${offset(a - tz)}`, `${day}${offset(b - tz)}`)),
    );
    const weekends = ['now-1w/w', 'now/w'].flatMap((week) =>
      (c.weeklyHolidays ?? [0, 6]).map((wd) => {
        const start = ((wd + 6) % 7) * 1440 + from - tz;
        return range(`${week}${offset(start)}`, `${week}${offset(start + 1440)}`);
      }),
    );
    return {
      who,
      ranges: [...nights, ...weekends, ...dates(c.holidays ?? s.holidays, from)],
      except: dates(c.workingDays ?? [], from),
    };
  };
  const names = Object.keys(s.calendars).sort();
  return [
    group(names.length ? `NOT ${F.kansaUserCalendar}:${quoted(names)}` : '', {}, undefined),
    ...names.map((n) =>
      group(`${F.kansaUserCalendar}:${JSON.stringify(n)}`, s.calendars[n], shiftOf(n, s.calendars[n])),
    ),
  ];
}

/** Lucene for "off-hours for the person's calendar": the groups of offHoursGroups joined. */
export function offHours(s: RuleSettings, at = new Date()): string {
  const parts = offHoursGroups(s, at).map(({ who, ranges, except }) => {
    const when = `(${ranges.join(' OR ')})`;
    const notWorking = except.length ? ` AND NOT (${except.join(' OR ')})` : '';
    return who ? `(${who} AND ${when}${notWorking})` : `${when}${notWorking}`;
  });
  return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
}

export function excludedDepartments(s: RuleSettings): string {
  return s.offHoursDepartments.length === 0
    ? ''
    : `NOT ${F.kansaUserDepartment}:(${s.offHoursDepartments.map((d) => JSON.stringify(d)).join(' OR ')})`;
}
