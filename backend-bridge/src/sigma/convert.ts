import { FIELD as F } from '@kansa/schema';
import { ConditionError, expandTarget, parseCondition, type Cond } from './condition';
import { fieldKind, resolveField, sourceMapping, type SourceMapping } from './fields';
import type { SigmaRule } from './rule';
import {
  base64,
  base64offset,
  encodeText,
  escapeTerm,
  isLiteral,
  literal,
  literalText,
  parsePattern,
  patternRegex,
  patternWildcard,
  pcreToLucene,
  prefixOf,
  quote,
  windash,
  wrap,
  type Pattern,
} from './values';

/**
 * One Sigma rule → one Lucene query over Kansa's fields. What cannot be expressed (a field no translator emits, a
 * modifier with no Lucene form) becomes a gap: the query is widened there (the gap counts as "matches" where the
 * rule wants a match, as "does not match" under a `not`), so a partial query finds everything the rule would and
 * more, and every gap is listed with its reason. A query that widened to everything is no conversion at all.
 */

export type Outcome = 'full' | 'partial' | 'none';

export interface Issue {
  /** The Sigma field, when the gap is about one. */
  field?: string;
  reason: string;
}

export interface Conversion {
  rule: SigmaRule;
  outcome: Outcome;
  query?: string;
  issues: Issue[];
}

type Node =
  | { k: 'and' | 'or'; items: Node[] }
  | { k: 'not'; item: Node }
  | { k: 'q'; q: string }
  | { k: 'true' }
  | { k: 'false' }
  | { k: 'gap' };

const TRUE: Node = { k: 'true' };
const FALSE: Node = { k: 'false' };
const GAP: Node = { k: 'gap' };
const q = (s: string): Node => ({ k: 'q', q: s });
const and = (items: Node[]): Node => (items.length === 1 ? items[0] : { k: 'and', items });
const or = (items: Node[]): Node => (items.length === 1 ? items[0] : { k: 'or', items });

const SUPPORTED = new Set([
  'contains',
  'startswith',
  'endswith',
  'all',
  're',
  'cidr',
  'windash',
  'base64',
  'base64offset',
  'wide',
  'utf16le',
  'utf16be',
  'utf16',
  'exists',
  'gt',
  'gte',
  'lt',
  'lte',
  'cased',
  'i',
  'm',
  's',
]);
const UNSUPPORTED: Record<string, string> = {
  expand: 'placeholders (|expand) need values the rule does not carry',
  fieldref: 'comparing two fields of one event (|fieldref) has no Lucene form',
};

/** What the converter knows while turning one rule's detection into nodes. */
class Builder {
  readonly issues: Issue[] = [];
  constructor(private readonly source: SourceMapping) {}

  gap(reason: string, field?: string): Node {
    if (!this.issues.some((i) => i.reason === reason && i.field === field)) this.issues.push({ field, reason });
    return GAP;
  }

  selection(value: unknown, name: string): Node {
    if (Array.isArray(value)) {
      if (value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
        return or(value.map((m) => this.map(m as Record<string, unknown>)));
      }
      return this.keywords(value, []);
    }
    if (typeof value === 'object' && value !== null) return this.map(value as Record<string, unknown>);
    if (typeof value === 'string' || typeof value === 'number') return this.keywords([value], []);
    return this.gap(`selection "${name}" is neither a map, a list nor a value`);
  }

  private map(m: Record<string, unknown>): Node {
    const items = Object.entries(m).map(([key, v]) => this.item(key, v));
    return items.length === 0 ? this.gap('an empty selection') : and(items);
  }

