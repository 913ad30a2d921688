/**
 * Sigma's condition language: selection names, `and`, `or`, `not`, parentheses, and `1 of X` / `all of X` where X
 * is a name, a name with `*` wildcards, or `them` (every selection). The old aggregation pipe (`| count() by … > N`)
 * and `near` are recognised so they can be reported, not converted.
 */

export type Cond =
  | { kind: 'ref'; name: string }
  | { kind: 'of'; quantifier: 'one' | 'all'; target: string }
  | { kind: 'and' | 'or'; items: Cond[] }
  | { kind: 'not'; item: Cond };

export class ConditionError extends Error {}

const TOKEN = /\s*(\(|\)|[A-Za-z0-9_*.-]+|\||.)/y;

function tokenize(src: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < src.length && (m = TOKEN.exec(src))) {
    if (m[1] === undefined) break;
    out.push(m[1]);
  }
  return out.filter((t) => t.trim() !== '');
}

export function parseCondition(src: string): Cond {
  if (src.includes('|'))
    throw new ConditionError(
      'the aggregation pipe (| count() …) is deprecated Sigma and has no conversion; use a correlation rule',
    );
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos]?.toLowerCase();
  const expect = (t: string) => {
    if (peek() !== t)
      throw new ConditionError(`expected "${t}" at "${tokens.slice(pos).join(' ') || 'end'}" in "${src}"`);
    pos++;
  };
  const orExpr = (): Cond => {
    const items = [andExpr()];
    while (peek() === 'or') {
      pos++;
      items.push(andExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'or', items };
  };
  const andExpr = (): Cond => {
    const items = [notExpr()];
    while (peek() === 'and') {
      pos++;
      items.push(notExpr());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  };
  const notExpr = (): Cond => {
    if (peek() === 'not') {
      pos++;
      return { kind: 'not', item: notExpr() };
    }
    return primary();
  };
  const primary = (): Cond => {
    const t = tokens[pos];
    if (t === undefined) throw new ConditionError(`condition "${src}" ends early`);
    if (t === '(') {
      pos++;
      const inner = orExpr();
      expect(')');
      return inner;
    }
    const lower = t.toLowerCase();
    if ((lower === '1' || lower === 'all' || lower === 'any') && tokens[pos + 1]?.toLowerCase() === 'of') {
      pos += 2;
      const target = tokens[pos++];
      if (target === undefined || target === '(' || target === ')')
        throw new ConditionError(`"${t} of" needs a selection name, a pattern or "them" in "${src}"`);
      return { kind: 'of', quantifier: lower === 'all' ? 'all' : 'one', target };
    }
    if (/^\d+$/.test(lower) && tokens[pos + 1]?.toLowerCase() === 'of') {
      throw new ConditionError(`"${t} of" (more than one of) has no conversion; only "1 of" and "all of" do`);
    }
    if (lower === 'near') throw new ConditionError('"near" (temporal proximity inside one rule) has no Lucene form');
    if (['and', 'or', 'of', ')'].includes(lower)) throw new ConditionError(`unexpected "${t}" in "${src}"`);
    if (!/^[A-Za-z0-9_*.-]+$/.test(t)) throw new ConditionError(`unexpected "${t}" in "${src}"`);
    pos++;
    return { kind: 'ref', name: t };
  };
  const result = orExpr();
  if (pos !== tokens.length) {
    const rest = tokens.slice(pos).join(' ');
    if (/^near\b/i.test(rest))
      throw new ConditionError('"near" (temporal proximity inside one rule) has no Lucene form');
    throw new ConditionError(`unexpected "${rest}" in "${src}"`);
  }
  return result;
}

/** Names a `1 of`/`all of` target stands for: `them` is every selection, `sel*` every name it matches. */
export function expandTarget(target: string, names: string[]): string[] {
  if (target.toLowerCase() === 'them') return names.filter((n) => !n.startsWith('_'));
  const re = new RegExp(
    `^${target
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'))
      .join('.*')}$`,
  );
  return names.filter((n) => re.test(n));
}
