import type { DataSourceJsonData } from '@grafana/data';
import { INDEX_PATTERN } from '@kansa/schema/fields';

import type { KansaQuery, Language, UseCase, WorkdaySettings } from './generated/queryModel';

// The query model (KansaQuery and the types it uses) is defined once in schema/query-model.yaml and generated for
// this frontend and the Go backend (pkg/plugin/query_model_gen.go).
export * from './generated/queryModel';

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
