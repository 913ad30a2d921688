import type { Metric, ResourceKind } from './observe/observation';

/** The review queue (score/queue.ts). */
export interface QueueSettings {
  /** Share of the users the scorer knows that may open a new case per day (at least one a day). */
  queueShare: number;
  /** Days a case stays open once opened, the day it opened included: two working weeks of follow-up. */
  caseDays: number;
}

/** Everything the scorer's numbers depend on; kept with the state so a profile says how it was learned. */
export interface RiskSettings extends QueueSettings {
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
  /**
   * A watchlisted or leaving user's active day carries at least this many points for it, evidence or not:
   * their quiet days rank above ordinary quiet days (a leaver's story has quiet days too).
   */
  watchlistMinPoints: number;
  /** Mail domains of personal (free) mail services: mail to them is mail leaving for a private address. */
  personalMailDomains: readonly string[];
  /** Words that make a file-server folder sensitive wherever they appear in its path (case-insensitive). */
  sensitiveWords: readonly string[];
  /** A department whose members mostly carry such a title (directory) is the executives': its share is sensitive to others. */
  executiveTitle: RegExp;
  /** Points of a rare resource are multiplied by this when it is sensitive by name, or by the second when it is the executives' share. */
  sensitiveFactor: number;
  executiveShareFactor: number;
  /** Days of per-day values a profile keeps for the rolling totals (accumulate.ts). */
  recentDays: number;
  /** Rolling windows (calendar days, today included). */
  accumulationWindows: readonly number[];
  /** Robust z of a window's total above which it counts. */
  accumulationZ: number;
  /** Active days before the window needed to compare a user with their own past. */
  minPriorDays: number;
  /** Department members needed to compare a user with the department. */
  minPeers: number;
  /**
   * A rolling total far above the user's own past alone (zOwn, with at least `ownPastMinDays` active days
   * before the window) counts at `ownPastFactor` times its z even when the department does as much.
   */
  ownPastFactor: number;
  ownPastMinDays: number;
  /** Metrics whose rolling totals are scored, with their weight. */
  accumulationWeight: Partial<Record<Metric, number>>;
  /** Smallest daily spread of an accumulated metric (the rolling totals' floor, per active day). */
  accumulationMinScale: Partial<Record<Metric, number>>;
  /** Accumulated metrics whose window totals leave out the largest day (innocent one-off days are common). */
  accumulationTrim: readonly Metric[];
  /** Mail to personal domains by a watchlisted or leaving user weighs this much more. */
  leaverMailFactor: number;
  /**
   * Evidence that repeats (score/persistence.ts): a volume or rolling-total reason of an accumulated
   * metric that also scored on earlier days of the last `persistenceDays` adds up to `persistenceWeight`
   * times its points, in full once it scored on `persistenceFullDays` earlier days. A one-off spike has
   * no earlier days and gets nothing.
   */
  persistenceDays: number;
  persistenceFullDays: number;
  persistenceWeight: number;
  /** Evidence still standing on quiet days (score/persistence.ts standingPart). */
  standingDays: number;
  standingMinDays: number;
  standingWeight: number;
  /** Raw points above this bend towards 100 (score/day.ts saturate) instead of being capped: no ties at the top. */
  scoreKnee: number;
  /**
   * Novelty that is neither sensitive nor a personal mail domain (first access to another department's
   * ordinary share or folder, a new host or URL category, an hour the user is rarely active at) is a
   * common innocent one-off: its points are multiplied by this, so it does not outrank evidence that
   * repeats or data that leaves.
   */
  ordinaryNovelty: number;
}

/** Free and consumer mail services (global and Japanese carriers): where a private address lives. */
export const PERSONAL_MAIL_DOMAINS = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.jp',
  'ymail.com',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'hotmail.co.jp',
  'live.com',
  'live.jp',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'pm.me',
  'tutanota.com',
  'tuta.io',
  'gmx.de',
  'gmx.net',
  'gmx.com',
  'web.de',
  't-online.de',
  'mail.ru',
  'yandex.ru',
  'yandex.com',
  'zoho.com',
  'qq.com',
  '163.com',
  '126.com',
  'naver.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'libero.it',
  'fastmail.com',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'au.com',
  'softbank.ne.jp',
  'i.softbank.jp',
  'ymobile.ne.jp',
  'nifty.com',
  'biglobe.ne.jp',
  'ocn.ne.jp',
  'so-net.ne.jp',
  'excite.co.jp',
];

