import { METRIC_KINDS, QUERY_LIMITS, type MetricAgg, type MetricType, type TermsGroupBy } from '../types';

export const MAX_GROUP_BY = QUERY_LIMITS.maxGroupBys;
export const MAX_TERMS_SIZE = QUERY_LIMITS.maxTermSize;

/** Whether a metric type needs a field (all but count); a type this editor does not know is taken to. */
export function takesField(type: MetricType): boolean {
  return METRIC_KINDS[type]?.field !== 'none';
}

/** The percents a metric type is shown with by default; undefined for types that are one series. */
export function defaultPercents(type: MetricType): readonly number[] | undefined {
  return METRIC_KINDS[type]?.percents;
}

/** The series name for a metric, unique among the others: "count", "sum destination.bytes", "sum destination.bytes 2". */
export function metricId(metric: Pick<MetricAgg, 'type' | 'field'>, taken: string[]): string {
  const base = !takesField(metric.type) || !metric.field ? metric.type : `${metric.type} ${metric.field}`;
  let id = base;
  for (let n = 2; taken.includes(id); n++) {
    id = `${base} ${n}`;
  }
  return id;
}

/**
 * Replaces the metric at index with an edited one, renaming its id to match its type and field, and keeps every
 * group-by that ordered by the old id ordering by the new one.
 */
export function updateMetric(
  metrics: MetricAgg[],
  groupBy: TermsGroupBy[] | undefined,
  index: number,
  edit: Omit<MetricAgg, 'id'>,
): { metrics: MetricAgg[]; groupBy: TermsGroupBy[] | undefined } {
  const old = metrics[index];
  const others = metrics.filter((_, i) => i !== index).map((m) => m.id);
  const next: MetricAgg = { id: metricId(edit, others), type: edit.type };
  if (takesField(edit.type) && edit.field) {
    next.field = edit.field;
  }
  const percents = defaultPercents(edit.type);
  if (percents) {
    next.percents = edit.percents ?? [...percents];
  }
  return {
    metrics: metrics.map((m, i) => (i === index ? next : m)),
    groupBy: groupBy?.map((g) => (old && g.orderBy === old.id ? { ...g, orderBy: next.id } : g)),
  };
}

/** A new metric: count if there is none yet, otherwise a field-less cardinality for the user to complete. */
export function addMetric(metrics: MetricAgg[]): MetricAgg[] {
  const type: MetricType = metrics.some((m) => m.type === 'count') ? 'cardinality' : 'count';
  return [
    ...metrics,
    {
      id: metricId(
        { type },
        metrics.map((m) => m.id),
      ),
      type,
    },
  ];
}

/** Removes a metric; group-bys that ordered by it fall back to the document count. */
export function removeMetric(
  metrics: MetricAgg[],
  groupBy: TermsGroupBy[] | undefined,
  index: number,
): { metrics: MetricAgg[]; groupBy: TermsGroupBy[] | undefined } {
  const removed = metrics[index];
  return {
    metrics: metrics.filter((_, i) => i !== index),
    groupBy: groupBy?.map((g) => (removed && g.orderBy === removed.id ? { ...g, orderBy: '_count' } : g)),
  };
}

/** Percentiles from "50, 95, 99.9"; an error names the first entry that is not a number in 0-100. */
export function parsePercents(text: string): { percents: number[] } | { error: string } {
  const parts = text
    .split(/[,\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) {
    return { error: '' };
  }
  const percents: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      return { error: part };
    }
    percents.push(value);
  }
  return { percents: Array.from(new Set(percents)).sort((a, b) => a - b) };
}

const INTERVAL = /^(auto|[1-9]\d*(ms|s|m|h|d|w))$/;

/** 'auto', or what the backend's parseInterval reads (500ms, 30s, 5m, 1h, 1d, 1w); variables are checked after interpolation. */
export function isValidInterval(interval: string): boolean {
  return INTERVAL.test(interval) || interval.includes('$');
}

/** Which metrics a metric builder still needs the user to complete (a field for non-count types). */
export function incompleteMetrics(metrics: MetricAgg[]): MetricAgg[] {
  return metrics.filter((m) => takesField(m.type) && !m.field);
}
