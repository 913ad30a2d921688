import {
  CoreApp,
  dateTime,
  hasLogsContextSupport,
  hasQueryModificationSupport,
  hasSupplementaryQuerySupport,
  hasToggleableQueryFiltersSupport,
  SupplementaryQueryType,
  type AdHocVariableFilter,
  type DataSourceApi,
} from '@grafana/data';
import { FIELD } from '@kansa/schema/fields';

import { makeDataSource } from './testing/fixtures';
import type { KansaQuery } from './types';

const range = {
  from: dateTime('2026-10-01T00:00:00Z'),
  to: dateTime('2026-10-31T00:00:00Z'),
  raw: { from: '2026-10-01T00:00:00Z', to: '2026-10-31T00:00:00Z' },
};

const query = (q: Partial<KansaQuery>): KansaQuery => ({ refId: 'A', queryType: 'logs', query: '', ...q });

describe('DataSource', () => {
  it('starts new queries as version-1 logs queries and uses its own annotation support', () => {
    const { ds } = makeDataSource();
    expect(ds.getDefaultQuery(CoreApp.Explore)).toEqual({ queryType: 'logs', query: '', queryModelVersion: 1 });
    expect(ds.getDefaultQuery(CoreApp.UnifiedAlerting)).toEqual({
      queryType: 'metrics',
      query: '',
      metrics: [{ id: 'count', type: 'count' }],
      interval: 'auto',
      queryModelVersion: 1,
    });
    expect(ds.annotations.QueryEditor).toBeDefined();
    expect(ds.filterQuery(query({ hide: true }))).toBe(false);
  });

  describe('applyTemplateVariables', () => {
    const { ds } = makeDataSource(
      {},
      {},
      {
        user: ['sakamoto.a', '山田 太郎'],
        host: 'FS01',
        dept: '人事 部',
        field: FIELD.sourceIp,
        iv: '1h',
        typed: { value: 'saka*', type: 'textbox' },
        all: { value: '*', type: 'textbox' },
      },
    );

    it('puts picked values in as terms, several as OR, quoting what query_string would split', () => {
      const out = ds.applyTemplateVariables(
        query({ query: `${FIELD.userName}:$user AND ${FIELD.kansaUserDepartment}:$dept` }),
        {},
      );
      expect(out.query).toBe(
        `${FIELD.userName}:(sakamoto.a OR "山田 太郎") AND ${FIELD.kansaUserDepartment}:"人事 部"`,
      );
    });

    it('puts a textbox in as typed, so * and wildcards keep working', () => {
      const out = ds.applyTemplateVariables(
        query({ query: `${FIELD.userName}:$typed AND ${FIELD.sourceIp}:\${all}` }),
        {},
      );
      expect(out.query).toBe(`${FIELD.userName}:saka* AND ${FIELD.sourceIp}:*`);
    });

    it('expands multi-value variables in users, labels and columns, and replaces field names and the interval', () => {
      const out = ds.applyTemplateVariables(
        query({
          queryType: 'metrics',
          users: ['$user', 'tanaka.h'],
          labels: ['${field}', FIELD.hostName],
          columns: ['$field'],
          metrics: [{ id: 'card', type: 'cardinality', field: '$field' }],
          groupBy: [{ field: '$field', size: 5 }],
          interval: '$iv',
          filters: [{ key: FIELD.hostName, operator: '=', value: '$host' }],
        }),
        {},
      );
      expect(out).toMatchObject({
        users: ['sakamoto.a', '山田 太郎', 'tanaka.h'],
        labels: [FIELD.sourceIp, FIELD.hostName],
        columns: [FIELD.sourceIp],
        metrics: [{ id: 'card', type: 'cardinality', field: FIELD.sourceIp }],
        groupBy: [{ field: FIELD.sourceIp, size: 5 }],
        interval: '1h',
        filters: [{ key: FIELD.hostName, operator: '=', value: 'FS01' }],
      });
    });

    it('adds the dashboard’s ad-hoc filters: term operators as filters, the rest as Lucene clauses', () => {
      const adhoc: AdHocVariableFilter[] = [
        { key: FIELD.hostName, operator: '=', value: 'FS01' },
        { key: FIELD.userName, operator: '!~', value: 'svc_.*' },
        { key: FIELD.eventAction, operator: '=|', value: '', values: ['logon-failed', 'logged-in'] },
        { key: FIELD.sourceIp, operator: '!=|', value: '', values: ['10.0.0.0/8'] },
        { key: FIELD.destinationBytes, operator: '>', value: '1000000' },
      ];
      const out = ds.applyTemplateVariables(
        query({ query: 'a OR b', filters: [{ key: 'x', operator: '!=', value: 'y' }] }),
        {},
        adhoc,
      );
      expect(out.filters).toEqual([
        { key: 'x', operator: '!=', value: 'y' },
        { key: FIELD.hostName, operator: '=', value: 'FS01' },
        { key: FIELD.userName, operator: '!~', value: 'svc_.*' },
      ]);
      expect(out.query).toBe(
        `(a OR b) AND (${FIELD.eventAction}:logon-failed OR ${FIELD.eventAction}:logged-in) AND ` +
          `(NOT (${FIELD.sourceIp}:"10.0.0.0/8")) AND (${FIELD.destinationBytes}:>1000000)`,
      );
    });

    it('leaves a query without variables or filters as it was', () => {
      const q = query({ query: 'event.code:4625', labels: [FIELD.userName] });
      expect(ds.applyTemplateVariables(q, {})).toEqual(q);
    });

    it('interpolates queries for Explore with the data source reference', () => {
      const [out] = ds.interpolateVariablesInQueries([query({ query: `${FIELD.hostName}:$host` })], {});
      expect(out).toMatchObject({
        query: `${FIELD.hostName}:FS01`,
        datasource: { uid: 'kansa', type: 'kansa-logs-datasource' },
      });
    });
  });

  describe('ad-hoc filter keys and values', () => {
    it('offers the groupable registry fields as keys', async () => {
      const { ds } = makeDataSource();
      const keys = (await ds.getTagKeys()).map((k) => k.text);
      expect(keys).toEqual(expect.arrayContaining([FIELD.userName, FIELD.hostName, FIELD.sourceIp]));
      expect(keys).toContain(FIELD.message);
      expect(keys).not.toContain(FIELD.kansaRaw);
      expect(keys).not.toContain(FIELD.winlogEventData);
    });

    it('asks the values resource for the key under the other filters in the dashboard range', async () => {
      const { ds, calls } = makeDataSource({ values: { [FIELD.userName]: [{ value: 'sakamoto.a', count: 3 }] } });
      const values = await ds.getTagValues({
        key: FIELD.userName,
        filters: [
          { key: FIELD.userName, operator: '=', value: 'ignored-self' },
          { key: FIELD.hostName, operator: '=', value: 'PC0008' },
          { key: FIELD.eventAction, operator: '!=', value: 'logged-in' },
        ],
        timeRange: range,
      });
      expect(values).toEqual([{ text: 'sakamoto.a', value: 'sakamoto.a' }]);
      expect(calls[0]).toEqual({
        path: 'values',
        params: {
          field: FIELD.userName,
          query: `(${FIELD.hostName}:PC0008) AND (NOT ${FIELD.eventAction}:logged-in)`,
          from: Date.parse('2026-10-01T00:00:00Z'),
          to: Date.parse('2026-10-31T00:00:00Z'),
          size: 100,
        },
      });
    });

    it('surfaces the backend’s error for an unknown key', async () => {
      const { ds } = makeDataSource({ values: {} });
      await expect(ds.getTagValues({ key: 'no.such', filters: [] })).rejects.toEqual({
        status: 400,
        data: { message: 'unknown field no.such' },
      });
    });
  });

  it('caches the field list per use case and retries after a failure', async () => {
    const { ds, calls } = makeDataSource();
    await ds.getFields('cyber');
    await ds.getFields('cyber');
    await ds.getFields();
    expect(calls).toEqual([
      { path: 'fields', params: { useCase: 'cyber' } },
      { path: 'fields', params: {} },
    ]);
    const failing = makeDataSource({ failFields: true });
    await expect(failing.ds.getFields()).rejects.toBeDefined();
    await expect(failing.ds.getFields()).rejects.toBeDefined();
    expect(failing.calls).toHaveLength(2);
  });

  it('filters for and out of a label value from Explore’s log details in the Lucene query', () => {
    const { ds } = makeDataSource();
    const q = query({ query: `${FIELD.eventAction}:logon-failed` });
    const out = ds.modifyQuery(q, { type: 'ADD_FILTER_OUT', options: { key: FIELD.hostName, value: 'FS01' } });
    expect(out.query).toBe(`${FIELD.eventAction}:logon-failed AND NOT ${FIELD.hostName}:"FS01"`);
    expect(ds.modifyQuery(q, { type: 'ADD_HISTOGRAM' })).toBe(q);
    expect(ds.getQueryDisplayText(out)).toBe(
      `[logs] ${FIELD.eventAction}:logon-failed AND NOT ${FIELD.hostName}:"FS01"`,
    );
    expect(ds.getQueryDisplayText(query({ filters: [{ key: FIELD.hostName, operator: '!=', value: 'FS01' }] }))).toBe(
      `[logs] ${FIELD.hostName}!=FS01`,
    );
  });

  it('offers Explore’s logs volume and sample, log context and filter toggles through Grafana’s own checks', () => {
    const { ds } = makeDataSource();
    expect(hasSupplementaryQuerySupport(ds as unknown as DataSourceApi, SupplementaryQueryType.LogsVolume)).toBe(true);
    expect(hasSupplementaryQuerySupport(ds as unknown as DataSourceApi, SupplementaryQueryType.LogsSample)).toBe(true);
    expect(hasLogsContextSupport(ds)).toBe(true);
    expect(hasToggleableQueryFiltersSupport(ds)).toBe(true);
    expect(hasQueryModificationSupport(ds)).toBe(true);
  });
});
