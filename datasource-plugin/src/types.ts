import type { DataSourceJsonData } from '@grafana/data';
import type { DataQuery } from '@grafana/schema';
import { INDEX_PATTERN } from '@kansa/schema/src/generated/fields';

/** What a query asks for; pkg/plugin/query.go answers each type with its own handler. */
export type KansaQueryType = 'logs' | 'metrics' | 'table' | 'attendance' | 'risk';

export const QUERY_TYPES: readonly KansaQueryType[] = ['logs', 'metrics', 'table', 'attendance', 'risk'];

/** The five purposes of log management (ログ管理の5つの目的), as the field registry names them. */
export type UseCase = 'cyber' | 'insider' | 'audit' | 'attendance' | 'failure';

export interface KansaQuery extends DataQuery {
  queryType: KansaQueryType;
  /** Lucene syntax, run as an OpenSearch query_string query; empty matches everything in the time range. */
  query: string;
  /** Narrows labels (and, for later query types, the result) to one purpose's fields. */
  useCase?: UseCase;
  /** Maximum number of log lines; the backend defaults to 500 and accepts up to 10000. */
  limit?: number;
}

export const DEFAULT_QUERY: Partial<KansaQuery> = {
  queryType: 'logs',
  query: '',
};

export type Language = 'ja' | 'en';

/** Non-secret settings; Grafana stores them as the data source's jsonData. The URL is the data source's own url. */
export interface KansaDataSourceOptions extends DataSourceJsonData {
  /** Indices to search; defaults to the bridge's pattern. */
  indexPattern?: string;
  /** Which translation of kansa.message log lines show. */
  language?: Language;
}

export const DEFAULT_INDEX_PATTERN = INDEX_PATTERN;
export const DEFAULT_LANGUAGE: Language = 'ja';

/** Secrets; Grafana encrypts them and only the backend ever reads them back. */
export interface KansaSecureJsonData {
  /** Password for basic auth (Grafana's own key name, read by the plugin SDK). */
  basicAuthPassword?: string;
  /** OpenSearch API key, sent as "Authorization: ApiKey <key>". */
  apiKey?: string;
}
