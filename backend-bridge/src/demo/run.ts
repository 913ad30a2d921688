import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { INDEX_ALIAS } from '@kansa/schema';
import { importCommand } from '../cli/import';
import { createClient, openSearchUrl } from '../opensearch/client';
import { DemoUsageError } from '../cli/usage';
import { scoreDemoMonth } from '../risk/demo';
import { generate, PROFILES, type Scenario } from './generate';
import { timesheetCommand } from '../cli/timesheet';

export const DEMO_RUN_USAGE = `usage: kansa demo [--out DIR] [--profile default|small] [--seed N] [--benign] [--force]
  Generates the demo company's month into DIR (default .kansa/demo-<profile>-seed<N>) if it is not there yet,
  imports it into OpenSearch with the directory and asset list, and prints per-source counts, the
  scenarios with how many events their queries find, and how to open Grafana. Running it again
  generates nothing and, while OpenSearch still holds the month, imports nothing (--force: import again,
  still without duplicates).`;

const NOT_LOGS = new Set(['users.csv', 'assets.csv', 'holidays.txt', 'scenarios.json', 'timesheet.csv', '.imported.json']);

interface ScenarioFile {
  year: number;
  timeZone: string;
  scenarios: Scenario[];
}

export async function demoRun(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: 'string' },
      profile: { type: 'string', default: 'default' },
      seed: { type: 'string', default: '1' },
      benign: { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
    },
  });
  const profile = PROFILES[values.profile!];
  if (!profile) throw new DemoUsageError(`kansa demo: --profile expected ${Object.keys(PROFILES).join(' or ')}, got "${values.profile}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new DemoUsageError(`kansa demo: --seed expected a non-negative integer, got "${values.seed}"`);
  const out = values.out ?? join('.kansa', `demo-${values.profile}${values.benign ? '-benign' : ''}-seed${seed}`);
  const scenarioPath = join(out, 'scenarios.json');
  if (existsSync(scenarioPath)) {
    io.stderr.write(`kansa demo: using the month already in ${out}\n`);
  } else {
    io.stderr.write(`kansa demo: generating ${profile.days} days for ${profile.users} users into ${out}\n`);
    generate({ out, seed, days: profile.days, users: profile.users, start: '2026-10-01', benign: values.benign! });
  }
  const meta = JSON.parse(readFileSync(scenarioPath, 'utf8')) as ScenarioFile;
  const stampPath = join(out, '.imported.json');
  const already = existsSync(stampPath) && !values.force ? await stillImported(stampPath, out) : false;
  if (already) {
    io.stderr.write(`kansa demo: already imported into this OpenSearch (${already} events); --force imports again (still without duplicates)\n`);
  } else {
    const logs = listLogs(out);
    const code = await importCommand(
      ['--year', String(meta.year), '--tz', meta.timeZone, '--directory', join(out, 'users.csv'), '--assets', join(out, 'assets.csv'), ...logs],
      io,
    );
    if (code !== 0) return code;
    // The self-reported timesheet goes to its own index, for the 乖離 view (a month written before it existed has none).
    if (existsSync(join(out, 'timesheet.csv')) && (await timesheetCommand(['import', join(out, 'timesheet.csv'), '--timezone', meta.timeZone], io)) !== 0) return 1;
    writeFileSync(stampPath, JSON.stringify({ events: await countFrom(out) }));
  }
  if ((await scoreDemoMonth(out, io)) !== 0) return 1;
  await report(meta, io.stdout);
  return 0;
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
    const res = (await client.transport.request({
      method: 'POST',
      path: `/${INDEX_ALIAS}/_count`,
      body: { query: { prefix: { 'log.file.path': join(out, '/') } } },
    })).body as { count: number };
    return res.count;
  } finally {
    await client.close();
  }
}

function listLogs(dir: string): string[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (!(d === dir && NOT_LOGS.has(name))) files.push(p);
    }
  };
  walk(dir);
  return files;
}

async function report(meta: ScenarioFile, out: Writable): Promise<void> {
  const client = createClient(openSearchUrl());
  try {
    const agg = (await client.transport.request({
      method: 'POST',
      path: `/${INDEX_ALIAS}/_search`,
      body: { size: 0, aggs: { sources: { terms: { field: 'kansa.source_type', size: 100 } } } },
    })).body as { hits: { total: { value: number } }; aggregations: { sources: { buckets: Array<{ key: string; doc_count: number }> } } };
    out.write('\nevents per source type:\n');
    for (const b of agg.aggregations.sources.buckets) out.write(`  ${String(b.doc_count).padStart(9)}  ${b.key}\n`);
    out.write(`\nscenarios (${meta.scenarios.length}):\n`);
    for (const s of meta.scenarios) {
      const counts = await Promise.all(s.detections.map((d) => countOf(client, d.query)));
      const found = s.detections.every((d, i) => counts[i] >= d.minCount);
      out.write(`  ${found ? '✔' : '✘'} ${s.start.slice(0, 16)}  ${s.id}: ${s.title} — ${s.whoDisplayName ?? s.who}${s.whoDepartment ? ` (${s.whoDepartment})` : ''}\n`);
      s.detections.forEach((d, i) => out.write(`      ${counts[i]} × ${d.query}\n`));
    }
    out.write(`\nGrafana: run \`docker compose up\` and open http://localhost:3000 (see README, "Grafana");\n`);
    out.write(`the Kansa datasource is provisioned against this OpenSearch.\n`);
  } finally {
    await client.close();
  }
}

export async function countOf(client: ReturnType<typeof createClient>, query: string): Promise<number> {
  const res = (await client.transport.request({
    method: 'POST',
    path: `/${INDEX_ALIAS}/_count`,
    body: { query: { query_string: { query, default_operator: 'AND' } } },
  })).body as { count: number };
  return res.count;
}

