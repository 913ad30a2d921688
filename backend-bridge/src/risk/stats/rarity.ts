/** Exponential decay: what a weight of 1 is worth after `days`, for a half-life in days. */
export function decayFactor(days: number, halfLifeDays: number): number {
  return days <= 0 ? 1 : Math.pow(0.5, days / halfLifeDays);
}

export interface Novelty {
  /** 1 for a first time, 0..0.5 for uncommon, 0 for habitual. */
  novelty: number;
  kind: 'first' | 'uncommon' | 'habitual';
}

/**
 * How new a resource is to a user. First time: not seen within the first-time window. Uncommon: seen
 * on fewer than `uncommonShare` of the user's (decayed) active days; the less, the more novel.
 */
export function userNovelty(
  seenDays: number,
  daysSinceLast: number | undefined,
  activeDays: number,
  o: { firstWindowDays: number; uncommonShare: number },
): Novelty {
  if (daysSinceLast === undefined || daysSinceLast > o.firstWindowDays || seenDays <= 0)
    return { novelty: 1, kind: 'first' };
  const share = activeDays > 0 ? seenDays / activeDays : 1;
  if (share >= o.uncommonShare) return { novelty: 0, kind: 'habitual' };
  return { novelty: 0.5 * (1 - share / o.uncommonShare), kind: 'uncommon' };
}

/**
 * How rare a resource is in the peer group: 1 when no peer touched it in the peer window, falling to 0
 * once `commonShare` of the peers use it.
 */
export function peerRarity(peersUsing: number, peers: number, commonShare: number): number {
  if (peersUsing <= 0 || peers <= 0) return 1;
  return Math.max(0, 1 - peersUsing / peers / commonShare);
}
