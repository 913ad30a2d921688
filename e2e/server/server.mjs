// The host server: what Grafana's HTTP server would answer to the two plugins. Static files (the host page, the
// plugins' dist/ under /public/plugins/<id>/ as Grafana serves them), the data source API (query, resources,
// health: forwarded to the plugin's real backend over gRPC), plugin settings, folders and the alerting
// provisioning API (kept in memory, as a fresh Grafana would). Every request is logged; one it cannot answer is
// recorded in `unanswered`, and the scenarios fail on it.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.css': 'text/css',
  '.html': 'text/html',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
  '.md': 'text/markdown',
};

export const DS_UID = 'kansa';
const INTER_WEIGHTS = { Light: 300, Regular: 400, Medium: 500, SemiBold: 600, Bold: 700 };
const SPINNER =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" stroke-dasharray="40 20"/></svg>';
const DS_TYPE = 'kansa-logs-datasource';
const APP_ID = 'kansa-logs-app';

/**
 * @param {object} o
 * @param {string} o.hostDir   the built host (index.html, host.js)
 * @param {string} o.iconsDir  @grafana/ui's icons, which Grafana serves under /public/build/img/icons/
 * @param {string} o.fontsDir  @fontsource/, whose Inter and Roboto Mono stand in for the fonts Grafana ships itself
 * @param {Record<string,string>} o.plugins  plugin id -> its dist/ folder
 * @param {{call: Function}} o.backend  the data source backend (backend.mjs)
 * @param {string} o.opensearchUrl
 * @param {string} o.version  the Grafana version the host stands in for
 */
