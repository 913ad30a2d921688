import type { Reducer } from './model';

/** A data frame as the plugin SDK marshals it to JSON (what kansa-dsquery prints). */
export interface FrameJson {
  schema: {
    name?: string;
    meta?: Record<string, unknown>;
    fields: Array<{ name: string; type: string; labels?: Record<string, string> }>;
  };
  data?: { values: unknown[][] };
}

export type Labels = Record<string, string>;

/** One number per label set: what a Grafana server-side expression passes on. */
export interface NumberItem {
  labels: Labels;
  value: number;
}

export interface Series {
  labels: Labels;
  values: Array<number | null>;
}

/** Time series of a response: every number field of a frame with a time field, labelled as Grafana labels it. */
export function seriesOf(frames: FrameJson[]): Series[] {
  const out: Series[] = [];
  for (const frame of frames) {
    const fields = frame.schema.fields;
    const values = frame.data?.values ?? [];
    if (!fields.some((f) => f.type === 'time')) {
      throw new Error(`frame ${frame.schema.name ?? ''} has no time field; an alert query needs time series`);
    }
    fields.forEach((f, i) => {
      if (f.type === 'number') {
        out.push({ labels: f.labels ?? {}, values: (values[i] ?? []) as Array<number | null> });
      }
    });
  }
  return out;
}

/**
 * Grafana's reduce expression: mode replaceNN replaces null and NaN by the given value before reducing (strict
 * mode would turn the result into NaN). An empty series reduces to 0 for sum and NaN otherwise.
 */
export function reduce(series: Series[], reducer: Reducer, replaceWith = 0): NumberItem[] {
  return series.map((s) => {
    const v = s.values.map((x) => (x === null || Number.isNaN(x) ? replaceWith : x));
    let value: number;
    switch (reducer) {
      case 'sum':
        value = v.reduce((a, b) => a + b, 0);
        break;
      case 'max':
        value = v.length ? Math.max(...v) : NaN;
        break;
      case 'mean':
        value = v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
        break;
      case 'last':
        value = v.length ? v[v.length - 1] : NaN;
        break;
    }
    return { labels: s.labels, value };
  });
}

/** Grafana's threshold expression with the gt evaluator: 1 when above, else 0 (NaN stays NaN, which does not fire). */
export function thresholdGt(items: NumberItem[], param: number): NumberItem[] {
  return items.map((i) => ({ labels: i.labels, value: Number.isNaN(i.value) ? NaN : i.value > param ? 1 : 0 }));
}

// --- math: numbers, $refs, + - * /, comparisons, && || and parentheses, as in Grafana's math expression ---

type Token = { kind: 'num'; value: number } | { kind: 'ref'; name: string } | { kind: 'op'; op: string };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|\$(\w+)|(&&|\|\||>=|<=|==|!=|[-+*/()<>]))/y;
  let at = 0;
  while (src.slice(at).trim() !== '') {
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) {
      const offset = at + (src.slice(at).length - src.slice(at).trimStart().length);
      throw new Error(`math expression: cannot read "${src.slice(offset)}" at offset ${offset} of "${src}"`);
    }
    at = re.lastIndex;
    if (m[1] !== undefined) {
      tokens.push({ kind: 'num', value: Number(m[1]) });
    } else if (m[2] !== undefined) {
      tokens.push({ kind: 'ref', name: m[2] });
    } else {
      tokens.push({ kind: 'op', op: m[3] });
    }
  }
  return tokens;
}

type Value = number | NumberItem[];

const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '>': 4,
  '<': 4,
  '>=': 4,
  '<=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
};

function apply(op: string, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '>':
      return a > b ? 1 : 0;
    case '<':
      return a < b ? 1 : 0;
    case '>=':
      return a >= b ? 1 : 0;
    case '<=':
      return a <= b ? 1 : 0;
    case '==':
      return a === b ? 1 : 0;
    case '!=':
      return a !== b ? 1 : 0;
    case '&&':
      return a !== 0 && b !== 0 ? 1 : 0;
    default:
      return a !== 0 || b !== 0 ? 1 : 0;
  }
}

const subset = (a: Labels, b: Labels) => Object.entries(a).every(([k, v]) => b[k] === v);

/** Grafana's union of two number sets: items pair when one's labels are a subset of the other's; the richer labels win. */
function combine(op: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    return apply(op, a, b);
  }
  if (typeof a === 'number') {
    return (b as NumberItem[]).map((i) => ({ labels: i.labels, value: apply(op, a, i.value) }));
  }
  if (typeof b === 'number') {
    return a.map((i) => ({ labels: i.labels, value: apply(op, i.value, b) }));
  }
  const out: NumberItem[] = [];
  for (const x of a) {
    for (const y of b) {
      if (subset(x.labels, y.labels) || subset(y.labels, x.labels)) {
        const labels = Object.keys(x.labels).length >= Object.keys(y.labels).length ? x.labels : y.labels;
        out.push({ labels, value: apply(op, x.value, y.value) });
      }
    }
  }
  return out;
}

export function math(expression: string, vars: Record<string, NumberItem[]>): NumberItem[] {
  const tokens = tokenize(expression);
  let pos = 0;
  const primary = (): Value => {
    const t = tokens[pos++];
    if (!t) {
      throw new Error(`math expression ends early: "${expression}"`);
    }
    if (t.kind === 'num') {
      return t.value;
    }
    if (t.kind === 'ref') {
      const v = vars[t.name];
      if (!v) {
        throw new Error(`math expression refers to $${t.name}, which no expression defines`);
      }
      return v;
    }
    if (t.op === '(') {
      const v = binary(0);
      const close = tokens[pos++];
      if (!close || close.kind !== 'op' || close.op !== ')') {
        throw new Error(`math expression: ) expected in "${expression}"`);
      }
      return v;
    }
    if (t.op === '-') {
      return combine('*', -1, primary());
    }
    throw new Error(`math expression: unexpected ${t.op} in "${expression}"`);
  };
  const binary = (min: number): Value => {
    let left = primary();
    for (;;) {
      const t = tokens[pos];
      if (!t || t.kind !== 'op' || !(t.op in PRECEDENCE) || PRECEDENCE[t.op] < min) {
        break;
      }
      pos++;
      const right = binary(PRECEDENCE[t.op] + 1);
      left = combine(t.op, left, right);
    }
    return left;
  };
  const result = binary(0);
  if (pos !== tokens.length) {
    throw new Error(`math expression: unexpected trailing input in "${expression}"`);
  }
  return typeof result === 'number' ? [{ labels: {}, value: result }] : result;
}

/** The label sets for which the condition is non-zero, i.e. the alert instances that fire. */
export const firing = (items: NumberItem[]) => items.filter((i) => !Number.isNaN(i.value) && i.value !== 0);
