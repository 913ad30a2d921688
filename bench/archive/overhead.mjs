#!/usr/bin/env node
// node bench/archive/overhead.mjs [--lines N] [--rounds R] [--import-lines M]
// The raw archive's cost, measured in one run on the same input (sshd lines from bench/lib/generate.mjs):
//  1. pipeline: translateChunk → durable queue, as `kansa serve` does with 16 KiB TCP chunks, with and
//     without the archive hook, rounds alternating so machine load hits both alike; events/s ratio.
//  2. import: `kansa import` into OpenSearch (OPENSEARCH_URL, a test node) with and without the archive.
//  3. bytes per event in the archive, and `verify` speed (records/s, MiB/s of archive and of raw log).
// Needs the built bridge (node devstack/build.mjs). Writes only under bench/out/archive and to
// kansa-events-2013.* (far from the demo month), which it deletes afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from '../lib/generate.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'out', 'archive');
const require = createRequire(import.meta.url);
const dist = (p) => require(join(ROOT, 'backend-bridge', 'dist', p));
const { translateChunk } = dist('pipeline/translate.js');
const { DiskQueue } = dist('queue/queue.js');
const { ArchiveWriter } = dist('archive/writer.js');
const { Keyring } = dist('archive/keys.js');
const { Sealer } = dist('archive/seal.js');
const { verifyArchive } = dist('archive/verify.js');
const { FORMATS, STAGES } = dist('translators/index.js');

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    rounds: { type: 'string', default: '3' },
    'import-lines': { type: 'string', default: '100000' },
  },
});
const LINES = Number(values.lines);
const ROUNDS = Number(values.rounds);
const log = (m) => process.stderr.write(`[archive-bench] ${m}\n`);

mkdirSync(OUT, { recursive: true });
const input = join(OUT, `sshd-${LINES}.log`);
await generate('sshd', LINES, input);
const data = readFileSync(input);
const chunks = [];
for (let pos = 0; pos < data.length;) {
  let end = Math.min(data.length, pos + 16 * 1024);
  if (end < data.length) end = data.lastIndexOf(0x0a, end - 1) + 1;
  chunks.push({ data: data.subarray(pos, end), offset: pos });
  pos = end;
}
const keyring = new Keyring([{ id: 'k1', key: Buffer.alloc(32, 1) }], 'k1');
const sealer = new Sealer('hmac-sha256', 'bench', { secret: Buffer.alloc(32, 2) });

function pipelineRun(withArchive, round) {
  const dir = join(OUT, `run-${withArchive ? 'archive' : 'plain'}-${round}`);
  rmSync(dir, { recursive: true, force: true });
  const queue = new DiskQueue({
    dir: join(dir, 'queue'),
    maxBytes: 64 * 1024 ** 3,
    segmentBytes: 64 * 1024 * 1024,
    fsync: 'interval',
    fsyncIntervalMs: 1000,
  });
  queue.open();
  const archive = withArchive
    ? new ArchiveWriter({
        dir: join(dir, 'archive'),
        segmentBytes: 64 * 1024 * 1024,
        maxAgeMs: 3_600_000,
        fsync: 'interval',
        fsyncIntervalMs: 1000,
        keyring,
        sealer,
      })
    : undefined;
  archive?.open();
  const t = {
    formats: FORMATS,
    stages: () => STAGES.map((m) => m()),
    ctx: () => ({ year: 2013, timeZone: 'Asia/Tokyo', now: new Date('2013-12-31T00:00:00Z') }),
    maxLineBytes: 65536,
    archive,
  };
  let events = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const c of chunks) {
    const r = translateChunk(
      c.data,
      { source: 'syslog-tcp', identity: 'bench:conn', baseOffset: c.offset, format: 'syslog' },
      t,
    );
    queue.append(r.entries, true);
    events += r.entries.length;
  }
  archive?.close();
  queue.close();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { events, seconds, rate: events / seconds, cpuRate: events / cpuSeconds, dir };
}

