// `npm run faults [-- case ...]`: runs every fault case in devstack/faults/cases/ (or the named ones) and prints,
// per case and input, sent / acknowledged / stored / lost / duplicated, ending with `N passed, N failed`.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, REPO, runStatus } from '../lib.mjs';
import { startOpenSearch, stopOpenSearch } from '../opensearch.mjs';
import { formatRow, rowPassed } from './ledger.mjs';

const CASES = join(REPO, 'devstack', 'faults', 'cases');

export async function runFaults(names = []) {
  const started = Date.now();
  const all = [];
  for (const file of readdirSync(CASES)
    .filter((f) => f.endsWith('.mjs'))
    .sort()) {
    all.push((await import(pathToFileURL(join(CASES, file)).href)).default);
  }
  const unknown = names.filter((n) => !all.some((c) => c.name === n));
  if (unknown.length > 0)
    throw new Error(`no fault case ${unknown.join(', ')}; there are ${all.map((c) => c.name).join(', ')}`);
  const cases = names.length > 0 ? all.filter((c) => names.includes(c.name)) : all;

  // Cases run the bridge from dist/; this is a no-op when it is up to date. Type errors still emit, and a
  // missing build is reported by the case that needs it.
  if ((await runStatus('npx', ['tsc', '-b', 'schema', 'backend-bridge'])) !== 0)
    log('warning: tsc -b schema backend-bridge failed; running the bridge as built');
  const ctx = context();
  const rows = [];
  try {
    for (const c of cases) {
      log(`fault case ${c.name}: ${c.description}`);
      const began = Date.now();
      let result;
      try {
        result = await c.run(ctx);
      } catch (err) {
        result = { rows: [{ case: c.name, input: 'run', note: `threw: ${err.stack ?? err}`, passed: false }] };
      }
      for (const row of result.rows) {
        row.passed ??= rowPassed(row);
        rows.push(row);
        process.stdout.write(`${formatRow(row)}\n`);
      }
      // A note starting with FAIL is a check of the case's own that failed (e.g. a bad exit code).
      for (const note of result.notes ?? []) {
        const failed = note.startsWith('FAIL');
        if (failed) rows.push({ case: c.name, input: 'check', passed: false });
        process.stdout.write(`      ${c.name}: ${note}\n`);
      }
      log(`fault case ${c.name}: ${((Date.now() - began) / 1000).toFixed(0)} s`);
    }
  } finally {
    await ctx.close();
  }
  const passed = rows.filter((r) => r.passed).length;
  const failed = rows.length - passed;
  log(`fault suite: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return { passed, failed };
}

/** What a case gets: a temp dir, a logger, unique markers and (on first use) a single OpenSearch node. */
function context() {
  const tmpDir = process.env.KANSA_FAULTS_DIR || tmpdir();
  let single;
  return {
    tmpDir,
    log,
    marker: (prefix) =>
      `${prefix}${process.pid}x${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toLowerCase(),
    /** OPENSEARCH_URL when set, else a throwaway node on KANSA_FAULTS_PORT (9274). */
    async singleNode() {
      if (process.env.OPENSEARCH_URL) return process.env.OPENSEARCH_URL;
      if (!single) {
        const port = Number(process.env.KANSA_FAULTS_PORT || 9274);
        single = { port, dataDir: mkdtempSync(join(tmpDir, 'kansa-faults-os-')), quiet: true };
        single.url = (await startOpenSearch(single)).url;
      }
      return single.url;
    },
    async close() {
      if (!single) return;
      await stopOpenSearch(single);
      rmSync(single.dataDir, { recursive: true, force: true });
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Exiting runs the bridges' exit hook; OpenSearch nodes of an interrupted case stay up (see README).
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => process.exit(130));
  runFaults(process.argv.slice(2)).then(
    ({ passed, failed }) => {
      process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
    },
    (err) => {
      log(err.stack ?? String(err));
      process.stdout.write('0 passed, 1 failed\n');
      process.exitCode = 1;
    },
  );
}
