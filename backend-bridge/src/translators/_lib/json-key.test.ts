import { jsonKeyOf } from './json-key';

describe('jsonKeyOf', () => {
  const keyOf = jsonKeyOf((r) => (typeof r.type === 'string' ? r.type : undefined));

  it('keys a JSON object by its members, and gives no key to other text', () => {
    expect(keyOf('{"type":"alert"}')).toBe('alert');
    expect(keyOf('{"type":1}')).toBeUndefined();
    expect(keyOf('["type"]')).toBeUndefined();
    expect(keyOf('{"type":"cut')).toBeUndefined();
  });
});
