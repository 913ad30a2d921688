#!/usr/bin/env node
// Two builds of Kansa against each other in one run, alternating: e.g. a commit before a change and one after,
// each in its own tree so that rebuilds of the working tree cannot change either side mid-run.
// usage: node bench/ab.mjs --base DIR --new DIR [--tiers sink,e2e] [--runs 3]
//   DIR: a tree with backend-bridge/dist built (git archive <commit> schema backend-bridge bench devstack
//   tsconfig.json package.json | tar -x -C DIR; ln -s $PWD/node_modules DIR/; cd DIR && npx tsc -b schema backend-bridge).
//   sink: bench/kansa-sink.mjs of each tree on the bench's sshd and NXLog inputs (generate them first with
//   `npm run bench -- --quick --tiers translate`), pinned to KANSA_BENCH_CPU. e2e: `kansa import` of each tree and the
//   raw `_bulk` ceiling into the node at KANSA_BENCH_OPENSEARCH_PORT (must be running), 50,000 sshd lines.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { e2eSubset } from './lib/e2e.mjs';
import { measured, spread } from './lib/measure.mjs';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    new: { type: 'string' },
    tiers: { type: 'string', default: 'sink,e2e' },
    runs: { type: 'string', default: '3' },
  },
});
if (!values.base || !values.new) {
  process.stderr.write('usage: node bench/ab.mjs --base DIR --new DIR [--tiers sink,e2e] [--runs 3]\n');
  process.exit(2);
}
const trees = { base: resolve(values.base), new: resolve(values.new) };
const runs = Number(values.runs);
const tiers = new Set(values.tiers.split(','));
const IN = resolve(import.meta.dirname, 'out');
const OUT = join(IN, 'ab');
mkdirSync(OUT, { recursive: true });
const loads = [];
const load = () => loads.push(Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]));
const args = (format) => ['--format', format, '--year', '2026', '--tz', 'UTC'];

if (tiers.has('sink')) {
  const inputs = { sshd: ['syslog', join(IN, 'sshd.log')], nxlog: ['nxlog-json', join(IN, 'nxlog.log')] };
  process.stdout.write(
    '| input | tree | CPU s median (min–max) | events per CPU s | peak RSS MiB median (max) | new ÷ base per CPU s (per-round median) |\n|---|---|---|---|---|---|\n',
  );
  for (const [kind, [format, path]] of Object.entries(inputs)) {
    const n = readFileSync(path)
      .toString('latin1')
      .split('\n')
      .filter((l) => l !== '').length;
    const res = { base: [], new: [] };
    for (let r = 1; r <= runs; r++) {
      for (const t of r % 2 ? ['base', 'new'] : ['new', 'base']) {
        res[t].push(
          await measured({
            cmd: process.execPath,
            args: [join(trees[t], 'bench', 'kansa-sink.mjs'), ...args(format), path, join(OUT, `sink-${t}.ndjson`)],
            statsPath: join(OUT, 'time'),
          }),
        );
        load();
      }
    }
    for (const t of ['base', 'new']) {
      const c = spread(res[t].map((m) => m.cpu));
      const rss = spread(res[t].map((m) => m.rssMiB));
      const ratio = t === 'new' ? `${spread(res.new.map((m, i) => res.base[i].cpu / m.cpu)).median.toFixed(2)}×` : '';
      process.stdout.write(
        `| ${kind} (${n}) | ${t} | ${c.median.toFixed(2)} (${c.min.toFixed(2)}–${c.max.toFixed(2)}) | ${Math.round(n / c.median)} | ${rss.median.toFixed(0)} (${rss.max.toFixed(0)}) | ${ratio} |\n`,
      );
    }
  }
}

if (tiers.has('e2e')) {
  const url = `http://127.0.0.1:${process.env.KANSA_BENCH_OPENSEARCH_PORT ?? 9310}`;
  const { n, subset } = e2eSubset({ out: IN, input: { path: join(IN, 'sshd.log') }, quick: false });
  const bulkFile = join(OUT, 'e2e.bulk.ndjson');
  execFileSync(process.execPath, [join(trees.new, 'bench', 'kansa-sink.mjs'), ...args('syslog'), subset, bulkFile], {
    stdio: 'inherit',
  });
  const os = async (method, path) => (await fetch(url + path, { method })).json().catch(() => ({}));
  const clean = () => os('DELETE', '/kansa-events-*,kansa-deadletter-*?expand_wildcards=all');
  const count = async () => (
    await os('POST', '/kansa-events-*/_refresh'),
    (await os('GET', '/kansa-events-*/_count')).count
  );
  const pid = Number(
    /pid=(\d+)/.exec(execFileSync('ss', ['-ltnpH', `sport = :${new URL(url).port}`], { encoding: 'utf8' }))?.[1],
  );
  const osCpu = () => {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const env = { OPENSEARCH_URL: url };
  const tools = {
    base: {
      cmd: process.execPath,
      args: [join(trees.base, 'backend-bridge', 'bin', 'kansa.js'), 'import', ...args('syslog'), subset],
      env,
    },
    new: {
      cmd: process.execPath,
      args: [join(trees.new, 'backend-bridge', 'bin', 'kansa.js'), 'import', ...args('syslog'), subset],
      env,
    },
    raw: { cmd: process.execPath, args: [join(import.meta.dirname, 'raw-bulk.mjs'), url, bulkFile, '3'] },
  };
  // The first import installs the template the ceiling's indices need.
  await clean();
  await measured({ ...tools.new, pin: false, statsPath: join(OUT, 'time') });
  const res = { base: [], new: [], raw: [] };
  for (let r = 1; r <= runs; r++) {
    for (const t of r % 2 ? ['base', 'new', 'raw'] : ['raw', 'new', 'base']) {
      await clean();
      const before = osCpu();
      const m = await measured({ ...tools[t], pin: false, statsPath: join(OUT, 'time') });
      m.osCpu = osCpu() - before;
      const docs = await count();
      if (docs !== n) throw new Error(`${t}: ${docs} documents in OpenSearch, expected ${n}`);
      res[t].push(m);
      load();
    }
  }
  process.stdout.write(
    `\n| client (${n} sshd lines) | events/s median (min–max) | client CPU s | events per client CPU s | share of a core (min–max) | peak RSS MiB (max) | OpenSearch CPU s | ÷ ceiling, wall (per-round median) |\n|---|---|---|---|---|---|---|---|\n`,
  );
  for (const t of ['base', 'new', 'raw']) {
    const rs = res[t];
    const rate = spread(rs.map((m) => n / m.wall));
    const share = spread(rs.map((m) => m.cpu / m.wall));
    const rss = spread(rs.map((m) => m.rssMiB));
    const cpu = spread(rs.map((m) => m.cpu));
    const ratio = t === 'raw' ? '' : `${spread(rs.map((m, i) => res.raw[i].wall / m.wall)).median.toFixed(2)}×`;
    process.stdout.write(
      `| ${t} | ${Math.round(rate.median)} (${Math.round(rate.min)}–${Math.round(rate.max)}) | ${cpu.median.toFixed(2)} | ${Math.round(n / cpu.median)} | ${(share.median * 100).toFixed(0)} % (${(share.min * 100).toFixed(0)}–${(share.max * 100).toFixed(0)} %) | ${rss.median.toFixed(0)} (${rss.max.toFixed(0)}) | ${spread(rs.map((m) => m.osCpu)).median.toFixed(1)} | ${ratio} |\n`,
    );
  }
}
process.stdout.write(`\n1-minute load during the runs: ${Math.min(...loads)}–${Math.max(...loads)}\n`);
