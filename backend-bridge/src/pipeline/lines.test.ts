import { RateLimiter, RecordSplitter } from './lines';

const collect = (s: RecordSplitter, chunks: string[]) => {
  let out = '';
  for (const c of chunks) out += s.push(Buffer.from(c)).data.toString();
  return out + s.end().data.toString();
};

describe('RecordSplitter', () => {
  it('cuts LF-framed syslog at any chunk boundary, offsets included', () => {
    const s = new RecordSplitter('auto', 100);
    expect(s.push(Buffer.from('<13>a\n<13>b')).offset).toBe(0);
    const second = s.push(Buffer.from('\n<13>c\n'));
    expect(second).toEqual({ data: Buffer.from('<13>b\n<13>c\n'), offset: 6 });
  });

  it('reads RFC 6587 octet counting, split anywhere, with LF inside a message', () => {
    const frames = ['<13>one', '<13>two\nlines', '<13>three'].map((m) => `${Buffer.byteLength(m)} ${m}`).join('');
    for (let cut = 1; cut < frames.length; cut += 3) {
      expect(collect(new RecordSplitter('auto', 100), [frames.slice(0, cut), frames.slice(cut)])).toBe(
        '<13>one\n<13>two lines\n<13>three\n',
      );
    }
  });

  it('hands out overlong records cut to max + 1 bytes (the engine flags them) without buffering the rest', () => {
    const long = 'x'.repeat(1000);
    expect(collect(new RecordSplitter('lf', 10), [`<13>a\n${long.slice(0, 500)}`, `${long.slice(500)}\n<13>b\n`])).toBe(
      `<13>a\n${'x'.repeat(11)}\n\n<13>b\n`,
    );
    expect(collect(new RecordSplitter('octet', 10), [`1000 ${long}`, '5 <13>b'])).toBe(`${'x'.repeat(11)}\n<13>b\n`);
  });

  it('hands out an octet-counted frame cut short by the end of the stream as `cut`, with what arrived', () => {
    const s = new RecordSplitter('octet', 100);
    expect(s.push(Buffer.from('5 <13>a30 <13>b\nhalf')).data.toString()).toBe('<13>a\n');
    const end = s.end();
    expect(end.data.length).toBe(0);
    expect(end.cut?.data.toString()).toBe('<13>b half\n');
    expect(end.cut?.reason).toBe('connection closed inside an octet-counted frame: 10 of 30 bytes received');
    const lengthOnly = new RecordSplitter('octet', 100);
    lengthOnly.push(Buffer.from('5 <13>a12'));
    expect(lengthOnly.end().cut?.reason).toBe('connection closed inside the length of an octet-counted frame');
    // The rest of an overlong frame was already flagged truncated: nothing more to keep.
    const overlong = new RecordSplitter('octet', 10);
    overlong.push(Buffer.from(`1000 ${'x'.repeat(50)}`));
    expect(overlong.end().cut).toBeUndefined();
  });
});

describe('RateLimiter', () => {
  it('allows the burst, then the sustained rate', () => {
    let now = 0;
    const r = new RateLimiter(10, 20, () => now);
    expect(r.take('a', 20)).toBe(0);
    expect(r.take('a', 10)).toBeCloseTo(1000);
    expect(r.take('b', 5)).toBe(0);
    now += 3000;
    expect(r.take('a', 10)).toBe(0);
  });
});
