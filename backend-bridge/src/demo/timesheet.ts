import type { Employee } from './company';
import { Rng } from './rng';
import { DAY, HOUR, jst, jstDate, MINUTE } from './time';

/** A gap the demo writes into a timesheet on purpose, so the 乖離 view and rule have something to find. */
export interface SeededGap {
  account: string;
  date: string;
  kind: 'unreported-late-work' | 'unreported-early-start' | 'activity-on-reported-day-off';
}

const p2 = (n: number) => String(n).padStart(2, '0');

/**
 * The company's self-reported timesheet, as its attendance system would export it (generic Japanese
 * columns, UTF-8 with BOM as Excel saves it). Most people report what they did, give or take five minutes;
 * outside the benign month three people report less than the logs show, in the second half of the period.
 * Its own random stream, so no other demo file changes.
 */
export class TimesheetBook {
  private readonly rng: Rng;
  /** The day's first arrival and last departure per person, from every working session the demo wrote. */
  private readonly days = new Map<string, { p: Employee; day: number; arrive: number; leave: number }>();
  readonly seeded: SeededGap[] = [];

  constructor(seed: number) {
    this.rng = new Rng((seed ^ 0x5453_4854) >>> 0);
  }

  /** A session at the PC; a night shift belongs to the day it started (the session's start day in JST, 05:00 boundary). */
  session(p: Employee, arrive: number, leave: number): void {
    const day = workingDay(arrive);
    const key = `${p.account}@${day}`;
    const seen = this.days.get(key);
    if (seen) {
      seen.arrive = Math.min(seen.arrive, arrive);
      seen.leave = Math.max(seen.leave, leave);
    } else this.days.set(key, { p, day, arrive, leave });
  }

  /** Who worked the day starting at JST midnight `day`, with their first arrival and last departure. */
  worked(day: number): Array<{ p: Employee; arrive: number; leave: number }> {
    return [...this.days.values()].filter((s) => s.day === day);
  }

  /** The CSV for the period: a row per person and scheduled working day, and per day worked off schedule. */
  csv(people: Employee[], t0: number, days: number, isOffDay: (day: number) => boolean, benign: boolean): string {
    const actors = benign ? {} : pickActors(people);
    const half = t0 + Math.floor(days / 2) * DAY;
    const rows = ['\ufeffアカウント,氏名,所属,日付,出勤,退勤,休憩,休暇区分'];
    for (let d = 0; d < days; d++) {
      const day = t0 + d * DAY;
      const date = jstDate(day + HOUR);
      for (const p of people) {
        const worked = this.days.get(`${p.account}@${day}`);
        const rng = this.rng.fork(`${p.account}@${date}`);
        const name = `${p.displayName},${p.dept.ja},${date.replace(/-/g, '/')}`;
        if (!worked) {
          if (!isOffDay(day)) rows.push(`${p.account},${name},,,,有休`);
          continue;
        }
        let start = worked.arrive + rng.int(0, 5) * MINUTE;
        let end = worked.leave - rng.int(0, 5) * MINUTE;
        const late = day >= half && p === actors.late && rng.chance(0.6);
        const early = day >= half && p === actors.early && rng.chance(0.6);
        if (late) end = worked.leave - rng.int(90, 150) * MINUTE;
        if (early) start = worked.arrive + rng.int(60, 100) * MINUTE;
        if (
          day >= half &&
          p === actors.dayOff &&
          !isOffDay(day) &&
          this.seeded.filter((s) => s.account === p.account).length < 2
        ) {
          rows.push(`${p.account},${name},,,,有休`);
          this.seeded.push({ account: p.account, date, kind: 'activity-on-reported-day-off' });
          continue;
        }
        if (late) this.seeded.push({ account: p.account, date, kind: 'unreported-late-work' });
        if (early) this.seeded.push({ account: p.account, date, kind: 'unreported-early-start' });
        const breakMinutes = end - start > 6 * HOUR ? 60 : 0;
        rows.push(`${p.account},${name},${clock(start, day)},${clock(end, day)},${breakMinutes},`);
      }
    }
    return `${rows.join('\r\n')}\r\n`;
  }
}

/** HH:MM in JST, 翌HH:MM past the day's midnight (a night shift's morning). */
function clock(t: number, day: number): string {
  const j = jst(t);
  return `${t >= day + DAY ? '翌' : ''}${p2(j.h)}:${p2(j.mi)}`;
}

/** The JST midnight of the working day t belongs to: days start at 05:00, as the attendance view counts them. */
function workingDay(t: number): number {
  const shifted = t - 5 * HOUR;
  return shifted - ((((shifted + 9 * HOUR) % DAY) + DAY) % DAY);
}

/** Three day workers from different departments, chosen by account so the choice is stable. */
function pickActors(people: Employee[]): { late?: Employee; early?: Employee; dayOff?: Employee } {
  const day = people
    .filter((p) => !p.night && !p.privileged && !p.departureDate)
    .sort((a, b) => (a.account < b.account ? -1 : 1));
  const inDept = (code: string) => day.find((p) => p.dept.code === code);
  return { late: inDept('kaihatsu') ?? day[0], early: inDept('eigyo') ?? day[1], dayOff: inDept('keiri') ?? day[2] };
}
