// `npm run e2e`: both plugins loaded the way Grafana 13.1 (React 18) and 13.2 (React 19) load them, in a real
// Chromium, against the plugin's real backend (go-plugin gRPC) and the OpenSearch at OPENSEARCH_URL holding the
// demo month. Every scenario runs on both hosts and fails on any console error, React warning, page error or
// API call the host server cannot answer. Screenshots of the 13.2 run go to docs/screenshots/.
// Usage: node e2e/run.mjs [--host 13.1|13.2] [--only NAME] [--no-screenshots]
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const E2E = import.meta.dirname;
const REPO = join(E2E, '..');

const { values: opts } = parseArgs({
  options: { host: { type: 'string' }, only: { type: 'string' }, 'no-screenshots': { type: 'boolean' } },
});

if (!existsSync(join(E2E, 'node_modules', 'playwright-core'))) {
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: E2E, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const { ensureSystemPackages } = await import('../devstack/system-packages.mjs');
const { launch } = await import('./browser.mjs');
const { HOSTS, buildHost } = await import('./build-host.mjs');
const { startBackend } = await import('./server/backend.mjs');
const { startServer } = await import('./server/server.mjs');
const { SCENARIOS } = await import('./scenarios/index.mjs');

/** The demo month the scenarios look at: its window, read from the import's scenarios.json. */
function demoMonth() {
  const dir =
    process.env.KANSA_E2E_DEMO_DIR || process.env.KANSA_TEST_DEMO_DIR || join(REPO, '.kansa', 'test-demo-month');
  const file = join(dir, 'scenarios.json');
  if (!existsSync(file))
    throw new Error(`no demo month at ${dir}: import one (kansa demo --out DIR) and set KANSA_E2E_DEMO_DIR`);
  const meta = JSON.parse(readFileSync(file, 'utf8'));
  const start = Date.parse(`${meta.start}T00:00:00+09:00`);
  const someone = readFileSync(join(dir, 'users.csv'), 'utf8').split('\n')[1].split(',')[0];
  return { ...meta, from: start, to: start + meta.days * 86400e3, month: meta.start.slice(0, 7), someone };
}

async function main() {
  const opensearchUrl = process.env.OPENSEARCH_URL;
  if (!opensearchUrl) throw new Error('OPENSEARCH_URL must point at the node holding the demo month');
  const demo = demoMonth();
  ensureSystemPackages();
  // KANSA_E2E_*_DIST point a host at another build, e.g. one made with an external left out, to see it fail.
  const plugins = {
    'kansa-logs-datasource': process.env.KANSA_E2E_DATASOURCE_DIST || join(REPO, 'datasource-plugin', 'dist'),
    'kansa-logs-app': process.env.KANSA_E2E_APP_DIST || join(REPO, 'app-plugin', 'dist'),
  };
  for (const [id, dir] of Object.entries(plugins)) {
    if (!existsSync(join(dir, 'module.js'))) throw new Error(`${id} is not built (${dir}/module.js): npm run build`);
  }
  const shots = opts['no-screenshots'] ? undefined : join(REPO, 'docs', 'screenshots');
  if (shots) mkdirSync(shots, { recursive: true });

  const results = [];
  const hosts = HOSTS.filter((h) => !opts.host || h.line === opts.host);
  const scenarios = SCENARIOS.filter((s) => !opts.only || s.name.includes(opts.only));
  for (const host of hosts) {
    const hostDir = await buildHost(host);
    const backend = await startBackend(join(REPO, 'datasource-plugin'));
    const modules = join(E2E, 'hosts', `grafana-${host.line}`, 'node_modules');
    const iconsDir = join(modules, '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
    const fontsDir = join(modules, '@fontsource');
    const server = await startServer({
      hostDir,
      iconsDir,
      fontsDir,
      plugins,
      backend,
      opensearchUrl,
      version: `${host.line}.0`,
    });
    const browser = await launch();
    try {
      // A scenario that fails is run once more on a fresh page and, if it then passes, reported as FLAKY (counted
      // in the summary line), so a race in the stand-in host does not hide behind a green run nor fail CI alone.
      for (const s of scenarios)
        for (let attempt = 1; attempt <= 2; attempt++) {
          const started = Date.now();
          const problems = [];
          const page = await browser.context.newPage();
          // The browser's today is the day after the demo month, wherever the run happens: pages that count back
          // from now (risk ranking) or start at this month (attendance) then look at the demo data.
          await page.clock.install({ time: new Date(demo.to + 86400e3) });
          await page.clock.resume();
          page.on('console', (m) => {
            // The browser logs every 4xx/5xx response; the host server's own log says which were not answered
            // (those fail below), while an answered 404 is the API's way to say "none" (the installer asks so).
            if (/^Failed to load resource: the server responded/.test(m.text())) return;
            if (m.type() === 'error' || (m.type() === 'warning' && /React|Warning:/.test(m.text())))
              problems.push(`console.${m.type()}: ${m.text()}`);
          });
          page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e}`));
          const unansweredBefore = server.unanswered.length;
          let error;
          try {
            const ctx = {
              server,
              demo,
              host,
              async open(path, { lang = 'ja-JP', params = {} } = {}) {
                const q = new URLSearchParams({ lang, from: String(demo.from), to: String(demo.to), ...params });
                await page.goto(`${server.url}${path}?${q}`);
                await page.waitForFunction(() => window.__kansaHost?.ready || window.__kansaHost?.error, undefined, {
                  timeout: 30000,
                });
                const bootError = await page.evaluate(() => window.__kansaHost.error);
                assert.equal(bootError, undefined, `host boot: ${bootError}`);
                const react = await page.evaluate(() => window.__kansaHost.react);
                assert.equal(
                  Number(react.split('.')[0]),
                  host.react,
                  `the grafana-${host.line} host runs React ${react}`,
                );
              },
              /** Saves to docs/screenshots/, or to `dir` (relative to the repository) for a component's docs. */
              async screenshot(name, dir) {
                if (!shots || host.line !== '13.2') return;
                const into = dir ? join(REPO, dir) : shots;
                mkdirSync(into, { recursive: true });
                // The whole page, cut at 2000 px: long reports would make files of many megabytes.
                const height = Math.min(2000, await page.evaluate(() => document.documentElement.scrollHeight));
                await page.screenshot({
                  path: join(into, `${name}.png`),
                  fullPage: true,
                  clip: { x: 0, y: 0, width: 1400, height },
                });
              },
            };
            await s.run(page, ctx);
            // Let late effects (lazy chunks, requests, React's warnings) land before judging the page.
            await page.waitForLoadState('networkidle');
          } catch (e) {
            error = e;
            await page
              .screenshot({
                path: join(tmpdir(), `kansa-e2e-failed-${host.line}-${s.name.replace(/\W+/g, '-')}.png`),
                fullPage: true,
              })
              .catch(() => {});
          }
          problems.push(
            ...server.unanswered
              .slice(unansweredBefore)
              .map((u) => `unanswered ${u.method} ${u.path} (${u.status}${u.error ? `: ${u.error}` : ''})`),
          );
          await page.close();
          const ok = !error && problems.length === 0;
          const verdict = ok ? (attempt > 1 ? 'FLAKY' : 'PASS') : attempt === 1 ? 'RETRY' : 'FAIL';
          console.log(
            `[e2e] ${verdict} grafana-${host.line} ${s.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
          );
          if (error)
            console.log(
              `  ${String(error.stack ?? error)
                .split('\n')
                .slice(0, 16)
                .join('\n  ')
                .slice(0, 4000)}`,
            );
          for (const p of problems.slice(0, 10))
            console.log(`  ${p.split('\n').slice(0, 4).join('\n  ').slice(0, 2000)}`);
          if (ok || attempt === 2) {
            results.push({
              host: host.line,
              name: s.name,
              ok,
              flaky: ok && attempt > 1,
              seconds: (Date.now() - started) / 1000,
            });
            break;
          }
        }
    } finally {
      await browser.close();
      await server.close();
      backend.stop();
    }
  }
  const failed = results.filter((r) => !r.ok);
  const flaky = results.filter((r) => r.flaky).map((r) => `grafana-${r.host} ${r.name}`);
  if (flaky.length > 0) console.log(`[e2e] flaky (passed on the second try): ${flaky.join('; ')}`);
  console.log(`[e2e] ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length > 0 || results.length === 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(`[e2e] ${e.stack ?? e}`);
  process.exitCode = 1;
});
