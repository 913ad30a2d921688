import { firing, math, reduce, seriesOf, thresholdGt, type FrameJson } from './evaluate';

const frame = (labels: Record<string, string>, values: Array<number | null>): FrameJson => ({
  schema: {
    name: 'count',
    fields: [
      { name: 'time', type: 'time' },
      { name: 'value', type: 'number', labels },
    ],
  },
  data: { values: [values.map((_, i) => i * 60000), values] },
});

describe('reduce (Grafana semantics, mode replaceNN with 0)', () => {
  const s = seriesOf([frame({ ip: 'a' }, [1, null, 3]), frame({ ip: 'b' }, [])]);
  it('sums, treating null as the replacement and an empty series as 0', () => {
    expect(reduce(s, 'sum')).toEqual([
      { labels: { ip: 'a' }, value: 4 },
      { labels: { ip: 'b' }, value: 0 },
    ]);
  });
  it('gives NaN for max, mean and last of an empty series, and values otherwise', () => {
    expect(reduce(s, 'max').map((i) => i.value)).toEqual([3, NaN]);
    expect(reduce(s, 'mean').map((i) => i.value)).toEqual([4 / 3, NaN]);
    expect(reduce(s, 'last').map((i) => i.value)).toEqual([3, NaN]);
  });
  it('refuses frames without a time field, which an alert query cannot use', () => {
    expect(() => seriesOf([{ schema: { name: 't', fields: [{ name: 'n', type: 'number' }] } }])).toThrow(
      /no time field/,
    );
  });
});

describe('threshold gt', () => {
  it('is 1 only strictly above the parameter; NaN never fires', () => {
    const out = thresholdGt(
      [
        { labels: { u: 'x' }, value: 20 },
        { labels: { u: 'y' }, value: 21 },
        { labels: { u: 'z' }, value: NaN },
      ],
      20,
    );
    expect(firing(out).map((i) => i.labels.u)).toEqual(['y']);
  });
});

describe('math', () => {
  const A = [
    { labels: { ip: 'a' }, value: 2e9 },
    { labels: { ip: 'b' }, value: 2e9 },
  ];
  const M = [
    { labels: { ip: 'a' }, value: 1e6 },
    { labels: { ip: 'b' }, value: 5e8 },
  ];
  it('joins number sets on equal labels and applies precedence (* before >, > before &&)', () => {
    const out = math('$Ar > 1073741824 && $Ar > 10 * $Am', { Ar: A, Am: M });
    expect(out).toEqual([
      { labels: { ip: 'a' }, value: 1 },
      { labels: { ip: 'b' }, value: 0 },
    ]);
  });
  it('handles parentheses, unary minus and scalars', () => {
    expect(math('(1 + 2) * -3', {})).toEqual([{ labels: {}, value: -9 }]);
    expect(math('$Ar / 1e9 - 1', { Ar: A }).map((i) => i.value)).toEqual([1, 1]);
  });
  it('pairs a label subset with the richer set, and drops items without a partner', () => {
    const out = math('$X + $Y', {
      X: [
        { labels: { u: 'a', h: 'h1' }, value: 1 },
        { labels: { u: 'c' }, value: 1 },
      ],
      Y: [{ labels: { u: 'a' }, value: 10 }],
    });
    expect(out).toEqual([{ labels: { u: 'a', h: 'h1' }, value: 11 }]);
  });
  it('names the offset of input it cannot read and unknown references', () => {
    expect(() => math('$A # 2', { A })).toThrow(/offset 3/);
    expect(() => math('$Q > 1', {})).toThrow(/\$Q/);
  });
});
