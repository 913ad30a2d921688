import type { ToggleFilterAction } from '@grafana/data';
import { FIELD } from '@kansa/schema/fields';

import { makeDataSource } from '../testing/fixtures';
import type { KansaQuery } from '../types';
import exploreQueries from '../../pkg/plugin/testdata/explore_queries.json';

const query = (q: Partial<KansaQuery>): KansaQuery => ({ refId: 'A', queryType: 'logs', query: '', ...q });
const { ds } = makeDataSource();
const forValue = (key: string, value: string) => ({ type: 'FILTER_FOR' as const, options: { key, value } });
const outValue = (key: string, value: string) => ({ type: 'FILTER_OUT' as const, options: { key, value } });

describe('Explore filter buttons (toggleQueryFilter, queryHasFilter)', () => {
  it('filters for a label value by ANDing a quoted Lucene clause, and a second click takes it out', () => {
    const start = query({ query: `${FIELD.eventAction}:logon-failed` });
    const on = ds.toggleQueryFilter(start, forValue(FIELD.hostName, 'FS01'));
    expect(on.query).toBe(`${FIELD.eventAction}:logon-failed AND ${FIELD.hostName}:"FS01"`);
    expect(ds.queryHasFilter(on, { key: FIELD.hostName, value: 'FS01' })).toBe(true);
    expect(ds.queryHasFilter(on, { key: FIELD.hostName, value: 'FS02' })).toBe(false);
    expect(ds.queryHasFilter(on, { key: FIELD.hostName, value: 'FS01', type: 'FILTER_OUT' })).toBe(false);

    const off = ds.toggleQueryFilter(on, forValue(FIELD.hostName, 'FS01'));
    expect(off.query).toBe(`${FIELD.eventAction}:logon-failed`);
    expect(ds.queryHasFilter(off, { key: FIELD.hostName, value: 'FS01' })).toBe(false);
  });

  it('replaces the opposite filter on the same value', () => {
    const out = ds.toggleQueryFilter(query({}), outValue(FIELD.userName, 'sakamoto.a'));
    expect(out.query).toBe(`NOT ${FIELD.userName}:"sakamoto.a"`);
    expect(ds.queryHasFilter(out, { key: FIELD.userName, value: 'sakamoto.a', type: 'FILTER_OUT' })).toBe(true);
    const flipped = ds.toggleQueryFilter(out, forValue(FIELD.userName, 'sakamoto.a'));
    expect(flipped.query).toBe(`${FIELD.userName}:"sakamoto.a"`);
    expect(ds.toggleQueryFilter(flipped, outValue(FIELD.userName, 'sakamoto.a')).query).toBe(
      `NOT ${FIELD.userName}:"sakamoto.a"`,
    );
  });

  it('quotes values that query_string would split or read as syntax, and finds them again', () => {
    const cases = ['山田 太郎', 'CORP\\tanaka', 'say "hi"', '10.0.0.0/8', 'OR', 'a:b'];
    for (const value of cases) {
      const on = ds.toggleQueryFilter(query({ query: 'x' }), forValue(FIELD.userName, value));
      expect(ds.queryHasFilter(on, { key: FIELD.userName, value })).toBe(true);
      expect(ds.toggleQueryFilter(on, forValue(FIELD.userName, value)).query).toBe('x');
    }
    expect(ds.toggleQueryFilter(query({}), forValue(FIELD.userName, 'CORP\\tanaka')).query).toBe(
      `${FIELD.userName}:"CORP\\\\tanaka"`,
    );
    expect(ds.toggleQueryFilter(query({}), forValue(FIELD.userName, 'say "hi"')).query).toBe(
      `${FIELD.userName}:"say \\"hi\\""`,
    );
  });

  it('recognises filters typed by hand: bare or quoted, with NOT, - or !, in the middle of the query', () => {
    const typed = `${FIELD.eventCode}:4625 AND ${FIELD.hostName}:FS01 AND ${FIELD.userName}:"a b"`;
    expect(ds.queryHasFilter(query({ query: typed }), { key: FIELD.hostName, value: 'FS01' })).toBe(true);
    expect(ds.toggleQueryFilter(query({ query: typed }), forValue(FIELD.hostName, 'FS01')).query).toBe(
      `${FIELD.eventCode}:4625 AND ${FIELD.userName}:"a b"`,
    );
    for (const negated of [`-${FIELD.hostName}:FS01`, `!${FIELD.hostName}:FS01`, `NOT ${FIELD.hostName}:"FS01"`]) {
      const q = query({ query: `${FIELD.eventCode}:4625 ${negated}` });
      expect(ds.queryHasFilter(q, { key: FIELD.hostName, value: 'FS01', type: 'FILTER_OUT' })).toBe(true);
      expect(ds.toggleQueryFilter(q, outValue(FIELD.hostName, 'FS01')).query).toBe(`${FIELD.eventCode}:4625`);
    }
  });

  it('parenthesises a query with a top-level OR before ANDing, and does not take a clause inside an OR for a filter', () => {
    const q = query({ query: `${FIELD.hostName}:FS01 OR ${FIELD.hostName}:FS02` });
    expect(ds.queryHasFilter(q, { key: FIELD.hostName, value: 'FS01' })).toBe(false);
    const on = ds.toggleQueryFilter(q, outValue(FIELD.userName, 'svc'));
    expect(on.query).toBe(`(${FIELD.hostName}:FS01 OR ${FIELD.hostName}:FS02) AND NOT ${FIELD.userName}:"svc"`);
    expect(ds.toggleQueryFilter(on, outValue(FIELD.userName, 'svc')).query).toBe(
      `(${FIELD.hostName}:FS01 OR ${FIELD.hostName}:FS02)`,
    );
    // Inside a group a clause is not a top-level filter.
    expect(ds.queryHasFilter(on, { key: FIELD.hostName, value: 'FS01' })).toBe(false);
  });

  it('takes the same filter saved in `filters` by earlier versions out too', () => {
    const saved = query({ query: 'x', filters: [{ key: FIELD.hostName, operator: '=', value: 'FS01' }] });
    expect(ds.queryHasFilter(saved, { key: FIELD.hostName, value: 'FS01' })).toBe(true);
    const off = ds.toggleQueryFilter(saved, forValue(FIELD.hostName, 'FS01'));
    expect(off).toEqual(query({ query: 'x' }));
    const flipped = ds.toggleQueryFilter(saved, outValue(FIELD.hostName, 'FS01'));
    expect(flipped).toEqual(query({ query: `x AND NOT ${FIELD.hostName}:"FS01"` }));
  });

  it('maps the frame’s severity to log.level and leaves keys outside the registry alone', () => {
    expect(ds.toggleQueryFilter(query({}), forValue('severity', 'error')).query).toBe(`${FIELD.logLevel}:"error"`);
    const q = query({ query: 'x' });
    expect(ds.toggleQueryFilter(q, forValue('id', 'abc'))).toBe(q);
    expect(ds.toggleQueryFilter(q, forValue('no.such.field', 'v'))).toBe(q);
    expect(ds.queryHasFilter(q, { key: 'no.such.field', value: 'v' })).toBe(false);
  });

  it.each(exploreQueries.filters)('builds the Lucene the backend runs against OpenSearch: $name', (c) => {
    let q = ds.toggleQueryFilter(query({ query: c.base }), c.action as ToggleFilterAction);
    if (c.phraseOut) {
      q = ds.modifyQuery(q, { type: 'ADD_STRING_FILTER_OUT', options: { value: c.phraseOut } });
    }
    expect(q.query).toBe(c.query);
  });
});

