import {
  CoreApp,
  dateTime,
  LogRowContextQueryDirection,
  type DataQueryRequest,
  type LogRowContextOptions,
  type LogRowModel,
} from '@grafana/data';
import { FIELD } from '@kansa/schema/fields';

import { luceneField, luceneQuoted } from '../query/lucene';
import type { KansaQuery } from '../types';

// "Show context" on a log line. The backend (pkg/plugin/logs.go) finds the line by its OpenSearch _id, which every
// logs frame carries in its `id` field, and answers the `limit` lines just before (older) or after (newer) it on
// the same host.name within a day, newest first, continuing from the line's own sort values so lines with the same
// millisecond are neither skipped nor repeated. Explore pages further by asking again from the last line it got.

/** Lines per page unless Grafana asks for another number; the backend's own default. */
export const CONTEXT_LINES = 50;

/** The backend looks for context this far on either side of the line; the request's range says the same. */
const CONTEXT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The line's OpenSearch _id: Grafana's rowId, read from the frame's `id` field. */
export function rowEventId(row: LogRowModel): string | undefined {
  if (row.rowId) {
    return row.rowId;
  }
  const id = row.dataFrame.fields.find((f) => f.name === 'id')?.values[row.rowIndex];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The backend query for one page of context; the original query lends its language and labels. */
export function contextQuery(row: LogRowModel, options?: LogRowContextOptions, origQuery?: KansaQuery): KansaQuery {
  const id = rowEventId(row);
  if (!id) {
    throw new Error('This log line has no event id, so its context cannot be looked up.');
  }
  const direction = options?.direction === LogRowContextQueryDirection.Forward ? 'after' : 'before';
  const query: KansaQuery = {
    refId: `log-context-${direction}`,
    queryType: 'logs',
    query: '',
    logContext: { id, direction },
    limit: options?.limit ?? CONTEXT_LINES,
  };
  if (origQuery?.language) {
    query.language = origQuery.language;
  }
  if (origQuery?.labels?.length) {
    query.labels = origQuery.labels;
  } else if (origQuery?.useCase) {
    // The use case picks the label fields; the backend does not narrow context lines by it.
    query.useCase = origQuery.useCase;
  }
  return query;
}

/** The whole request Grafana's query() runs for a page of context. */
export function contextRequest(
  row: LogRowModel,
  options: LogRowContextOptions | undefined,
  origQuery: KansaQuery | undefined,
  target: KansaQuery['datasource'],
): DataQueryRequest<KansaQuery> {
  const from = dateTime(row.timeEpochMs - CONTEXT_WINDOW_MS);
  const to = dateTime(row.timeEpochMs + CONTEXT_WINDOW_MS);
  return {
    requestId: `log-context-${rowEventId(row) ?? row.uid}`,
    app: CoreApp.Explore,
    targets: [{ ...contextQuery(row, options, origQuery), datasource: target }],
    range: { from, to, raw: { from, to } },
    interval: '1s',
    intervalMs: 1000,
    scopedVars: options?.scopedVars ?? {},
    timezone: 'UTC',
    startTime: Date.now(),
  };
}

/**
 * What "open in split view" shows: an ordinary logs query for the line's host, which Explore runs over the time
 * the context covers; it can be edited like any other query.
 */
export function contextSplitQuery(
  row: LogRowModel,
  origQuery: KansaQuery | undefined,
  target: KansaQuery['datasource'],
): KansaQuery {
  const host = row.labels[FIELD.hostName];
  const query: KansaQuery = {
    refId: 'log-context',
    datasource: target,
    queryType: 'logs',
    query: host ? `${luceneField(FIELD.hostName)}:${luceneQuoted(host)}` : '',
  };
  if (origQuery?.language) {
    query.language = origQuery.language;
  }
  if (origQuery?.labels?.length) {
    query.labels = origQuery.labels;
  }
  return query;
}