  /** Keywords: free-text values matched as phrases in the original event. */
  private keywords(values: unknown[], modifiers: string[]): Node {
    const unknown = modifiers.filter((m) => !['contains', 'all'].includes(m));
    if (unknown.length) return this.gap(`keyword modifiers ${unknown.join('|')} are not supported`);
    const nodes = values.map((v) => {
      if (typeof v !== 'string' && typeof v !== 'number') return this.gap('a keyword that is not a string');
      const p = parsePattern(String(v));
      const inner = p.pieces.slice(p.pieces[0] && 'any' in p.pieces[0] ? 1 : 0);
      if (inner.length && 'any' in inner[inner.length - 1]) inner.pop();
      if (!isLiteral({ pieces: inner }))
        return this.gap(`keyword "${v}" has a wildcard inside; keywords are matched as phrases`);
      return q(`${F.eventOriginal}:${quote(literalText({ pieces: inner }))}`);
    });
    return modifiers.includes('all') ? and(nodes) : or(nodes);
  }

  private item(key: string, value: unknown): Node {
    const [sigmaField, ...mods] = key.split('|');
    const modifiers = mods.map((m) => m.toLowerCase());
    if (sigmaField === '') return this.keywords(Array.isArray(value) ? value : [value], modifiers);
    for (const m of modifiers) {
      if (UNSUPPORTED[m]) return this.gap(UNSUPPORTED[m], sigmaField);
      if (!SUPPORTED.has(m)) return this.gap(`unknown modifier |${m}`, sigmaField);
    }
    const field =
      sigmaField === 'EventID' && this.source.eventCode ? F.eventCode : resolveField(this.source, sigmaField);
    if (!field) return this.gap(`no Kansa field for ${sigmaField} in this log source`, sigmaField);
    let kind = fieldKind(field);
    let target = field;
    if (kind === 'text') {
      // Exact and wildcard matching needs the whole value: text fields carry it in their .keyword sub-field.
      target = `${field}.keyword`;
      kind = 'keyword';
    }
    if (!kind) return this.gap(`${field} cannot be matched by value`, sigmaField);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) return this.gap('an empty value list', sigmaField);
    const factor = this.source.scale?.[sigmaField];
    const scaled = (v: unknown) =>
      factor && (typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)))
        ? Math.round(Number(v) * factor)
        : v;
    const nodes = values.map((v) => this.value(sigmaField, target, kind!, scaled(v), modifiers));
    return modifiers.includes('all') ? and(nodes) : or(nodes);
  }

  private value(sigmaField: string, f: string, kind: string, v: unknown, modifiers: string[]): Node {
    const has = (m: string) => modifiers.includes(m);
    if (has('exists')) {
      const want = v === true || String(v).toLowerCase() === 'true';
      return want ? q(`_exists_:${f}`) : { k: 'not', item: q(`_exists_:${f}`) };
    }
    if (v === null || v === undefined) return { k: 'not', item: q(`_exists_:${f}`) };
    if (typeof v === 'object') return this.gap('a nested value', sigmaField);
    const s = String(v);
    const cmp = ['gt', 'gte', 'lt', 'lte'].find(has);
    if (cmp) {
      if (kind !== 'number' || !/^-?\d+(\.\d+)?$/.test(s))
        return this.gap(`|${cmp} needs a number on a numeric field (${f} is ${kind})`, sigmaField);
      return q(`${f}:${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[cmp]}${s}`);
    }
    if (has('re')) {
      if (kind !== 'keyword')
        return this.gap(
          `|re on ${f}: regular expressions need a keyword field (this one is ${kind === 'flat' ? 'a raw flat_object field' : kind})`,
          sigmaField,
        );
      const r = pcreToLucene(s, { i: has('i') });
      return 'error' in r ? this.gap(`|re: ${r.error}`, sigmaField) : q(`${f}:${r.regex}`);
    }
    if (has('cidr')) {
      if (kind !== 'ip') return this.gap(`|cidr needs an IP field (${f} is ${kind})`, sigmaField);
      return q(`${f}:${quote(s)}`);
    }
    let texts = has('windash') ? windash(s) : [s];
    let patterns: Pattern[];
    // Base64 text is case-sensitive by nature, whatever Sigma's default.
    const cased = has('cased') || has('base64') || has('base64offset');
    const encoding =
      has('wide') || has('utf16le') ? 'utf16le' : has('utf16be') ? 'utf16be' : has('utf16') ? 'utf16' : 'utf8';
    if (has('base64') || has('base64offset')) {
      texts = texts.flatMap((t) =>
        has('base64') ? [base64(encodeText(t, encoding))] : base64offset(encodeText(t, encoding)),
      );
      patterns = texts.map(literal);
    } else {
      if (encoding !== 'utf8')
        return this.gap(
          `|${modifiers.find((m) => m.startsWith('utf16') || m === 'wide')} only has a meaning before |base64 or |base64offset`,
          sigmaField,
        );
      patterns = texts.map(parsePattern);
    }
    const before = has('contains') || has('endswith');
    const after = has('contains') || has('startswith');
    return or(patterns.map((p) => this.pattern(sigmaField, f, kind, wrap(p, before, after), cased)));
  }

  private pattern(sigmaField: string, f: string, kind: string, p: Pattern, cased: boolean): Node {
    const lit = isLiteral(p) ? literalText(p) : undefined;
    switch (kind) {
      case 'keyword':
        if (lit !== undefined) return q(`${f}:${quote(lit)}`);
        return q(`${f}:${cased ? patternWildcard(p) : patternRegex(p, true)}`);
      case 'number':
        if (lit !== undefined && /^-?\d+(\.\d+)?$/.test(lit)) return q(`${f}:${lit}`);
        return this.gap(`${f} is numeric: "${lit ?? 'a wildcard'}" cannot match it`, sigmaField);
      case 'ip':
        if (lit !== undefined && /^[0-9a-fA-F:.]+$/.test(lit) && (lit.includes('.') || lit.includes(':')))
          return q(`${f}:${quote(lit)}`);
        return this.gap(
          `${f} is an IP field: only addresses and |cidr ranges match it, not "${lit ?? 'a wildcard'}"`,
          sigmaField,
        );
      case 'flat': {
        if (lit !== undefined) return q(`${f}:${quote(lit)}`);
        const prefix = prefixOf(p);
        if (prefix !== undefined) return q(`${f}:${escapeTerm(prefix)}*`);
        return this.gap(
          `${f} is a raw flat_object field: it matches exact values and prefixes only, not contains/endswith`,
          sigmaField,
        );
      }
      case 'boolean':
        if (lit === 'true' || lit === 'false') return q(`${f}:${lit}`);
        return this.gap(`${f} is boolean`, sigmaField);
      default:
        return this.gap(`${f} (${kind}) cannot be matched by value`, sigmaField);
    }
  }
}

