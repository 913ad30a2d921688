import { decayFactor } from '../stats/rarity';
import { HOURS_PER_WEEK } from '../stats/cyclic';
import { METRICS, type Metric, type UserInfo } from '../observe/observation';
import type { RiskSettings } from '../settings';

export interface ResourceSeen {
  /** Decayed number of days the user touched it. */
  seen: number;
  /** Day index of the last time. */
  last: number;
}

export interface UserProfile {
  user: string;
  info: UserInfo;
  /** Days with activity learned so far (not decayed): what confidence is measured on. */
  activeDays: number;
  /** The same, decayed like the resource counts, for "share of active days". */
  decayedActiveDays: number;
  resources: Record<string, ResourceSeen>;
  /** Decayed count of active hours per hour of week (local). */
  hours: number[];
  /** Values of the last active days, oldest first (flagged days left out). */
  volumes: Record<Metric, number[]>;
  /**
   * Every active day of the last `recentDays` calendar days with its non-zero values of the
   * accumulated metrics, oldest first: the rolling totals are summed from it (flagged days included:
   * a slow exfiltration must keep adding up). Older saves carry none.
   */
  recent?: RecentDay[];
  /**
   * Days of the last `persistenceDays` on which an accumulated metric scored (a volume or rolling-total
   * reason), with those metrics, oldest first: what the persistence reason counts. Older saves carry none.
   */
  evidence?: EvidenceDay[];
  /**
   * The last day learned into this profile (and decayed to). Saved with it, so a day is never learned
   * twice into it even when the state's meta document was not written after it (a crash between the two).
   */
  day?: number;
}

export interface RecentDay {
  day: number;
  v: Partial<Record<Metric, number>>;
}

export interface EvidenceDay {
  day: number;
  metrics: Metric[];
  /** The strongest contribution of those reasons that day (older saves carry none). */
  points?: number;
}

export interface PeerGroup {
  department: string;
  /** resource → user → last day index the user touched it. */
  resources: Record<string, Record<string, number>>;
  /** The last day learned into this group, as for a profile. */
  day?: number;
}

/** Everything learned, as of the end of `day` (a local day index); JSON-serializable. */
export interface RiskState {
  day?: number;
  users: Record<string, UserProfile>;
  peers: Record<string, PeerGroup>;
}

export const emptyState = (): RiskState => ({ users: {}, peers: {} });

/** How many users the scorer knows: the review queue's budget is a share of them. */
export const knownUsers = (state: RiskState): number => Object.keys(state.users).length;

export function newProfile(user: string, info: UserInfo): UserProfile {
  return {
    user,
    info,
    activeDays: 0,
    decayedActiveDays: 0,
    resources: {},
    hours: new Array(HOURS_PER_WEEK).fill(0),
    volumes: Object.fromEntries(METRICS.map((m) => [m, []])) as unknown as Record<Metric, number[]>,
    recent: [],
  };
}

/** The last day learned into a profile or group (older saves carry none: the state's day then). */
export const learnedTo = (state: RiskState, x: { day?: number }): number | undefined => x.day ?? state.day;

/** True when `day` is already in the profile or group: learning it again would count it twice. */
export const holdsDay = (state: RiskState, x: { day?: number }, day: number): boolean =>
  (learnedTo(state, x) ?? -Infinity) >= day;

/**
 * Ages every profile and group to `today`, each from its own last learned day: counts fade, forgotten
 * resources and stale peer entries go. One that already holds `today` is left as it is.
 */
export function decayState(state: RiskState, s: RiskSettings, today: number): void {
  for (const p of Object.values(state.users)) {
    const days = today - (learnedTo(state, p) ?? today);
    if (days <= 0) continue;
    const fr = decayFactor(days, s.resourceHalfLifeDays);
    const fh = decayFactor(days, s.hoursHalfLifeDays);
    p.decayedActiveDays *= fr;
    for (const [k, r] of Object.entries(p.resources)) {
      r.seen *= fr;
      if (today - r.last > s.firstWindowDays) delete p.resources[k];
    }
    for (let i = 0; i < p.hours.length; i++) p.hours[i] *= fh;
  }
  for (const g of Object.values(state.peers)) {
    if (holdsDay(state, g, today)) continue;
    for (const [k, users] of Object.entries(g.resources)) {
      for (const [u, last] of Object.entries(users)) if (today - last > s.peerWindowDays) delete users[u];
      if (Object.keys(users).length === 0) delete g.resources[k];
    }
  }
}

/** Members of a department known to the state. */
export function departmentSize(state: RiskState, department: string): number {
  let n = 0;
  for (const p of Object.values(state.users)) if (p.info.department === department) n++;
  return n;
}
