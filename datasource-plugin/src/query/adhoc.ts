import type { AdHocVariableFilter } from '@grafana/data';

import type { KansaFilter } from '../types';
import { luceneField, luceneTerm, luceneValue } from './lucene';

const TERM_OPERATORS = new Set<KansaFilter['operator']>(['=', '!=', '=~', '!~']);

/**
 * Grafana's ad-hoc filters as the query model takes them: equality and regex operators become KansaFilter term
 * clauses; the operators the model has no filter for (one of, not one of, less/greater than) become Lucene
 * clauses that are ANDed to the query.
 */
export function adhocToKansa(filters: AdHocVariableFilter[]): { filters: KansaFilter[]; clauses: string[] } {
  const out: { filters: KansaFilter[]; clauses: string[] } = { filters: [], clauses: [] };
  for (const f of filters) {
    if (!f.key) {
      continue;
    }
    const values = f.values?.length ? f.values : [f.value];
    switch (f.operator) {
      case '=|':
      case '!=|': {
        const any = values.map((v) => luceneTerm(f.key, v)).join(' OR ');
        out.clauses.push(f.operator === '=|' ? any : `NOT (${any})`);
        break;
      }
      case '<':
      case '>':
        out.clauses.push(`${luceneField(f.key)}:${f.operator}${luceneValue(f.value)}`);
        break;
      default:
        if (TERM_OPERATORS.has(f.operator as KansaFilter['operator'])) {
          out.filters.push({ key: f.key, operator: f.operator as KansaFilter['operator'], value: f.value });
        }
    }
  }
  return out;
}

/** A KansaFilter as a Lucene clause, for the places that take a query string (the values resource). */
export function filterClause(f: KansaFilter): string {
  const field = luceneField(f.key);
  switch (f.operator) {
    case '=':
      return luceneTerm(f.key, f.value);
    case '!=':
      return `NOT ${luceneTerm(f.key, f.value)}`;
    case '=~':
      return `${field}:/${f.value.replace(/\//g, '\\/')}/`;
    case '!~':
      return `NOT ${field}:/${f.value.replace(/\//g, '\\/')}/`;
  }
}
