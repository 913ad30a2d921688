import { translateBuffer } from './run';
import { FIELD_TYPES } from '@kansa/schema';
import { newEvent } from './event-object';
import { eventJson, JsonWriter } from './serialize';
import { BOOLEAN, EVENT_FIELDS, INTEGER, STRING, STRINGS, VALUE } from './serialize-fields';
import { allGoldenCases } from './testing/corpus';
import { GOLDEN_CONTEXT } from './testing/golden';

/** What the writer must equal: JSON.stringify, encoded as UTF-8. */
const expected = (v: unknown) => Buffer.from(JSON.stringify(v) ?? '', 'utf8');

function written(v: unknown): Buffer {
  const w = new JsonWriter(16);
  w.writeValue(v);
  return Buffer.from(w.bytes());
}

describe('JsonWriter', () => {
  const cases = allGoldenCases();

  it('writes every golden event byte for byte as JSON.stringify does', () => {
    let events = 0;
    for (const c of cases) {
      const ctx = {
        ...GOLDEN_CONTEXT,
        ...(c.options.year ? { year: c.options.year } : {}),
        ...(c.options.timeZone ? { timeZone: c.options.timeZone } : {}),
      };
      const out = translateBuffer(c.input, {
        source: `${c.translator}/${c.name}`,
        ctx,
        ...(c.options.format ? { format: c.options.format } : {}),
      }).events;
      const w = new JsonWriter(64);
      for (const e of out) {
        w.writeLine(e);
        expect(eventJson(e)).toBe(JSON.stringify(e));
      }
      expect(Buffer.from(w.bytes()).toString('utf8')).toBe(out.map((e) => `${JSON.stringify(e)}\n`).join(''));
      events += out.length;
    }
    expect(cases.length).toBeGreaterThan(50);
    expect(events).toBeGreaterThan(500);
  });

  it.each([
    [
      'escapes',
      {
        q: 'a"b',
        bs: 'c\\d',
        nl: 'line\nnext\ttab\r',
        ctl: '\u0001\u001f',
        del: '\u007f',
        long: `${'x'.repeat(40)}"${'y'.repeat(40)}\n`,
      },
    ],
    [
      'non-ASCII',
      {
        ja: '田中 が web01 にログオンしました',
        mixed: `é ü ß — ${'日本語'.repeat(20)}`,
        emoji: '😀 ok',
        emojiLong: `${'😀'.repeat(30)}`,
      },
    ],
    ['lone surrogates', { hi: 'a\ud800b', lo: '\udc00', longHi: `${'x'.repeat(30)}\ud83d` }],
    [
      'numbers',
      {
        int: 42,
        neg: -7,
        zero: 0,
        negZero: -0,
        float: 3.25,
        big: 1e21,
        small: 1e-7,
        nan: NaN,
        inf: Infinity,
        max: Number.MAX_SAFE_INTEGER,
      },
    ],
    ['missing values', { u: undefined, f: () => 1, s: Symbol('x'), arr: [undefined, () => 1, Symbol('y'), null, 1] }],
    [
      'nesting and key order',
      { b: 1, a: { '2': 'two', '1': 'one', z: [{ y: true, x: false }], 'dotted.key': null }, 'kansa.raw': {} },
    ],
    ['keys that need escapes', { 'a"b': 1, 'tab\tkey': 2, 日本: 3 }],
    [
      'values JSON.stringify treats specially',
      {
        date: new Date(Date.UTC(2026, 9, 1)),
        boxed: new String('s'),
        json: { toJSON: () => 'custom' },
        map: new Map([[1, 2]]),
        proto: Object.create(null),
      },
    ],
    ['empty', {}],
  ])('matches JSON.stringify for %s', (_name, value) => {
    expect(written(value).equals(expected(value))).toBe(true);
    expect(eventJson(value)).toBe(JSON.stringify(value));
  });

  it('matches JSON.stringify on top-level scalars, arrays and deep nesting', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = i % 2 ? { d: deep } : [deep];
    for (const v of ['s', 1, true, null, [1, 'a', [2]], deep]) expect(written(v).equals(expected(v))).toBe(true);
    expect(written(undefined).length).toBe(0);
  });

  it('throws as JSON.stringify does on a bigint and on a cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => written({ n: 1n })).toThrow(TypeError);
    expect(() => written(cyclic)).toThrow();
  });

  it('writes mutated golden records (a seeded fuzz of every multi-line case) byte for byte as JSON.stringify does', () => {
    const rnd = prng(20261206);
    let events = 0;
    let failed = 0;
    const seeds = cases.filter((c) => c.input[0] !== 0xff && c.input.includes(10));
    while (events < FUZZ_EVENTS) {
      for (const c of seeds) {
        const mutated = c.input
          .toString('utf8')
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => mutate(l, rnd))
          .join('\n');
        const out = translateBuffer(Buffer.from(mutated, 'utf8'), {
          source: `fuzz/${c.translator}/${c.name}`,
          ctx: { ...GOLDEN_CONTEXT },
          ...(c.options.format ? { format: c.options.format } : {}),
        }).events;
        const w = new JsonWriter(64);
        for (const e of out) {
          w.reset();
          w.writeValue(e);
          if (!Buffer.from(w.bytes()).equals(expected(e)))
            throw new Error(`differs: ${JSON.stringify(e).slice(0, 300)}`);
          if (e['kansa.parse.status'] !== 'ok') failed++;
        }
        events += out.length;
      }
    }
    expect(events).toBeGreaterThanOrEqual(FUZZ_EVENTS);
    // The mutations reach the escape and fallback paths: some records no longer parse.
    expect(failed).toBeGreaterThan(50);
  });

  it('leaves out keys an object inherits, as JSON.stringify does, even when Object.prototype has one', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'x';
    try {
      const v = { a: 1, nested: { b: 'c' } };
      expect(written(v).toString('utf8')).toBe('{"a":1,"nested":{"b":"c"}}');
    } finally {
      delete proto.polluted;
    }
  });

  it('grows past its initial buffer and starts over on reset', () => {
    const w = new JsonWriter(4);
    const big = { text: 'あ'.repeat(10_000), list: Array.from({ length: 1000 }, (_, i) => i) };
    w.writeLine(big);
    expect(Buffer.from(w.bytes()).equals(Buffer.from(`${JSON.stringify(big)}\n`))).toBe(true);
    w.reset();
    w.writeLine({ a: 1 });
    expect(w.text()).toBe('{"a":1}\n');
  });
});

