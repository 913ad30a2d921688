import { FIELD } from '@kansa/schema/fields';

import { andClauses, applyCompletion, caretContext, luceneTerm, luceneValue } from './lucene';

describe('luceneValue', () => {
  it('leaves plain tokens bare and quotes what query_string would split or misread', () => {
    expect(luceneValue('logon-failed')).toBe('logon-failed');
    expect(luceneValue('sakamoto.a')).toBe('sakamoto.a');
    expect(luceneValue('10.0.0.0/8')).toBe('"10.0.0.0/8"');
    expect(luceneValue('山田 太郎')).toBe('"山田 太郎"');
    expect(luceneValue('-rf')).toBe('"-rf"');
    expect(luceneValue('AND')).toBe('"AND"');
    expect(luceneValue('C:\\Users\\"x"')).toBe('"C:\\\\Users\\\\\\"x\\""');
  });

  it('escapes a field name with a colon', () => {
    expect(luceneTerm('odd:name', 'v')).toBe('odd\\:name:v');
  });
});

describe('andClauses', () => {
  it('parenthesises each clause only when there are several', () => {
    expect(andClauses(['a OR b'])).toBe('a OR b');
    expect(andClauses(['a OR b', '', 'c'])).toBe('(a OR b) AND (c)');
    expect(andClauses([' ', ''])).toBe('');
  });
});

describe('caretContext', () => {
  it('finds a field name being typed, after operators and parentheses', () => {
    expect(caretContext('event.ac', 8)).toEqual({ kind: 'field', prefix: 'event.ac', start: 0, end: 8 });
    expect(caretContext('a:b AND NOT -user', 17)).toEqual({ kind: 'field', prefix: 'user', start: 13, end: 17 });
    expect(caretContext('(host', 5)).toEqual({ kind: 'field', prefix: 'host', start: 1, end: 5 });
  });

  it('finds a value after field:, inside an open quote too', () => {
    expect(caretContext(`${FIELD.eventAction}:logon`, 18)).toEqual({
      kind: 'value',
      field: FIELD.eventAction,
      prefix: 'logon',
      start: 13,
      end: 18,
    });
    expect(caretContext('user.name:"山田 太', 15)).toMatchObject({
      kind: 'value',
      field: 'user.name',
      prefix: '山田 太',
      start: 10,
    });
  });

  it('has nothing to complete after a space, for keywords, or in a range', () => {
    expect(caretContext('a:b ', 4)).toBeUndefined();
    expect(caretContext('a:b AND', 7)).toBeUndefined();
    expect(caretContext('destination.bytes:>=100', 23)).toBeUndefined();
    expect(caretContext('@timestamp:[2026', 16)).toBeUndefined();
  });

  it('completes a field in the middle of a query, replacing the rest of the word', () => {
    const text = 'event.act AND user.name:x';
    const ctx = caretContext(text, 5)!;
    expect(applyCompletion(text, ctx, FIELD.eventAction)).toEqual({ text: 'event.action:AND user.name:x', caret: 13 });
  });

  it('completes a value with quoting and a trailing space', () => {
    const text = 'NOT source.ip:10.';
    expect(applyCompletion(text, caretContext(text, text.length)!, '10.0.0.0/8')).toEqual({
      text: 'NOT source.ip:"10.0.0.0/8" ',
      caret: 27,
    });
  });
});
