import { LocalTime } from '../localtime';
import type { Observation } from '../observe/observation';
import type { RiskState } from '../profile/state';
import type { RiskSettings } from '../settings';
import { gatherDay, learnDay, scoreDay, type UserDay } from './day';

/** Scores a day's observations, then learns them: the one step every path (rebuild, bridge loop, eval) takes. */
export class RiskEngine {
  readonly clock: LocalTime;

  constructor(readonly settings: RiskSettings) {
    this.clock = new LocalTime(settings.timeZone);
  }

  /** Scores without learning: for a day still in progress. */
  peek(state: RiskState, day: number, obs: readonly Observation[]): UserDay[] {
    return scoreDay(state, day, gatherDay(obs, this.clock), this.settings, this.clock);
  }

  /** Scores a complete day and learns it into the state. */
  step(state: RiskState, day: number, obs: readonly Observation[]): UserDay[] {
    if (state.day !== undefined && day <= state.day) throw new Error(`risk: day ${LocalTime.dateOf(day)} is already learned (state is at ${LocalTime.dateOf(state.day)})`);
    const activity = gatherDay(obs, this.clock);
    const scored = scoreDay(state, day, activity, this.settings, this.clock);
    learnDay(state, day, activity, scored, this.settings);
    return scored;
  }
}