/** Pay, personnel and board material in the languages of the shipped deployments (en, ja, de, fr). */
export const SENSITIVE_WORDS = [
  'compensation',
  'payroll',
  'salary',
  'salaries',
  'remuneration',
  'bonus',
  'personnel',
  'board',
  'confidential',
  '給与',
  '報酬',
  '賞与',
  '人事',
  '役員',
  '機密',
  '取締役会',
  'gehalt',
  'gehälter',
  'vergütung',
  'personal',
  'vorstand',
  'vertraulich',
  'salaire',
  'salaires',
  'rémunération',
  'paie',
  'confidentiel',
];

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
  resourcePoints: { share: 35, folder: 25, host: 20, db: 25, url: 15, mail: 20, cloud: 15 },
  volumeWeight: {
    filesRead: 0.6,
    distinctFiles: 1,
    proxyBytes: 1,
    usb: 1,
    printPages: 1,
    mailsOut: 0.7,
    failedLogons: 0.6,
    cloudBytes: 0.6,
    personalCloudBytes: 1,
    webmailBytes: 0.8,
    personalMails: 1,
    personalMailBytes: 1,
    sensitiveReads: 1,
  },
  volumeMinScale: {
    filesRead: 10,
    distinctFiles: 5,
    proxyBytes: 50 * 1024 * 1024,
    usb: 2,
    printPages: 10,
    mailsOut: 3,
    failedLogons: 2,
    cloudBytes: 25 * 1024 * 1024,
    personalCloudBytes: 25 * 1024 * 1024,
    webmailBytes: 10 * 1024 * 1024,
    personalMails: 0.5,
    personalMailBytes: 2 * 1024 * 1024,
    sensitiveReads: 3,
  },
  boosts: { privileged: 0.25, watchlist: 0.5, afterHours: 0.2, holiday: 0.2 },
  watchlistMinPoints: 5,
  personalMailDomains: PERSONAL_MAIL_DOMAINS,
  sensitiveWords: SENSITIVE_WORDS,
  executiveTitle:
    /\b(executive|director|officer|president|ceo|cfo|coo|cto|board|vorstand|directeur|pdg)\b|役員|取締役|社長|執行役/i,
  sensitiveFactor: 2.5,
  executiveShareFactor: 1.5,
  recentDays: 56,
  accumulationWindows: [7, 14, 28],
  accumulationZ: 3,
  minPriorDays: 5,
  minPeers: 4,
  ownPastFactor: 0.8,
  ownPastMinDays: 10,
  accumulationWeight: {
    cloudBytes: 0.6,
    personalCloudBytes: 1,
    webmailBytes: 0.8,
    personalMails: 1,
    personalMailBytes: 1,
    printPages: 1,
    sensitiveReads: 1,
  },
  accumulationMinScale: {
    cloudBytes: 5 * 1024 * 1024,
    personalCloudBytes: 5 * 1024 * 1024,
    webmailBytes: 2 * 1024 * 1024,
    personalMails: 0.25,
    personalMailBytes: 1024 * 1024,
    // A page a day of spread: a department's daily printing is steady, so ten (the daily floor) hid a
    // hoarder's extra 30 pages a day inside a heavy-printing department.
    printPages: 4,
    // Two files a day: administrators' maintenance reads in the executives' share come and go by that much.
    sensitiveReads: 2,
  },
  accumulationTrim: ['cloudBytes', 'personalCloudBytes', 'webmailBytes', 'printPages'],
  leaverMailFactor: 1.5,
  persistenceDays: 14,
  persistenceFullDays: 5,
  persistenceWeight: 0.5,
  standingDays: 10,
  standingMinDays: 3,
  standingWeight: 0.7,
  scoreKnee: 60,
  ordinaryNovelty: 0.5,
  queueShare: 0.01,
  caseDays: 14,
};
