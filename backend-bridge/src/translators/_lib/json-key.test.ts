import { jsonKeyOf, parseJson } from './json-key';

describe('jsonKeyOf', () => {
  const keyOf = jsonKeyOf((r) => (typeof r.type === 'string' ? r.type : undefined));

  it('keys a JSON object by its members, and gives no key to other text', () => {
    expect(keyOf('{"type":"alert"}')).toBe('alert');
    expect(keyOf('{"type":1}')).toBeUndefined();
    expect(keyOf('["type"]')).toBeUndefined();
    expect(keyOf('{"type":"cut')).toBeUndefined();
  });

  it('parses a text once: the translator and the key read the same value', () => {
    const text = '{"type":"dns","answers":[]}';
    const parsed = parseJson(text);
    expect(keyOf(text)).toBe('dns');
    expect(parseJson(text)).toBe(parsed);
    expect(parseJson('{"type":"dns","answers":[1]}')).not.toBe(parsed);
  });

  it('throws as JSON.parse does, and forgets nothing it parsed before', () => {
    const parsed = parseJson('{"a":1}');
    expect(() => parseJson('{"a":')).toThrow(SyntaxError);
    expect(parseJson('{"a":1}')).toBe(parsed);
  });
});
