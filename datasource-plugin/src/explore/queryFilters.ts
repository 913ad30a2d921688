import type { QueryFilterOptions, ToggleFilterAction } from '@grafana/data';
import { FIELD, FIELD_TYPES } from '@kansa/schema/fields';

import { luceneField, luceneQuoted } from '../query/lucene';
import { withPatch } from '../query/patch';
import type { KansaQuery } from '../types';

// Explore's "filter for / filter out value" buttons in a log line's details. The filter goes into the Lucene
// query the user sees and edits (`… AND host.name:"FS01"`, `… AND NOT host.name:"FS01"`), the value always
// quoted, so that clicking again finds it and takes it out. Queries saved before kept these filters in
// `filters` (= and !=); those are found and removed too.

export type FilterKind = 'for' | 'out';

/** The registry field a log-details key names: labels are registry fields; the frame's severity is log.level. */
export function registryField(key: string | undefined): string | undefined {
  if (key === 'severity') {
    return FIELD.logLevel;
  }
  return key !== undefined && Object.prototype.hasOwnProperty.call(FIELD_TYPES, key) ? key : undefined;
}

/** The Lucene clause a filter button writes. */
export function filterClauseFor(kind: FilterKind, field: string, value: string): string {
  const term = `${luceneField(field)}:${luceneQuoted(value)}`;
  return kind === 'for' ? term : `NOT ${term}`;
}

/** Whether the query filters for (or, with type FILTER_OUT, out) the value; drives the buttons' active state. */
export function queryHasFilter(query: KansaQuery, options: QueryFilterOptions): boolean {
  const field = registryField(options.key);
  if (!field || options.value === undefined) {
    return false;
  }
  const kind: FilterKind = options.type === 'FILTER_OUT' ? 'out' : 'for';
  return (
    findClauses(query.query ?? '', field, options.value).some((c) => c.kind === kind) ||
    savedFilters(query, field, options.value).some((f) => f.kind === kind)
  );
}

/** Adds the filter; removes it when it is already there; replaces the opposite filter on the same value. */
export function toggleQueryFilter(query: KansaQuery, action: ToggleFilterAction): KansaQuery {
  return applyFilter(
    query,
    action.type === 'FILTER_OUT' ? 'out' : 'for',
    action.options.key,
    action.options.value,
    true,
  );
}

/** Adds the filter unless it is there, replacing the opposite one (modifyQuery's ADD_FILTER and ADD_FILTER_OUT). */
export function addQueryFilter(
  query: KansaQuery,
  kind: FilterKind,
  key: string | undefined,
  value: unknown,
): KansaQuery {
  return applyFilter(query, kind, key, value === undefined || value === null ? undefined : String(value), false);
}

/** A phrase anywhere in the event (modifyQuery's ADD_STRING_FILTER and ADD_STRING_FILTER_OUT, from selected text). */
export function addPhraseFilter(query: KansaQuery, kind: FilterKind, phrase: string | undefined): KansaQuery {
  if (!phrase?.trim()) {
    return query;
  }
  const clause = kind === 'for' ? luceneQuoted(phrase) : `NOT ${luceneQuoted(phrase)}`;
  return { ...query, query: appendClause(query.query ?? '', clause) };
}

function applyFilter(
  query: KansaQuery,
  kind: FilterKind,
  key: string | undefined,
  value: string | undefined,
  toggle: boolean,
): KansaQuery {
  const field = registryField(key);
  if (!field || value === undefined) {
    return query;
  }
  const saved = savedFilters(query, field, value);
  const clauses = findClauses(query.query ?? '', field, value);
  const present = clauses.some((c) => c.kind === kind) || saved.some((f) => f.kind === kind);
  if (present && !toggle) {
    // Already filtered this way; only an opposite filter on the same value has to go.
    const opposite: FilterKind = kind === 'for' ? 'out' : 'for';
    return withoutFilters(query, field, value, opposite);
  }
  const rest = withoutFilters(query, field, value);
  return present ? rest : { ...rest, query: appendClause(rest.query ?? '', filterClauseFor(kind, field, value)) };
}

