// The host page: boots the way Grafana's frontend does (boot data, translations, runtime services, SystemJS with
// the shared modules), imports each plugin's dist/module.js through SystemJS as Grafana's plugin loader does, and
// renders the plugin component the URL names, inside Grafana's theme context and router. window.__kansaHost
// reports loading state and errors to the scenarios.
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';

import {
  AppPlugin,
  CoreApp,
  dateTime,
  type AppPluginMeta,
  type DataFrame,
  type DataQueryResponse,
  type DataSourceApi,
  type DataSourcePlugin,
  type DataSourcePluginMeta,
  type PluginMeta,
} from '@grafana/data';
import {
  config,
  locationService,
  setBackendSrv,
  setDataSourceSrv,
  setTemplateSrv,
  getDataSourceSrv,
} from '@grafana/runtime';
import { Alert, Button, GlobalStyles, ThemeContext } from '@grafana/ui';
import React, { useEffect, useRef, useState, type ComponentType } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'react-router-dom';
import { CompatRouter, Route, Routes } from 'react-router-dom-v5-compat';
import { lastValueFrom } from 'rxjs';
// @ts-expect-error esbuild resolves this through the host's alias
import { getI18nInstance, initializeI18n } from 'grafana-i18n-internal';
// @ts-expect-error esbuild resolves this through the host's alias
import { initDataSourceInstanceSettings } from 'grafana-runtime-ds-settings';
import { initializeLoggersRegistry } from '@grafana/runtime/unstable';

import { backendSrv, dataSourceSrv, templateSrv } from './services';
import { sharedDependencies } from './shared';

declare global {
  interface Window {
    System: any;
    __kansaHost: {
      ready: boolean;
      react: string;
      error?: string;
      queryError?: string;
      frames?: unknown;
      health?: unknown;
      variableValues?: unknown;
    };
  }
}
window.__kansaHost = { ready: false, react: React.version };

const DS_ID = 'kansa-logs-datasource';
const APP_ID = 'kansa-logs-app';

/** Registers the shared modules under their bare names, as Grafana's SystemJS setup does. */
function registerShared() {
  const imports: Record<string, string> = {};
  for (const [name, ns] of Object.entries(sharedDependencies)) {
    const id = `app:${name}`;
    imports[name] = id;
    window.System.set(id, ns);
  }
  window.System.addImportMap({ imports });
}

/** Imports a plugin's module.js by URL with SystemJS and hands back its `plugin` export with its meta. */
async function importPlugin<T>(id: string): Promise<{ plugin: T; meta: PluginMeta }> {
  const meta = await backendSrv.get<PluginMeta & { languages?: string[] }>(`/api/plugins/${id}/settings`);
  // Grafana 12.1+ loads the translations plugin.json lists for the user's language before the module.
  const language = config.bootData.user.language;
  if (meta.languages?.includes(language)) {
    const resources = await backendSrv.get(`/public/plugins/${id}/locales/${language}/${id}.json`);
    getI18nInstance().addResourceBundle(language, id, resources, true, false);
  }
  const mod = await window.System.import(`/public/plugins/${id}/module.js`);
  const plugin = mod.plugin as T & { meta?: PluginMeta };
  if (!plugin) throw new Error(`${id}/module.js has no plugin export`);
  const full = { ...meta, module: `public/plugins/${id}/module.js`, baseUrl: `public/plugins/${id}` } as PluginMeta;
  plugin.meta = full;
  return { plugin, meta: full };
}

