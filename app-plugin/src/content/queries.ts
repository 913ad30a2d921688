import { FIELD } from '@kansa/schema/fields';

import type {
  AttendanceView,
  KansaQuery,
  MetricAgg,
  TermsGroupBy,
  UseCase,
  WorkdaySettings,
} from '../../../datasource-plugin/src/types';

/** A query before the dashboard gives it a refId and the datasource variable. */
export type QueryDraft = Omit<KansaQuery, 'refId'>;

/** Dashboard variables a panel may be narrowed by; each maps to the registry field it filters. */
export const SCOPE_FIELDS = {
  user: FIELD.userName,
  department: FIELD.kansaUserDepartment,
  host: FIELD.hostName,
  src_ip: FIELD.sourceIp,
} as const;

export type Scope = keyof typeof SCOPE_FIELDS;

/** Lucene OR of `field:value` terms; values with spaces or specials are quoted. */
export function anyOf(field: string, values: ReadonlyArray<string | number>): string {
  const terms = values.map((v) => `${field}:${typeof v === 'number' || /^[\w.-]+$/.test(v) ? v : JSON.stringify(v)}`);
  return terms.length === 1 ? terms[0] : `(${terms.join(' OR ')})`;
}

/** True when the whole string is one parenthesised group, so it needs no more parentheses. */
function enclosed(p: string): boolean {
  if (!p.startsWith('(') || !p.endsWith(')')) {
    return false;
  }
  let depth = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
    } else if (p[i] === '(') {
      depth++;
    } else if (p[i] === ')' && --depth === 0 && i < p.length - 1) {
      return false;
    }
  }
  return true;
}

/** Lucene AND of clauses; a clause with its own AND/OR is parenthesised, since query_string has no precedence. */
export const and = (...parts: Array<string | undefined | false>): string =>
  parts
    .filter((p): p is string => typeof p === 'string' && p !== '')
    .map((p) => (/\s(OR|AND)\s/.test(p) && !enclosed(p) ? `(${p})` : p))
    .join(' AND ');

export const count: MetricAgg = { id: 'count', type: 'count' };
export const sum = (field: string, id = `sum ${field}`): MetricAgg => ({ id, type: 'sum', field });
export const max = (field: string, id = `max ${field}`): MetricAgg => ({ id, type: 'max', field });
export const distinct = (field: string, id = `distinct ${field}`): MetricAgg => ({ id, type: 'cardinality', field });

export const by = (field: string, size = 10, orderBy?: string): TermsGroupBy => ({
  field,
  size,
  ...(orderBy ? { orderBy } : {}),
});
/** An inner group-by that keeps documents lacking the field (as "-"), so the outer bucket's rows never vanish. */
export const then = (field: string, size = 5): TermsGroupBy => ({ field, size, missing: '-' });

export function logs(query: string, opts: { useCase?: UseCase; labels?: string[]; limit?: number } = {}): QueryDraft {
  return { queryType: 'logs', query, ...opts };
}

export function metrics(
  query: string,
  opts: { metrics?: MetricAgg[]; groupBy?: TermsGroupBy[]; interval?: string; useCase?: UseCase } = {},
): QueryDraft {
  return { queryType: 'metrics', query, metrics: opts.metrics ?? [count], ...opts };
}

export function top(
  query: string,
  groupBy: TermsGroupBy[],
  metricsList: MetricAgg[] = [count],
  useCase?: UseCase,
): QueryDraft {
  return {
    queryType: 'table',
    tableMode: 'top',
    query,
    groupBy,
    metrics: metricsList,
    ...(useCase ? { useCase } : {}),
  };
}

export function raw(query: string, columns: string[], limit = 500): QueryDraft {
  return { queryType: 'table', tableMode: 'raw', query, columns, limit };
}

export function attendance(view: AttendanceView, workday?: WorkdaySettings): QueryDraft {
  return { queryType: 'attendance', attendanceView: view, query: '', ...(workday ? { workday } : {}) };
}

export function risk(entity: 'user' | 'host' = 'user', limit = 50): QueryDraft {
  return { queryType: 'risk', query: '', riskEntity: entity, limit };
}

/** The review queue: per day, the new cases within 1 % of users and the open cases with new evidence, newest first. */
export function riskQueue(limit = 200): QueryDraft {
  return { queryType: 'risk', query: '', riskEntity: 'user', riskView: 'queue', limit };
}

/** Each user's daily risk scores as one series, leaving out days scored on too little history: what alert rules read. */
export function riskDaily(minConfidence: number, limit = 100): QueryDraft {
  return {
    queryType: 'risk',
    query: '',
    riskEntity: 'user',
    riskView: 'daily',
    riskMinConfidence: minConfidence,
    limit,
  };
}
