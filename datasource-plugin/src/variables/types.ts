import type { DataQuery } from '@grafana/schema';

/** A query variable: the top values of one field, optionally under a Lucene query, in the dashboard's time range. */
export interface KansaVariableQuery extends DataQuery {
  field: string;
  query?: string;
  /** How many values; default 100, at most 500 (the backend's `values` resource bound). */
  size?: number;
}

export const DEFAULT_VARIABLE_SIZE = 100;
export const MAX_VARIABLE_SIZE = 500;

/**
 * A stored variable query as the editor edits it. Dashboards written by hand or by other tools may store a plain
 * string: "user.name" or "user.name | event.action:logged-in".
 */
export function toVariableQuery(stored: unknown): KansaVariableQuery {
  if (typeof stored === 'string') {
    const [field, ...rest] = stored.split('|');
    const query = rest.join('|').trim();
    return { refId: 'KansaVariable', field: field.trim(), ...(query ? { query } : {}) };
  }
  const q = (stored ?? {}) as Partial<KansaVariableQuery>;
  return { ...q, refId: q.refId ?? 'KansaVariable', field: typeof q.field === 'string' ? q.field : '' };
}