describe('newEvent', () => {
  it('is an empty plain object that keeps its keys in the order they are set', () => {
    const e = newEvent();
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(Object.keys(e)).toEqual([]);
    Object.assign(e, { 'host.name': 'h', '@timestamp': 't' }, { 'event.action': 'a', 'host.name': 'h2' });
    e['unregistered.key'] = 1;
    expect(JSON.stringify(e)).toBe('{"host.name":"h2","@timestamp":"t","event.action":"a","unregistered.key":1}');
    expect(written(e).toString('utf8')).toBe(JSON.stringify(e));
    expect(e).toStrictEqual({ 'host.name': 'h2', '@timestamp': 't', 'event.action': 'a', 'unregistered.key': 1 });
  });
});

describe('registered fields', () => {
  it('has one writer entry per registered field, its key bytes and a kind from its type', () => {
    const kinds: Record<string, number[]> = {
      keyword: [STRING, STRINGS],
      text: [STRING, STRINGS],
      date: [STRING],
      ip: [STRING, STRINGS],
      long: [INTEGER],
      integer: [INTEGER],
      boolean: [BOOLEAN],
      float: [VALUE],
      flat_object: [VALUE],
      object: [VALUE],
    };
    expect(EVENT_FIELDS.map(([name]) => name)).toEqual(Object.keys(FIELD_TYPES));
    for (const [name, hex, kind] of EVENT_FIELDS) {
      expect(Buffer.from(hex, 'hex').toString('utf8')).toBe(`,${JSON.stringify(name)}:`);
      expect(kinds[FIELD_TYPES[name as keyof typeof FIELD_TYPES]]).toContain(kind);
    }
  });

  // Every kind's fast path, and every value a translator could put there by mistake (which goes the generic way).
  const strangeValues: unknown[] = [
    'plain',
    '',
    'needs "escapes"\n',
    '田中',
    'x'.repeat(40),
    'a\ud800',
    0,
    -0,
    7,
    -42,
    2147483647,
    -2147483647,
    2147483648,
    -2147483648,
    Number.MAX_SAFE_INTEGER,
    1e21,
    3.5,
    NaN,
    -Infinity,
    true,
    false,
    null,
    undefined,
    [],
    ['a', 'b'],
    ['a', 1, null, undefined, true, ['x'], { k: 'v' }],
    { nested: { 'user.name': 5 } },
    new Date(Date.UTC(2026, 0, 1)),
    { toJSON: () => 'custom' },
  ];
  const fieldOfKind = (kind: number) => EVENT_FIELDS.find(([, , k]) => k === kind)![0];

  it.each([
    ['string', STRING],
    ['strings', STRINGS],
    ['integer', INTEGER],
    ['boolean', BOOLEAN],
    ['value', VALUE],
  ])('writes a %s field byte for byte as JSON.stringify does, whatever it holds', (_name, kind) => {
    const field = fieldOfKind(kind);
    for (const v of strangeValues) {
      for (const event of [{ [field]: v }, { 'event.kind': 'event', [field]: v, 'unregistered.key': v }]) {
        expect(written(event).toString('utf8')).toBe(expected(event).toString('utf8'));
      }
    }
  });
});

/** A small deterministic PRNG, so a failing mutation can be replayed from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Enough mutated events that every translator's fallback and escape paths are reached many times. */
const FUZZ_EVENTS = 10_000;

const INSERTS = [
  '"',
  '\\',
  '\u0000',
  '\t',
  '\u001f',
  '\ud83d',
  '😀',
  'あ',
  '\u2028',
  '=',
  ',',
  '{',
  '-1',
  '99999999999',
];

/** Truncates, inserts a character JSON must escape (or a surrogate, or a digit run), or deletes. */
function mutate(line: string, rnd: () => number): string {
  const at = Math.floor(rnd() * (line.length + 1));
  switch (Math.floor(rnd() * 4)) {
    case 0:
      return line.slice(0, at);
    case 1:
      return line.slice(0, at) + line.slice(at + 1 + Math.floor(rnd() * 8));
    default:
      return line.slice(0, at) + INSERTS[Math.floor(rnd() * INSERTS.length)] + line.slice(at);
  }
}
