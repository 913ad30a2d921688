import { LocalTime } from '../risk/localtime';

export interface Schedule {
  every: 'monthly' | 'weekly';
  day: number;
  at: string;
}

/** The first run strictly after `after`: local `at` on the day of the month (monthly) or ISO weekday (weekly). */
export function nextRun(s: Schedule, after: Date, timezone: string): Date {
  const clock = new LocalTime(timezone);
  const [h, m] = s.at.split(':').map(Number);
  const today = clock.dayIndex(after.getTime());
  for (let day = today; day <= today + 62; day++) {
    const date = LocalTime.dateOf(day);
    const matches = s.every === 'monthly' ? Number(date.slice(8, 10)) === s.day : isoWeekday(day) === s.day;
    if (!matches) continue;
    const start = clock.dayStart(day);
    // Local wall time: the day's start plus the clock time, corrected if the offset changed since midnight.
    const guess = start + (h * 60 + m) * 60000;
    const at = guess - (clock.offsetMs(guess) - clock.offsetMs(start));
    if (at > after.getTime()) return new Date(at);
  }
  throw new Error(`no run of ${JSON.stringify(s)} within two months`);
}

const isoWeekday = (day: number) => ((LocalTime.weekday(day) + 6) % 7) + 1;

/** The month a run reports on: the previous month for a monthly report, the current one (so far) for a weekly one. */
export function reportMonth(s: Schedule, runAt: Date, timezone: string): string {
  const date = LocalTime.dateOf(new LocalTime(timezone).dayIndex(runAt.getTime()));
  const [y, mo] = date.split('-').map(Number);
  if (s.every === 'weekly') return date.slice(0, 7);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}
