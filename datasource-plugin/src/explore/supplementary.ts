import { SupplementaryQueryType, type DataQueryRequest, type SupplementaryQueryOptions } from '@grafana/data';

import type { KansaQuery } from '../types';

// Explore's supplementary queries. Explore asks getSupplementaryRequest for a request, runs it through query()
// (so through the Go backend) and draws the answer:
// - logs volume: above a logs query's lines, a histogram over the whole time range, one stacked series per
//   log.level (pkg/plugin/logs.go answers supportingQueryType "logsVolume" with a count per interval and level);
// - logs sample: under a metrics or top-values table, the newest events the numbers were counted from.
// Refids follow Grafana's convention (log-volume-<refId>, log-sample-<refId>) so Explore ties each answer back
// to its query.

export const SUPPLEMENTARY_TYPES = [SupplementaryQueryType.LogsVolume, SupplementaryQueryType.LogsSample];

/** How many events a logs sample shows unless Explore asks for another number. */
export const LOGS_SAMPLE_LIMIT = 100;

const isLogs = (q: KansaQuery) => (q.queryType ?? 'logs') === 'logs';
// Attendance and risk rows are computed from many events (or from another index); a handful of events explains them poorly.
const hasSample = (q: KansaQuery) => q.queryType === 'metrics' || q.queryType === 'table';

/** What narrows the events, kept from the original query: the Lucene query, use case, filters and language. */
function eventsOf(query: KansaQuery): KansaQuery {
  const out: KansaQuery = { refId: query.refId, queryType: 'logs', query: query.query ?? '' };
  for (const key of ['datasource', 'useCase', 'filters', 'language', 'queryModelVersion'] as const) {
    if (query[key] !== undefined) {
      (out as unknown as Record<string, unknown>)[key] = query[key];
    }
  }
  return out;
}

/** The supplementary query for one original query, or undefined when that type does not fit it. */
export function supplementaryQuery(options: SupplementaryQueryOptions, query: KansaQuery): KansaQuery | undefined {
  if (query.hide) {
    return undefined;
  }
  switch (options.type) {
    case SupplementaryQueryType.LogsVolume:
      // The volume is always per log.level (options.field is not offered: the backend groups by the registry's level).
      if (!isLogs(query) || query.logContext) {
        return undefined;
      }
      return { ...eventsOf(query), refId: `log-volume-${query.refId}`, supportingQueryType: 'logsVolume' };
    case SupplementaryQueryType.LogsSample:
      if (!hasSample(query)) {
        return undefined;
      }
      return { ...eventsOf(query), refId: `log-sample-${query.refId}`, limit: options.limit ?? LOGS_SAMPLE_LIMIT };
    default:
      return undefined;
  }
}

/** The request Explore runs for a supplementary type: the original one with each fitting query replaced. */
export function supplementaryRequest(
  type: SupplementaryQueryType,
  request: DataQueryRequest<KansaQuery>,
  options?: SupplementaryQueryOptions,
): DataQueryRequest<KansaQuery> | undefined {
  const opts: SupplementaryQueryOptions = options?.type === type ? options : ({ type } as SupplementaryQueryOptions);
  const targets = request.targets.flatMap((q) => supplementaryQuery(opts, q) ?? []);
  if (targets.length === 0) {
    return undefined;
  }
  return { ...request, targets };
}
