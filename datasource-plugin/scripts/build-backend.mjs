#!/usr/bin/env node
// Builds the backend binaries Grafana starts (dist/<executable>_<os>_<arch>[.exe], named as the plugin SDK names
// them), the SDK's dist/go_plugin_build_manifest that Grafana's plugin validator asks for, and the kansa-dsquery
// harness in bin/ (outside dist/, so it never ships in the plugin archive), with plain `go build`: a clean clone
// needs only Go. The plugin gets the flags the SDK's mage build passes: a static (CGO off), stripped binary
// carrying the plugin's build info, which Grafana reads with `<binary> -buildinfo`. A binary newer than every
// Go source, go.mod, go.sum, plugin.json and package.json is up to date and not rebuilt (--force rebuilds).
// Usage: node scripts/build-backend.mjs [--force] [--all | os/arch ...]
//   default: the host platform only (fast for npm test / npm start); --all: every platform the archive ships.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The platforms the plugin archive ships a backend for (`npm run package`). */
export const RELEASE_TARGETS = ['linux/amd64', 'linux/arm64', 'darwin/arm64', 'windows/amd64'];

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(pluginDir, file), 'utf8'));

const goArch = (nodeArch) => ({ x64: 'amd64', ia32: '386' })[nodeArch] ?? nodeArch;
const goOs = (nodePlatform) => (nodePlatform === 'win32' ? 'windows' : nodePlatform);
export const HOST_TARGET = `${goOs(process.platform)}/${goArch(process.arch)}`;

/** The SDK's executable name: <executable>_<os>_<arch>, with .exe on Windows. */
export function executableName(executable, target) {
  const [goos, goarch] = target.split('/');
  return `${executable}_${goos}_${goarch}${goos === 'windows' ? '.exe' : ''}`;
}

/** Newest modification time of the inputs of the Go build. */
function newestInput() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testdata') {
          visit(p);
        }
      } else if (entry.name.endsWith('.go') && !entry.name.endsWith('_test.go')) {
        newest = Math.max(newest, fs.statSync(p).mtimeMs);
      }
    }
  };
  visit(path.join(pluginDir, 'pkg'));
  visit(path.join(pluginDir, 'cmd'));
  for (const f of ['go.mod', 'go.sum', 'src/plugin.json', 'package.json']) {
    newest = Math.max(newest, fs.statSync(path.join(pluginDir, f)).mtimeMs);
  }
  return newest;
}

function upToDate(file, inputs) {
  try {
    return fs.statSync(path.join(pluginDir, file)).mtimeMs >= inputs;
  } catch {
    return false;
  }
}

function goBuild(target, out, pkg, ldflags) {
  const [goos, goarch] = target.split('/');
  const started = Date.now();
  const result = spawnSync('go', ['build', '-o', out, '-tags', 'arrow_json_stdlib', '-ldflags', ldflags, pkg], {
    cwd: pluginDir,
    stdio: 'inherit',
    env: { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: '0' },
  });
  if (result.error) {
    console.error(`cannot run go: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) {
    process.exit(result.status ?? 1);
  }
  console.log(`built ${out} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/**
 * The SDK's go_plugin_build_manifest (build/utils.GenerateManifest, run from the plugin folder): one
 * "<sha256 hex>:<slash path>" line per .go file under the plugin folder, tests and Magefile.go included, in the
 * lexical walk order of filepath.WalkDir, skipping only the top-level node_modules.
 */
export function buildManifest(root = pluginDir) {
  const lines = [];
  const walk = (rel) => {
    const names = fs.readdirSync(path.join(root, rel), { withFileTypes: true });
    // WalkDir reads a directory sorted by name, byte-wise.
    names.sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
    for (const entry of names) {
      const p = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (p !== 'node_modules') {
          walk(p);
        }
      } else if (entry.name.endsWith('.go')) {
        const hash = createHash('sha256')
          .update(fs.readFileSync(path.join(root, p)))
          .digest('hex');
        lines.push(`${hash}:${p}\n`);
      }
    }
  };
  walk('');
  return lines.join('');
}

function main(args) {
  const pluginJson = readJson('src/plugin.json');
  const { version } = readJson('package.json');
  const force = args.includes('--force');
  const explicit = args.filter((a) => !a.startsWith('--'));
  const targets = args.includes('--all') ? RELEASE_TARGETS : explicit.length > 0 ? explicit : [HOST_TARGET];

  const inputs = newestInput();
  for (const target of targets) {
    if (!/^[a-z0-9]+\/[a-z0-9]+$/.test(target)) {
      console.error(`expected os/arch such as linux/amd64, got ${JSON.stringify(target)}`);
      process.exit(2);
    }
    const exe = path.join('dist', executableName(pluginJson.executable, target));
    if (force || !upToDate(exe, inputs)) {
      const buildInfo = JSON.stringify({ time: Date.now(), pluginID: pluginJson.id, version });
      const ldflags = [
        '-w',
        '-s',
        '-extldflags "-static"',
        `-X 'github.com/grafana/grafana-plugin-sdk-go/build/buildinfo.buildInfoJSON=${buildInfo}'`,
      ].join(' ');
      goBuild(target, exe, './pkg', ldflags);
    } else {
      console.log(`${exe} is up to date`);
    }
  }
  fs.writeFileSync(path.join(pluginDir, 'dist', 'go_plugin_build_manifest'), buildManifest(), { mode: 0o755 });

  // The harness runs on the build machine only, so it is built for the host platform alone.
  const harness = path.join('bin', `kansa-dsquery${HOST_TARGET.startsWith('windows/') ? '.exe' : ''}`);
  if (force || !upToDate(harness, inputs)) {
    goBuild(HOST_TARGET, harness, './cmd/kansa-dsquery', '-w -s');
  } else {
    console.log(`${harness} is up to date`);
  }
  // devstack/build.mjs takes the harness's time as the end of the data source build (frontend, then this).
  const now = new Date();
  fs.utimesSync(path.join(pluginDir, harness), now, now);
  // Builds before the harness moved to bin/ left it in dist/, where it would ship in the plugin archive.
  fs.rmSync(path.join(pluginDir, 'dist', 'kansa-dsquery'), { force: true });
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  main(process.argv.slice(2));
}
