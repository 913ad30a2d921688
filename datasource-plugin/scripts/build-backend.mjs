#!/usr/bin/env node
// Builds the backend binary Grafana starts (dist/<executable>_<os>_<arch>) and the kansa-dsquery harness next
// to it, with plain `go build`, so a clean clone needs only Go. The plugin gets the flags the SDK's mage build
// passes: a static, stripped binary carrying the plugin's build info, which Grafana reads with
// `<binary> -buildinfo`. A binary newer than every Go source, go.mod, go.sum, plugin.json and package.json is
// up to date and not rebuilt (--force rebuilds anyway).
// Usage: node scripts/build-backend.mjs [--force] [os/arch ...]   (default: linux/amd64)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(pluginDir, file), 'utf8'));

const pluginJson = readJson('src/plugin.json');
const { version } = readJson('package.json');

const args = process.argv.slice(2);
const force = args.includes('--force');
const targets = args.filter((a) => a !== '--force');

/** Newest modification time of the inputs of the Go build. */
function newestInput() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'testdata') visit(p);
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

function goBuild(goos, goarch, out, pkg, ldflags) {
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
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`built ${out} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

const inputs = newestInput();
for (const target of targets.length > 0 ? targets : ['linux/amd64']) {
  const [goos, goarch] = target.split('/');
  if (!goos || !goarch) {
    console.error(`expected os/arch such as linux/amd64, got ${JSON.stringify(target)}`);
    process.exit(2);
  }
  const ext = goos === 'windows' ? '.exe' : '';
  const exe = path.join('dist', `${pluginJson.executable}_${goos}_${goarch}${ext}`);
  if (force || !upToDate(exe, inputs)) {
    const buildInfo = JSON.stringify({ time: Date.now(), pluginID: pluginJson.id, version });
    const ldflags = [
      '-w',
      '-s',
      '-extldflags "-static"',
      `-X 'github.com/grafana/grafana-plugin-sdk-go/build/buildinfo.buildInfoJSON=${buildInfo}'`,
    ].join(' ');
    goBuild(goos, goarch, exe, './pkg', ldflags);
  } else {
    console.log(`${exe} is up to date`);
  }
  // The harness runs on the build machine only, so it is built for the host platform alone.
  if (goos === process.platform && goarch === (process.arch === 'x64' ? 'amd64' : process.arch)) {
    const harness = path.join('dist', `kansa-dsquery${ext}`);
    if (force || !upToDate(harness, inputs)) goBuild(goos, goarch, harness, './cmd/kansa-dsquery', '-w -s');
    else console.log(`${harness} is up to date`);
  }
}
