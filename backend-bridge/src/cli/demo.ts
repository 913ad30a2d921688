import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { generate, PROFILES } from '../demo/generate';
import { runDemoMonth } from '../evaluation/demo-run';
import { DemoUsageError } from './usage';

const DEMO_RUN_USAGE = `usage: kansa demo [--out DIR] [--profile default|small] [--seed N] [--benign] [--force]
  Generates the demo company's month into DIR (default .kansa/demo-<profile>-seed<N>) if it is not there yet,
  imports it into OpenSearch with the directory and asset list, and prints per-source counts, the
  scenarios with how many events their queries find, and how to open Grafana. Running it again
  generates nothing and, while OpenSearch still holds the month, imports nothing (--force: import again,
  still without duplicates).`;

export const DEMO_USAGE = `${DEMO_RUN_USAGE}
usage: kansa demo generate --out DIR [--seed N] [--days 30] [--users 200] [--start 2026-10-01] [--benign] [--profile default|small]
  Writes a month of raw logs for a demo company (native formats, as the real systems write them),
  plus users.csv, assets.csv and scenarios.json (every monitoring point, with the query that finds it).
  --benign   the same month with no scenario, at the same background noise
  --profile  small = 7 days and 50 users, still with every scenario (for CI)`;

export async function demoCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub.startsWith('--')) return demoRun(argv, io);
  if (sub !== 'generate') throw new DemoUsageError(`kansa demo: expected "generate" or options, got "${sub}"`);
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      days: { type: 'string' },
      users: { type: 'string' },
      start: { type: 'string', default: '2026-10-01' },
      benign: { type: 'boolean', default: false },
      profile: { type: 'string', default: 'default' },
    },
  });
  if (!values.out) throw new DemoUsageError('kansa demo generate: --out DIR is required');
  const profile = PROFILES[values.profile!];
  if (!profile)
    throw new DemoUsageError(
      `kansa demo generate: --profile expected ${Object.keys(PROFILES).join(' or ')}, got "${values.profile}"`,
    );
  const int = (name: string, v: string | undefined, dflt: number, min: number, max: number): number => {
    if (v === undefined) return dflt;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new DemoUsageError(`kansa demo generate: --${name} expected an integer from ${min} to ${max}, got "${v}"`);
    return n;
  };
  const days = int('days', values.days, profile.days, 2, 366);
  const users = int('users', values.users, profile.users, 20, 5000);
  const seed = int('seed', values.seed, 1, 0, 2 ** 32 - 1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start!) || Number.isNaN(Date.parse(values.start!))) {
    throw new DemoUsageError(`kansa demo generate: --start expected a date as YYYY-MM-DD, got "${values.start}"`);
  }
  const last = new Date(Date.parse(`${values.start}T00:00:00Z`) + (days - 1) * 86_400_000).toISOString().slice(0, 4);
  if (last !== values.start!.slice(0, 4)) {
    io.stderr.write(
      `kansa demo generate: warning: the period crosses into ${last}; syslog lines carry no year, so translate each year's lines with its own --year\n`,
    );
  }
  const started = process.hrtime.bigint();
  const result = generate({ out: values.out, seed, days, users, start: values.start!, benign: values.benign! });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let lines = 0;
  let bytes = 0;
  for (const f of result.files) {
    lines += f.lines;
    bytes += f.bytes;
    io.stdout.write(
      `${f.name.padEnd(40)} ${String(f.lines).padStart(10)} records ${(f.bytes / 1048576).toFixed(1).padStart(8)} MiB\n`,
    );
  }
  io.stdout.write(
    `${result.users} users, ${result.days} days from ${values.start}${values.benign ? ' (benign)' : ''}: ${lines} records, ${(bytes / 1048576).toFixed(1)} MiB in ${seconds.toFixed(1)} s\n`,
  );
  io.stdout.write(
    `scenarios (${result.scenarios.length}): ${result.scenarios.map((s) => s.id).join(', ') || 'none'}\n`,
  );
  return 0;
}

async function demoRun(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
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
  if (!profile)
    throw new DemoUsageError(
      `kansa demo: --profile expected ${Object.keys(PROFILES).join(' or ')}, got "${values.profile}"`,
    );
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new DemoUsageError(`kansa demo: --seed expected a non-negative integer, got "${values.seed}"`);
  const out = values.out ?? join('.kansa', `demo-${values.profile}${values.benign ? '-benign' : ''}-seed${seed}`);
  return runDemoMonth({ out, seed, ...profile, benign: values.benign!, force: values.force! }, io);
}
