import { QUERY_MODEL_VERSION, type KansaQuery, type KansaQueryType, type MetricAgg } from '../types';

export const COUNT_METRIC: MetricAgg = { id: 'count', type: 'count' };

// Fields that mean something for every query type; everything else belongs to one or two types.
const COMMON_KEYS = ['refId', 'hide', 'key', 'datasource', 'query', 'useCase', 'language', 'filters'] as const;

const TYPE_KEYS: Record<KansaQueryType, ReadonlyArray<keyof KansaQuery>> = {
  logs: ['labels'],
  metrics: ['metrics', 'groupBy', 'interval'],
  table: ['tableMode', 'metrics', 'groupBy', 'columns'],
  attendance: ['attendanceView', 'users', 'workday'],
  risk: ['riskEntity', 'riskView', 'riskMinConfidence'],
};

/** What a fresh query of each type starts with, spelled out so that panels and alert rules store explicit JSON. */
export function typeDefaults(queryType: KansaQueryType): Partial<KansaQuery> {
  switch (queryType) {
    case 'metrics':
      return { metrics: [COUNT_METRIC], interval: 'auto' };
    case 'table':
      return { tableMode: 'top', metrics: [COUNT_METRIC] };
    case 'attendance':
      return { attendanceView: 'timeline' };
    case 'risk':
      return { riskEntity: 'user' };
    default:
      return {};
  }
}

/**
 * The query as the new type: the common fields stay, the new type's own fields stay when they were already set
 * (metrics and table share their aggregations), everything only the old type read is dropped, and `limit` is
 * dropped because it counts lines, buckets or rows depending on the type.
 */
export function switchQueryType(query: KansaQuery, queryType: KansaQueryType): KansaQuery {
  const next: Record<string, unknown> = { ...typeDefaults(queryType) };
  for (const key of COMMON_KEYS) {
    if (query[key] !== undefined) {
      next[key] = query[key];
    }
  }
  for (const key of TYPE_KEYS[queryType]) {
    if (query[key] !== undefined) {
      next[key] = query[key];
    }
  }
  return { ...(next as unknown as KansaQuery), queryType, queryModelVersion: QUERY_MODEL_VERSION };
}
