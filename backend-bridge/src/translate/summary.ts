import type { KansaEvent } from './types';

/** What a translation run did, printed at the end and returned by imports. */
export class Summary {
  bytes = 0;
  records = 0;
  skippedLines = 0;
  skippedBytes = 0;
  eventsOut = 0;
  condensedIn = 0;
  condensedOut = 0;
  readonly actions = new Map<string, number>();
  readonly failures = new Map<string, number>();
  readonly formats = new Map<string, number>();

  countEvent(event: KansaEvent): void {
    this.eventsOut++;
    const action = event['event.action'] ?? '(none)';
    this.actions.set(action, (this.actions.get(action) ?? 0) + 1);
  }

  countFailure(reason: string): void {
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }

  get failureCount(): number {
    let n = 0;
    for (const v of this.failures.values()) n += v;
    return n;
  }

  /** Raw events per record out of the condensing stages; 1 when nothing was condensed. */
  get mergeRatio(): number {
    return this.condensedOut === 0 ? 1 : this.condensedIn / this.condensedOut;
  }

  add(other: Summary): void {
    this.bytes += other.bytes;
    this.records += other.records;
    this.skippedLines += other.skippedLines;
    this.skippedBytes += other.skippedBytes;
    this.eventsOut += other.eventsOut;
    this.condensedIn += other.condensedIn;
    this.condensedOut += other.condensedOut;
    for (const [m, mine] of [
      [this.actions, other.actions],
      [this.failures, other.failures],
      [this.formats, other.formats],
    ] as const) {
      for (const [k, v] of mine) m.set(k, (m.get(k) ?? 0) + v);
    }
  }

  toJSON(): Record<string, unknown> {
    return {
      bytes: this.bytes,
      linesRead: this.records + this.skippedLines,
      records: this.records,
      eventsOut: this.eventsOut,
      formats: Object.fromEntries(this.formats),
      actions: Object.fromEntries([...this.actions].sort((a, b) => b[1] - a[1])),
      parseFailures: Object.fromEntries(this.failures),
      condensed: { rawEventsIn: this.condensedIn, recordsOut: this.condensedOut, mergeRatio: round(this.mergeRatio) },
      skipped: { lines: this.skippedLines, bytes: this.skippedBytes },
    };
  }

  /** Human lines for stderr. */
  format(): string {
    const lines = [
      `lines read: ${this.records + this.skippedLines} (${this.bytes} bytes)`,
      `events out: ${this.eventsOut}`,
      `parse failures: ${this.failureCount}`,
    ];
    for (const [reason, n] of [...this.failures].sort((a, b) => b[1] - a[1])) {
      lines.push(`  ${n}\t${reason}`);
    }
    lines.push(
      `merge ratio: ${round(this.mergeRatio)} (${this.condensedIn} raw file-access events → ${this.condensedOut} records)`,
    );
    lines.push('per event.action:');
    for (const [action, n] of [...this.actions].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
      lines.push(`  ${n}\t${action}`);
    }
    return lines.join('\n');
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
