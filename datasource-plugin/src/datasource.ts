import type { CoreApp } from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';

import { DEFAULT_QUERY, type KansaDataSourceOptions, type KansaQuery } from './types';

/** Queries, health checks and alert evaluation all run in the Go backend (pkg/plugin). */
export class DataSource extends DataSourceWithBackend<KansaQuery, KansaDataSourceOptions> {
  // An empty object opts into Grafana's standard annotation support: the query editor edits annotation
  // queries and the returned frames become annotations.
  annotations = {};

  getDefaultQuery(_: CoreApp): Partial<KansaQuery> {
    return DEFAULT_QUERY;
  }
}
