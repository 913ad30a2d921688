#!/usr/bin/env node
// npm run bench [-- --quick] [--runs N] [--tiers translate,sink,e2e,query] [--inputs sshd,nxlog,squid]
// Kansa against rsyslog+mmnormalize and lognormalizer on the same inputs, alternating in one run.
// See bench/README.md for what each tier measures and the latest results.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareOutputs } from './lib/check.mjs';
import { generate } from './lib/generate.mjs';
import { BENCH_CPU, measured, spread } from './lib/measure.mjs';
import { ensurePeers, peerVersions, runLognormalizer, runRsyslog } from './lib/peers.mjs';
import { e2eSubset, e2eTier, ensureE2eData } from './lib/e2e.mjs';
import { queryTier } from './lib/query.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = process.env.KANSA_BENCH_OUT ?? join(ROOT, 'bench', 'out');
const PEERS = join(ROOT, 'bench', 'peers');
const KANSA = join(ROOT, 'backend-bridge', 'bin', 'kansa.js');
const log = (m) => process.stderr.write(`[bench] ${m}\n`);

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    tiers: { type: 'string', default: 'translate,sink,e2e,query' },
    inputs: { type: 'string', default: 'sshd,nxlog,squid' },
  },
});
const quick = values.quick;
const runs = Number(values.runs ?? (quick ? 2 : 5));
const tiers = new Set(values.tiers.split(','));
const INPUTS = {
  sshd: { lines: quick ? 100_000 : 1_000_000, format: 'syslog', rulebase: 'sshd.rulebase' },
  nxlog: { lines: quick ? 30_000 : 300_000, format: 'nxlog-json' },
  squid: { lines: quick ? 20_000 : 200_000, format: 'squid', rulebase: 'squid.rulebase' },
};
const inputs = values.inputs.split(',').filter((k) => INPUTS[k]);

