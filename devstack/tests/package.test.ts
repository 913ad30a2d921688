import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm run package` on the dists npm test built, with the backend for this machine only (the release run adds
// three cross-compiles): the archives must hold what Grafana installs and its plugin validator asks for.

const repo = join(__dirname, '..', '..');
const goOs = process.platform === 'win32' ? 'windows' : process.platform;
const goArch = process.arch === 'x64' ? 'amd64' : process.arch;
const backend = `gpx_kansa_logs_${goOs}_${goArch}${goOs === 'windows' ? '.exe' : ''}`;

interface Entry {
  name: string;
  mode: number;
}
interface Listing {
  entries: Entry[];
  texts: Record<string, string>;
}

// Read back with Python's zipfile, as an unzip would see the archive: names, Unix modes, the small text files.
const ZIP_READER = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
entries = [{"name": i.filename, "mode": i.external_attr >> 16} for i in z.infolist()]
texts = {i.filename: z.read(i).decode() for i in z.infolist() if i.filename.endswith(("LICENSE", ".md", ".json", "manifest"))}
json.dump({"entries": entries, "texts": texts}, sys.stdout)
`;

function readZip(file: string): Listing {
  return JSON.parse(
    execFileSync('python3', ['-c', ZIP_READER, file], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  ) as Listing;
}

/** The manifest the SDK would write for the sources as they are now (build-backend.mjs's buildManifest). */
function currentManifest(): string {
  const script =
    "import('./datasource-plugin/scripts/build-backend.mjs').then((m) => process.stdout.write(m.buildManifest()))";
  return execFileSync(process.execPath, ['-e', script], { cwd: repo, encoding: 'utf8' });
}

let out: string;
let datasource: Listing;
let app: Listing;

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'kansa-package-'));
  execFileSync(process.execPath, ['devstack/package.mjs', '--skip-build', '--host-only', '--out', out], {
    cwd: repo,
    stdio: 'pipe',
  });
  datasource = readZip(join(out, 'kansa-logs-datasource-0.1.0.zip'));
  app = readZip(join(out, 'kansa-logs-app-0.1.0.zip'));
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.each([
  ['kansa-logs-datasource', () => datasource],
  ['kansa-logs-app', () => app],
])('%s archive', (id, listing) => {
  const names = () => listing().entries.map((e) => e.name);

  it('holds everything under <plugin-id>/, with the files Grafana and its validator need', () => {
    expect(names().filter((n) => !n.startsWith(`${id}/`))).toEqual([]);
    expect(names()).toEqual(
      expect.arrayContaining(
        ['module.js', 'plugin.json', 'README.md', 'LICENSE', 'CHANGELOG.md'].map((f) => `${id}/${f}`),
      ),
    );
  });

  it('carries the Apache-2.0 license, a changelog for its version and a filled-in plugin.json', () => {
    const { texts } = listing();
    expect(texts[`${id}/LICENSE`]).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    const pluginJson = JSON.parse(texts[`${id}/plugin.json`]) as { id: string; info: { version: string } };
    expect(pluginJson.id).toBe(id);
    expect(pluginJson.info.version).toBe('0.1.0');
    expect(texts[`${id}/CHANGELOG.md`]).toContain(`## ${pluginJson.info.version}`);
  });

  it('has a README whose links work outside the repo (absolute, or anchors)', () => {
    const readme = listing().texts[`${id}/README.md`];
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    expect(targets.filter((t) => !/^(https:\/\/|#)/.test(t))).toEqual([]);
  });

  it('ships no kansa-dsquery harness', () => {
    expect(names().filter((n) => n.includes('kansa-dsquery'))).toEqual([]);
  });
});

describe('the data source archive', () => {
  it('has the executable backend plugin.json names, for this platform', () => {
    const pluginJson = JSON.parse(datasource.texts['kansa-logs-datasource/plugin.json']) as {
      executable: string;
      category: string;
    };
    expect(backend.startsWith(`${pluginJson.executable}_`)).toBe(true);
    expect(pluginJson.category).toBe('logging');
    const entry = datasource.entries.find((e) => e.name === `kansa-logs-datasource/${backend}`);
    expect(entry?.mode.toString(8)).toBe('100755');
  });

  it("has the SDK's build manifest of the Go sources it was built from", () => {
    const manifest = datasource.texts['kansa-logs-datasource/go_plugin_build_manifest'];
    expect(manifest).toMatch(/^[0-9a-f]{64}:pkg\/main\.go$/m);
    expect(manifest).toBe(currentManifest());
  });
});
