import { readFileSync } from 'fs';
import { join } from 'path';

import type { DataSourceApi } from '@grafana/data';
import {
  setBackendSrv,
  setDataSourceSrv,
  type BackendSrv,
  type BackendSrvRequest,
  type DataSourceSrv,
} from '@grafana/runtime';
import { of } from 'rxjs';

import type { KansaQuery } from '../types';

/** What DataSourceWithBackend posts to /api/ds/query. */
export interface PostedQuery {
  url: string;
  queries: Array<KansaQuery & { intervalMs?: number; maxDataPoints?: number }>;
  from?: string;
  to?: string;
}

/** The frames of a backend golden case (pkg/plugin/testdata/golden/<name>), as the Go backend answered them. */
export function goldenFrames(name: string): unknown[] {
  const path = join(__dirname, '..', '..', 'pkg', 'plugin', 'testdata', 'golden', name, 'frames.golden.jsonc');
  const json = readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('//'))
    .join('\n');
  return (JSON.parse(json) as { frames: unknown[] }).frames;
}

/**
 * Grafana's backend service as DataSourceWithBackend.query() sees it: every /api/ds/query post is recorded, and
 * each query is answered with the frames `answer` gives for it, as Grafana relays the Go backend's answer.
 */
export function fakeQueryBackend(
  ds: Pick<DataSourceApi, 'id' | 'uid' | 'type' | 'name' | 'meta'>,
  answer: (query: KansaQuery) => unknown[],
): PostedQuery[] {
  const posted: PostedQuery[] = [];
  const settings = { id: ds.id, uid: ds.uid, type: ds.type, name: ds.name, meta: ds.meta, jsonData: {} };
  setDataSourceSrv({ getInstanceSettings: () => settings } as unknown as DataSourceSrv);
  setBackendSrv({
    fetch: (options: BackendSrvRequest) => {
      const body = options.data as Omit<PostedQuery, 'url'>;
      posted.push({ url: options.url, ...body });
      const results = Object.fromEntries(body.queries.map((q) => [q.refId, { status: 200, frames: answer(q) }]));
      return of({ data: { results }, status: 200, ok: true, url: options.url, config: options });
    },
  } as unknown as BackendSrv);
  return posted;
}
