import { type Conversion } from './convert';
import { fieldKind, resolveField, sourceMapping } from './fields';
import type { SigmaRule } from './rule';

/**
 * Sigma correlation rules → one metrics query the alert rule reduces. The Kansa datasource's metrics query counts
 * events (or distinct values of a field) per group-by terms per time bucket, so `event_count` (sum of counts over
 * the timespan, per group) and `value_count` (distinct values per group in a bucket of the timespan) have a form;
 * `temporal` and `temporal_ordered` need the events of several rules seen together or in order per group, which one
 * query cannot say.
 */

export interface Measure {
  query: string;
  groupBy: string[];
  metric: { type: 'count' } | { type: 'cardinality'; field: string };
  /** How far back the alert query looks, and the bucket it counts in. */
  windowSeconds: number;
  intervalSeconds: number;
  reducer: 'sum' | 'max';
  /** The alert fires when the reduced value is greater than this. */
  above: number;
}

export interface CorrelationResult {
  outcome: 'full' | 'partial' | 'none';
  measure?: Measure;
  reason?: string;
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

export function seconds(span: string | undefined): number | undefined {
  const m = /^(\d+)([smhd])$/.exec(span ?? '');
  return m ? Number(m[1]) * UNITS[m[2]] : undefined;
}

/** gte/gt as the threshold of a "greater than" condition; lt, lte, eq and ranges need the absence of events to alert. */
function above(cond: Record<string, unknown> | undefined): number | string {
  const keys = Object.keys(cond ?? {}).filter((k) => k !== 'field');
  if (keys.length !== 1 || !['gt', 'gte'].includes(keys[0])) {
    return `condition ${JSON.stringify(cond)}: only "gt" or "gte" alone has a form (an alert on too few events would need a series per group that never had one)`;
  }
  const n = Number(cond![keys[0]]);
  if (!Number.isInteger(n)) return `condition ${JSON.stringify(cond)}: the count must be an integer`;
  return keys[0] === 'gte' ? n - 1 : n;
}

export function convertCorrelation(rule: SigmaRule, byRef: Map<string, Conversion>): CorrelationResult {
  const c = rule.correlation!;
  if (c.type !== 'event_count' && c.type !== 'value_count') {
    return {
      outcome: 'none',
      reason: `correlation type "${c.type}": needs events of several rules seen together per group, which one metrics query cannot express`,
    };
  }
  const window = seconds(c.timespan);
  if (!window) return { outcome: 'none', reason: `timespan "${c.timespan ?? ''}" is not N followed by s, m, h or d` };
  const referenced = c.rules.map((r) => ({ ref: r, conv: byRef.get(r) }));
  const missing = referenced.filter((r) => !r.conv).map((r) => r.ref);
  if (missing.length)
    return { outcome: 'none', reason: `refers to rules not in the converted set: ${missing.join(', ')}` };
  const none = referenced.filter((r) => r.conv!.outcome === 'none').map((r) => r.ref);
  if (none.length) return { outcome: 'none', reason: `refers to rules that did not convert: ${none.join(', ')}` };
  // A partial rule counts more events than it should, so the correlation over it is partial too.
  const partial = referenced.filter((r) => r.conv!.outcome === 'partial');
  const outcome = partial.length ? 'partial' : 'full';
  const reason = partial.length
    ? `counts partially converted rules: ${partial.map((r) => `${r.ref} (${r.conv!.issues.map((i) => (i.field ? `${i.field}: ${i.reason}` : i.reason)).join('; ')})`).join(', ')}`
    : undefined;
  const first = referenced[0]?.conv;
  if (!first) return { outcome: 'none', reason: 'refers to no rule' };
  const source = sourceMapping(first.rule.logsource);
  if ('error' in source) return { outcome: 'none', reason: source.error };
  const aggregatable = (sigmaField: string): string | { error: string } => {
    const f = resolveField(source, sigmaField);
    const kind = f && fieldKind(f);
    if (!f || !kind) return { error: `no Kansa field for ${sigmaField}` };
    if (kind === 'flat') return { error: `${f} is a raw flat_object field, which cannot be grouped or counted` };
    return f;
  };
  const groupBy: string[] = [];
  for (const g of c.groupBy) {
    const f = aggregatable(g);
    if (typeof f !== 'string') return { outcome: 'none', reason: `group-by ${g}: ${f.error}` };
    groupBy.push(f);
  }
  const threshold = above(c.condition);
  if (typeof threshold === 'string') return { outcome: 'none', reason: threshold };
  const query = referenced.length === 1 ? first.query! : referenced.map((r) => `(${r.conv!.query})`).join(' OR ');
  if (c.type === 'event_count') {
    return {
      outcome,
      reason,
      measure: {
        query,
        groupBy,
        metric: { type: 'count' },
        windowSeconds: window,
        intervalSeconds: 60,
        reducer: 'sum',
        above: threshold,
      },
    };
  }
  const counted =
    typeof c.condition?.field === 'string'
      ? aggregatable(c.condition.field)
      : { error: 'value_count needs condition.field' };
  if (typeof counted !== 'string') return { outcome: 'none', reason: `value_count field: ${counted.error}` };
  // Distinct counts do not add up across buckets, so each bucket spans the whole timespan (aligned to the clock).
  return {
    outcome,
    reason,
    measure: {
      query,
      groupBy,
      metric: { type: 'cardinality', field: counted },
      windowSeconds: window,
      intervalSeconds: window,
      reducer: 'max',
      above: threshold,
    },
  };
}