function condNode(c: Cond, selections: Record<string, Node>, b: Builder): Node {
  switch (c.kind) {
    case 'ref': {
      const n = selections[c.name];
      return n ?? b.gap(`the condition names "${c.name}", which the detection does not define`);
    }
    case 'of': {
      const names = expandTarget(c.target, Object.keys(selections));
      if (names.length === 0) return b.gap(`"${c.target}" matches no selection`);
      const nodes = names.map((n) => selections[n]);
      return c.quantifier === 'all' ? and(nodes) : or(nodes);
    }
    case 'not':
      return { k: 'not', item: condNode(c.item, selections, b) };
    default:
      return { k: c.kind, items: c.items.map((i) => condNode(i, selections, b)) };
  }
}

/** Gaps become true where the rule wants a match and false under an odd number of `not`, then constants fold away. */
function resolve(n: Node, positive: boolean): Node {
  switch (n.k) {
    case 'gap':
      return positive ? TRUE : FALSE;
    case 'not': {
      const item = resolve(n.item, !positive);
      // NOT NOT x is x: query_string refuses two NOTs in a row (`not filter_null` over a null check).
      if (item.k === 'not') return item.item;
      return item.k === 'true' ? FALSE : item.k === 'false' ? TRUE : { k: 'not', item };
    }
    case 'and': {
      const items = n.items.map((i) => resolve(i, positive));
      if (items.some((i) => i.k === 'false')) return FALSE;
      const rest = items.filter((i) => i.k !== 'true');
      return rest.length === 0 ? TRUE : and(rest);
    }
    case 'or': {
      const items = n.items.map((i) => resolve(i, positive));
      if (items.some((i) => i.k === 'true')) return TRUE;
      const rest = items.filter((i) => i.k !== 'false');
      return rest.length === 0 ? FALSE : or(rest);
    }
    default:
      return n;
  }
}

