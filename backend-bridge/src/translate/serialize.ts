/**
 * JSON for events, written straight into one reusable Buffer. Events are objects of 20–35 dotted keys
 * built by merging, which V8 keeps in dictionary mode; JSON.stringify is slow on those, and the
 * string it returns (two-byte, because of the Japanese message) costs a second pass to become UTF-8.
 * This writer walks the object once, in its key order, and writes UTF-8 bytes. A registered field
 * (schema/fields.yaml, through the generated serialize-fields.ts) has its `,"key":` bytes ready and is
 * written by the kind of value the registry gives it; any other key has its bytes cached on first use.
 *
 * The output is byte-for-byte what `JSON.stringify(value)` encodes to in UTF-8: a field's kind only picks
 * a fast path, and a value of another type goes the generic way. Whatever the fast paths do not cover
 * (strings that need escapes or hold surrogates, class instances, toJSON, very deep nesting) is handed to
 * JSON.stringify itself.
 */
import { BOOLEAN, EVENT_FIELDS, INTEGER, STRING, STRINGS, VALUE } from './serialize-fields';

const MAX_CACHED_KEYS = 4096;
const MAX_DEPTH = 32;
const QUOTE = 34;
/** Strings longer than this are written natively. */
const SHORT = 24;
/** What JSON.stringify escapes (quote, backslash, controls) and what utf8Write would not keep (surrogates). */
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
const COMMA = 44;
/** Integers in this range are written digit by digit; larger ones through String(), as JSON.stringify does. */
const MAX_SMALL_INT = 0x7fffffff;

/** A key's `,"key":` bytes (the comma is skipped for an object's first key) and how its value is written. */
interface KeyWriter {
  bytes: Uint8Array;
  kind: number;
}

const registered = new Map<string, KeyWriter>(
  EVENT_FIELDS.map(([name, hex, kind]) => [name, { bytes: Buffer.from(hex, 'hex'), kind }]),
);
const keyCache = new Map<string, KeyWriter>();

/** Whether an object's prototype has an enumerable key, which for-in would list. */
function hasEnumerable(proto: object | null): boolean {
  for (const _key in proto) return true;
  return false;
}

function keyWriter(key: string): KeyWriter {
  let w = registered.get(key) ?? keyCache.get(key);
  if (w === undefined) {
    w = { bytes: Buffer.from(`,${JSON.stringify(key)}:`, 'utf8'), kind: VALUE };
    if (keyCache.size < MAX_CACHED_KEYS) keyCache.set(key, w);
  }
  return w;
}

