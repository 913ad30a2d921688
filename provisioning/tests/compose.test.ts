import fs from 'fs';
import path from 'path';
import { parse } from 'yaml';

import { KANSA_FOLDER } from '../../app-plugin/src/content/rules/grafana';
import { DEMO_CALENDARS } from '../../app-plugin/src/content/rules/settings';

// The compose stack and the provisioning files name the same things (plugin ids, the OpenSearch service,
// Grafana's version) in separate files; these checks keep them in step without running Docker.

const repo = path.resolve(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string> | string[];
  volumes?: string[];
  ports?: string[];
}

const readYaml = (file: string) => parse(fs.readFileSync(path.join(repo, file), 'utf8'));
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));

const compose: { services: Record<string, Service> } = readYaml('docker-compose.yml');
const plugins = {
  datasource: readJson('datasource-plugin/src/plugin.json'),
  app: readJson('app-plugin/src/plugin.json'),
};

function env(service: Service): Record<string, string> {
  if (Array.isArray(service.environment)) {
    return Object.fromEntries(
      service.environment.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
    );
  }
  return service.environment ?? {};
}

function serviceByImage(prefix: string): [string, Service] {
  const found = Object.entries(compose.services).find(([, s]) => s.image?.startsWith(`${prefix}:`));
  if (!found) {
    throw new Error(`no service runs ${prefix}`);
  }
  return found;
}

function bindMounts(service: Service): Array<{ host: string; container: string }> {
  return (service.volumes ?? [])
    .map((v) => v.split(':'))
    .filter(([host]) => host.startsWith('.') || host.startsWith('/'))
    .map(([host, container]) => ({ host, container }));
}

type Version = [number, number, number];

function parseVersion(v: string): Version {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v);
  if (!m) {
    throw new Error(`not a version: ${v}`);
  }
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

// Supports the comparator forms Grafana plugins use (">=13.1.0", ">=12.0.0 <14.0.0"); anything else
// fails loudly rather than passing by accident.
function satisfies(version: string, range: string): boolean {
  const v = parseVersion(version);
  return range
    .trim()
    .split(/\s+/)
    .every((part) => {
      const m = /^(>=|<=|>|<|=)?(.+)$/.exec(part);
      if (!m) {
        throw new Error(`unsupported range part ${part} in ${range}`);
      }
      const c = compare(v, parseVersion(m[2]));
      switch (m[1] ?? '=') {
        case '>=':
          return c >= 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '<':
          return c < 0;
        default:
          return c === 0;
      }
    });
}

describe('docker-compose.yml', () => {
  it('mounts only host paths that exist in the repository', () => {
    const mounts = Object.values(compose.services).flatMap(bindMounts);
    expect(mounts.length).toBeGreaterThan(0);
    for (const { host } of mounts) {
      const abs = path.join(repo, host);
      const distOf = /^\.\/([^/]+)\/dist$/.exec(host);
      // dist/ exists only after `npm run build`; the plugin it is built from must exist.
      const checked = distOf ? path.join(repo, distOf[1], 'src', 'plugin.json') : abs;
      expect({ host, checked, exists: fs.existsSync(checked) }).toEqual({ host, checked, exists: true });
    }
  });

  it('builds the bridge from a Dockerfile in the repository', () => {
    const { build } = compose.services.bridge;
    expect(build).toBeDefined();
    expect(fs.existsSync(path.join(repo, build!.context, build!.dockerfile))).toBe(true);
    expect(env(compose.services.bridge).OPENSEARCH_URL).toBe(
      `http://${serviceByImage('opensearchproject/opensearch')[0]}:9200`,
    );
  });

  it('binds every published port to localhost only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) {
        expect(`${name} ${port}`).toMatch(new RegExp(`^${name} 127\\.0\\.0\\.1:`));
      }
    }
  });

  it('allows exactly the two Kansa plugins to load unsigned, mounted under their ids', () => {
    const [, grafana] = serviceByImage('grafana/grafana-oss');
    const allowed = env(grafana)
      .GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',')
      .map((id) => id.trim());
    const ids = [plugins.datasource.id, plugins.app.id];
    expect([...allowed].sort()).toEqual([...ids].sort());

    const pluginMounts = bindMounts(grafana).filter((m) => m.container.startsWith('/var/lib/grafana/plugins/'));
    expect(pluginMounts.map((m) => path.basename(m.container)).sort()).toEqual([...ids].sort());
    for (const m of pluginMounts) {
      const pluginJson = readJson(path.join(path.dirname(m.host), 'src', 'plugin.json'));
      expect(path.basename(m.container)).toBe(pluginJson.id);
    }
  });

  it('runs a Grafana version that satisfies both plugins', () => {
    const [, grafana] = serviceByImage('grafana/grafana-oss');
    const tag = grafana.image!.split(':')[1];
    expect(satisfies(tag, plugins.datasource.dependencies.grafanaDependency)).toBe(true);
    expect(satisfies(tag, plugins.app.dependencies.grafanaDependency)).toBe(true);
  });
});

