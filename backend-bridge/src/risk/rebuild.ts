import type { Client } from '@opensearch-project/opensearch';
import { LocalTime } from './localtime';
import { emptyState, knownUsers } from './profile/state';
import { RiskEngine } from './score/engine';
import { ReviewQueue } from './score/queue';
import type { UserDay } from './score/day';
import type { RiskSettings } from './settings';
import { observeStored } from './source/opensearch';
import { clearState, saveState } from './store/state-store';
import { clearDays, openedCases, writeDay } from './store/summaries';
import { installRiskTemplates } from './store/templates';

export interface RebuildResult {
  days: number;
  summaries: number;
  marked: number;
  observations: number;
  errors: string[];
  /** Every day's scores, highest first. */
  scored: UserDay[][];
}

/**
 * Forgets the learned profiles and learns again from the stored events, day by day from `from` to
 * `to` (local dates, inclusive): every day is scored against the days before it and put in the review
 * queue, its summaries and event marks are replaced, and the profiles as of `to` are saved for the bridge
 * to carry on from.
 */
export async function rebuild(
  client: Client,
  settings: RiskSettings,
  from: string,
  to: string,
  onDay?: (date: string, users: number, observations: number) => void,
): Promise<RebuildResult> {
  const engine = new RiskEngine(settings);
  const clock = engine.clock;
  const first = LocalTime.dayOf(from);
  const last = LocalTime.dayOf(to);
  await installRiskTemplates(client);
  await clearState(client);
  await clearDays(client, clock.dayStart(first), clock.dayStart(last + 1));
  const state = emptyState();
  // Cases opened before the rebuilt days stay open into them, as the analyst was shown them.
  const queue = new ReviewQueue(settings, await openedCases(client, first, settings.caseDays, clock));
  const result: RebuildResult = { days: 0, summaries: 0, marked: 0, observations: 0, errors: [], scored: [] };
  for (let d = first; d <= last; d++) {
    const obs = await observeStored(client, clock.dayStart(d), clock.dayStart(d + 1));
    const scored = engine.step(state, d, obs);
    queue.assign(scored, knownUsers(state));
    const w = await writeDay(client, scored, clock);
    result.days++;
    result.summaries += w.summaries;
    result.marked += w.marked;
    result.observations += obs.length;
    result.errors.push(...w.errors);
    result.scored.push(scored);
    onDay?.(LocalTime.dateOf(d), scored.length, obs.length);
  }
  if ((await saveState(client, state, undefined)).outcome === 'conflict')
    result.errors.push('risk: another bridge saved profiles during the rebuild; run it again');
  await client.transport.request({ method: 'POST', path: '/kansa-risk-*/_refresh' }).catch(() => undefined);
  return result;
}
