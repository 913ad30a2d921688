import type { Client } from '@opensearch-project/opensearch';
import type { Logger } from 'pino';
import { LocalTime } from './localtime';
import { RiskEngine } from './score/engine';
import type { RiskSettings } from './settings';
import { observeStored } from './source/opensearch';
import { loadState, saveState } from './store/state-store';
import { writeDay } from './store/summaries';
import { installRiskTemplates } from './store/templates';

export interface RiskLoopOptions {
  intervalMs: number;
  /** Events may arrive this late: a day is learned only this long after it ended. */
  graceMs: number;
  /** With no profiles yet, learning starts this many days back. */
  lookbackDays: number;
  now?: () => number;
}

/**
 * The bridge's scorer: every interval it learns the days that have ended (from the profiles in
 * OpenSearch, so several bridges share one state and a restart loses nothing) and scores the day in
 * progress against them. Summaries are replaced as the day goes on; the day is learned once, after
 * its grace period.
 */
export class RiskLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly engine: RiskEngine;
  lastError?: string;

  constructor(
    private readonly client: Client,
    settings: RiskSettings,
    private readonly options: RiskLoopOptions,
    private readonly log?: Logger,
  ) {
    this.engine = new RiskEngine(settings);
  }

  start(firstDelayMs = this.options.intervalMs): void {
    this.schedule(firstDelayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => (this.lastError = undefined))
        .catch((err: Error) => {
          this.lastError = err.message;
          this.log?.warn({ err: err.message }, 'risk scoring failed; retrying next interval');
        })
        .finally(() => this.schedule(this.options.intervalMs));
    }, ms);
    this.timer.unref();
  }

  /** One round: learn the ended days, then score today so far. */
  async tick(): Promise<{ learned: number; today: number }> {
    const clock = this.engine.clock;
    const now = (this.options.now ?? Date.now)();
    const lastEnded = clock.dayIndex(now - this.options.graceMs) - 1;
    await installRiskTemplates(this.client);
    let { state, version } = await loadState(this.client);
    let learned = 0;
    let d = state.day !== undefined ? state.day + 1 : lastEnded - this.options.lookbackDays + 1;
    while (d <= lastEnded && !this.stopped) {
      const obs = await observeStored(this.client, clock.dayStart(d), clock.dayStart(d + 1));
      const scored = this.engine.step(state, d, obs);
      const w = await writeDay(this.client, scored, clock);
      if (w.errors.length > 0) this.log?.warn({ errors: w.errors.slice(0, 5), date: LocalTime.dateOf(d) }, 'risk: some summaries or marks were refused');
      const saved = await saveState(this.client, state, version);
      if (saved.outcome === 'conflict') {
        ({ state, version } = await loadState(this.client));
        d = state.day !== undefined ? state.day + 1 : d + 1;
        continue;
      }
      version = saved.version;
      learned++;
      d++;
    }
    const today = clock.dayIndex(now);
    if (this.stopped || state.day === undefined || today <= state.day) return { learned, today: 0 };
    const obs = await observeStored(this.client, clock.dayStart(today), now + 1);
    const scored = this.engine.peek(state, today, obs);
    await writeDay(this.client, scored, clock);
    return { learned, today: scored.length };
  }
}
