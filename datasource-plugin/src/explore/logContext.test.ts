import {
  createDataFrame,
  FieldType,
  hasLogsContextSupport,
  LogLevel,
  LogRowContextQueryDirection,
  toDataFrame,
  type LogRowModel,
} from '@grafana/data';
import { FIELD } from '@kansa/schema/fields';

import { makeDataSource } from '../testing/fixtures';
import type { KansaQuery } from '../types';
import exploreQueries from '../../pkg/plugin/testdata/explore_queries.json';
import { contextRequest } from './logContext';
import { fakeQueryBackend, goldenFrames } from './testing';

const at = Date.parse('2026-11-02T01:02:00Z');

/** A log row as Grafana builds it from the backend's logs frame. */
function logRow(id: string | undefined, labels: Record<string, string> = {}, withRowId = true): LogRowModel {
  const frame = createDataFrame({
    refId: 'A',
    fields: [
      { name: 'timestamp', type: FieldType.time, values: [at] },
      { name: 'body', type: FieldType.string, values: ['admin failed to log on from 203.0.113.5'] },
      { name: 'id', type: FieldType.string, values: [id ?? ''] },
    ],
  });
  return {
    entryFieldIndex: 1,
    rowIndex: 0,
    rowId: withRowId ? id : undefined,
    dataFrame: frame,
    entry: 'admin failed to log on from 203.0.113.5',
    hasAnsi: false,
    hasUnescapedContent: false,
    labels,
    logLevel: LogLevel.warning,
    raw: '',
    timeFromNow: '',
    timeEpochMs: at,
    timeEpochNs: `${at}000000`,
    timeLocal: '',
    timeUtc: '',
    uid: `A_${id}`,
  };
}

const original = exploreQueries.context.original as KansaQuery;

describe('Explore log context', () => {
  it('is recognised by Grafana and offered for lines that carry an event id', () => {
    const { ds } = makeDataSource();
    expect(hasLogsContextSupport(ds)).toBe(true);
    expect(ds.showContextToggle(logRow('f2'))).toBe(true);
    expect(ds.showContextToggle(logRow('f2', {}, false))).toBe(true); // read from the frame's id field
    expect(ds.showContextToggle(logRow(undefined))).toBe(false);
  });

  it.each([
    ['before', LogRowContextQueryDirection.Backward],
    ['after', LogRowContextQueryDirection.Forward],
  ] as const)(
    'asks the backend for the lines %s the row, as the integration test runs them',
    (direction, grafanaDirection) => {
      const { context } = exploreQueries;
      const request = contextRequest(
        logRow(context.rowId),
        { direction: grafanaDirection, limit: context.limit },
        original,
        undefined,
      );
      const { datasource, ...target } = request.targets[0];
      expect(datasource).toBeUndefined();
      expect(target).toEqual(context[direction].target);
      // The backend looks a day either side of the line; the request's range says so too.
      expect(request.range.from.valueOf()).toBe(at - 86400000);
      expect(request.range.to.valueOf()).toBe(at + 86400000);
    },
  );

  it('defaults to 50 older lines and takes the use case for the labels when the query names none', () => {
    const request = contextRequest(
      logRow('x'),
      undefined,
      { refId: 'A', queryType: 'logs', query: 'q', useCase: 'audit' },
      undefined,
    );
    expect(request.targets[0]).toEqual({
      refId: 'log-context-before',
      queryType: 'logs',
      query: '',
      logContext: { id: 'x', direction: 'before' },
      limit: 50,
      useCase: 'audit',
    });
  });

  it('runs the context query through the backend and returns the backend’s lines', async () => {
    const { ds } = makeDataSource();
    const frames = goldenFrames('logs_context_before');
    const posted = fakeQueryBackend(ds, () => frames);
    const response = await ds.getLogRowContext(
      logRow('4-lsIFs5YD0ixtisvp4QTya9cORHOqt9'),
      { limit: 3, direction: LogRowContextQueryDirection.Backward },
      original,
    );

    expect(posted).toHaveLength(1);
    expect(posted[0].queries).toEqual([
      expect.objectContaining({
        refId: 'log-context-before',
        logContext: { id: '4-lsIFs5YD0ixtisvp4QTya9cORHOqt9', direction: 'before' },
        limit: 3,
        datasource: { uid: 'kansa', type: 'kansa-logs-datasource' },
      }),
    ]);
    const lines = toDataFrame(response.data[0]);
    expect(lines.meta?.type).toBe('log-lines');
    expect(lines.length).toBe(3);
    expect(lines.fields.find((f) => f.name === 'id')?.values).toHaveLength(3);
  });

  it('rejects a line without an event id instead of asking the backend', async () => {
    const { ds } = makeDataSource();
    const posted = fakeQueryBackend(ds, () => []);
    await expect(ds.getLogRowContext(logRow(undefined))).rejects.toThrow('no event id');
    expect(posted).toHaveLength(0);
  });

  it('opens the context in a split view as an editable logs query for the line’s host', async () => {
    const { ds } = makeDataSource();
    const split = await ds.getLogRowContextQuery(logRow('f2', { [FIELD.hostName]: 'web 01' }), undefined, original);
    expect(split).toEqual({
      refId: 'log-context',
      datasource: { uid: 'kansa', type: 'kansa-logs-datasource' },
      queryType: 'logs',
      query: `${FIELD.hostName}:"web 01"`,
      language: 'en',
      labels: [FIELD.sourceIp],
    });
    const noHost = await ds.getLogRowContextQuery(logRow('f2'), undefined, undefined);
    expect(noHost?.query).toBe('');
  });
});
