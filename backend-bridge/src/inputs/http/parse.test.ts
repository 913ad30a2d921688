import { HttpError } from './errors';
import { parseBulk } from './bulk/parse';
import { arrayElements, lines, parseAt } from './scan';

const buf = (s: string) => Buffer.from(s);
const refusal = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    return err as HttpError;
  }
  throw new Error('expected a refusal');
};

describe('_bulk parsing (issue 15 defect 7: out of step after a malformed action line)', () => {
  it('refuses the whole request at a malformed action line, naming line and byte, instead of pairing actions with the wrong sources', async () => {
    const err = await refusal(
      parseBulk(buf('{bad\n{"message":"A"}\n{"index":{}}\n{"message":"B"}\n'), undefined, 100, 'http-bulk'),
    );
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^http-bulk: malformed action\/metadata line at line 1 \(byte 0\)/);
    expect(err.message).toMatch(/expected an action such as \{"index":\{\}\}/);
  });

  it('refuses a document where an action belongs (line 3 here) and an action without a source', async () => {
    const wrong = await refusal(
      parseBulk(buf('{"index":{}}\n{"message":"A"}\n{"message":"B"}\n'), undefined, 100, 'http-bulk'),
    );
    expect(wrong.message).toMatch(/line 3 \(byte 29\): found \{"message":"B"\}/);
    const missing = await refusal(
      parseBulk(buf('{"index":{}}\n{"message":"A"}\n{"create":{"_id":"x"}}\n'), undefined, 100, 'http-bulk'),
    );
    expect(missing.message).toMatch(
      /the create action at line 3 .* has no source line; expected a JSON document on line 4/,
    );
  });

  it('pairs every action with its source; a source that is not JSON stays an item of its own', async () => {
    const items = await parseBulk(
      buf(
        '{"index":{"_index":"logs","_id":"a1"}}\r\n{bad json\n\n{"create":{}}\n{"message":"B"}\n{"delete":{"_id":"z"}}\n{"update":{"_id":"u"}}\n{"doc":{}}\n',
      ),
      'dflt',
      100,
      'http-bulk',
    );
    expect(items.map((i) => [i.action, i.index, i.id, i.line, i.error?.status])).toEqual([
      ['index', 'logs', 'a1', 1, undefined],
      ['create', 'dflt', undefined, 4, undefined],
      ['delete', 'dflt', 'z', 6, 400],
      ['update', 'dflt', 'u', 7, 400],
    ]);
    const b = buf('{"index":{"_index":"logs","_id":"a1"}}\r\n{bad json\n');
    expect(b.toString('utf8', items[0].source!.start, items[0].source!.end)).toBe('{bad json');
  });

  it('answers 413 past the item limit, naming it', async () => {
    const body = '{"index":{}}\n{"m":1}\n'.repeat(11);
    expect((await parseBulk(buf(body), undefined, 11, 'http-bulk')).length).toBe(11);
    const err = await refusal(parseBulk(buf(body + '{"index":{}}\n{"m":1}\n'), undefined, 11, 'http-bulk'));
    expect([err.status, err.message]).toEqual([
      413,
      'http-bulk: more than 11 items in one request (http.maxRecords, the limit per request); send smaller batches',
    ]);
  });
});

describe('body scanners', () => {
  it('finds array elements by bytes, strings with brackets and escapes included', () => {
    const text = ' [ "a]\\"b" , {"x":[1,{"y":"}"}]}, 3 ,null,"é"]\n';
    const found = [...arrayElements(buf(text), 'in')].map((e) => parseAt(buf(text), e.start, e.end, 'in', 'el'));
    expect(found).toEqual(['a]"b', { x: [1, { y: '}' }] }, 3, null, 'é']);
    expect([...arrayElements(buf('[]'), 'in')]).toEqual([]);
  });

  it('names the byte offset and what was expected', () => {
    expect(() => [...arrayElements(buf('[1 2]'), 'http-ingest')]).toThrow(
      'http-ingest: expected , or ] after array element 1 at byte 3',
    );
    expect(() => [...arrayElements(buf('[{"a":1}'), 'http-ingest')]).toThrow(
      'http-ingest: expected , or ] after array element 1 at byte 8 (the body ends there)',
    );
    expect(() => [...arrayElements(buf('[{"a":"x}]'), 'http-ingest')]).toThrow(
      'http-ingest: the body ends inside the string that starts at byte 6; expected a closing "',
    );
    expect(() => [...arrayElements(buf('[1] [2]'), 'http-ingest')]).toThrow(
      'unexpected data after the array at byte 4',
    );
    expect(() => parseAt(buf('[{"a":tru}]'), 1, 10, 'http-ingest', 'array element 0')).toThrow(
      /^http-ingest: array element 0 at byte 1 is not valid JSON: /,
    );
  });

  it('splits lines with LF or CRLF, the last one without either', () => {
    const b = buf('a\r\nbc\n\nd');
    expect([...lines(b)].map((l) => b.toString('utf8', l.start, l.end))).toEqual(['a', 'bc', '', 'd']);
  });
});
