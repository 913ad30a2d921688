import type { FieldInfo } from '../../types';

export interface Suggestion {
  /** What goes into the query. */
  value: string;
  /** Shown next to it: the field's description or a value's count. */
  detail: string;
}

export const MAX_SUGGESTIONS = 20;

/** Fields whose name starts with the prefix first, then those containing it. */
export function suggestFields(fields: FieldInfo[], prefix: string, ja: boolean): Suggestion[] {
  const p = prefix.toLowerCase();
  const starts = fields.filter((f) => f.name.toLowerCase().startsWith(p));
  const contains = fields.filter((f) => !f.name.toLowerCase().startsWith(p) && f.name.toLowerCase().includes(p));
  return [...starts, ...contains].slice(0, MAX_SUGGESTIONS).map((f) => ({ value: f.name, detail: ja ? f.ja : f.en }));
}
