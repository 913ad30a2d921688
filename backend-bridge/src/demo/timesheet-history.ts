import type { Employee } from './company';
import type { Month } from './month';
import { Rng } from './rng';
import { DAY, HOUR, MINUTE, jst, jstDate, jstMidnight } from './time';

/** Months of timesheet before the period: the 36協定's longest average (6 months) is this and the period's month. */
export const HISTORY_MONTHS = 5;

/**
 * The overworked person's months before the period, oldest first: overtime hours on working days and hours of
 * work on Sundays (the 法定休日). With the period's own long second half (scenarios/agreement36-average.ts) the
 * 3-month average of overtime plus holiday work passes 80 h in the period's month, and no month reaches 100 h.
 */
const OVERWORKED_MONTHS: ReadonlyArray<{ overtime: number; sunday: number }> = [
  { overtime: 40, sunday: 0 },
  { overtime: 55, sunday: 0 },
  { overtime: 70, sunday: 0 },
  { overtime: 82, sunday: 8 },
  { overtime: 86, sunday: 8 },
];

const p2 = (n: number) => String(n).padStart(2, '0');

/** HH:MM in JST, 翌HH:MM past the day's midnight (a night shift's morning), as TimesheetBook writes it. */
function clock(t: number, day: number): string {
  const j = jst(t);
  return `${t >= day + DAY ? '翌' : ''}${p2(j.h)}:${p2(j.mi)}`;
}

/**
 * The attendance system's export of the months before the period, in timesheet.csv's columns. Kansa collects
 * logs from the period on, but the 36協定's 2-6-month averages and year to date reach back further, and an
 * employer has those months in its attendance system: the attendance view counts a month without logs from
 * the imported timesheet (datasource-plugin/pkg/attendance/history.go). Everyone reports their usual day (the
 * night shift its nights), with the department's overtime now and then; `overworked` reports long months.
 * Its own random stream, so no other demo file changes.
 */
export function timesheetHistoryRows(m: Month, overworked: Employee | undefined): string[] {
  const rng = new Rng((m.opts.seed ^ 0x4849_5354) >>> 0);
  const start = jst(m.t0 + HOUR);
  const rows: string[] = [];
  for (let k = HISTORY_MONTHS; k >= 1; k--) {
    const first = new Date(Date.UTC(start.y, start.mo - 1 - k, 1));
    const month = { y: first.getUTCFullYear(), mo: first.getUTCMonth() + 1 };
    const days: number[] = [];
    for (let day = jstMidnight(`${month.y}-${p2(month.mo)}-01`); jst(day + HOUR).mo === month.mo; day += DAY)
      days.push(day);
    const working = days.filter((day) => !m.isOffDay(day));
    const sundays = days.filter((day) => jst(day + HOUR).dow === 0);
    const plan = OVERWORKED_MONTHS[HISTORY_MONTHS - k];
    for (const day of days) {
      const date = jstDate(day + HOUR);
      for (const p of m.people) {
        const r = rng.fork(`${p.account}@${date}`);
        const name = `${p.account},${p.displayName},${p.dept.ja},${date.replace(/-/g, '/')}`;
        let arrive: number;
        let minutes: number;
        if (p === overworked) {
          // Overtime spread over the working days; holiday work on the month's first Sundays, 4 h each.
          if (m.isOffDay(day)) {
            const sunday = sundays.indexOf(day);
            if (sunday < 0 || sunday * 4 >= plan.sunday) continue;
            arrive = day + 10 * HOUR;
            minutes = 4 * 60;
          } else {
            arrive = day + 8 * HOUR + 30 * MINUTE;
            minutes = 9 * 60 + Math.round((plan.overtime * 60) / working.length);
          }
        } else {
          if (m.isOffDay(day) || r.chance(0.03)) {
            if (!m.isOffDay(day)) rows.push(`${name},,,,有休`);
            continue;
          }
          arrive = day + (p.arrive + Math.round(r.normal() * 12)) * MINUTE;
          minutes = p.workMinutes + Math.round(r.normal() * 15) + (r.chance(p.overtime) ? r.int(30, 180) : 0);
          // Day workers go home by 21:30, as in the period.
          if (!p.night) minutes = Math.min(minutes, Math.round((day + 21 * HOUR + 30 * MINUTE - arrive) / MINUTE));
        }
        const end = arrive + minutes * MINUTE;
        const breakMinutes = minutes > 6 * 60 ? 60 : 0;
        rows.push(`${name},${clock(arrive, day)},${clock(end, day)},${breakMinutes},`);
      }
    }
  }
  return rows;
}

/** timesheet.csv with the history's rows after its header (one export covering the months and the period). */
export function withHistory(csv: string, rows: string[]): string {
  if (rows.length === 0) return csv;
  const eol = csv.indexOf('\r\n');
  return `${csv.slice(0, eol + 2)}${rows.join('\r\n')}\r\n${csv.slice(eol + 2)}`;
}
