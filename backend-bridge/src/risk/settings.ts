import type { Metric, ResourceKind } from './observe/observation';

/** Everything the scorer's numbers depend on; kept with the state so a profile says how it was learned. */
export interface RiskSettings {
  /** Days are local days in this zone (IANA name). */
  timeZone: string;
  /** Local dates (YYYY-MM-DD) that are holidays; Saturdays and Sundays always are. */
  holidays: ReadonlySet<string>;
  /** Active days before a user's scores are fully trusted (confidence = days / this). */
  minBaselineDays: number;
  /** A resource not seen for this long is new again. */
  firstWindowDays: number;
  /** Seen on fewer than this share of the user's active days = uncommon. */
  uncommonShare: number;
  resourceHalfLifeDays: number;
  /** Peers who touched a resource within this many days count as using it. */
  peerWindowDays: number;
  /** A resource this share of the peer group uses is not rare for the group. */
  peerCommonShare: number;
  hoursHalfLifeDays: number;
  /** Hours with a smoothed share of the user's activity below this are unusual. */
  rareHourShare: number;
  /** Active hours of history before the time of week is scored. */
  minHourHistory: number;
  /** Daily volumes kept per metric (active days). */
  volumeWindowDays: number;
  minVolumeDays: number;
  /** Deviation (robust z) above which a volume counts. */
  volumeZ: number;
  /** Days at or above this score are "flagged" and do not feed the volume baseline. */
  flagScore: number;
  /** Local hours counted as after hours: [start, 24) and [0, end). */
  afterHours: { start: number; end: number };
  /** A departure date within this many days makes the user a leaver. */
  leaverDays: number;
  resourcePoints: Record<ResourceKind, number>;
  volumeWeight: Record<Metric, number>;
  volumeMinScale: Record<Metric, number>;
  boosts: { privileged: number; watchlist: number; afterHours: number; holiday: number };
}

export const DEFAULT_SETTINGS: RiskSettings = {
  timeZone: 'Asia/Tokyo',
  holidays: new Set(),
  minBaselineDays: 10,
  firstWindowDays: 90,
  uncommonShare: 0.1,
  resourceHalfLifeDays: 30,
  peerWindowDays: 30,
  peerCommonShare: 0.3,
  hoursHalfLifeDays: 30,
  rareHourShare: 0.002,
  minHourHistory: 40,
  volumeWindowDays: 28,
  minVolumeDays: 5,
  volumeZ: 3,
  flagScore: 50,
  afterHours: { start: 22, end: 6 },
  leaverDays: 60,
  resourcePoints: { share: 35, folder: 25, host: 20, db: 25, url: 15 },
  volumeWeight: { filesRead: 0.6, distinctFiles: 1, proxyBytes: 1, usb: 1, printPages: 1, mailsOut: 0.7, failedLogons: 0.6 },
  volumeMinScale: { filesRead: 10, distinctFiles: 5, proxyBytes: 50 * 1024 * 1024, usb: 2, printPages: 10, mailsOut: 3, failedLogons: 2 },
  boosts: { privileged: 0.25, watchlist: 0.5, afterHours: 0.2, holiday: 0.2 },
};
