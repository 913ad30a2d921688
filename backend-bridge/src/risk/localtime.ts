const DAY_MS = 86_400_000;

/**
 * Local days and hours in one zone. The zone's offset is looked up once per UTC hour (Intl is slow
 * per event), which follows daylight-saving changes at hour boundaries.
 */
export class LocalTime {
  private readonly fmt: Intl.DateTimeFormat;
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  offsetMs(t: number): number {
    const hour = Math.floor(t / 3_600_000);
    let off = this.offsets.get(hour);
    if (off === undefined) {
      const p = Object.fromEntries(this.fmt.formatToParts(new Date(hour * 3_600_000)).map((x) => [x.type, x.value]));
      const asUtc = Date.UTC(
        Number(p.year),
        Number(p.month) - 1,
        Number(p.day),
        Number(p.hour),
        Number(p.minute),
        Number(p.second),
      );
      off = asUtc - hour * 3_600_000;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(hour, off);
    }
    return off;
  }

  /** Days since 1970-01-01 in local time. */
  dayIndex(t: number): number {
    return Math.floor((t + this.offsetMs(t)) / DAY_MS);
  }

  hour(t: number): number {
    return new Date(t + this.offsetMs(t)).getUTCHours();
  }

  /** The instant local midnight of a day index begins. */
  dayStart(day: number): number {
    const guess = day * DAY_MS;
    return guess - this.offsetMs(guess - this.offsetMs(guess));
  }

  static dateOf(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  static dayOf(date: string): number {
    return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  }

  /** 0 = Sunday. */
  static weekday(day: number): number {
    return (((day + 4) % 7) + 7) % 7;
  }
}
