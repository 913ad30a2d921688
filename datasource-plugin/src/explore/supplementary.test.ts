import {
  CoreApp,
  dateTime,
  toDataFrame,
  hasSupplementaryQuerySupport,
  SupplementaryQueryType,
  type DataQueryRequest,
  type DataSourceApi,
} from '@grafana/data';
import { FIELD } from '@kansa/schema/fields';

import { makeDataSource } from '../testing/fixtures';
import type { KansaQuery } from '../types';
import { fakeQueryBackend, goldenFrames } from './testing';
import { lastValueFrom } from 'rxjs';
import exploreQueries from '../../pkg/plugin/testdata/explore_queries.json';

const ref = { uid: 'kansa', type: 'kansa-logs-datasource' };
const query = (q: Partial<KansaQuery>): KansaQuery => ({
  refId: 'A',
  queryType: 'logs',
  query: '',
  datasource: ref,
  ...q,
});

function exploreRequest(targets: KansaQuery[]): DataQueryRequest<KansaQuery> {
  const from = dateTime('2026-10-01T00:00:00Z');
  const to = dateTime('2026-10-31T00:00:00Z');
  return {
    requestId: 'explore_left',
    app: CoreApp.Explore,
    targets,
    range: { from, to, raw: { from, to } },
    interval: '1h',
    intervalMs: 3600000,
    scopedVars: {},
    timezone: 'Asia/Tokyo',
    startTime: 0,
  };
}

describe('Explore supplementary queries', () => {
  const { ds } = makeDataSource();

  it('is recognised by Explore for logs volume and logs sample', () => {
    expect(hasSupplementaryQuerySupport(ds as unknown as DataSourceApi, SupplementaryQueryType.LogsVolume)).toBe(true);
    expect(hasSupplementaryQuerySupport(ds as unknown as DataSourceApi, SupplementaryQueryType.LogsSample)).toBe(true);
  });

  it('turns each visible logs query into a logs-volume query over the same events, keeping the request’s range', () => {
    const logs = query({
      query: `${FIELD.eventAction}:logon-failed`,
      useCase: 'cyber',
      filters: [{ key: FIELD.hostName, operator: '!=', value: 'FS01' }],
      language: 'en',
      limit: 200,
      labels: [FIELD.sourceIp],
      queryModelVersion: 1,
    });
    const request = exploreRequest([
      logs,
      query({ refId: 'B', hide: true }),
      query({ refId: 'C', queryType: 'metrics', metrics: [{ id: 'count', type: 'count' }] }),
    ]);
    const volume = ds.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, request);
    expect(volume).toEqual({
      ...request,
      targets: [
        {
          refId: 'log-volume-A',
          datasource: ref,
          queryType: 'logs',
          query: `${FIELD.eventAction}:logon-failed`,
          useCase: 'cyber',
          filters: [{ key: FIELD.hostName, operator: '!=', value: 'FS01' }],
          language: 'en',
          queryModelVersion: 1,
          supportingQueryType: 'logsVolume',
        },
      ],
    });
    expect(request.targets).toHaveLength(3); // the original request is left alone
  });

  it('builds the volume query the backend integration test runs against OpenSearch', () => {
    const { original, target } = exploreQueries.volume;
    const volume = ds.getSupplementaryRequest(
      SupplementaryQueryType.LogsVolume,
      exploreRequest([original as KansaQuery]),
    );
    expect(volume?.targets).toEqual([target]);
  });

  it('has no volume for metrics, context or hidden queries, and no request when nothing fits', () => {
    const options = { type: SupplementaryQueryType.LogsVolume } as const;
    expect(ds.getSupplementaryQuery(options, query({ queryType: 'metrics' }))).toBeUndefined();
    expect(ds.getSupplementaryQuery(options, query({ logContext: { id: 'x' } }))).toBeUndefined();
    expect(ds.getSupplementaryQuery(options, query({ hide: true }))).toBeUndefined();
    // A query saved before query types existed is a logs query.
    expect(ds.getSupplementaryQuery(options, { refId: 'Z', query: 'x' } as KansaQuery)).toMatchObject({
      queryType: 'logs',
    });
    expect(
      ds.getSupplementaryRequest(SupplementaryQueryType.LogsVolume, exploreRequest([query({ queryType: 'risk' })])),
    ).toBeUndefined();
  });

  it('samples the events behind a metrics or top-values query as a logs query, 100 lines unless asked otherwise', () => {
    const metrics = query({
      refId: 'M',
      queryType: 'metrics',
      query: `${FIELD.eventAction}:logon-failed`,
      metrics: [{ id: 'count', type: 'count' }],
      groupBy: [{ field: FIELD.sourceIp, size: 5 }],
      interval: '1h',
      useCase: 'cyber',
    });
    const sample = ds.getSupplementaryRequest(
      SupplementaryQueryType.LogsSample,
      exploreRequest([metrics, query({ refId: 'L' })]),
    );
    expect(sample?.targets).toEqual([
      {
        refId: 'log-sample-M',
        datasource: ref,
        queryType: 'logs',
        query: `${FIELD.eventAction}:logon-failed`,
        useCase: 'cyber',
        limit: 100,
      },
    ]);
    const table = query({ refId: 'T', queryType: 'table', tableMode: 'top', query: 'x' });
    expect(ds.getSupplementaryQuery({ type: SupplementaryQueryType.LogsSample, limit: 20 }, table)).toMatchObject({
      refId: 'log-sample-T',
      queryType: 'logs',
      limit: 20,
    });
    expect(
      ds.getSupplementaryQuery({ type: SupplementaryQueryType.LogsSample }, query({ queryType: 'attendance' })),
    ).toBeUndefined();
  });

  it('runs the volume request through the backend and hands Explore the backend’s per-level series', async () => {
    const { ds: sending } = makeDataSource();
    const frames = goldenFrames('logs_volume');
    const posted = fakeQueryBackend(sending, () => frames);
    const request = sending.getSupplementaryRequest(
      SupplementaryQueryType.LogsVolume,
      exploreRequest([query({ query: 'x' })]),
    )!;
    const response = await lastValueFrom(sending.query(request));

    expect(posted).toHaveLength(1);
    expect(posted[0].url).toContain('/api/ds/query');
    expect(posted[0].queries).toEqual([
      expect.objectContaining({
        refId: 'log-volume-A',
        queryType: 'logs',
        query: 'x',
        supportingQueryType: 'logsVolume',
        intervalMs: 3600000,
      }),
    ]);
    expect(posted[0].from).toBe(String(Date.parse('2026-10-01T00:00:00Z')));
    expect(response.data.length).toBe(frames.length);
    expect(response.data.length).toBeGreaterThan(1);
    const first = toDataFrame(response.data[0]);
    expect(first.refId).toBe('log-volume-A');
    expect(first.meta?.custom).toEqual({ logsVolumeType: 'FullRange' });
    expect(first.fields[1].labels).toEqual({ level: expect.any(String) });
  });
});