mkdirSync(OUT, { recursive: true });
log('building the bridge (tsc -b, skipped when up to date)');
// KANSA_BENCH_NO_BUILD=1 benchmarks dist as it is (e.g. while another bench run is still measuring it).
if (process.env.KANSA_BENCH_NO_BUILD !== '1')
  try {
    execFileSync('npx', ['tsc', '-b', 'schema', 'backend-bridge'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    // tsc still emits; a type error elsewhere in the tree must not stop a benchmark of the emitted code.
    if (!existsSync(KANSA) || !existsSync(join(ROOT, 'backend-bridge', 'dist', 'cli.js'))) throw err;
    log(
      `tsc reported type errors; benchmarking the JavaScript it emitted:\n${String(err.stdout).split('\n').slice(0, 5).join('\n')}`,
    );
  }
ensurePeers(log);

for (const kind of inputs) {
  const path = join(OUT, `${kind}.log`);
  if (await generate(kind, INPUTS[kind].lines, path)) log(`generated ${INPUTS[kind].lines} ${kind} lines → ${path}`);
  INPUTS[kind].path = path;
}

const kansaArgs = (kind) => ['--format', INPUTS[kind].format, '--year', '2026', '--tz', 'UTC'];
const TOOLS = {
  kansa: (kind, output, statsPath) =>
    measured({
      cmd: process.execPath,
      args: [KANSA, 'translate', ...kansaArgs(kind), INPUTS[kind].path],
      output,
      statsPath,
    }),
  'kansa+bulk': (kind, output, statsPath) =>
    measured({
      cmd: process.execPath,
      args: [join(ROOT, 'bench', 'kansa-sink.mjs'), ...kansaArgs(kind), INPUTS[kind].path, output],
      statsPath,
    }),
  lognormalizer: (kind, output, statsPath) =>
    runLognormalizer({ rulebase: join(PEERS, INPUTS[kind].rulebase), input: INPUTS[kind].path, output, statsPath }),
  'rsyslog+mmnormalize': (kind, output, statsPath) =>
    runRsyslog({
      rulebase: join(PEERS, INPUTS[kind].rulebase),
      input: INPUTS[kind].path,
      output,
      lines: INPUTS[kind].lines,
      statsPath,
      workDir: join(OUT, 'rsyslog'),
    }),
};

function toolsFor(kind) {
  const list = [];
  if (tiers.has('translate')) list.push('kansa');
  if (tiers.has('sink')) list.push('kansa+bulk');
  if (tiers.has('translate') && INPUTS[kind].rulebase) list.push('lognormalizer', 'rsyslog+mmnormalize');
  return list;
}

const results = {};
const load = [];
for (let round = 1; round <= runs; round++) {
  for (const kind of inputs) {
    const tools = toolsFor(kind);
    // Alternate the order each round, so no tool always runs right after the same neighbour.
    const order = round % 2 ? tools : [...tools].reverse();
    for (const tool of order) {
      load.push(loadavg()[0]);
      const output = join(OUT, `${kind}.${tool}.out`);
      const m = await TOOLS[tool](kind, output, join(OUT, `${kind}.${tool}.time`));
      (results[`${kind}/${tool}`] ??= { kind, tool, runs: [] }).runs.push(m);
      log(
        `round ${round}/${runs} ${kind} ${tool}: ${(INPUTS[kind].lines / m.wall).toFixed(0)} lines/s, ${m.cpu.toFixed(2)} CPU s, ${m.rssMiB.toFixed(0)} MiB`,
      );
      if (round === 1) checkOutput(kind, tool, output);
    }
  }
}

/** After the first round: every peer output against Kansa's, so a faster tool cannot be doing less. */
function checkOutput(kind, tool, output) {
  if (tool === 'kansa' || tool === 'kansa+bulk') return;
  const c = compareOutputs(kind, output, join(OUT, `${kind}.kansa.out`));
  const ok = c.lines === INPUTS[kind].lines && c.kansaLines === c.lines && c.mismatches === 0;
  (results.checks ??= []).push({ kind, tool, ...c, ok });
  log(
    `check ${kind} ${tool} vs kansa: ${c.lines} vs ${c.kansaLines} lines, ${c.mismatches} lines differ${c.examples.length ? `: ${c.examples.join('; ')}` : ''}`,
  );
  if (!ok) process.exitCode = 1;
}

const rows = [];
for (const r of Object.values(results)) {
  if (!r.runs) continue;
  const lines = INPUTS[r.kind].lines;
  const rate = spread(r.runs.map((m) => lines / m.wall));
  const cpu = spread(r.runs.map((m) => m.cpu));
  const rss = spread(r.runs.map((m) => m.rssMiB));
  rows.push({ kind: r.kind, tool: r.tool, rate, cpu, rss, perCpu: lines / cpu.median });
}
const byKey = Object.fromEntries(rows.map((r) => [`${r.kind}/${r.tool}`, r]));
/** Ratios per round (Kansa run i over peer run i), then the median: the load of the moment cancels out. */
function ratio(kind, a, b, measure = 'wall') {
  const ra = results[`${kind}/${a}`]?.runs;
  const rb = results[`${kind}/${b}`]?.runs;
  if (!ra || !rb) return undefined;
  return spread(ra.map((m, i) => rb[i][measure] / m[measure])).median;
}

const f0 = (n) => Math.round(n).toLocaleString('en-US');
const table = [
  '| input | tool | lines/s median (min–max) | CPU s median (min–max) | lines per CPU s | peak RSS MiB median (max) | Kansa ÷ tool, lines/s (per-round median) | Kansa ÷ tool, per CPU s (per-round median) |',
  '|---|---|---|---|---|---|---|---|',
];
for (const r of rows) {
  const vs = (measure) =>
    r.tool.startsWith('kansa')
      ? ''
      : ['kansa', 'kansa+bulk']
          .filter((k) => byKey[`${r.kind}/${k}`])
          .map((k) => `${k}: ${ratio(r.kind, k, r.tool, measure).toFixed(2)}×`)
          .join(', ');
  table.push(
    `| ${r.kind} (${f0(INPUTS[r.kind].lines)}) | ${r.tool} | ${f0(r.rate.median)} (${f0(r.rate.min)}–${f0(r.rate.max)}) | ${r.cpu.median.toFixed(2)} (${r.cpu.min.toFixed(2)}–${r.cpu.max.toFixed(2)}) | ${f0(r.perCpu)} | ${r.rss.median.toFixed(0)} (${r.rss.max.toFixed(0)}) | ${vs('wall')} | ${vs('cpu')} |`,
  );
}

const sections = [];
if (rows.length)
  sections.push(`### Translate (one core: taskset -c ${BENCH_CPU}), ${runs} alternating runs\n\n${table.join('\n')}`);
if (tiers.has('e2e') && inputs.includes('sshd'))
  sections.push(
    await e2eTier({ root: ROOT, out: OUT, input: INPUTS.sshd, runs, quick, log, kansaArgs: kansaArgs('sshd') }),
  );
if (tiers.has('query')) {
  const input = INPUTS.sshd.path ? INPUTS.sshd : { path: join(OUT, 'sshd.log') };
  if (!existsSync(input.path)) await generate('sshd', INPUTS.sshd.lines, input.path);
  const { n, subset } = e2eSubset({ out: OUT, input, quick });
  const ensureData = (url) => ensureE2eData({ root: ROOT, url, n, subset, kansaArgs: kansaArgs('sshd'), log });
  sections.push(await queryTier({ root: ROOT, out: OUT, runs, quick, log, ensureData }));
}

const avgLoad = load.length ? load.reduce((a, b) => a + b, 0) / load.length : loadavg()[0];
const header =
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
  `peers: lognormalizer ${peerVersions().lognormalizer}, ${peerVersions().rsyslog}; mean 1-min load during the runs ${avgLoad.toFixed(2)}${quick ? ' (--quick)' : ''}`;
const report = [header, ...sections.filter(Boolean)].join('\n\n');
process.stdout.write(`${report}\n`);
writeFileSync(join(OUT, 'latest.md'), `${report}\n`);
writeFileSync(
  join(OUT, 'latest.json'),
  JSON.stringify({ header, rows, runs: Object.values(results).filter((r) => r.runs), checks: results.checks }, null, 2),
);
