const BARE_VALUE = /^[A-Za-z0-9_.@][A-Za-z0-9_.@-]*$/;

/** A value as a query_string term: bare when that is unambiguous, otherwise a quoted phrase. */
export function luceneValue(value: string): string {
  if (BARE_VALUE.test(value) && !/^(AND|OR|NOT|TO)$/.test(value)) {
    return value;
  }
  return luceneQuoted(value);
}

/** A value as a quoted query_string phrase, whatever it contains: what Explore's filter buttons write. */
export function luceneQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A field name as query_string reads it. */
export function luceneField(field: string): string {
  return field.replace(/([:\\\s])/g, '\\$1');
}

/** `field:value` with the value quoted as needed. */
export function luceneTerm(field: string, value: string): string {
  return `${luceneField(field)}:${luceneValue(value)}`;
}

/** Joins clauses with AND, parenthesising each so that an OR inside one does not leak into the others. */
export function andClauses(clauses: string[]): string {
  const present = clauses.map((c) => c.trim()).filter(Boolean);
  if (present.length <= 1) {
    return present[0] ?? '';
  }
  return present.map((c) => `(${c})`).join(' AND ');
}

/** What the term under the caret is: the start of a field name, or the start of a value after `field:`. */
export type CaretContext =
  | { kind: 'field'; prefix: string; start: number; end: number }
  | { kind: 'value'; field: string; prefix: string; start: number; end: number };

const OPERATOR_PREFIX = /^[-+!(]+/;

/**
 * The term the caret is in. `start`/`end` delimit the part a suggestion replaces: the field name, or the value
 * after the colon (including an opening quote). Returns undefined inside a quoted phrase that is not a value,
 * and after a space, when there is nothing to complete.
 */
export function caretContext(text: string, caret: number): CaretContext | undefined {
  let termStart = 0;
  let inQuotes = false;
  for (let i = 0; i < caret; i++) {
    const ch = text[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && (ch === ' ' || ch === '\t' || ch === '\n' || ch === ')')) {
      termStart = i + 1;
    }
  }
  let end = caret;
  while (end < text.length && !/[\s)]/.test(text[end])) {
    end++;
  }
  const term = text.slice(termStart, caret);
  const lead = OPERATOR_PREFIX.exec(term)?.[0].length ?? 0;
  const body = term.slice(lead);
  const colon = body.search(/(?<!\\):/);
  if (colon < 0) {
    if (inQuotes || body === '' || /^(AND|OR|NOT|TO)$/.test(body)) {
      return undefined;
    }
    return { kind: 'field', prefix: body, start: termStart + lead, end };
  }
  const field = body.slice(0, colon).replace(/\\(.)/g, '$1');
  const rawValue = body.slice(colon + 1);
  if (/^[[{<>]/.test(rawValue)) {
    return undefined; // a range has no single value to suggest
  }
  const prefix = rawValue.replace(/^"/, '').replace(/\\(.)/g, '$1');
  return { kind: 'value', field, prefix, start: termStart + lead + colon + 1, end };
}

/** Puts a completion into the text, returning the new text and where the caret goes. */
export function applyCompletion(
  text: string,
  context: CaretContext,
  completion: string,
): { text: string; caret: number } {
  const insert = context.kind === 'field' ? `${completion}:` : `${luceneValue(completion)} `;
  const next = text.slice(0, context.start) + insert + text.slice(context.end).replace(/^ /, '');
  return { text: next, caret: context.start + insert.length };
}
