import { LocalTime } from '../localtime';
import type { Observation } from '../observe/observation';
import { holdsDay, type RiskState } from '../profile/state';
import type { RiskSettings } from '../settings';
import { gatherDay, learnDay, markCloud, markSensitive, scoreDay, type UserDay } from './day';

/** Scores a day's observations, then learns them: the one step every path (rebuild, bridge loop, eval) takes. */
export class RiskEngine {
  readonly clock: LocalTime;

  constructor(readonly settings: RiskSettings) {
    this.clock = new LocalTime(settings.timeZone);
  }

  /** Scores without learning: for a day still in progress. */
  peek(state: RiskState, day: number, obs: readonly Observation[]): UserDay[] {
    const activity = gatherDay(obs, this.clock, this.settings);
    markSensitive(state, activity, this.settings);
    markCloud(state, activity, this.settings);
    return scoreDay(state, day, activity, this.settings, this.clock);
  }

  /**
   * Scores a complete day and learns it into the state. A user whose profile already holds the day (saved
   * by a bridge that died before the state's meta document) is not scored again: the day's summary was
   * written before the profile, and a score against a profile that contains the day would understate it.
   */
  step(state: RiskState, day: number, obs: readonly Observation[]): UserDay[] {
    if (state.day !== undefined && day <= state.day)
      throw new Error(
        `risk: day ${LocalTime.dateOf(day)} is already learned (state is at ${LocalTime.dateOf(state.day)})`,
      );
    const activity = gatherDay(obs, this.clock, this.settings);
    markSensitive(state, activity, this.settings);
    markCloud(state, activity, this.settings);
    const fresh = new Map(
      [...activity].filter(([user]) => !(state.users[user] && holdsDay(state, state.users[user], day))),
    );
    const scored = scoreDay(state, day, fresh, this.settings, this.clock);
    learnDay(state, day, activity, scored, this.settings);
    return scored;
  }
}
