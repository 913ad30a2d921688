import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { INDEX_ALIAS } from '@kansa/schema';
import { generate, type Scenario } from '../demo/generate';
import { readDirectoryFiles } from '../directory/files';
import { loadDirectory } from '../directory/store';
import { importFiles } from '../import/files';
import { createClient, openSearchUrl } from '../opensearch/client';
import { importTimesheet } from '../timesheet/import';
import { loadEnricher, translateContext } from '../translate/context';
import { demoLogFiles } from './month';
import { scoreDemoMonth } from './score-demo';

interface ScenarioFile {
  year: number;
  timeZone: string;
  scenarios: Scenario[];
}

export interface DemoMonthOptions {
  out: string;
  seed: number;
  days: number;
  users: number;
  benign: boolean;
  /** Import again even when OpenSearch still holds the month (still without duplicates). */
  force: boolean;
}

/**
 * `kansa demo`: generates the month into `out` if it is not there yet, imports it with the directory, asset
 * list and timesheet, loads the directory into the kansa-directory index, scores the risk of its users, and prints
 * per-source counts and what each scenario's queries find. Returns the exit code.
 */
export async function runDemoMonth(
  options: DemoMonthOptions,
  io: { stdout: Writable; stderr: Writable },
): Promise<number> {
  const { out, seed, days, users, benign, force } = options;
  const scenarioPath = join(out, 'scenarios.json');
  if (existsSync(scenarioPath)) {
    io.stderr.write(`kansa demo: using the month already in ${out}\n`);
  } else {
    io.stderr.write(`kansa demo: generating ${days} days for ${users} users into ${out}\n`);
    generate({ out, seed, days, users, start: '2026-10-01', benign });
  }
  const meta = JSON.parse(readFileSync(scenarioPath, 'utf8')) as ScenarioFile;
  const stampPath = join(out, '.imported.json');
  const already = existsSync(stampPath) && !force ? await stillImported(stampPath, out) : false;
  if (already) {
    io.stderr.write(
      `kansa demo: already imported into this OpenSearch (${already} events); ` +
        '--force imports again (still without duplicates)\n',
    );
  } else {
    const code = await importFiles(
      {
        patterns: demoLogFiles(out),
        format: 'auto',
        ctx: translateContext('kansa import', { year: String(meta.year), tz: meta.timeZone }, new Date()),
        enrich: loadEnricher(join(out, 'users.csv'), join(out, 'assets.csv')),
        concurrency: 3,
      },
      io,
    );
    if (code !== 0) return code;
    // The self-reported timesheet goes to its own index, for the 乖離 view (a month written before it had none).
    if (
      existsSync(join(out, 'timesheet.csv')) &&
      (await importTimesheet(join(out, 'timesheet.csv'), { timezone: meta.timeZone }, io)) !== 0
    )
      return 1;
    writeFileSync(stampPath, JSON.stringify({ events: await countFrom(out) }));
  }
  await loadDemoDirectory(out, io.stderr);
  if ((await scoreDemoMonth(out, io)) !== 0) return 1;
  await report(meta, io.stdout);
  return 0;
}

/**
 * The demo company's people and assets into the kansa-directory index, on every run (a few hundred documents, and
 * whoever loaded another directory since gets the demo's back): the data source's query-time flags (watchlist,
 * privileged, leaver, department) and the person page read it.
 */
async function loadDemoDirectory(out: string, stderr: Writable): Promise<void> {
  const { users, assets } = readDirectoryFiles({ users: join(out, 'users.csv'), assets: join(out, 'assets.csv') });
  const client = createClient(openSearchUrl());
  try {
    const load = await loadDirectory(client, users, assets);
    stderr.write(`kansa demo: directory: ${load.users} users and ${load.assets} assets in ${load.index}\n`);
  } finally {
    await client.close();
  }
}

/** The stamp counts this month's documents; if OpenSearch still holds them all, there is nothing to do. */
async function stillImported(stampPath: string, out: string): Promise<number | false> {
  const { events } = JSON.parse(readFileSync(stampPath, 'utf8')) as { events: number };
  try {
    return events > 0 && (await countFrom(out)) >= events ? events : false;
  } catch {
    return false;
  }
}

/** Documents read from files under the demo folder (log.file.path keeps the path as given). */
async function countFrom(out: string): Promise<number> {
  const client = createClient(openSearchUrl());
  try {
    await client.transport.request({ method: 'POST', path: `/${INDEX_ALIAS}/_refresh` });
    const res = (
      await client.transport.request({
        method: 'POST',
        path: `/${INDEX_ALIAS}/_count`,
        body: { query: { prefix: { 'log.file.path': join(out, '/') } } },
      })
    ).body as { count: number };
    return res.count;
  } finally {
    await client.close();
  }
}

async function report(meta: ScenarioFile, out: Writable): Promise<void> {
  const client = createClient(openSearchUrl());
  try {
    const agg = (
      await client.transport.request({
        method: 'POST',
        path: `/${INDEX_ALIAS}/_search`,
        body: { size: 0, aggs: { sources: { terms: { field: 'kansa.source_type', size: 100 } } } },
      })
    ).body as {
      hits: { total: { value: number } };
      aggregations: { sources: { buckets: Array<{ key: string; doc_count: number }> } };
    };
    out.write('\nevents per source type:\n');
    for (const b of agg.aggregations.sources.buckets) out.write(`  ${String(b.doc_count).padStart(9)}  ${b.key}\n`);
    out.write(`\nscenarios (${meta.scenarios.length}):\n`);
    for (const s of meta.scenarios) {
      const counts = await Promise.all(s.detections.map((d) => countOf(client, d.query)));
      const found = s.detections.every((d, i) => counts[i] >= d.minCount);
      const who = `${s.whoDisplayName ?? s.who}${s.whoDepartment ? ` (${s.whoDepartment})` : ''}`;
      out.write(`  ${found ? '✔' : '✘'} ${s.start.slice(0, 16)}  ${s.id}: ${s.title} — ${who}\n`);
      s.detections.forEach((d, i) => out.write(`      ${counts[i]} × ${d.query}\n`));
    }
    out.write(`\nGrafana: run \`docker compose up\` and open http://localhost:3000 (see README, "Grafana");\n`);
    out.write(`the Kansa datasource is provisioned against this OpenSearch.\n`);
  } finally {
    await client.close();
  }
}

export async function countOf(client: ReturnType<typeof createClient>, query: string): Promise<number> {
  const res = (
    await client.transport.request({
      method: 'POST',
      path: `/${INDEX_ALIAS}/_count`,
      body: { query: { query_string: { query, default_operator: 'AND' } } },
    })
  ).body as { count: number };
  return res.count;
}
