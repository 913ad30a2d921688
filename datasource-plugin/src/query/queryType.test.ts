import { FIELD } from '@kansa/schema/fields';

import { setUserLanguage } from '../testing/fixtures';
import type { KansaQuery } from '../types';
import { switchQueryType, typeDefaults } from './queryType';
import { queryProblems } from './validate';

const base: KansaQuery = {
  refId: 'A',
  queryType: 'metrics',
  query: 'event.action:logon-failed',
  useCase: 'cyber',
  language: 'en',
  limit: 20,
  filters: [{ key: FIELD.hostName, operator: '=', value: 'FS01' }],
  metrics: [{ id: 'count', type: 'count' }],
  groupBy: [{ field: FIELD.sourceIp, size: 5 }],
  interval: '1h',
};

describe('switchQueryType', () => {
  it('carries aggregations from metrics to a top table and drops what the table does not read', () => {
    expect(switchQueryType(base, 'table')).toEqual({
      refId: 'A',
      queryType: 'table',
      query: 'event.action:logon-failed',
      useCase: 'cyber',
      language: 'en',
      filters: base.filters,
      tableMode: 'top',
      metrics: base.metrics,
      groupBy: base.groupBy,
      queryModelVersion: 1,
    });
  });

  it('keeps the common fields and adds the new type’s defaults', () => {
    expect(switchQueryType(base, 'risk')).toEqual({
      refId: 'A',
      queryType: 'risk',
      query: base.query,
      useCase: 'cyber',
      language: 'en',
      filters: base.filters,
      riskEntity: 'user',
      queryModelVersion: 1,
    });
  });

  it('keeps a type’s own settings when switching to it again', () => {
    const attendance = { ...base, queryType: 'attendance' as const, attendanceView: 'sheet' as const, users: ['a'] };
    expect(switchQueryType(attendance, 'attendance')).toMatchObject({ attendanceView: 'sheet', users: ['a'] });
  });

  it('defines defaults for every type', () => {
    expect(typeDefaults('logs')).toEqual({});
    expect(typeDefaults('metrics')).toEqual({ metrics: [{ id: 'count', type: 'count' }], interval: 'auto' });
  });
});

describe('queryProblems', () => {
  afterEach(() => setUserLanguage(undefined));

  it('accepts a complete metrics query and names each incomplete part', () => {
    expect(queryProblems(base)).toEqual([]);
    const problems = queryProblems({
      ...base,
      metrics: [{ id: 'sum', type: 'sum' }],
      groupBy: [{ field: '' }],
      interval: 'hourly',
    });
    expect(problems).toEqual([
      'Choose a field for the metric "sum"',
      'Choose a field for group by 1',
      'Interval "hourly" must be auto or like 30s, 5m, 1h, 1d',
    ]);
  });

  it('requires a group by for a top table but not for raw events', () => {
    setUserLanguage('ja-JP');
    expect(queryProblems({ ...base, queryType: 'table', groupBy: [] })).toEqual([
      '上位表にはグループ化が 1 つ以上必要です',
    ]);
    expect(queryProblems({ ...base, queryType: 'table', tableMode: 'raw', groupBy: [] })).toEqual([]);
  });
});
