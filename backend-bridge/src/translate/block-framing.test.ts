import { BlockFramer } from './block-framing';
import type { Encoding } from './decode';
import { type FramedRecord, LineFramer } from './framing';

const HEADER = /^Event\[\d+\]:?\s*$/;

function frame(input: Buffer, opts: { encoding?: Encoding; max?: number; chunk?: number } = {}) {
  const encoding = opts.encoding ?? 'utf8';
  const framer = new BlockFramer(
    new LineFramer(encoding, 1024, 0),
    (l) => HEADER.test(l),
    encoding,
    opts.max ?? 64 * 1024,
  );
  const records: FramedRecord[] = [];
  const emit = (r: FramedRecord) => records.push(r);
  const step = opts.chunk ?? input.length;
  for (let i = 0; i < input.length; i += step) framer.push(input.subarray(i, i + step), emit);
  framer.end(emit);
  return { records, skipped: framer.skippedBytes };
}

const TEXT = [
  'C:\\> wevtutil qe Security /c:2 /f:text',
  'Event[0]:',
  '  Event ID: 4624',
  '  Description: ',
  'An account was successfully logged on.',
  '',
  'Subject:',
  '\tAccount Name:\t\tPC01$',
  '',
  'Event[1]:',
  '  Event ID: 4634',
  '  Description: ',
  'An account was logged off.',
  '',
  '',
].join('\r\n');

describe('BlockFramer', () => {
  it('cuts at each header line, keeps the message blank lines inside, drops the blank lines between records', () => {
    const once = frame(Buffer.from(TEXT));
    expect(once.records.map((r) => [r.line, r.text.split('\n')[0]])).toEqual([
      [1, 'C:\\> wevtutil qe Security /c:2 /f:text'],
      [2, 'Event[0]:'],
      [10, 'Event[1]:'],
    ]);
    expect(once.records[1].text).toBe(
      [
        'Event[0]:',
        '  Event ID: 4624',
        '  Description: ',
        'An account was successfully logged on.',
        '',
        'Subject:',
        '\tAccount Name:\t\tPC01$',
      ].join('\n'),
    );
    expect(once.records[2].text.endsWith('An account was logged off.')).toBe(true);
    expect(Buffer.from(TEXT).subarray(once.records[2].offset).toString().startsWith('Event[1]:')).toBe(true);
    // Byte by byte gives the same records, since only whole lines are grouped.
    expect(frame(Buffer.from(TEXT), { chunk: 1 }).records).toEqual(once.records);
  });

  it('reads UTF-16LE with byte offsets of two per character', () => {
    const { records } = frame(Buffer.from(TEXT, 'utf16le'), { encoding: 'utf16le', chunk: 7 });
    expect(records.map((r) => r.offset)).toEqual([0, TEXT.indexOf('Event[0]') * 2, TEXT.indexOf('Event[1]') * 2]);
  });

  it('cuts a block at the bound: what was held is a damaged record, the rest up to the next header is skipped and counted', () => {
    const long = [
      'Event[0]:',
      ...Array.from({ length: 50 }, (_, i) => `\tLine ${i}:\t\t${'x'.repeat(20)}`),
      'Event[1]:',
      '  Event ID: 1',
    ].join('\n');
    const { records, skipped } = frame(Buffer.from(long), { max: 200 });
    expect(records).toHaveLength(2);
    expect(records[0].damage).toBe('record longer than 200 bytes, truncated');
    expect(Buffer.byteLength(records[0].text)).toBeLessThanOrEqual(200);
    expect(records[1]).toEqual({ text: 'Event[1]:\n  Event ID: 1', line: 52, offset: long.indexOf('Event[1]') });
    expect(skipped).toBe(long.indexOf('Event[1]') - Buffer.byteLength(records[0].text) - 1);
  });
});