describe('modifyQuery', () => {
  it('adds label filters to the Lucene query without toggling them off', () => {
    const once = ds.modifyQuery(query({}), { type: 'ADD_FILTER', options: { key: FIELD.hostName, value: 'FS01' } });
    expect(once.query).toBe(`${FIELD.hostName}:"FS01"`);
    expect(ds.modifyQuery(once, { type: 'ADD_FILTER', options: { key: FIELD.hostName, value: 'FS01' } })).toEqual(once);
    const out = ds.modifyQuery(once, { type: 'ADD_FILTER_OUT', options: { key: FIELD.hostName, value: 'FS01' } });
    expect(out.query).toBe(`NOT ${FIELD.hostName}:"FS01"`);
  });

  it('adds a selected phrase, or its negation, searched in every field', () => {
    const q = query({ query: `${FIELD.hostName}:FS01` });
    expect(ds.modifyQuery(q, { type: 'ADD_STRING_FILTER', options: { value: 'failed to log on' } }).query).toBe(
      `${FIELD.hostName}:FS01 AND "failed to log on"`,
    );
    expect(ds.modifyQuery(q, { type: 'ADD_STRING_FILTER_OUT', options: { value: 'svc' } }).query).toBe(
      `${FIELD.hostName}:FS01 AND NOT "svc"`,
    );
    expect(ds.modifyQuery(q, { type: 'ADD_STRING_FILTER', options: { value: '  ' } })).toBe(q);
    expect(ds.modifyQuery(q, { type: 'ADD_HISTOGRAM' })).toBe(q);
    expect(ds.getSupportedQueryModifications()).toEqual([
      'ADD_FILTER',
      'ADD_FILTER_OUT',
      'ADD_STRING_FILTER',
      'ADD_STRING_FILTER_OUT',
    ]);
  });
});
