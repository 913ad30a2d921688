import type { Intake, IntakeContext } from '../intake';
import type { BackoffPolicy } from './backoff';
import { PullError, realSleep, type HttpContext, type Sleep } from './http';
import { pullMetrics, type PullMetrics } from './metrics';
import { PullStopped } from './stopped';

/** One content type (M365) or application (Google) with its own cursor. */
export interface PullStream {
  readonly name: string;
  /** Fetches everything new since the cursor, storing and moving the cursor page by page. */
  poll(): Promise<void>;
}

/** What a pull source needs from the shared loop. */
export interface PullEnv {
  ctx: IntakeContext;
  http: HttpContext;
  metrics: PullMetrics;
  /** Where cursors are kept (a folder of the bridge's data directory). */
  stateDir: string;
  now: () => number;
}

export interface PullOptions {
  pollSeconds: number;
  policy: BackoffPolicy;
  maxResponseBytes: number;
  timeoutMs: number;
  stateDir: string;
  /** Tests: a sleep that only records, a fixed clock, a fixed jitter. */
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

/**
 * A polling intake: every pollSeconds each stream fetches what is new. A poll that fails (after
 * the request's own retries) is logged and counted; the next one starts again from the cursor.
 */
export abstract class PullIntake implements Intake {
  abstract readonly name: string;
  private readonly abort = new AbortController();
  private loop?: Promise<void>;
  protected streams: PullStream[] = [];
  protected readonly env: PullEnv;
  private readonly sleep: Sleep;

  constructor(
    protected readonly ctx: IntakeContext,
    private readonly options: PullOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
    const metrics = pullMetrics(ctx.metrics);
    const now = options.now ?? Date.now;
    this.env = {
      ctx,
      metrics,
      stateDir: options.stateDir,
      now,
      http: {
        policy: options.policy,
        maxResponseBytes: options.maxResponseBytes,
        timeoutMs: options.timeoutMs,
        sleep: this.sleep,
        signal: this.abort.signal,
        random: options.random,
        now,
        onRetry: (r) => {
          metrics.retries.inc({ input: this.name, reason: r.reason });
          ctx.log.warn(
            { input: this.name, ...r },
            r.reason === '401' ? 'token refused: fetching a new one' : 'retrying',
          );
        },
      },
    };
  }

  /** Builds the streams (reading secrets, so a missing one stops the bridge at start); throws IntakeStartError. */
  protected abstract open(): PullStream[];

  async start(): Promise<undefined> {
    this.streams = this.open();
    this.loop = this.run();
    return undefined;
  }

  async stop(): Promise<void> {
    this.abort.abort(new PullStopped());
    await this.loop;
  }

  /** One poll of every stream; exposed for tests. */
  async pollOnce(): Promise<void> {
    if (this.streams.length === 0) this.streams = this.open();
    for (const s of this.streams) {
      if (this.abort.signal.aborted) return;
      const labels = { input: this.name, stream: s.name };
      this.env.metrics.polls.inc(labels);
      const before = this.env.metrics.records.get(labels);
      try {
        await s.poll();
        const records = this.env.metrics.records.get(labels) - before;
        // One line per poll that brought something; quiet polls only at debug.
        this.ctx.log[records > 0 ? 'info' : 'debug']({ ...labels, records }, 'polled');
      } catch (err) {
        if (err instanceof PullStopped || this.abort.signal.aborted) return;
        const status = err instanceof PullError ? err.status : 0;
        this.env.metrics.errors.inc({ input: this.name, stream: s.name, status: String(status) });
        this.ctx.log.error(
          { input: this.name, stream: s.name, err: (err as Error).message },
          'poll failed: the next poll starts again from the cursor',
        );
      }
    }
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      await this.pollOnce();
      try {
        await this.sleep(this.options.pollSeconds * 1000, this.abort.signal);
      } catch {
        return;
      }
    }
  }
}
