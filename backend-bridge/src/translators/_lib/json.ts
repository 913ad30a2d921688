/** JSON records (cloud audit logs, NXLog/Winlogbeat lines): parsing one object and reading its members. */
import { ParseError } from '../../translate/types';

export type Json = Record<string, unknown>;

/** A member that is an object (not an array, not null), else undefined. */
export function obj(v: unknown): Json | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** A member as text: strings (empty → undefined), numbers and booleans. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Parses one record that must be a JSON object; the ParseError says `what` was expected. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (err) {
    throw new ParseError(`expected a JSON object (${what}): ${(err as Error).message}`);
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    const kind = obj === null ? 'null' : Array.isArray(obj) ? 'an array' : `a ${typeof obj}`;
    throw new ParseError(`expected a JSON object (${what}), found ${kind}`);
  }
  return obj as Record<string, unknown>;
}
