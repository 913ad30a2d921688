import type { Writable } from 'node:stream';

/** Progress on stderr: a redrawn bar on a terminal, a plain line every 5 s otherwise. */
export class Progress {
  events = 0;
  indexed = 0;
  private bytes = 0;
  private readonly started = performance.now();
  private lastLine = 0;
  private readonly tty: boolean;

  constructor(
    private readonly out: Writable,
    private readonly totalBytes: number,
  ) {
    this.tty = Boolean((out as { isTTY?: boolean }).isTTY);
  }

  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  rate(): number {
    return Math.round(this.events / Math.max(this.seconds(), 0.001));
  }

  read(n: number): void {
    this.bytes += n;
    const now = performance.now();
    if (now - this.lastLine < (this.tty ? 200 : 5000)) return;
    this.lastLine = now;
    this.out.write(this.tty ? `\r${this.line()}\x1b[K` : `${this.line()}\n`);
  }

  note(text: string): void {
    this.out.write(this.tty ? `\r\x1b[K${text}\n` : `${text}\n`);
  }

  done(): void {
    if (this.tty) this.out.write(`\r${this.line()}\x1b[K\n`);
  }

  private line(): string {
    const frac = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 1;
    const s = this.seconds();
    const eta = frac > 0 && frac < 1 ? Math.round((s / frac) * (1 - frac)) : 0;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const bar = this.tty ? `[${'#'.repeat(Math.round(frac * 30)).padEnd(30, '.')}] ` : '';
    return `${bar}${Math.round(frac * 100)}% ${mb(this.bytes)}/${mb(this.totalBytes)} MiB, ${this.events} events (${this.rate()}/s), ${this.indexed} indexed, ETA ${eta}s`;
  }
}
