import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Encoding } from './decode';
import type { FramedRecord } from './framing';
import { JsonValueFramer } from './json-framing';

function frame(input: Buffer, opts: { encoding?: Encoding; max?: number; chunk?: number; start?: number } = {}) {
  const framer = new JsonValueFramer(opts.encoding ?? 'utf8', opts.max ?? 64 * 1024, opts.start ?? 0);
  const records: FramedRecord[] = [];
  const emit = (r: FramedRecord) => records.push(r);
  let held = 0;
  const step = opts.chunk ?? input.length;
  for (let i = 0; i < input.length; i += step) {
    framer.push(input.subarray(i, i + step), emit);
    held = Math.max(held, framer['text'].length);
  }
  framer.end(emit);
  return { records, skipped: framer.skippedBytes, held };
}

const ARRAY_UTF16 = readFileSync(
  join(__dirname, '../translators/winevent-json/testdata/convertto-json-array-utf16/case.input'),
);

describe('JsonValueFramer', () => {
  it('cuts a pretty-printed UTF-16LE array into its objects, the same byte by byte as at once', () => {
    const body = ARRAY_UTF16.subarray(2);
    const once = frame(body, { encoding: 'utf16le', start: 2 });
    const bytewise = frame(body, { encoding: 'utf16le', start: 2, chunk: 1 });
    expect(once.records.slice(0, 2).map((r) => JSON.parse(r.text).Id)).toEqual([4624, 1]);
    expect(bytewise.records).toEqual(once.records);
    // The third object is cut off: it comes out as it was read, marked damaged.
    expect(once.records).toHaveLength(3);
    expect(once.records[2].damage).toBe('truncated: the input ended inside a JSON object');
    expect(once.records[2].text.startsWith('{')).toBe(true);
    // Line and offset point at each object's opening brace.
    for (const r of once.records) {
      expect(ARRAY_UTF16.subarray(r.offset, r.offset + 2).toString('utf16le')).toBe('{');
      expect(
        body
          .subarray(0, r.offset - 2)
          .toString('utf16le')
          .split('\n').length,
      ).toBe(r.line);
    }
  });

  it('keeps braces, brackets and escaped quotes inside strings out of the nesting', () => {
    const input = Buffer.from('[{"a":"}]\\"{[","b":{"c":[1,{"d":"\\\\"}]}},\n{"e":"x"}]');
    const { records } = frame(input, { chunk: 3 });
    expect(records.map((r) => JSON.parse(r.text))).toEqual([{ a: '}]"{[', b: { c: [1, { d: '\\' }] } }, { e: 'x' }]);
  });

  it('reads objects back to back and one object spread over lines', () => {
    const { records } = frame(Buffer.from('{"a":1}{"b":2}\n{\n  "c": 3\n}\n'));
    expect(records.map((r) => [r.text.replace(/\s/g, ''), r.line])).toEqual([
      ['{"a":1}', 1],
      ['{"b":2}', 1],
      ['{"c":3}', 2],
    ]);
  });

  it('hands text outside any object over line by line, so it is reported and kept', () => {
    const { records } = frame(Buffer.from('[\n{"a":1},\nnot json at all\n{"b":2}\n]'));
    expect(records.map((r) => r.text)).toEqual(['{"a":1}', 'not json at all', '{"b":2}']);
    expect(records[1].line).toBe(3);
  });

  it('cuts an object larger than the bound, skips the rest of it and reads on, holding no more than the bound and a chunk', () => {
    const big = `{"pad":"${'x'.repeat(5000)}","inner":{"k":"}"}}`;
    const input = Buffer.from(`[{"a":1},${big},{"b":2}]`);
    for (const chunk of [16, 4096, input.length]) {
      const { records, skipped, held } = frame(input, { max: 1000, chunk });
      expect(records.map((r) => r.damage ?? 'ok')).toEqual(['ok', 'record longer than 1000 bytes, truncated', 'ok']);
      expect(Buffer.byteLength(records[1].text)).toBe(1000);
      expect(records[1].text.startsWith('{"pad":"xxx')).toBe(true);
      expect(skipped).toBe(Buffer.byteLength(big) - 1000);
      expect(JSON.parse(records[2].text)).toEqual({ b: 2 });
      if (chunk < input.length) expect(held).toBeLessThanOrEqual(1000 + chunk + 8);
    }
  });
});
