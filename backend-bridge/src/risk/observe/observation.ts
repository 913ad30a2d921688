/** Daily volumes the profile keeps a history of. */
export const METRICS = [
  'filesRead',
  'distinctFiles',
  'proxyBytes',
  'usb',
  'printPages',
  'mailsOut',
  'failedLogons',
  // Where data can leave: bytes through the proxy to cloud storage and web mail, messages (and their
  // bytes) sent to personal mail domains, files read in sensitive folders.
  'cloudBytes',
  // The part of cloudBytes that went to a service the department does not commonly use (score/day.ts
  // markCloud): a personal account rather than the department's sanctioned storage.
  'personalCloudBytes',
  'webmailBytes',
  'personalMails',
  'personalMailBytes',
  'sensitiveReads',
] as const;
export type Metric = (typeof METRICS)[number];

/** Kinds of resources whose rarity is scored, with the prefix of their keys. */
export const RESOURCE_KINDS = ['share', 'folder', 'host', 'db', 'url', 'mail', 'cloud'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** What the directory says about a user, as the enriched events carry it. */
export interface UserInfo {
  department: string;
  displayName?: string;
  /** Job title from the directory: executives' departments are recognized by it. */
  title?: string;
  privileged: boolean;
  watchlist: boolean;
  departureDate?: string;
}

/** Where an event is stored, so the scorer can mark it. */
export interface EventRef {
  index: string;
  id: string;
}

/**
 * The part of one normalized event the risk scorer needs: small enough to hold a month of a
 * company's events in memory for `kansa risk eval`.
 */
export interface Observation {
  t: number;
  user: string;
  info?: UserInfo;
  /** Resource keys "<kind>:<name>", e.g. "share:開発", "url:job-site", "cloud:dropbox.com". */
  resources?: string[];
  metric?: Metric;
  amount?: number;
  /** For distinct-file counting. */
  file?: string;
  /** One Postfix line of a message, joined by queue id within the day (observe/mail.ts). */
  mail?: MailPart;
  ref?: EventRef;
}

/**
 * What one Postfix line says about a message. The submission (smtpd "client=", with the SASL user) is
 * an observation of that user; the queue line (size, recipient count) and the delivery lines
 * (recipients) carry no user and are joined to it by the queue id.
 */
export interface MailPart {
  qid: string;
  size?: number;
  to?: string[];
}

export function resourceKind(key: string): ResourceKind {
  return key.slice(0, key.indexOf(':')) as ResourceKind;
}

export function resourceName(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}
