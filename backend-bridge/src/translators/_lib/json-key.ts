/**
 * Keys of JSON records, for rule tables (`rules.ts`) keyed by a record's members. A table finds a rule
 * from the record's text alone (rules.test.ts reads each sample that way), while the translator has just
 * parsed that same text: the last parse is remembered, so each record is parsed once. The parsed value is
 * shared with the next caller that passes the same text, so callers read it and never change it.
 */
import { ParseError } from '../../translate/types';
import { obj, type Json } from './json';

let lastText: string | undefined;
let lastValue: unknown;

/** JSON.parse that remembers the last text it parsed; throws as JSON.parse does. */
export function parseJson(text: string): unknown {
  if (text !== lastText) {
    lastValue = JSON.parse(text);
    lastText = text;
  }
  return lastValue;
}

/** `parseJsonObject` of `./json` (the same ParseError saying `what` was expected), parsed through parseJson. */
export function parseJsonObjectOnce(text: string, what: string): Json {
  let parsed: unknown;
  try {
    parsed = parseJson(text);
  } catch (err) {
    throw new ParseError(`expected a JSON object (${what}): ${(err as Error).message}`);
  }
  const r = obj(parsed);
  if (!r) {
    const kind = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
    throw new ParseError(`expected a JSON object (${what}), found ${kind}`);
  }
  return r;
}

/** A table's keyOf from a key of the parsed record; a text that is not a JSON object has no key. */
export function jsonKeyOf(keyOfRecord: (r: Json) => string | undefined): (text: string) => string | undefined {
  return (text) => {
    let parsed: unknown;
    try {
      parsed = parseJson(text);
    } catch {
      return undefined;
    }
    const r = obj(parsed);
    return r ? keyOfRecord(r) : undefined;
  };
}