/** The query without the filter's clauses and saved filters of the given kind (both kinds by default). */
function withoutFilters(query: KansaQuery, field: string, value: string, only?: FilterKind): KansaQuery {
  let text = query.query ?? '';
  for (;;) {
    const clause = findClauses(text, field, value).find((c) => !only || c.kind === only);
    if (!clause) {
      break;
    }
    text = cut(text, clause.start, clause.end);
  }
  const drop = new Set(
    savedFilters(query, field, value)
      .filter((f) => !only || f.kind === only)
      .map((f) => f.index),
  );
  const filters = (query.filters ?? []).filter((_, i) => !drop.has(i));
  return withPatch(query, { query: text, filters: filters.length > 0 ? filters : undefined });
}

function savedFilters(query: KansaQuery, field: string, value: string): Array<{ kind: FilterKind; index: number }> {
  const out: Array<{ kind: FilterKind; index: number }> = [];
  (query.filters ?? []).forEach((f, index) => {
    if (f.key === field && f.value === value && (f.operator === '=' || f.operator === '!=')) {
      out.push({ kind: f.operator === '=' ? 'for' : 'out', index });
    }
  });
  return out;
}

/** The query with a clause ANDed on; a query with a top-level OR is parenthesised first so the clause binds to all of it. */
export function appendClause(text: string, clause: string): string {
  const base = text.trim();
  if (!base) {
    return clause;
  }
  return `${tokenize(base).some(isOr) ? `(${base})` : base} AND ${clause}`;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Splits a query into its top-level tokens: terms (with quoted phrases and parenthesised groups kept whole) and operators. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    const start = i;
    let depth = 0;
    let quoted = false;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (ch === '\\') {
        i++;
      } else if (quoted) {
        quoted = ch !== '"';
      } else if (ch === '"') {
        quoted = true;
      } else if (ch === '(') {
        depth++;
      } else if (ch === ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth === 0 && /\s/.test(ch)) {
        break;
      }
    }
    i = Math.min(i, text.length);
    tokens.push({ text: text.slice(start, i), start, end: i });
  }
  return tokens;
}

const isOr = (t: Token) => t.text === 'OR' || t.text === '||';
const isAnd = (t: Token) => t.text === 'AND' || t.text === '&&';
const isNot = (t: Token) => t.text === 'NOT' || t.text === '!';

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** A `field:value` term (value bare or quoted) with its leading -, + or ! read as the sign. */
function readTerm(text: string): { negated: boolean; field: string; value: string } | undefined {
  const sign = /^[-+!]/.exec(text)?.[0];
  const body = sign ? text.slice(1) : text;
  const colon = body.search(/(?<!\\):/);
  if (colon <= 0) {
    return undefined;
  }
  const raw = body.slice(colon + 1);
  if (raw === '' || raw.startsWith('(')) {
    return undefined;
  }
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  return {
    negated: sign === '-' || sign === '!',
    field: unescape(body.slice(0, colon)),
    value: unescape(quoted ? raw.slice(1, -1) : raw),
  };
}

/**
 * The top-level clauses filtering the field for or out of the value, each with the text span that removing it
 * cuts (including one joining AND). None when the query is an OR at the top level: there a clause is no filter.
 */
function findClauses(
  text: string,
  field: string,
  value: string,
): Array<{ kind: FilterKind; start: number; end: number }> {
  const tokens = tokenize(text);
  if (tokens.some(isOr)) {
    return [];
  }
  const out: Array<{ kind: FilterKind; start: number; end: number }> = [];
  tokens.forEach((token, i) => {
    const term = readTerm(token.text);
    if (!term || term.field !== field || term.value !== value) {
      return;
    }
    const notBefore = i > 0 && isNot(tokens[i - 1]);
    let first = notBefore ? i - 1 : i;
    let last = i;
    if (first > 0 && isAnd(tokens[first - 1])) {
      first--;
    } else if (last + 1 < tokens.length && isAnd(tokens[last + 1])) {
      last++;
    }
    out.push({ kind: notBefore !== term.negated ? 'out' : 'for', start: tokens[first].start, end: tokens[last].end });
  });
  return out;
}

/** The text without [start, end), joined with one space where something remains on both sides. */
function cut(text: string, start: number, end: number): string {
  const left = text.slice(0, start).trimEnd();
  const right = text.slice(end).trimStart();
  return left && right ? `${left} ${right}` : left + right;
}
