/** Daily volumes the profile keeps a history of. */
export const METRICS = ['filesRead', 'distinctFiles', 'proxyBytes', 'usb', 'printPages', 'mailsOut', 'failedLogons'] as const;
export type Metric = (typeof METRICS)[number];

/** Kinds of resources whose rarity is scored, with the prefix of their keys. */
export const RESOURCE_KINDS = ['share', 'folder', 'host', 'db', 'url'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/** What the directory says about a user, as the enriched events carry it. */
export interface UserInfo {
  department: string;
  displayName?: string;
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
  /** Resource keys "<kind>:<name>", e.g. "share:開発", "url:job-site". */
  resources?: string[];
  metric?: Metric;
  amount?: number;
  /** For distinct-file counting. */
  file?: string;
  ref?: EventRef;
}

export function resourceKind(key: string): ResourceKind {
  return key.slice(0, key.indexOf(':')) as ResourceKind;
}

export function resourceName(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}
