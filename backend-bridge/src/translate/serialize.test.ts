import { translateBuffer } from './run';
import { eventJson, JsonWriter } from './serialize';
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
