/**
 * Keys of JSON records, for rule tables (`rules.ts`) keyed by a record's members. The table's `keyOf`
 * reads a record's text (rules.test.ts reads each sample that way); a translator that has parsed the
 * record already passes the key to `applyRules` itself, so its records are not parsed twice.
 */
import { obj, type Json } from './json';

/** A table's keyOf from a key of the parsed record; a text that is not a JSON object has no key. */
export function jsonKeyOf(keyOfRecord: (r: Json) => string | undefined): (text: string) => string | undefined {
  return (text) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined;
    }
    const r = obj(parsed);
    return r ? keyOfRecord(r) : undefined;
  };
}