/** True when every way the node can match requires some field value (not only the absence of others). */
function constrains(n: Node, positive = true): boolean {
  switch (n.k) {
    case 'q':
      return positive;
    case 'not':
      return constrains(n.item, !positive);
    case 'and':
      return positive ? n.items.some((i) => constrains(i, true)) : n.items.every((i) => constrains(i, false));
    case 'or':
      return positive ? n.items.every((i) => constrains(i, true)) : n.items.some((i) => constrains(i, false));
    default:
      return false;
  }
}

/** query_string has no precedence between AND and OR, and `a OR NOT b` means "a but not b": group both. */
export function render(n: Node, parent?: 'and' | 'or'): string {
  switch (n.k) {
    case 'q':
      return n.q;
    case 'not': {
      const inner = n.item.k === 'and' || n.item.k === 'or' ? `(${render(n.item)})` : render(n.item);
      return parent === 'or' ? `(NOT ${inner})` : `NOT ${inner}`;
    }
    case 'and':
    case 'or': {
      const s = n.items
        .map((i) => (i.k === 'and' || i.k === 'or' ? `(${render(i)})` : render(i, n.k)))
        .join(n.k === 'and' ? ' AND ' : ' OR ');
      return s;
    }
    case 'true':
      return '*';
    default:
      return 'NOT *';
  }
}

/** The rule's own detection as a node, with the builder that collected its gaps; throws ConditionError. */
export function detectionNode(rule: SigmaRule, source: SourceMapping): { node: Node; builder: Builder } {
  const b = new Builder(source);
  const detection = rule.detection ?? {};
  const selections: Record<string, Node> = {};
  for (const [name, value] of Object.entries(detection)) {
    if (name === 'condition' || name === 'timeframe') continue;
    selections[name] = b.selection(value, name);
  }
  if (detection.timeframe !== undefined)
    b.gap('timeframe in a detection only applies to the deprecated aggregation pipe');
  const raw = detection.condition;
  const conditions = Array.isArray(raw) ? raw.map(String) : raw === undefined ? [] : [String(raw)];
  if (conditions.length === 0) throw new ConditionError('the detection has no condition');
  const node = or(conditions.map((c) => condNode(parseCondition(c), selections, b)));
  return { node, builder: b };
}

export function convertRule(rule: SigmaRule): Conversion {
  if (rule.correlation)
    return { rule, outcome: 'none', issues: [{ reason: 'a correlation rule: see the correlation conversion' }] };
  const source = sourceMapping(rule.logsource);
  if ('error' in source) return { rule, outcome: 'none', issues: [{ reason: source.error }] };
  let built;
  try {
    built = detectionNode(rule, source);
  } catch (err) {
    if (err instanceof ConditionError) return { rule, outcome: 'none', issues: [{ reason: err.message }] };
    throw err;
  }
  const { node, builder } = built;
  const resolved = resolve(node, true);
  const issues = builder.issues;
  if (resolved.k === 'true' || resolved.k === 'false') {
    const why =
      resolved.k === 'true'
        ? 'nothing is left to match on once the unsupported parts are dropped'
        : 'the condition can never match';
    return { rule, outcome: 'none', issues: [...issues, { reason: why }] };
  }
  if (issues.length > 0 && !constrains(resolved)) {
    // Only exclusions are left: the alert would fire on nearly every event of the log source.
    return {
      rule,
      outcome: 'none',
      issues: [
        ...issues,
        {
          reason:
            'only exclusions are left once the unsupported parts are dropped: it would match nearly every event of the log source',
        },
      ],
    };
  }
  const detection = render(resolved);
  const query = source.constraint ? `${source.constraint} AND (${detection})` : detection;
  return { rule, outcome: issues.length ? 'partial' : 'full', query, issues };
}