export class JsonWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written since the last reset. */
  get length(): number {
    return this.pos;
  }

  /** Appends the JSON of `value` and a newline: one NDJSON line. */
  writeLine(value: unknown): void {
    this.writeValue(value);
    this.ensure(1);
    this.buf[this.pos++] = 10;
  }

  /** Appends the JSON of `value`; a top-level undefined (which JSON.stringify leaves out) writes nothing. */
  writeValue(value: unknown): void {
    this.value(value, 0);
  }

  /** Appends bytes already encoded, such as a bulk action line. */
  writeRaw(text: string): void {
    this.ensure(text.length * 3);
    this.pos += this.buf.utf8Write(text, this.pos);
  }

  /** A view of the bytes written; valid until the next write after a reset. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** The bytes written since `from`, as a string. */
  text(from = 0): string {
    return this.buf.utf8Slice(from, this.pos);
  }

  /** Starts over in the same buffer. */
  reset(): void {
    this.pos = 0;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string':
        this.string(v);
        return;
      case 'number':
        this.ascii(Number.isFinite(v) ? String(v) : 'null');
        return;
      case 'boolean':
        this.ascii(v ? 'true' : 'false');
        return;
      case 'object':
        if (v === null) {
          this.ascii('null');
        } else if (Array.isArray(v)) {
          if (depth >= MAX_DEPTH) this.fallback(v);
          else this.array(v, depth + 1);
        } else {
          const proto = Object.getPrototypeOf(v);
          if (
            (proto !== Object.prototype && proto !== null) ||
            depth >= MAX_DEPTH ||
            typeof (v as { toJSON?: unknown }).toJSON === 'function'
          )
            this.fallback(v);
          else this.object(v as Record<string, unknown>, depth + 1);
        }
        return;
      default:
        // undefined, functions, symbols: left out of objects by the caller; bigint: JSON.stringify throws.
        this.fallback(v);
    }
  }

  private object(o: Record<string, unknown>, depth: number): void {
    this.ensure(1);
    this.buf[this.pos++] = 123;
    let skip = 1;
    // for-in, not Object.keys: on a fast-mode object (translate/event-object.ts) V8 reads each value through
    // the enum cache instead of looking the key up. It lists the same own keys in the same order; it would
    // add inherited enumerable keys too, which a plain object only has if someone put one on Object.prototype.
    const inherited = hasEnumerable(Object.getPrototypeOf(o));
    for (const key in o) {
      if (inherited && !Object.hasOwn(o, key)) continue;
      const v = o[key];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const kw = keyWriter(key);
      const kb = kw.bytes;
      this.ensure(kb.length);
      const buf = this.buf;
      let p = this.pos;
      for (let j = skip; j < kb.length; j++) buf[p++] = kb[j];
      this.pos = p;
      skip = 0;
      switch (kw.kind) {
        case STRING:
          if (typeof v === 'string') {
            this.string(v);
            continue;
          }
          break;
        case STRINGS:
          if (typeof v === 'string') {
            this.string(v);
            continue;
          }
          if (Array.isArray(v) && depth < MAX_DEPTH) {
            this.strings(v, depth + 1);
            continue;
          }
          break;
        case INTEGER:
          if (typeof v === 'number' && (v | 0) === v) {
            this.integer(v);
            continue;
          }
          break;
        case BOOLEAN:
          if (typeof v === 'boolean') {
            this.ascii(v ? 'true' : 'false');
            continue;
          }
          break;
      }
      this.value(v, depth);
    }
    this.ensure(1);
    this.buf[this.pos++] = 125;
  }

  /** An array expected to hold strings (related.ip, event.category, …); other elements as `array` writes them. */
  private strings(a: unknown[], depth: number): void {
    this.ensure(1);
    this.buf[this.pos++] = 91;
    for (let i = 0; i < a.length; i++) {
      if (i > 0) {
        this.ensure(1);
        this.buf[this.pos++] = COMMA;
      }
      const v = a[i];
      if (typeof v === 'string') this.string(v);
      else if (v === undefined || typeof v === 'function' || typeof v === 'symbol') this.ascii('null');
      else this.value(v, depth);
    }
    this.ensure(1);
    this.buf[this.pos++] = 93;
  }

  /** A 32-bit integer's decimal digits, as String(v) writes them (-0 as 0). */
  private integer(v: number): void {
    if (v > MAX_SMALL_INT || v < -MAX_SMALL_INT) return this.ascii(String(v));
    this.ensure(11);
    const buf = this.buf;
    let p = this.pos;
    if (v < 0) {
      buf[p++] = 45;
      v = -v;
    }
    let digits = 1;
    for (let t = v; t >= 10; t = (t / 10) | 0) digits++;
    p += digits;
    this.pos = p;
    do {
      buf[--p] = 48 + (v % 10);
      v = (v / 10) | 0;
    } while (v > 0);
  }

  private array(a: unknown[], depth: number): void {
    this.ensure(1);
    this.buf[this.pos++] = 91;
    for (let i = 0; i < a.length; i++) {
      if (i > 0) {
        this.ensure(1);
        this.buf[this.pos++] = COMMA;
      }
      const v = a[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') this.ascii('null');
      else this.value(v, depth);
    }
    this.ensure(1);
    this.buf[this.pos++] = 93;
  }

  /**
   * Writes a quoted string as UTF-8. Short strings go byte by byte in JS (a native call costs more than
   * they do); long ones are checked with one regex scan and copied natively.
   */
  private string(s: string): void {
    const n = s.length;
    if (n > SHORT) {
      if (NEEDS_CARE.test(s)) return this.escaped(s);
      this.ensure(n * 3 + 2);
      const buf = this.buf;
      buf[this.pos++] = QUOTE;
      this.pos += buf.utf8Write(s, this.pos);
      buf[this.pos++] = QUOTE;
      return;
    }
    this.ensure(n * 3 + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === QUOTE || c === 92) return this.escaped(s);
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        return this.escaped(s);
      } else {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    buf[p++] = QUOTE;
    this.pos = p;
  }

  private escaped(s: string): void {
    this.writeRaw(JSON.stringify(s));
  }

  private ascii(s: string): void {
    this.ensure(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  private fallback(v: unknown): void {
    const json = JSON.stringify(v);
    if (json !== undefined) this.writeRaw(json);
  }
}

declare global {
  interface Buffer {
    utf8Write(text: string, offset?: number, length?: number): number;
    utf8Slice(start?: number, end?: number): string;
  }
}

const shared = new JsonWriter(64 * 1024);

/** JSON.stringify for events, through the writer: the same text, faster on many-keyed objects. */
export function eventJson(value: unknown): string {
  shared.reset();
  shared.writeValue(value);
  return shared.text();
}

/** The same JSON as UTF-8 bytes in a buffer of its own: what the queue and the bulk body carry. */
export function eventBytes(value: unknown): Buffer {
  shared.reset();
  shared.writeValue(value);
  return Buffer.from(shared.bytes());
}
