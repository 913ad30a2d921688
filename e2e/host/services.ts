// The @grafana/runtime services a Grafana page sets up before plugins run: BackendSrv (HTTP to the host server,
// with Grafana's error shape), DataSourceSrv (instances of the loaded data source plugin) and a TemplateSrv with
// no dashboard variables.
import type { DataSourceApi, DataSourceInstanceSettings, DataSourcePlugin, ScopedVars } from '@grafana/data';
import {
  config,
  type BackendSrv,
  type BackendSrvRequest,
  type DataSourceSrv,
  type FetchResponse,
  type TemplateSrv,
} from '@grafana/runtime';
import { Observable, lastValueFrom } from 'rxjs';

function fetchObservable<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
  return new Observable((subscriber) => {
    const controller = new AbortController();
    const params = options.params ? `?${new URLSearchParams(options.params as Record<string, string>)}` : '';
    const body =
      options.data === undefined
        ? undefined
        : typeof options.data === 'string'
          ? options.data
          : JSON.stringify(options.data);
    fetch(options.url + params, {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers: { 'Content-Type': 'application/json', ...(options.headers ?? {}) },
      body,
      signal: controller.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        let data: unknown = text;
        try {
          data = text ? JSON.parse(text) : {};
        } catch {
          // a body that is not JSON stays the text it is
        }
        const response = {
          data: data as T,
          status: res.status,
          statusText: res.statusText,
          ok: res.ok,
          headers: res.headers,
          redirected: res.redirected,
          type: res.type,
          url: res.url,
          config: options,
        };
        if (!res.ok) {
          // Grafana's FetchError: status, data and the message from the body.
          subscriber.error({
            status: res.status,
            statusText: res.statusText,
            data,
            config: options,
            message: (data as { message?: string })?.message,
          });
          return;
        }
        subscriber.next(response);
        subscriber.complete();
      })
      .catch((err) => subscriber.error(err));
    return () => controller.abort();
  });
}

const request = <T>(
  method: string,
  url: string,
  data?: unknown,
  params?: unknown,
  options?: Partial<BackendSrvRequest>,
) =>
  lastValueFrom(
    fetchObservable<T>({ ...options, method, url, data, params: params as BackendSrvRequest['params'] }),
  ).then((r) => r.data);

export const backendSrv = {
  fetch: fetchObservable,
  request: <T>(o: BackendSrvRequest) => lastValueFrom(fetchObservable<T>(o)).then((r) => r.data),
  datasourceRequest: <T>(o: BackendSrvRequest) => lastValueFrom(fetchObservable<T>(o)),
  get: <T>(url: string, params?: unknown, _id?: string, options?: Partial<BackendSrvRequest>) =>
    request<T>('GET', url, undefined, params, options),
  delete: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
    request<T>('DELETE', url, data, undefined, options),
  post: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
    request<T>('POST', url, data, undefined, options),
  patch: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
    request<T>('PATCH', url, data, undefined, options),
  put: <T>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>) =>
    request<T>('PUT', url, data, undefined, options),
  resolveCancelerIfExists: () => {},
} as unknown as BackendSrv;

export const templateSrv: TemplateSrv = {
  getVariables: () => [],
  replace: (target?: string, _scopedVars?: ScopedVars) => target ?? '',
  containsTemplate: () => false,
  updateTimeRange: () => {},
} as unknown as TemplateSrv;

/** The data source service over the one data source this host provisions, built from the loaded plugin. */
export function dataSourceSrv(plugin: () => Promise<DataSourcePlugin<DataSourceApi>>): DataSourceSrv {
  const instances = new Map<string, Promise<DataSourceApi>>();
  const list = () => Object.values(config.datasources) as DataSourceInstanceSettings[];
  const find = (ref?: string | { uid?: string } | null) => {
    const key = typeof ref === 'string' ? ref : ref?.uid;
    return list().find((s) => !key || s.uid === key || s.name === key);
  };
  return {
    getInstanceSettings: (ref) => find(ref as string),
    getList: () => list(),
    get: (ref) => {
      const s = find(ref as string);
      if (!s) return Promise.reject(new Error(`data source ${JSON.stringify(ref)} not found`));
      if (!instances.has(s.uid)) {
        instances.set(
          s.uid,
          plugin().then((p) => {
            const ds = new p.DataSourceClass(s);
            ds.components = p.components;
            ds.meta = s.meta;
            return ds;
          }),
        );
      }
      return instances.get(s.uid)!;
    },
    reload: () => {},
    registerRuntimeDataSource: () => {},
  } as unknown as DataSourceSrv;
}