export function startServer({ hostDir, iconsDir, fontsDir, plugins, backend, opensearchUrl, version }) {
  const state = {
    datasource: {
      id: 1,
      uid: DS_UID,
      orgId: 1,
      name: 'Kansa Logs',
      type: DS_TYPE,
      access: 'proxy',
      url: opensearchUrl,
      isDefault: true,
      basicAuth: false,
      jsonData: { indexPattern: 'kansa-events-*', language: 'ja' },
      secureJsonFields: {},
      readOnly: false,
      version: 1,
    },
    appSettings: { enabled: true, pinned: true, jsonData: { dataSourceUid: DS_UID } },
    folders: new Map(),
    rules: new Map(),
    ruleGroupPuts: [],
  };
  const log = [];
  const unanswered = [];

  const pluginMeta = (id) => JSON.parse(readFileSync(join(plugins[id], 'plugin.json'), 'utf8'));

  async function api(req, url, body) {
    const path = url.pathname;
    const m = (re) => re.exec(path);
    let g;
    if (path === '/api/ds/query' && req.method === 'POST') {
      const q = JSON.parse(body);
      const uid = q.queries?.[0]?.datasource?.uid;
      if (uid !== DS_UID) return [400, { message: `unknown data source ${uid}` }];
      const out = await backend.call('query', {
        settings: settingsOf(state),
        queries: q.queries,
        range: { from: String(q.from), to: String(q.to) },
      });
      const failed = Object.values(out.results).some((r) => r.error);
      return [failed ? 400 : 200, out];
    }
    if ((g = m(/^\/api\/datasources\/uid\/([^/]+)\/health$/))) {
      if (g[1] !== DS_UID) return [404, { message: 'Data source not found' }];
      const out = await backend.call('health', { settings: settingsOf(state) });
      return [out.status === 'OK' ? 200 : 400, out];
    }
    if ((g = m(/^\/api\/datasources\/uid\/([^/]+)\/resources\/(.*)$/))) {
      if (g[1] !== DS_UID) return [404, { message: 'Data source not found' }];
      const out = await backend.call('resource', {
        settings: settingsOf(state),
        resource: { method: req.method, path: g[2] + url.search, ...(body ? { body: JSON.parse(body) } : {}) },
      });
      return [out.status || 200, out.body];
    }
    if ((g = m(/^\/api\/datasources\/uid\/([^/]+)$/))) {
      if (g[1] !== DS_UID) return [404, { message: 'Data source not found' }];
      if (req.method === 'GET') return [200, state.datasource];
      if (req.method === 'PUT') {
        const next = JSON.parse(body);
        const secure = Object.fromEntries(Object.keys(next.secureJsonData ?? {}).map((k) => [k, true]));
        state.datasource = {
          ...state.datasource,
          ...next,
          secureJsonFields: { ...state.datasource.secureJsonFields, ...secure },
          version: state.datasource.version + 1,
        };
        state.secureJsonData = { ...state.secureJsonData, ...next.secureJsonData };
        delete state.datasource.secureJsonData;
        return [
          200,
          { datasource: state.datasource, id: 1, message: 'Datasource updated', name: state.datasource.name },
        ];
      }
    }
    if ((g = m(/^\/api\/plugins\/([^/]+)\/settings$/))) {
      if (!plugins[g[1]]) return [404, { message: 'Plugin not found' }];
      if (req.method === 'GET')
        return [200, { ...pluginMeta(g[1]), ...(g[1] === APP_ID ? state.appSettings : { enabled: true }) }];
      if (req.method === 'POST' && g[1] === APP_ID) {
        state.appSettings = { ...state.appSettings, ...JSON.parse(body) };
        return [200, { message: 'Plugin settings updated' }];
      }
    }
    if (path === '/api/folders' && req.method === 'GET') return [200, [...state.folders.values()]];
    if (path === '/api/folders' && req.method === 'POST') {
      const f = JSON.parse(body);
      if (state.folders.has(f.uid)) return [409, { message: 'a folder with the same uid already exists' }];
      state.folders.set(f.uid, { id: state.folders.size + 1, uid: f.uid, title: f.title });
      return [200, state.folders.get(f.uid)];
    }
    if ((g = m(/^\/api\/folders\/([^/]+)$/)) && req.method === 'GET') {
      return state.folders.has(g[1]) ? [200, state.folders.get(g[1])] : [404, { message: 'folder not found' }];
    }
    if ((g = m(/^\/api\/v1\/provisioning\/alert-rules\/([^/]+)$/)) && req.method === 'GET') {
      return state.rules.has(g[1]) ? [200, state.rules.get(g[1])] : [404, { message: 'rule not found' }];
    }
    if ((g = m(/^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/)) && req.method === 'GET') {
      const rules = [...state.rules.values()].filter((r) => r.folderUID === g[1] && r.ruleGroup === g[2]);
      return rules.length ? [200, { title: g[2], folderUid: g[1], rules }] : [404, { message: 'rule group not found' }];
    }
    if ((g = m(/^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/)) && req.method === 'PUT') {
      if (!state.folders.has(g[1])) return [404, { message: 'folder not found' }];
      const group = JSON.parse(body);
      // As in Grafana, the group becomes what was sent: its rules that are not in the body go.
      const sent = new Set((group.rules ?? []).map((r) => r.uid));
      for (const [uid, r] of state.rules)
        if (r.folderUID === g[1] && r.ruleGroup === g[2] && !sent.has(uid)) state.rules.delete(uid);
      const provenance = req.headers['x-disable-provenance'] ? '' : 'api';
      for (const r of group.rules ?? []) {
        if (!r.uid || !r.title || !Array.isArray(r.data) || r.data.length === 0)
          return [400, { message: `invalid rule ${r.uid}` }];
        state.rules.set(r.uid, { ...r, folderUID: g[1], ruleGroup: g[2], provenance });
      }
      state.ruleGroupPuts.push({ folder: g[1], group: g[2], rules: (group.rules ?? []).map((r) => r.uid) });
      return [200, group];
    }
    return undefined;
  }

  function file(res, root, rel) {
    const p = normalize(join(root, rel));
    if (!p.startsWith(normalize(root) + sep) || !existsSync(p) || !statSync(p).isFile()) return false;
    res.writeHead(200, {
      'Content-Type': TYPES[extname(p)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    res.end(readFileSync(p));
    return true;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://host');
    // Decoded once, whole: a multi-byte character split across two chunks would otherwise become U+FFFD.
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    const entry = { method: req.method, path: url.pathname + url.search };
    log.push(entry);
    try {
      if (url.pathname.startsWith('/api/')) {
        const answer = await api(req, url, body);
        if (answer) {
          entry.status = answer[0];
          res.writeHead(answer[0], { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(answer[1]));
          return;
        }
      } else {
        let g = /^\/public\/plugins\/([^/]+)\/(.+)$/.exec(url.pathname);
        if (g && plugins[g[1]] && file(res, plugins[g[1]], g[2])) return;
        if (url.pathname === '/public/build/img/icons/unicons/spinner.svg') {
          // Grafana ships its spinner in its own build, not in @grafana/ui: a plain ring stands in.
          res.writeHead(200, { 'Content-Type': 'image/svg+xml' });
          return void res.end(SPINNER);
        }
        g = /^\/public\/fonts\/inter\/Inter-(\w+)\.woff2$/.exec(url.pathname);
        if (
          g &&
          INTER_WEIGHTS[g[1]] &&
          file(res, join(fontsDir, 'inter', 'files'), `inter-latin-${INTER_WEIGHTS[g[1]]}-normal.woff2`)
        )
          return;
        // Grafana's monospace face (Roboto Mono, files named by Google Fonts' hashes): one weight stands for all.
        if (
          /^\/public\/fonts\/roboto\/[\w-]+\.woff2$/.test(url.pathname) &&
          file(res, join(fontsDir, 'roboto-mono', 'files'), 'roboto-mono-latin-400-normal.woff2')
        )
          return;
        g = /^\/public\/build\/img\/icons\/(.+)$/.exec(url.pathname);
        if (g && file(res, iconsDir, g[1])) return;
        g = /^\/host\/(.+)$/.exec(url.pathname);
        if (g && file(res, hostDir, g[1])) return;
        if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
        if (
          req.method === 'GET' &&
          !extname(url.pathname) &&
          (url.pathname === '/' ||
            url.pathname.startsWith('/a/') ||
            url.pathname.startsWith('/connections/') ||
            url.pathname.startsWith('/explore') ||
            url.pathname.startsWith('/plugins/'))
        ) {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end(
            readFileSync(join(hostDir, 'index.html'), 'utf8').replace(
              '__BOOT__',
              JSON.stringify(bootData(url, version, state)),
            ),
          );
          return;
        }
      }
      entry.status = 404;
      unanswered.push(entry);
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `the e2e host does not answer ${req.method} ${url.pathname}` }));
    } catch (err) {
      entry.status = 500;
      entry.error = String(err?.message ?? err);
      unanswered.push(entry);
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: entry.error }));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        state,
        log,
        unanswered,
        pluginMeta,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

/** The data source as the backend's plugin context carries it, secrets decrypted (they are kept in the clear here). */
function settingsOf({ datasource: ds, secureJsonData }) {
  return {
    url: ds.url,
    jsonData: ds.jsonData,
    basicAuth: ds.basicAuth,
    basicAuthUser: ds.basicAuthUser ?? '',
    uid: ds.uid,
    name: ds.name,
    secureJsonData: secureJsonData ?? {},
  };
}

/** window.grafanaBootData for one page: the user's language comes from ?lang= (ja-JP or en-US). */
function bootData(url, version, state) {
  const language = url.searchParams.get('lang') || 'ja-JP';
  const ds = state.datasource;
  return {
    user: {
      id: 1,
      login: 'admin',
      name: 'admin',
      email: 'admin@example.com',
      orgId: 1,
      orgRole: 'Admin',
      isGrafanaAdmin: true,
      isSignedIn: true,
      language,
      theme: 'dark',
      timezone: 'Asia/Tokyo',
      weekStart: 'monday',
      permissions: {},
    },
    settings: {
      appSubUrl: '',
      appUrl: 'http://localhost:3000/',
      buildInfo: { version, commit: 'e2e', edition: 'Open Source', env: 'production' },
      datasources: {
        [ds.name]: {
          ...ds,
          meta: {
            id: ds.type,
            type: 'datasource',
            name: 'Kansa Logs',
            module: `public/plugins/${ds.type}/module.js`,
            baseUrl: `public/plugins/${ds.type}`,
            backend: true,
            logs: true,
            metrics: true,
            annotations: true,
            alerting: true,
            info: { logos: {} },
          },
        },
      },
      defaultDatasource: ds.name,
      featureToggles: {},
      apps: {},
      panels: {},
      theme2: {},
    },
    navTree: [],
  };
}
