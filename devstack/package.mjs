// `npm run package`: the two archives Grafana installs, packages/<plugin-id>-<version>.zip, each holding the
// plugin's dist/ under a <plugin-id>/ folder (as `grafana cli plugins install --pluginUrl` and the plugin
// catalog expect). Builds first: both frontends, and the data source backend for every platform the archive
// ships (RELEASE_TARGETS: four cross-compiles, minutes on a small machine). The kansa-dsquery harness lives in
// datasource-plugin/bin/ and never ships.
// Usage: node devstack/package.mjs [--host-only] [--skip-build] [--out DIR]
//   --host-only   backend for this machine's platform only (what npm test builds; used by the packaging test)
//   --skip-build  package the dists as they are (fails when one lacks a file the archive needs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

import { HOST_TARGET, RELEASE_TARGETS, executableName } from '../datasource-plugin/scripts/build-backend.mjs';
import { buildAll } from './build.mjs';
import { REPO, log, run } from './lib.mjs';

const PLUGINS = ['datasource-plugin', 'app-plugin'];
/** Every archive carries these (Grafana's plugin validator reports a missing LICENSE or CHANGELOG.md). */
const REQUIRED = ['module.js', 'plugin.json', 'README.md', 'LICENSE', 'CHANGELOG.md'];

function listFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else files.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return files.sort();
}

/** The files of one plugin's archive, relative to its dist/; throws naming what is missing. */
export function archiveFiles(pluginDir, targets) {
  const dist = join(REPO, pluginDir, 'dist');
  if (!existsSync(dist)) throw new Error(`${pluginDir}/dist does not exist: build first (npm run build)`);
  const pluginJson = JSON.parse(readFileSync(join(dist, 'plugin.json'), 'utf8'));
  const required = [...REQUIRED];
  const executables = new Set();
  if (pluginJson.backend) {
    for (const target of targets) executables.add(executableName(pluginJson.executable, target));
    required.push('go_plugin_build_manifest', ...executables);
  }
  const files = listFiles(dist).filter((f) => {
    // Backends for platforms this archive does not ship (left by an earlier full build) stay out.
    if (pluginJson.backend && f.startsWith(`${pluginJson.executable}_`)) return executables.has(f);
    return true;
  });
  const missing = required.filter((f) => !files.includes(f));
  if (missing.length > 0) throw new Error(`${pluginDir}/dist lacks ${missing.join(', ')}`);
  if (files.some((f) => f.startsWith('kansa-dsquery')))
    throw new Error(`${pluginDir}/dist holds kansa-dsquery, which must not ship`);
  return { id: pluginJson.id, version: pluginJson.info.version, dist, files, executables };
}

// Python's zipfile writes the archive: deflated, and with each file's Unix mode, so the backend stays executable.
const ZIP_WRITER = `
import json, sys, zipfile
spec = json.load(sys.stdin)
with zipfile.ZipFile(spec["out"], "w", zipfile.ZIP_DEFLATED) as z:
    for f in spec["files"]:
        info = zipfile.ZipInfo.from_file(f["src"], f["name"])
        info.external_attr = (0o100000 | f["mode"]) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(f["src"], "rb") as src:
            z.writestr(info, src.read())
`;

export function writeArchive({ id, version, dist, files, executables }, outDir) {
  const out = join(outDir, `${id}-${version}.zip`);
  const entries = files.map((f) => ({
    src: join(dist, f),
    name: `${id}/${f}`,
    mode: executables.has(f) ? 0o755 : 0o644,
  }));
  const result = spawnSync('python3', ['-c', ZIP_WRITER], {
    input: JSON.stringify({ out, files: entries }),
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  if (result.error) throw new Error(`cannot run python3 to write ${out}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`writing ${out} failed (python3 exited ${result.status ?? result.signal})`);
  return out;
}

export function packageAll({ hostOnly = false, skipBuild = false, outDir = join(REPO, 'packages') } = {}) {
  const targets = hostOnly ? [HOST_TARGET] : RELEASE_TARGETS;
  if (!skipBuild) {
    buildAll();
    if (!hostOnly) run(process.execPath, ['datasource-plugin/scripts/build-backend.mjs', '--all']);
  }
  mkdirSync(outDir, { recursive: true });
  return PLUGINS.map((pluginDir) => {
    const archive = archiveFiles(pluginDir, targets);
    const out = writeArchive(archive, outDir);
    log(
      `${out.startsWith(REPO) ? relative(REPO, out) : out}: ${archive.files.length} files, ${(statSync(out).size / 1e6).toFixed(1)} MB`,
    );
    return out;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  try {
    packageAll({
      hostOnly: args.includes('--host-only'),
      skipBuild: args.includes('--skip-build'),
      outDir: outAt >= 0 ? args[outAt + 1] : undefined,
    });
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
