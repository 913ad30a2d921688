// `npm test`: builds, starts a throwaway real OpenSearch, imports the demo month into it, runs jest and go test
// against it, prints one summary.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAll } from './build.mjs';
import { log, REPO, runStatus } from './lib.mjs';
import { startOpenSearch, stopOpenSearch } from './opensearch.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const started = Date.now();
const results = [];

async function main() {
  buildAll();
  // Before any test: jest's PDF report tests need the CJK font, the e2e needs Chromium (one apt-get, when missing).
  ensureSystemPackages();
  results.push(await step('typecheck', 'npx', ['tsc', '-b', 'schema', 'backend-bridge']));
  for (const ws of ['kansa-logs-datasource', 'kansa-logs-app']) {
    results.push(await step(`typecheck ${ws}`, 'npm', ['run', 'typecheck', '-w', ws]));
  }
  // Bridge imports point down the layers (backend-bridge/.dependency-cruiser.cjs, README "Architecture").
  results.push(await step('dependency rule', 'npm', ['run', 'deps', '-w', '@kansa/bridge']));
  // eslint, prettier --check and golangci-lint (devstack/lint.mjs).
  results.push(await step('lint', 'node', ['devstack/lint.mjs']));

  const launched = [];
  if (!process.env.OPENSEARCH_URL) {
    const port = Number(process.env.KANSA_TEST_OPENSEARCH_PORT || 9250);
    process.env.OPENSEARCH_URL = await throwawayNode(port, launched);
  }
  // The benign month covers the same dates as the demo month, so it lives in a second node of its own.
  if (!process.env.KANSA_TEST_BENIGN_URL) {
    const port = Number(process.env.KANSA_TEST_BENIGN_OPENSEARCH_PORT || 9252);
    process.env.KANSA_TEST_BENIGN_URL = await throwawayNode(port, launched);
    process.env.KANSA_TEST_BENIGN_DIR ||= join(REPO, '.kansa', 'test-benign-small');
  }
  try {
    // Content, risk and demo tests all read the same month; importing it once here keeps each of them fast.
    const demoDir = process.env.KANSA_TEST_DEMO_DIR || join(REPO, '.kansa', 'test-demo-month');
    results.push(await step('demo month import', 'node', ['backend-bridge/bin/kansa.js', 'demo', '--out', demoDir]));
    results.push(
      await step(
        'benign week import',
        'node',
        [
          'backend-bridge/bin/kansa.js',
          'demo',
          '--profile',
          'small',
          '--benign',
          '--out',
          process.env.KANSA_TEST_BENIGN_DIR,
        ],
        {
          env: { OPENSEARCH_URL: process.env.KANSA_TEST_BENIGN_URL },
        },
      ),
    );
    results.push(await jest());
    results.push(await goTest());
    // Both plugins in Chromium on the Grafana 13.1 and 13.2 stand-in hosts, against the demo month (e2e/README.md).
    results.push(
      await step('e2e (Grafana 13.1 + 13.2 hosts)', 'node', ['e2e/run.mjs', '--no-screenshots'], {
        env: { KANSA_E2E_DEMO_DIR: demoDir },
      }),
    );
  } finally {
    for (const node of launched) {
      await stopOpenSearch(node);
      rmSync(node.dataDir, { recursive: true, force: true });
    }
  }
  // After the test nodes are gone: scale-out runs a 3-node cluster and two bridges of its own (about 2-3 min),
  // risk-crash a node of its own on 9275 (about 1 min). serve-jest already ran in jest (devstack/faults/README.md).
  results.push(
    await step('fault suite: scale-out, risk-crash', 'node', ['devstack/faults/run.mjs', 'scale-out', 'risk-crash']),
  );
}

async function throwawayNode(port, launched) {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansa-test-opensearch-'));
  const node = await startOpenSearch({ port, dataDir, quiet: true });
  launched.push({ port, dataDir });
  log(`OpenSearch for tests at ${node.url} (started in ${node.startSeconds?.toFixed?.(1) ?? '?'} s)`);
  return node.url;
}

async function step(name, cmd, args, options = {}) {
  const code = await runStatus(cmd, args, options);
  return { name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
}

async function jest() {
  const out = join(tmpdir(), `kansa-jest-${process.pid}.json`);
  const code = await runStatus('npx', ['jest', '--ci', '--json', `--outputFile=${out}`]);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    rmSync(out, { force: true });
    const failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
    return { name: 'jest', passed: report.numPassedTests, failed: failed === 0 && code !== 0 ? 1 : failed };
  } catch {
    return { name: 'jest', passed: 0, failed: 1 };
  }
}

async function goTest() {
  const cwd = join(REPO, 'datasource-plugin');
  const out = join(tmpdir(), `kansa-go-${process.pid}.log`);
  const code = await runStatus('bash', ['-o', 'pipefail', '-c', `go test -count=1 -v ./... 2>&1 | tee ${out}`], {
    cwd,
  });
  const text = readFileSync(out, 'utf8');
  rmSync(out, { force: true });
  const passed = (text.match(/^\s*--- PASS: /gm) ?? []).length;
  const failed = (text.match(/^\s*--- FAIL: /gm) ?? []).length;
  return { name: 'go test', passed, failed: failed === 0 && code !== 0 ? 1 : failed };
}

main()
  .catch((err) => {
    log(err.stack ?? String(err));
    results.push({ name: 'setup', passed: 0, failed: 1 });
  })
  .finally(() => {
    for (const r of results) log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
    const passed = results.reduce((n, r) => n + r.passed, 0);
    const failed = results.reduce((n, r) => n + r.failed, 0);
    log(`total time ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.stdout.write(`${passed} passed, ${failed} failed\n`);
    process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
  });