function Frames({ frames }: { frames: DataFrame[] }) {
  return (
    <div data-testid="frames">
      {frames.map((f, i) => (
        <table
          key={i}
          data-testid="frame"
          data-rows={f.length}
          style={{ margin: '8px 0', borderCollapse: 'collapse', fontSize: 12 }}
        >
          <caption style={{ textAlign: 'left' }}>
            {f.name ?? f.refId} — {f.length} rows
          </caption>
          <thead>
            <tr>
              {f.fields.map((fl) => (
                <th key={fl.name} style={{ border: '1px solid #444', padding: 2 }}>
                  {fl.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: Math.min(f.length, 5) }, (_, r) => (
              <tr key={r}>
                {f.fields.map((fl) => (
                  <td
                    key={fl.name}
                    style={{
                      border: '1px solid #333',
                      padding: 2,
                      maxWidth: 240,
                      overflow: 'hidden',
                      whiteSpace: 'nowrap',
                    }}
                  >
                    {fl.type === 'time'
                      ? dateTime(fl.values[r]).format('YYYY-MM-DD HH:mm')
                      : String(JSON.stringify(fl.values[r]) ?? '').slice(0, 80)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** The time range the scenarios use: the demo month's import window, passed as ?from=&to= (epoch ms). */
function pageRange() {
  const p = new URLSearchParams(location.search);
  const from = dateTime(Number(p.get('from')) || Date.now() - 30 * 86400e3);
  const to = dateTime(Number(p.get('to')) || Date.now());
  return { from, to, raw: { from, to } };
}

/** Explore's query row: the plugin's QueryEditor, and Run query sends the query through the data source. */
function QueryEditorView({ ds, initial }: { ds: DataSourceApi; initial: any }) {
  const [query, setQueryState] = useState<any>(initial);
  const [frames, setFrames] = useState<DataFrame[]>();
  const [error, setError] = useState<string>();
  // Like Explore, Run query sends the query as it is now (an editor may call onChange and onRunQuery in one go),
  // and only the latest run's answer is shown.
  const latest = useRef(initial);
  const runs = useRef(0);
  const setQuery = (q: any) => {
    latest.current = q;
    setQueryState(q);
  };
  const Editor = ds.components!.QueryEditor as ComponentType<any>;
  const range = pageRange();
  const run = async () => {
    const q = latest.current;
    const seq = ++runs.current;
    window.__kansaHost.frames = undefined;
    setError(undefined);
    const res: DataQueryResponse = await lastValueFrom(
      ds.query({
        targets: [q],
        range,
        app: CoreApp.Explore,
        requestId: 'e2e',
        interval: '1h',
        intervalMs: 3600e3,
        maxDataPoints: 500,
        scopedVars: {},
        timezone: 'Asia/Tokyo',
        startTime: Date.now(),
      } as any) as any,
    );
    if (seq !== runs.current) return;
    const failure = res.errors?.[0]?.message ?? res.error?.message;
    window.__kansaHost.queryError = failure;
    setError(failure);
    setFrames(res.data);
    window.__kansaHost.frames = res.data.map((f: DataFrame) => ({
      name: f.name,
      rows: f.length,
      fields: f.fields.map((x) => x.name),
      queryType: q.queryType,
    }));
  };
  return (
    <div>
      <Editor
        datasource={ds}
        query={query}
        onChange={setQuery}
        onRunQuery={run}
        range={range}
        app={CoreApp.Explore}
        queries={[query]}
      />
      <Button data-testid="host-run-query" onClick={() => run()}>
        Run query
      </Button>
      {error && <Alert title={error} severity="error" />}
      {frames && <Frames frames={frames} />}
    </div>
  );
}

/** A variable's editor (the data source's CustomVariableSupport) and the values the query gives. */
function VariableEditorView({ ds }: { ds: DataSourceApi }) {
  const support = ds.variables as any;
  const [query, setQuery] = useState<any>(support.getDefaultQuery?.() ?? { refId: 'V' });
  const [values, setValues] = useState<string[]>();
  const Editor = support.editor as ComponentType<any>;
  const run = async () => {
    const res: DataQueryResponse = await lastValueFrom(
      support.query({ targets: [{ ...query, refId: 'V' }], range: pageRange(), scopedVars: {} }),
    );
    // Grafana takes either MetricFindValues ({text, value}) or a frame with a text field.
    const first = res.data[0] as DataFrame | { text: string } | undefined;
    const texts = !first
      ? []
      : 'fields' in first
        ? (first.fields.find((f) => f.name === 'text') ?? first.fields[0]).values.map(String)
        : res.data.map((v: { text: string }) => String(v.text));
    setValues(texts);
    window.__kansaHost.variableValues = texts;
  };
  return (
    <div>
      <Editor datasource={ds} query={query} onChange={setQuery} onRunQuery={run} />
      <Button data-testid="host-run-variable" onClick={run}>
        Run query
      </Button>
      {values && (
        <ul data-testid="variable-values">
          {values.slice(0, 20).map((v) => (
            <li key={v}>{v}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** An annotation query's editor, as a dashboard's annotation settings show it, and the events it finds. */
function AnnotationEditorView({ ds }: { ds: DataSourceApi }) {
  const support = ds.annotations!;
  const [query, setQuery] = useState<any>(support.getDefaultQuery?.() ?? {});
  const [frames, setFrames] = useState<DataFrame[]>();
  const Editor = support.QueryEditor as ComponentType<any>;
  const run = async () => {
    const target = {
      ...(support.prepareQuery?.({ target: query, enable: true, name: 'e2e', iconColor: 'red' } as any) ?? query),
      refId: 'Anno',
    };
    const res: DataQueryResponse = await lastValueFrom(
      ds.query({
        targets: [target],
        range: pageRange(),
        app: CoreApp.Dashboard,
        requestId: 'anno',
        interval: '1h',
        intervalMs: 3600e3,
        scopedVars: {},
        timezone: 'Asia/Tokyo',
        startTime: Date.now(),
      } as any) as any,
    );
    setFrames(res.data);
    window.__kansaHost.frames = res.data.map((f: DataFrame) => ({
      name: f.name,
      rows: f.length,
      fields: f.fields.map((x) => x.name),
    }));
  };
  return (
    <div>
      <Editor datasource={ds} query={query} onChange={setQuery} onRunQuery={run} range={pageRange()} />
      <Button data-testid="host-run-annotations" onClick={run}>
        Run query
      </Button>
      {frames && <Frames frames={frames} />}
    </div>
  );
}

/** The data source's settings page: the plugin's ConfigEditor and Grafana's Save & test (PUT, then health). */
function ConfigEditorView({ plugin, meta }: { plugin: DataSourcePlugin<DataSourceApi>; meta: DataSourcePluginMeta }) {
  const [options, setOptions] = useState<any>();
  const [health, setHealth] = useState<{ status: string; message: string }>();
  useEffect(() => {
    backendSrv.get('/api/datasources/uid/kansa').then(setOptions);
  }, []);
  if (!options) return null;
  const Editor = plugin.components.ConfigEditor as ComponentType<any>;
  const saveAndTest = async () => {
    const saved = await backendSrv.put<{ datasource: any }>(`/api/datasources/uid/${options.uid}`, options);
    setOptions(saved.datasource);
    const ds = new plugin.DataSourceClass({ ...saved.datasource, meta });
    try {
      const res = await ds.testDatasource();
      setHealth({ status: res.status, message: res.message });
    } catch (e: any) {
      setHealth({ status: 'error', message: e?.data?.message ?? e?.message ?? String(e) });
    }
    window.__kansaHost.health = true;
  };
  return (
    <div>
      <Editor options={options} onOptionsChange={setOptions} />
      <Button data-testid="host-save-and-test" onClick={saveAndTest}>
        Save &amp; test
      </Button>
      {health && (
        <Alert
          data-testid="host-health"
          title={health.message}
          severity={health.status === 'success' ? 'success' : 'error'}
        />
      )}
    </div>
  );
}

async function view(): Promise<React.ReactNode> {
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  if (path.startsWith(`/a/${APP_ID}`) || path === `/plugins/${APP_ID}`) {
    const { plugin, meta } = await importPlugin<AppPlugin>(APP_ID);
    if (path === `/plugins/${APP_ID}`) {
      // The plugin's page under Administration › Plugins: its config pages as tabs; the scenario opens one.
      const page = plugin.configPages!.find((p) => p.id === (params.get('page') ?? 'configuration'))!;
      const Body = page.body as ComponentType<any>;
      return <Body plugin={plugin} query={Object.fromEntries(params)} />;
    }
    const Root = plugin.root as ComponentType<any>;
    return (
      <Routes>
        <Route
          path={`/a/${APP_ID}/*`}
          element={
            <Root
              meta={meta as AppPluginMeta}
              basename={`/a/${APP_ID}`}
              path={`/a/${APP_ID}`}
              query={Object.fromEntries(params)}
              onNavChanged={() => {}}
            />
          }
        />
      </Routes>
    );
  }
  const loaded = importPlugin<DataSourcePlugin<DataSourceApi>>(DS_ID);
  setDataSourceSrv(dataSourceSrv(() => loaded.then((l) => l.plugin)));
  const { plugin, meta } = await loaded;
  if (path === '/connections/datasources/edit/kansa')
    return <ConfigEditorView plugin={plugin} meta={meta as DataSourcePluginMeta} />;
  const ds = await getDataSourceSrv().get('kansa');
  if (params.get('editor') === 'variable') return <VariableEditorView ds={ds} />;
  if (params.get('editor') === 'annotations') return <AnnotationEditorView ds={ds} />;
  const type = params.get('type') ?? 'logs';
  const base = ds.getDefaultQuery?.(CoreApp.Explore) ?? {};
  return (
    <QueryEditorView
      ds={ds}
      initial={{ ...base, refId: 'A', queryType: type, datasource: { type: DS_ID, uid: 'kansa' } }}
    />
  );
}

async function boot() {
  initializeLoggersRegistry();
  setBackendSrv(backendSrv);
  setTemplateSrv(templateSrv);
  initDataSourceInstanceSettings(config.datasources, config.defaultDatasource);
  registerShared();
  await initializeI18n({ language: config.bootData.user.language, ns: ['grafana'] });
  const content = await view();
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <ThemeContext.Provider value={config.theme2}>
      <GlobalStyles />
      <Router history={locationService.getHistory()}>
        <CompatRouter>{content}</CompatRouter>
      </Router>
    </ThemeContext.Provider>,
  );
  window.__kansaHost.ready = true;
}

boot().catch((e) => {
  window.__kansaHost.error = String(e?.stack ?? e);
  console.error('host boot failed', e);
});
