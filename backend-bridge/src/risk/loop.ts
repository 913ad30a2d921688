import type { Client } from '@opensearch-project/opensearch';
import type { Logger } from 'pino';
import { LocalTime } from './localtime';
import { knownUsers } from './profile/state';
import { RiskEngine } from './score/engine';
import type { UserDay } from './score/day';
import { ReviewQueue } from './score/queue';
import { DEFAULT_HOLIDAYS_FILE, loadHolidays } from './holidays';
import { DEFAULT_SETTINGS, type RiskSettings } from './settings';
import { observeStored } from './source/opensearch';
import { loadState, saveState } from './store/state-store';
import { openedCases, writeDay } from './store/summaries';
import { installRiskTemplates } from './store/templates';

export interface RiskLoopOptions {
  intervalMs: number;
  /** Events may arrive this late: a day is learned only this long after it ended. */
  graceMs: number;
  /** With no profiles yet, learning starts this many days back. */
  lookbackDays: number;
  now?: () => number;
  /** Where events are read from and profiles kept (defaults: kansa-events, kansa-state-risk). */
  eventsIndex?: string;
  stateIndex?: string;
  /** Replicas of the summary and state indices (opensearch.replicas); default 0. */
  replicas?: number;
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

  /**
   * Puts a scored day in the review queue, carrying on from the cases the summaries of the days before
   * it hold: a day scored again (today as it goes on, a day learned after a conflict) gets the same queue.
   */
  private async queue(day: number, scored: UserDay[], users: number): Promise<void> {
    const settings = this.engine.settings;
    const opened = await openedCases(this.client, day, settings.caseDays, this.engine.clock);
    new ReviewQueue(settings, opened).assign(scored, users);
  }

  /** One round: learn the ended days, then score today so far. */
  async tick(): Promise<{ learned: number; today: number }> {
    const clock = this.engine.clock;
    const now = (this.options.now ?? Date.now)();
    const lastEnded = clock.dayIndex(now - this.options.graceMs) - 1;
    await installRiskTemplates(this.client, this.options.replicas);
    let { state, version } = await loadState(this.client, this.options.stateIndex);
    let learned = 0;
    let d = state.day !== undefined ? state.day + 1 : lastEnded - this.options.lookbackDays + 1;
    while (d <= lastEnded && !this.stopped) {
      const obs = await observeStored(this.client, clock.dayStart(d), clock.dayStart(d + 1), this.options.eventsIndex);
      const scored = this.engine.step(state, d, obs);
      await this.queue(d, scored, knownUsers(state));
      const w = await writeDay(this.client, scored, clock);
      if (w.errors.length > 0)
        this.log?.warn(
          { errors: w.errors.slice(0, 5), date: LocalTime.dateOf(d) },
          'risk: some summaries or marks were refused',
        );
      const saved = await saveState(this.client, state, version, this.options.stateIndex);
      if (saved.outcome === 'conflict') {
        // Another bridge moved the state on: carry on from what it saved. Whatever either wrote of day d
        // carries the day, so learning d again (no meta yet) counts it once.
        ({ state, version } = await loadState(this.client, this.options.stateIndex));
        if (state.day !== undefined) d = state.day + 1;
        continue;
      }
      version = saved.version;
      learned++;
      d++;
    }
    const today = clock.dayIndex(now);
    if (this.stopped || state.day === undefined || today <= state.day) return { learned, today: 0 };
    const obs = await observeStored(this.client, clock.dayStart(today), now + 1, this.options.eventsIndex);
    const scored = this.engine.peek(state, today, obs);
    await this.queue(today, scored, knownUsers(state));
    await writeDay(this.client, scored, clock);
    return { learned, today: scored.length };
  }
}

/**
 * The bridge's scorer as the environment sets it up: KANSA_RISK=off turns it off; KANSA_RISK_INTERVAL_S
 * (default 300), KANSA_RISK_TZ (default Asia/Tokyo), KANSA_RISK_HOLIDAYS (a holidays file; default the
 * shipped Japanese calendar). A bad setting is logged and leaves the scorer off rather than stopping intake.
 */
export function startRiskLoop(
  client: Client,
  log: Logger,
  env: NodeJS.ProcessEnv = process.env,
  replicas = 0,
): RiskLoop | undefined {
  if (/^(off|false|0|no)$/i.test(env.KANSA_RISK ?? '')) return undefined;
  const interval = Number(env.KANSA_RISK_INTERVAL_S ?? 300);
  const timeZone = env.KANSA_RISK_TZ ?? DEFAULT_SETTINGS.timeZone;
  let holidays: Set<string>;
  try {
    if (!Number.isFinite(interval) || interval < 10)
      throw new Error(`KANSA_RISK_INTERVAL_S expected seconds ≥ 10, got "${env.KANSA_RISK_INTERVAL_S}"`);
    new Intl.DateTimeFormat('en-US', { timeZone });
    holidays = loadHolidays(env.KANSA_RISK_HOLIDAYS ?? DEFAULT_HOLIDAYS_FILE);
  } catch (err) {
    log.error({ err: (err as Error).message }, 'risk scoring is off: bad setting');
    return undefined;
  }
  const loop = new RiskLoop(
    client,
    { ...DEFAULT_SETTINGS, timeZone, holidays },
    { intervalMs: interval * 1000, graceMs: 30 * 60_000, lookbackDays: 30, replicas },
    log,
  );
  loop.start(Math.min(60_000, interval * 1000));
  return loop;
}
