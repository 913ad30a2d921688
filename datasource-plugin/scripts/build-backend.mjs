#!/usr/bin/env node
// Builds the backend binary Grafana starts (dist/<executable>_<os>_<arch>) with plain `go build`, so a
// clean clone needs only Go. It passes the flags the SDK's mage build passes: a static, stripped binary
// carrying the plugin's build info, which Grafana reads with `<binary> -buildinfo`.
// Usage: node scripts/build-backend.mjs [os/arch ...]   (default: linux/amd64)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const readJson = (file) => JSON.parse(fs.readFileSync(path.join(pluginDir, file), 'utf8'));

const pluginJson = readJson('src/plugin.json');
const { version } = readJson('package.json');
const buildInfo = JSON.stringify({ time: Date.now(), pluginID: pluginJson.id, version });
const ldflags = [
  '-w',
  '-s',
  '-extldflags "-static"',
  `-X 'github.com/grafana/grafana-plugin-sdk-go/build/buildinfo.buildInfoJSON=${buildInfo}'`,
].join(' ');

const targets = process.argv.slice(2);
for (const target of targets.length > 0 ? targets : ['linux/amd64']) {
  const [goos, goarch] = target.split('/');
  if (!goos || !goarch) {
    console.error(`expected os/arch such as linux/amd64, got ${JSON.stringify(target)}`);
    process.exit(2);
  }
  const exe = `${pluginJson.executable}_${goos}_${goarch}${goos === 'windows' ? '.exe' : ''}`;
  const started = Date.now();
  const result = spawnSync(
    'go',
    ['build', '-o', path.join('dist', exe), '-tags', 'arrow_json_stdlib', '-ldflags', ldflags, './pkg'],
    { cwd: pluginDir, stdio: 'inherit', env: { ...process.env, GOOS: goos, GOARCH: goarch, CGO_ENABLED: '0' } }
  );
  if (result.error) {
    console.error(`cannot run go: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`built dist/${exe} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
