// Tier 3: `kansa import` into a real OpenSearch node against the raw `_bulk` ceiling — the same
// documents, already serialized, posted with the same batch size and concurrency into the same node.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measured, spread } from './measure.mjs';
import { lines as readLines } from './check.mjs';

const PORT = Number(process.env.KANSA_BENCH_OPENSEARCH_PORT ?? 9310);

async function os(url, method, path, body) {
  const r = await fetch(`${url}${path}`, {
    method,
    ...(body ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await r.text();
  if (!r.ok && r.status !== 404) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : {};
}

/** Starts the bench's own node (devstack) unless one answers on the port; returns its url, pid and a stop function. */
export async function benchOpenSearch(root, out, log) {
  const url = `http://127.0.0.1:${PORT}`;
  const env = {
    ...process.env,
    KANSA_OPENSEARCH_PORT: String(PORT),
    KANSA_DATA_DIR: process.env.KANSA_BENCH_DATA_DIR ?? join(out, 'data'),
  };
  let started = false;
  if (
    !(await fetch(url).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    log(`starting OpenSearch on ${url} (devstack)`);
    execFileSync(process.execPath, [join(root, 'devstack', 'opensearch.mjs'), 'start'], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    started = true;
  }
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${PORT}`], { encoding: 'utf8' }).stdout;
  const pid = Number(/pid=(\d+)/.exec(ss)?.[1]);
  return {
    url,
    pid,
    stop: () =>
      started &&
      execFileSync(process.execPath, [join(root, 'devstack', 'opensearch.mjs'), 'stop'], { env, stdio: 'ignore' }),
  };
}

/** CPU seconds a process has used so far (all threads), from /proc. */
function cpuSeconds(pid) {
  if (!pid) return NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

async function clean(url) {
  await os(url, 'DELETE', '/kansa-events-*,kansa-deadletter-*?expand_wildcards=all');
}

async function count(url) {
  await os(url, 'POST', '/kansa-events-*/_refresh');
  return (await os(url, 'GET', '/kansa-events-*/_count')).count ?? 0;
}

/** The first lines of the sshd input, the end-to-end tier's input (and the query tier's data). */
export function e2eSubset({ out, input, quick }) {
  const n = quick ? 20_000 : 50_000;
  const subset = join(out, `e2e-sshd-${n}.log`);
  if (!existsSync(subset)) {
    const parts = [];
    let i = 0;
    for (const l of readLines(input.path)) {
      parts.push(l);
      if (++i === n) break;
    }
    writeFileSync(subset, `${parts.join('\n')}\n`);
  }
  return { n, subset };
}

/** Imports the subset with kansa import unless the node already holds it (the e2e tier leaves it there). */
export async function ensureE2eData({ root, url, n, subset, kansaArgs, log }) {
  if ((await count(url).catch(() => 0)) === n) return;
  log(`indexing ${n} sshd events for the query tier`);
  await clean(url);
  execFileSync(process.execPath, [join(root, 'backend-bridge', 'bin', 'kansa.js'), 'import', ...kansaArgs, subset], {
    env: { ...process.env, OPENSEARCH_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export async function e2eTier({ root, out, input, runs, quick, log, kansaArgs }) {
  const { n, subset } = e2eSubset({ out, input, quick });
  const bulkFile = join(out, `e2e-sshd-${n}.bulk.ndjson`);
  log(`e2e: serializing ${n} sshd lines once for the raw _bulk ceiling`);
  execFileSync(process.execPath, [join(root, 'bench', 'kansa-sink.mjs'), ...kansaArgs, subset, bulkFile], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const node = await benchOpenSearch(root, out, log);
  const env = { OPENSEARCH_URL: node.url };
  const result = { kansa: [], raw: [] };
  try {
    // kansa import installs the template the raw ceiling's indices need; run it once untimed first.
    await clean(node.url);
    await measured({
      cmd: process.execPath,
      args: [join(root, 'backend-bridge', 'bin', 'kansa.js'), 'import', ...kansaArgs, subset],
      env,
      pin: false,
      statsPath: join(out, 'e2e.time'),
    }).catch((err) => log(`e2e warm-up import reported: ${err.message.split('\n').slice(-3).join(' ')}`));
    for (let round = 1; round <= runs; round++) {
      const order = round % 2 ? ['kansa', 'raw'] : ['raw', 'kansa'];
      for (const tool of order) {
        await clean(node.url);
        const before = cpuSeconds(node.pid);
        const m =
          tool === 'kansa'
            ? await measured({
                cmd: process.execPath,
                args: [join(root, 'backend-bridge', 'bin', 'kansa.js'), 'import', ...kansaArgs, subset],
                env,
                pin: false,
                statsPath: join(out, 'e2e.time'),
              })
            : await measured({
                cmd: process.execPath,
                args: [join(root, 'bench', 'raw-bulk.mjs'), node.url, bulkFile, '3'],
                pin: false,
                statsPath: join(out, 'e2e.time'),
              });
        m.osCpu = cpuSeconds(node.pid) - before;
        m.docs = await count(node.url);
        if (m.docs !== n) throw new Error(`e2e ${tool}: expected ${n} documents in OpenSearch, found ${m.docs}`);
        result[tool].push(m);
        log(
          `e2e round ${round}/${runs} ${tool}: ${(n / m.wall).toFixed(0)} events/s, client ${m.cpu.toFixed(2)} CPU s (${((m.cpu / m.wall) * 100).toFixed(0)}% of a core), ${m.rssMiB.toFixed(0)} MiB; OpenSearch ${m.osCpu.toFixed(1)} CPU s`,
        );
      }
    }
  } finally {
    node.stop();
  }
  const row = (name, rs) => {
    const rate = spread(rs.map((m) => n / m.wall));
    const share = spread(rs.map((m) => m.cpu / m.wall));
    const rss = spread(rs.map((m) => m.rssMiB));
    const osCpu = spread(rs.map((m) => m.osCpu));
    return `| ${name} | ${Math.round(rate.median).toLocaleString('en-US')} (${Math.round(rate.min).toLocaleString('en-US')}–${Math.round(rate.max).toLocaleString('en-US')}) | ${(share.median * 100).toFixed(0)}% (${(share.min * 100).toFixed(0)}–${(share.max * 100).toFixed(0)}%) | ${rss.median.toFixed(0)} (${rss.max.toFixed(0)}) | ${osCpu.median.toFixed(1)} |`;
  };
  const ratio = spread(result.kansa.map((m, i) => result.raw[i].wall / m.wall)).median;
  return [
    `### End to end: ${n.toLocaleString('en-US')} sshd lines into OpenSearch 2.19.6 (${node.url}, one node, 1 GiB heap), ${runs} alternating runs, unpinned`,
    '',
    '| client | events/s median (min–max) | client CPU, share of one core, median (min–max) | client peak RSS MiB median (max) | OpenSearch CPU s median |',
    '|---|---|---|---|---|',
    row('kansa import', result.kansa),
    row('raw _bulk of the same pre-serialized documents (ceiling)', result.raw),
    '',
    `Kansa ÷ ceiling (per-round median): **${ratio.toFixed(2)}×**`,
  ].join('\n');
}
