import type { Month } from '../month';
import { DAY, HOUR, jstDate } from '../time';

/** Scenario days: all in the second half of the period, after a baseline. */
export class ScenarioPlan {
  /** Working days of the second half. */
  readonly work: number[] = [];
  /** Weekends and holidays of the second half. */
  readonly off: number[] = [];

  constructor(private readonly m: Month) {
    const { days } = m.opts;
    for (let d = Math.floor(days / 2); d < days; d++) (m.isOffDay(m.t0 + d * DAY) ? this.off : this.work).push(d);
    if (this.work.length === 0) this.work.push(days - 1);
  }

  /** The k-th working day of the second half (wrapping around), moved by the scenario shift. */
  workDay(k: number): number {
    return this.work[(k + (this.m.opts.scenarioShift ?? 0)) % this.work.length];
  }

  /** The day on which the short-rest scenario ends late (the next day must be in the period). */
  restDay(): number {
    const { work } = this;
    const days = this.m.opts.days;
    const k = work.findIndex((d, i) => i >= 9 % work.length && d + 1 < days);
    return k >= 0 ? work[k] : (work.find((d) => d + 1 < days) ?? work[0]);
  }

  /** A public holiday of the second half, else its first weekend day; -1 when it has neither. */
  holiday(): number {
    const { off, m } = this;
    return off.find((x) => m.holidays.has(jstDate(m.t0 + x * DAY + 12 * HOUR))) ?? (off.length > 0 ? off[0] : -1);
  }
}