log(
  `pipeline: ${LINES} lines (${(data.length / 1024 / 1024).toFixed(1)} MiB) in ${chunks.length} chunks, ${ROUNDS} rounds each way, alternating`,
);
// Warm-up (JIT, page cache), not counted.
pipelineRun(false, 'warm');
pipelineRun(true, 'warm');
const plain = [];
const archived = [];
let last;
for (let round = 0; round < ROUNDS; round++) {
  plain.push(pipelineRun(false, round));
  last = pipelineRun(true, round);
  archived.push(last);
  log(
    `round ${round + 1}: without ${Math.round(plain.at(-1).rate)} events/s (${Math.round(plain.at(-1).cpuRate)} per CPU-s), with ${Math.round(last.rate)} events/s (${Math.round(last.cpuRate)} per CPU-s)`,
  );
}
const median = (xs, key = 'rate') => xs.map((x) => x[key]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const archiveDir = join(last.dir, 'archive');
const archiveBytes = execFileSync('du', ['-sb', join(archiveDir, 'segments')], { encoding: 'utf8' }).split('\t')[0];
const verifyStart = performance.now();
const v = verifyArchive(archiveDir, keyring, sealer);
const verifySeconds = (performance.now() - verifyStart) / 1000;
if (!v.ok) throw new Error(`verify failed: ${JSON.stringify(v.problem)}`);

// kansa import end to end, with and without the archive.
const importLines = Number(values['import-lines']);
let importResult;
if (importLines > 0 && process.env.OPENSEARCH_URL) {
  const importInput = join(OUT, `sshd-${importLines}.log`);
  await generate('sshd', importLines, importInput);
  const kansa = join(ROOT, 'backend-bridge', 'bin', 'kansa.js');
  const config = join(OUT, 'kansa.yaml');
  const wipe = async () => {
    const r = await fetch(`${process.env.OPENSEARCH_URL}/_cat/indices/kansa-events-2013.*?format=json&h=index`);
    for (const { index } of await r.json()) await fetch(`${process.env.OPENSEARCH_URL}/${index}`, { method: 'DELETE' });
  };
  const importRun = (withArchive, round) => {
    const file = join(OUT, `import-${withArchive ? 'a' : 'p'}-${round}.log`);
    if (!existsSync(file)) writeFileSync(file, readFileSync(importInput));
    rmSync(join(OUT, 'import-archive'), { recursive: true, force: true });
    writeFileSync(
      config,
      `archive:\n  enabled: ${withArchive}\n  dir: ${join(OUT, 'import-archive')}\n  encryption:\n    keys: [{ id: k1, key: ${Buffer.alloc(32, 1).toString('base64')} }]\n  seal:\n    key: ${Buffer.alloc(32, 2).toString('base64')}\n`,
    );
    const started = performance.now();
    const r = spawnSync(process.execPath, [kansa, 'import', '--config', config, '--year', '2013', file], {
      encoding: 'utf8',
      env: process.env,
    });
    const seconds = (performance.now() - started) / 1000;
    const summary = /indexed: (\d+) new, (\d+) already present, (\d+) dead-lettered, (\d+) not sent/.exec(
      r.stderr ?? '',
    );
    if (!summary) throw new Error(`kansa import failed: ${r.stderr}`);
    // Lines not sent (OpenSearch refusing under load) would flatter the rate: they count as a failed run.
    if (Number(summary[4]) > 0)
      log(`import ${withArchive ? 'with' : 'without'} archive: ${summary[4]} not sent (OpenSearch overloaded)`);
    return importLines / seconds;
  };
  const rates = { plain: [], archived: [] };
  for (let round = 0; round < 2; round++) {
    await wipe();
    rates.plain.push(importRun(false, round));
    await wipe();
    rates.archived.push(importRun(true, round));
    log(
      `import round ${round + 1}: without ${Math.round(rates.plain.at(-1))} lines/s, with ${Math.round(rates.archived.at(-1))} lines/s`,
    );
  }
  await wipe();
  const best = (xs) => Math.max(...xs);
  importResult = {
    lines: importLines,
    withoutPerSecond: Math.round(best(rates.plain)),
    withPerSecond: Math.round(best(rates.archived)),
    ratio: +(best(rates.archived) / best(rates.plain)).toFixed(3),
  };
}

const result = {
  machine: {
    cpus: (await import('node:os')).cpus().length,
    load: (await import('node:os')).loadavg().map((l) => +l.toFixed(2)),
  },
  pipeline: {
    lines: LINES,
    events: last.events,
    withoutPerSecond: Math.round(median(plain)),
    withPerSecond: Math.round(median(archived)),
    ratio: +(median(archived) / median(plain)).toFixed(3),
    // Events per CPU-second of this process: steadier than wall time on a loaded machine.
    withoutPerCpuSecond: Math.round(median(plain, 'cpuRate')),
    withPerCpuSecond: Math.round(median(archived, 'cpuRate')),
    cpuRatio: +(median(archived, 'cpuRate') / median(plain, 'cpuRate')).toFixed(3),
  },
  archive: {
    compression:
      'deflate (Node 20 has no zstd), per record with a 16 KiB preset dictionary of the preceding records; AES-256-GCM',
    rawBytesPerEvent: +(data.length / last.events).toFixed(1),
    archiveBytesPerEvent: +(Number(archiveBytes) / last.events).toFixed(1),
    records: v.records,
    segments: v.segments,
  },
  verify: {
    seconds: +verifySeconds.toFixed(2),
    recordsPerSecond: Math.round(v.records / verifySeconds),
    eventsPerSecond: Math.round(last.events / verifySeconds),
    archiveMiBPerSecond: +(v.bytes / 1024 / 1024 / verifySeconds).toFixed(1),
    rawMiBPerSecond: +(data.length / 1024 / 1024 / verifySeconds).toFixed(1),
  },
  ...(importResult ? { import: importResult } : {}),
};
for (const round of [...Array(ROUNDS).keys(), 'warm'])
  for (const kind of ['plain', 'archive']) rmSync(join(OUT, `run-${kind}-${round}`), { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
