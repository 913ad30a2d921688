import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { INDEX_PATTERN } from '@kansa/schema/src/generated/fields';

// The query model is one JSON shape for panels, Explore and alert rules. pkg/plugin/query.go reads the
// same JSON (queryModel) and answers each query type with its own handler. Version it when a field
// changes meaning; queries without a version are version 1.
export const QUERY_MODEL_VERSION = 1;

/** What a query asks for. */
export type KansaQueryType = 'logs' | 'metrics' | 'table' | 'attendance' | 'risk';

export const QUERY_TYPES: readonly KansaQueryType[] = ['logs', 'metrics', 'table', 'attendance', 'risk'];

/** The five purposes of log management (ログ管理の5つの目的), as the field registry names them. */
export type UseCase = 'cyber' | 'insider' | 'audit' | 'attendance' | 'failure';

export type Language = 'ja' | 'en';

export type MetricType = 'count' | 'sum' | 'avg' | 'min' | 'max' | 'cardinality' | 'percentiles';

/** One aggregation; every field except for count must be a registry field of a fitting type. */
export interface MetricAgg {
  /** Stable within the query; names the series ("count", "sum destination.bytes") and is what terms can order by. */
  id: string;
  type: MetricType;
  /** Numeric field for sum/avg/min/max/percentiles; any aggregatable field for cardinality. */
  field?: string;
  /** For percentiles; defaults to [50, 95, 99]. */
  percents?: number[];
}

/** A terms bucket. At most two per query; the first is the outer one. */
export interface TermsGroupBy {
  /** A keyword, ip, boolean or numeric registry field (text fields use their .keyword sub-field). */
  field: string;
  /** Defaults to 10; at most 500. */
  size?: number;
  /** Defaults to desc. */
  order?: 'desc' | 'asc';
  /** '_count' (default), '_key', or a MetricAgg id. */
  orderBy?: string;
  /** Include documents without the field as this bucket. */
  missing?: string;
}

/** A filter that Grafana's ad-hoc filter bar (or a panel link) adds; applied as a term query on the backend. */
export interface KansaFilter {
  key: string;
  operator: '=' | '!=' | '=~' | '!~';
  value: string;
}

export type TableMode = 'top' | 'raw';

/**
 * agreement36: one row per user for the month the range ends in, against the 36協定 in workday.agreement36.
 * divergence: per user and day, the logs against the imported timesheet (乖離).
 */
export type AttendanceView = 'timeline' | 'sheet' | 'agreement36' | 'divergence';

/** Working-day rules; a query overrides the data source's defaults field by field. */
export interface WorkdaySettings {
  /** IANA zone the days are counted in; default Asia/Tokyo. */
  timezone?: string;
  /** Standard working minutes per day, beyond which time is overtime; default 480. */
  standardDayMinutes?: number;
  /** A gap between sessions longer than this is away rather than a break inside the day; default 60. */
  breakThresholdMinutes?: number;
  /** A session without a logoff ends at its last activity plus this; default 30. */
  graceMinutes?: number;
  /** Late-night window, HH:MM local time; default 22:00 to 05:00 (the Labour Standards Act's 深夜). */
  lateNightStart?: string;
  lateNightEnd?: string;
  /** Weekdays off, 0 = Sunday; default [0, 6]. */
  weeklyHolidays?: number[];
  /** Public holidays and company days off, YYYY-MM-DD. */
  holidays?: string[];
  /** Minimum rest between one day's end and the next day's start (勤務間インターバル); default 11. */
  restIntervalHours?: number;
  /** A working day starts at this local hour, so night work belongs to the previous day; default 5. */
  dayBoundaryHour?: number;
}

export interface KansaQuery extends DataQuery {
  queryType: KansaQueryType;
  /** Lucene syntax, run as an OpenSearch query_string query; empty matches everything in the time range. */
  query: string;
  /** A preset filter: narrows to events and labels of one purpose. */
  useCase?: UseCase;
  /** Maximum rows, lines or buckets; the backend defaults per query type and caps at 10000. */
  limit?: number;
  /** Overrides the data source's language for messages and reasons. */
  language?: Language;
  /** Ad-hoc filters, added to the query as term clauses. */
  filters?: KansaFilter[];
  queryModelVersion?: number;

