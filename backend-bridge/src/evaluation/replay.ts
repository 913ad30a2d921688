import type { Observation } from '../risk/observe/observation';
import { emptyState, type RiskState } from '../risk/profile/state';
import type { UserDay } from '../risk/score/day';
import type { RiskEngine } from '../risk/score/engine';

/** Runs the engine over observations day by day (empty days too, so baselines decay), from a fresh state. */
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
  for (let d = first; d <= last; d++) days.push(engine.step(state, d, byDay.get(d) ?? []));
  return { days, state };
}
