import type { Logger } from 'pino';

import type { KansaConfig } from '../config/schema';
import { fileBase, runAndMail } from './job';
import { findFont } from './render';
import { nextRun, reportMonth } from './schedule';
import { dsqueryRunner, type QueryRunner } from './source';

/** Node timers hold at most ~24.8 days; a later run is reached by re-arming. */
const MAX_TIMER_MS = 20 * 86_400_000;

/** The OpenSearch URL the datasource backend is given, with the configured credentials in it. */
function urlWithAuth(os: KansaConfig['opensearch']): string {
  if (!os.username) return os.url;
  const u = new URL(os.url);
  u.username = os.username;
  u.password = os.password ?? '';
  return u.toString().replace(/\/$/, '');
}

/**
 * Runs the configured report schedules inside kansa serve. A failed run (OpenSearch down, mail refused) is logged
 * and waits for the next one: the rendered copy is kept either way, and a report is never retried into a storm.
 */
export class ReportScheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly config: KansaConfig,
    private readonly log: Logger,
  ) {}

  start(): void {
    const r = this.config.reports;
    if (r.schedules.length === 0) return;
    let runner: QueryRunner;
    let font: string;
    try {
      runner = dsqueryRunner(urlWithAuth(this.config.opensearch));
      font = findFont();
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'scheduled reports cannot run');
      return;
    }
    r.schedules.forEach((s, i) => this.arm(i, () => this.run(s, runner, font)));
  }

  private arm(i: number, run: () => Promise<void>): void {
    if (this.stopped) return;
    const s = this.config.reports.schedules[i];
    const at = nextRun(s, new Date(), this.config.reports.timezone);
    const wait = at.getTime() - Date.now();
    this.log.info({ report: s.kind, every: s.every, next: at.toISOString() }, 'report scheduled');
    const timer = setTimeout(
      () => {
        if (wait > MAX_TIMER_MS) return this.arm(i, run);
        const p = run().finally(() => {
          this.running.delete(p);
          this.arm(i, run);
        });
        this.running.add(p);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers[i] = timer;
  }

  private async run(s: KansaConfig['reports']['schedules'][number], runner: QueryRunner, font: string): Promise<void> {
    const r = this.config.reports;
    const job = {
      kind: s.kind,
      month: reportMonth(s, new Date(), r.timezone),
      department: s.department,
      timezone: r.timezone,
    };
    try {
      const { stored, messageId } = await runAndMail(runner, job, font, r.dir, r.smtp, s.recipients, new Date());
      this.log.info(
        {
          report: fileBase(job),
          files: stored.map((f) => ({ file: f.path, sha256: f.sha256 })),
          to: s.recipients,
          messageId,
        },
        'report mailed',
      );
    } catch (err) {
      this.log.error({ report: fileBase(job), err: (err as Error).message }, 'report failed; next run as scheduled');
    }
  }

  /** Stops the timers and waits for a report being rendered or mailed. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timers.forEach((t) => clearTimeout(t));
    await Promise.all([...this.running]);
  }
}
