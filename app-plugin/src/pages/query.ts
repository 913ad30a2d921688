import { type DataFrame, type DataFrameJSON, dataFrameFromJSON } from '@grafana/data';
import { getBackendSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import type { KansaQuery } from '../../../datasource-plugin/src/types';
import { DATASOURCE_PLUGIN_ID } from '../types';

export type QueryOutcome =
  { status: 'success'; frames: Record<string, DataFrame[]> } | { status: 'failed'; error: string };

/**
 * Runs Kansa queries through Grafana's data source query API, the same path panels take, so the pages show
 * exactly what the dashboards show. Errors come back as a failed outcome with the backend's message.
 */
export async function runQueries(
  dataSourceUid: string,
  queries: KansaQuery[],
  from: Date,
  to: Date,
): Promise<QueryOutcome> {
  const datasource = { type: DATASOURCE_PLUGIN_ID, uid: dataSourceUid };
  try {
    const response = await lastValueFrom(
      getBackendSrv().fetch<{ results: Record<string, { error?: string; frames?: DataFrameJSON[] }> }>({
        url: '/api/ds/query',
        method: 'POST',
        data: {
          queries: queries.map((q) => ({ ...q, datasource })),
          from: String(from.getTime()),
          to: String(to.getTime()),
        },
        showErrorAlert: false,
      }),
    );
    const frames: Record<string, DataFrame[]> = {};
    for (const [refId, result] of Object.entries(response.data.results)) {
      if (result.error) {
        return { status: 'failed', error: `${refId}: ${result.error}` };
      }
      frames[refId] = (result.frames ?? []).map((f) => dataFrameFromJSON(f));
    }
    return { status: 'success', frames };
  } catch (e) {
    const data = (e as { data?: { message?: string; results?: Record<string, { error?: string }> } })?.data;
    const first = data?.results && Object.values(data.results).find((r) => r.error)?.error;
    return { status: 'failed', error: first ?? data?.message ?? (e instanceof Error ? e.message : String(e)) };
  }
}

export type Row = Record<string, unknown>;

/** A table frame as rows keyed by field name. */
export function rowsOf(frame: DataFrame | undefined): Row[] {
  if (!frame) {
    return [];
  }
  return Array.from({ length: frame.length }, (_, i) =>
    Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])),
  );
}
