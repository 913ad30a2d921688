import type { Observation } from '../risk/observe/observation';
import { emptyState, knownUsers, type RiskState } from '../risk/profile/state';
import type { UserDay } from '../risk/score/day';
import type { RiskEngine } from '../risk/score/engine';
import { ReviewQueue } from '../risk/score/queue';

/**
 * Runs the engine over observations day by day (empty days too, so baselines decay), from a fresh state,
 * and puts each day in the review queue as the bridge does.
 */
export function replay(
  engine: RiskEngine,
  obs: readonly Observation[],
  state: RiskState = emptyState(),
): { days: UserDay[][]; state: RiskState } {
  const byDay = new Map<number, Observation[]>();
  let first = Infinity;
  let last = -Infinity;
  for (const o of obs) {
    const d = engine.clock.dayIndex(o.t);
    first = Math.min(first, d);
    last = Math.max(last, d);
    let list = byDay.get(d);
    if (!list) byDay.set(d, (list = []));
    list.push(o);
  }
  const days: UserDay[][] = [];
  const queue = new ReviewQueue(engine.settings);
  for (let d = first; d <= last; d++) {
    const scored = engine.step(state, d, byDay.get(d) ?? []);
    queue.assign(scored, knownUsers(state));
    days.push(scored);
  }
  return { days, state };
}
