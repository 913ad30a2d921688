import type { AdHocVariableFilter, ScopedVars } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';

import type { KansaFilter, KansaQuery } from '../types';
import { adhocToKansa } from './adhoc';
import { andClauses, luceneValue } from './lucene';

/**
 * How a variable's value goes into a Lucene query. A textbox or constant holds Lucene the dashboard author or
 * user typed (the Kansa dashboards' "* for all" and wildcards), so it goes in as typed; a picked value is one
 * term (quoted when query_string would split it), and several picked values become ("a" OR "b").
 * Grafana's own 'lucene' format would escape the * of a textbox and match nothing.
 */
export function luceneFormat(value: unknown, variable?: { type?: string }): string {
  const values = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
  if (!Array.isArray(value) && (variable?.type === 'textbox' || variable?.type === 'constant')) {
    return values[0];
  }
  if (values.length === 0) {
    return '"__empty__"';
  }
  return values.length === 1 ? luceneValue(values[0]) : `(${values.map(luceneValue).join(' OR ')})`;
}

// Joins a multi-value variable's values so that one list entry like "$users" can expand into several entries.
const LIST_SEPARATOR = '\u001f';
const joinValues = (value: unknown) => (Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value));

function interpolateList(tpl: TemplateSrv, list: string[] | undefined, scopedVars: ScopedVars): string[] | undefined {
  if (!list) {
    return undefined;
  }
  return list
    .flatMap((item) => tpl.replace(item, scopedVars, joinValues).split(LIST_SEPARATOR))
    .map((item) => item.trim())
    .filter(Boolean);
}

function interpolateFilter(tpl: TemplateSrv, filter: KansaFilter, scopedVars: ScopedVars): KansaFilter {
  return { ...filter, key: tpl.replace(filter.key, scopedVars), value: tpl.replace(filter.value, scopedVars) };
}

/**
 * The query as the backend runs it: template variables replaced everywhere a user can type them (the Lucene query
 * with luceneFormat, lists with multi-value expansion, field names and the interval), and the dashboard's ad-hoc
 * filters added.
 */
export function interpolateQuery(
  tpl: TemplateSrv,
  query: KansaQuery,
  scopedVars: ScopedVars,
  adhoc: AdHocVariableFilter[] = [],
): KansaQuery {
  const extra = adhocToKansa(adhoc);
  const replace = (text: string) => tpl.replace(text, scopedVars);
  const filters = [...(query.filters ?? []).map((f) => interpolateFilter(tpl, f, scopedVars)), ...extra.filters];
  const out: KansaQuery = {
    ...query,
    query: andClauses([tpl.replace(query.query ?? '', scopedVars, luceneFormat), ...extra.clauses]),
  };
  if (filters.length > 0) {
    out.filters = filters;
  }
  for (const key of ['labels', 'users', 'columns'] as const) {
    if (query[key]) {
      out[key] = interpolateList(tpl, query[key], scopedVars);
    }
  }
  if (query.metrics) {
    out.metrics = query.metrics.map((m) => (m.field ? { ...m, field: replace(m.field) } : m));
  }
  if (query.groupBy) {
    out.groupBy = query.groupBy.map((g) => ({ ...g, field: replace(g.field) }));
  }
  if (query.interval) {
    out.interval = replace(query.interval);
  }
  return out;
}