  // logs
  /** Fields to return as labels; defaults to the use case's fields. */
  labels?: string[];
  /**
   * 'logsVolume' turns a logs query into Explore's logs volume histogram: a count per interval and log.level,
   * one time series per level labelled "level" (the Loki data source's name for the same thing).
   */
  supportingQueryType?: 'logsVolume';
  /** Asks for the lines just before or after one line (its frame `id`) on the same host, newest first; limit defaults to 50. */
  logContext?: LogContextRequest;

  // metrics, and table in top mode
  /** Defaults to [{ id: 'count', type: 'count' }]. */
  metrics?: MetricAgg[];
  groupBy?: TermsGroupBy[];
  /** Date histogram interval such as '5m' or '1h'; 'auto' (default) follows the panel, capped to max_buckets. */
  interval?: string;

  // table
  tableMode?: TableMode;
  /** Columns for raw mode; defaults to @timestamp, user.name, host.name, event.action, the message. */
  columns?: string[];

  // attendance
  attendanceView?: AttendanceView;
  /** Only these users (user.name); empty means everyone with session events. */
  users?: string[];
  workday?: WorkdaySettings;

  // risk
  /** Rank users (user.name) or hosts (host.name); default user. */
  riskEntity?: 'user' | 'host';
  /** 'ranking' (default): one row per entity; 'daily': one series of daily scores per entity, for alert rules. */
  riskView?: 'ranking' | 'daily';
  /** Leave out days whose score confidence is below this (0 to 1); 0 or unset keeps every day. */
  riskMinConfidence?: number;
}

export interface LogContextRequest {
  id: string;
  /** 'before' (older lines, the default) or 'after' (newer lines). */
  direction?: 'before' | 'after';
}

export const DEFAULT_QUERY: Partial<KansaQuery> = {
  queryType: 'logs',
  query: '',
};

export type AuthType = 'none' | 'basic' | 'apiKey';

/** Non-secret settings; Grafana stores them as the data source's jsonData. The URL is the data source's own url. */
export interface KansaDataSourceOptions extends DataSourceJsonData {
  /** Indices to search; defaults to the bridge's pattern. */
  indexPattern?: string;
  /** Per-entity daily risk summaries the risk query reads; defaults to kansa-risk-*. */
  riskIndexPattern?: string;
  /** Which translation of kansa.message log lines show. */
  language?: Language;
  /** Basic auth uses Grafana's own basicAuth/basicAuthUser settings; this says which one applies. */
  authType?: AuthType;
  /** Grafana's standard TLS keys; the certificates live in secureJsonData as tlsCACert, tlsClientCert, tlsClientKey. */
  tlsSkipVerify?: boolean;
  tlsAuth?: boolean;
  tlsAuthWithCACert?: boolean;
  /** Seconds a query may take before it is cancelled; default 30. */
  timeoutSeconds?: number;
  /** Defaults for attendance queries. */
  workday?: WorkdaySettings;
}

export const DEFAULT_INDEX_PATTERN = INDEX_PATTERN;
export const DEFAULT_LANGUAGE: Language = 'ja';

/** Secrets; Grafana encrypts them and only the backend ever reads them back. */
export interface KansaSecureJsonData {
  /** Password for basic auth (Grafana's own key name, read by the plugin SDK). */
  basicAuthPassword?: string;
  /** OpenSearch API key, sent as "Authorization: ApiKey <key>". */
  apiKey?: string;
  tlsCACert?: string;
  tlsClientCert?: string;
  tlsClientKey?: string;
}

/** GET resources/fields: the registry, for autocomplete and the field pickers. */
export interface FieldInfo {
  name: string;
  type: string;
  array: boolean;
  aggregatable: boolean;
  /** The name to use in terms and cardinality (a text field's .keyword sub-field). */
  aggregationName?: string;
  ja: string;
  en: string;
  use: UseCase[];
}

/** GET resources/values?field=&query=&from=&to=&size=: top values of a field in the range. */
export interface FieldValue {
  value: string;
  count: number;
}
