// Builds everything a run needs, skipping parts whose output is newer than their sources.
import { pathToFileURL } from 'node:url';
import { ensureNodeModules, log, mtime, newestMtime, run } from './lib.mjs';

const PARTS = [
  {
    name: 'schema + bridge (tsc)',
    inputs: ['schema/src', 'schema/fields.yaml', 'backend-bridge/src', 'tsconfig.json'],
    output: 'backend-bridge/dist/cli.js',
    build: () => run('npx', ['tsc', '-b', 'schema', 'backend-bridge']),
  },
  {
    name: 'datasource plugin (webpack + go build)',
    inputs: [
      'datasource-plugin/src',
      'datasource-plugin/pkg',
      'datasource-plugin/cmd',
      'datasource-plugin/scripts',
      'datasource-plugin/.config',
      'datasource-plugin/package.json',
      'datasource-plugin/go.mod',
      'datasource-plugin/go.sum',
      'datasource-plugin/README.md',
      'datasource-plugin/CHANGELOG.md',
      'LICENSE',
    ],
    // The harness (bin/, outside the plugin's dist/) is built last, so its presence means the whole part is.
    output: 'datasource-plugin/bin/kansa-dsquery',
    build: () => run('npm', ['run', 'build', '-w', 'kansa-logs-datasource']),
  },
  {
    name: 'app plugin (webpack)',
    inputs: [
      'app-plugin/src',
      'app-plugin/.config',
      'app-plugin/package.json',
      'app-plugin/README.md',
      'app-plugin/CHANGELOG.md',
      'LICENSE',
    ],
    output: 'app-plugin/dist/module.js',
    build: () => run('npm', ['run', 'build', '-w', 'kansa-logs-app']),
  },
];

export function buildAll() {
  ensureNodeModules();
  for (const part of PARTS) {
    if (mtime(part.output) > newestMtime(part.inputs)) {
      log(`${part.name}: up to date`);
      continue;
    }
    log(`${part.name}: building`);
    const seconds = part.build();
    log(`${part.name}: built in ${seconds.toFixed(1)} s`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAll();
}