describe('provisioning', () => {
  it('points the Kansa data source at the compose OpenSearch service', () => {
    const [opensearch] = serviceByImage('opensearchproject/opensearch');
    const { datasources } = readYaml('provisioning/datasources/kansa.yaml');
    const kansa = datasources.find((d: { uid: string }) => d.uid === 'kansa');
    expect(kansa.type).toBe(plugins.datasource.id);
    const url = new URL(kansa.url);
    expect(url.hostname).toBe(opensearch);
    expect(url.port).toBe('9200');
  });

  it('defines the calendars the late-night rule reads, with the same shifts, for the attendance engine', () => {
    const { datasources } = readYaml('provisioning/datasources/kansa.yaml');
    const calendars = datasources.find((d: { uid: string }) => d.uid === 'kansa').jsonData.workday.calendars;
    for (const [name, c] of Object.entries(DEMO_CALENDARS)) {
      expect({ name, ...calendars[name], breakMinutes: undefined }).toEqual({ name, ...c, breakMinutes: undefined });
    }
  });

  it('enables the Kansa app on the provisioned data source', () => {
    const { apps } = readYaml('provisioning/plugins/kansa-app.yaml');
    expect(apps).toEqual([
      expect.objectContaining({ type: plugins.app.id, disabled: false, jsonData: { dataSourceUid: 'kansa' } }),
    ]);
  });

  it('loads dashboards from a folder that exists under the mounted provisioning directory', () => {
    const [, grafana] = serviceByImage('grafana/grafana-oss');
    const mount = bindMounts(grafana).find((m) => m.container === '/etc/grafana/provisioning');
    expect(mount).toBeDefined();
    const { providers } = readYaml('provisioning/dashboards/kansa.yaml');
    for (const p of providers) {
      const relative = path.relative('/etc/grafana/provisioning', p.options.path);
      expect(fs.existsSync(path.join(repo, mount!.host, relative))).toBe(true);
    }
  });

  it('puts dashboards and alert rules into one folder, named by its title on both sides', () => {
    // Alert file provisioning can name a folder only by title; a provider folderUid would make a second "Kansa".
    const { providers } = readYaml('provisioning/dashboards/kansa.yaml');
    const { groups } = readYaml('provisioning/alerting/kansa-rules.yaml');
    const titles = [...providers, ...groups].map((x: { folder: string }) => x.folder);
    expect(titles.length).toBeGreaterThan(1);
    expect(new Set(titles)).toEqual(new Set([KANSA_FOLDER.title]));
    for (const p of providers) expect(Object.keys(p)).not.toContain('folderUid');
  });

  it('delivers each dashboard once: provisioned files with distinct uids, none as an app plugin include', () => {
    const dir = 'provisioning/dashboards/kansa';
    const uids = fs
      .readdirSync(path.join(repo, dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => readJson(`${dir}/${f}`).uid);
    expect(uids.length).toBeGreaterThan(0);
    expect(new Set(uids).size).toBe(uids.length);
    expect(plugins.app.includes.filter((i: { type: string }) => i.type === 'dashboard')).toEqual([]);
  });
});

describe('satisfies', () => {
  it('reads the range forms plugin.json uses', () => {
    expect(satisfies('13.1.3', '>=13.1.0')).toBe(true);
    expect(satisfies('13.0.9', '>=13.1.0')).toBe(false);
    expect(satisfies('13.1.3', '>=12.0.0 <13.1.0')).toBe(false);
    expect(() => satisfies('13.1.3', '^13.1.0')).toThrow();
  });
});

describe('bridge environment', () => {
  const readme = fs.readFileSync(path.join(repo, 'backend-bridge/README.md'), 'utf8');
  const bridgeSource = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) return bridgeSource(p);
      return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [fs.readFileSync(p, 'utf8')] : [];
    });
  const readInCode = new Set(
    bridgeSource(path.join(repo, 'backend-bridge/src')).flatMap((text) =>
      [...text.matchAll(/\b(KANSA_[A-Z0-9_]+|OPENSEARCH_URL)\b/g)].map((m) => m[1]),
    ),
  );

  it('documents every variable the bridge code reads', () => {
    expect(readInCode.size).toBeGreaterThan(5);
    expect([...readInCode].filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });

  it('sets only documented variables on the compose bridge service', () => {
    const set = Object.keys(env(compose.services.bridge));
    expect(set).toContain('OPENSEARCH_URL');
    expect(set.filter((v) => !readme.includes(`\`${v}\``))).toEqual([]);
  });
});
