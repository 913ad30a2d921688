import { mkdirSync } from 'node:fs';
import { buildCompany, type Employee, loadCategoryDomains, loadHolidays } from './company';
import { DemoLogs } from './logs';
import { Rng } from './rng';
import { HOUR, jst, jstDate, jstMidnight } from './time';
import { TimesheetBook } from './timesheet';

export interface MonthOptions {
  out: string;
  seed: number;
  days: number;
  users: number;
  /** First day, YYYY-MM-DD (JST). */
  start: string;
  benign: boolean;
  /** Moves every single-day scenario this many working days later within the second half (default 0). */
  scenarioShift?: number;
}

/** What the whole month shares: the company, its calendar, its logs and the random streams. */
export class Month {
  readonly rng: Rng;
  /** Sysmon draws from its own stream, so adding it shifted no other log. */
  readonly sysmonRng: Rng;
  /** Microsoft 365 (SharePoint, OneDrive) draws from its own stream too, for the same reason. */
  readonly cloudRng: Rng;
  /** SQL Server's audit (SQL01) too. */
  readonly sqlRng: Rng;
  /** The IDS (Suricata) too. */
  readonly idsRng: Rng;
  /** The self-reported timesheet, written from the sessions (its own stream too). */
  readonly book: TimesheetBook;
  /** The first day's JST midnight. */
  readonly t0: number;
  readonly people: Employee[];
  readonly holidays = loadHolidays();
  readonly logs: DemoLogs;
  /** `account@day` on which the scenario replaces the person's ordinary day with its own session. */
  readonly replaced = new Set<string>();
  /** `account@day` on which a scenario needs the person at work (never off sick). */
  readonly present = new Set<string>();

  constructor(readonly opts: MonthOptions) {
    this.rng = new Rng(opts.seed);
    this.sysmonRng = new Rng((opts.seed ^ 0x5953_4d4e) >>> 0);
    this.cloudRng = new Rng((opts.seed ^ 0x4d33_3635) >>> 0);
    this.sqlRng = new Rng((opts.seed ^ 0x5351_4c31) >>> 0);
    this.idsRng = new Rng((opts.seed ^ 0x4944_5331) >>> 0);
    this.book = new TimesheetBook(opts.seed);
    this.t0 = jstMidnight(opts.start);
    this.people = buildCompany(this.rng.fork('company'), opts.users, opts.start, opts.days);
    mkdirSync(opts.out, { recursive: true });
    this.logs = new DemoLogs(opts.out, this.people, loadCategoryDomains());
  }

  /** Weekends and the holiday calendar (JST). */
  isOffDay(day: number): boolean {
    const p = jst(day + HOUR);
    return p.dow === 0 || p.dow === 6 || this.holidays.has(jstDate(day + HOUR));
  }

  /** The watchlisted person about to leave (the leaver-exfiltration scenario's). */
  leaver(): Employee | undefined {
    return this.people.find((p) => p.watchlist);
  }
}
