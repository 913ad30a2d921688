// Tier 4: what the Grafana data source adds on top of OpenSearch. Each query type goes through
// kansa-dsquery (the plugin executable started over go-plugin, as Grafana does); the OpenSearch
// requests the plugin made are captured once through a recording proxy and then replayed straight
// to OpenSearch. Plugin start-up is taken out by differencing: a request of 1 query and one of
// 1 + REPEAT copies; the direct side replays the same counts with the plugin's concurrency (4).
// kansa-dsquery reports (KANSA_DSQUERY_TIMING=1) how much of its run was its own Arrow decoding and JSON
// encoding of the frames, which Grafana does not do; that share is shown apart.
// KANSA_BENCH_QUERY_BASE=DIR adds a second plugin build (DIR/datasource-plugin/dist/gpx_kansa_logs_<os>_<arch>,
// e.g. a commit before a change) alternating with this tree's in the same rounds; KANSA_BENCH_QUERY_NEW=DIR takes
// this tree's side from DIR instead, so that rebuilds of the working tree cannot change it mid-run. Both plugin
// builds run under the same kansa-dsquery (the new side's).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { spread } from './measure.mjs';
import { benchOpenSearch } from './e2e.mjs';

// KANSA_BENCH_QUERY_REPEAT lowers it for slow query types on a loaded machine (attendance takes seconds there).
const REPEAT = Number(process.env.KANSA_BENCH_QUERY_REPEAT ?? 40);
const CONCURRENCY = 4; // queryConcurrency in datasource-plugin/pkg/plugin/datasource.go
const RANGE = { from: '2026-09-21T00:00:00Z', to: '2026-09-23T00:00:00Z' };

/** One query per type, over the sshd events the e2e tier indexed. */
const QUERIES = {
  logs: { queryType: 'logs', query: 'event.action:logon-failed', limit: 100 },
  metrics: {
    queryType: 'metrics',
    query: '*',
    metrics: [{ id: 'events', type: 'count' }],
    groupBy: [{ field: 'event.action', size: 10 }],
    intervalMs: 60000,
    maxDataPoints: 1000,
  },
  table: {
    queryType: 'table',
    query: 'event.outcome:failure',
    tableMode: 'top',
    metrics: [{ id: 'failures', type: 'count' }],
    groupBy: [{ field: 'user.name', size: 20 }],
  },
  attendance: { queryType: 'attendance', query: '*', attendanceView: 'sheet', workday: { timezone: 'UTC' } },
};

function runDsquery(binary, plugin, request) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(binary, ['query', '--plugin', plugin, '--request', '-'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, KANSA_DSQUERY_TIMING: '1' },
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0)
        return reject(new Error(`kansa-dsquery exit ${code}: ${Buffer.concat(err).toString().slice(-500)}`));
      const body = JSON.parse(Buffer.concat(out).toString());
      const failed = Object.entries(body.results ?? {}).filter(([, r]) => r.error || (r.status && r.status >= 300));
      if (failed.length) return reject(new Error(`kansa-dsquery: ${failed[0][0]}: ${failed[0][1].error}`));
      const timing = /kansa-dsquery timing: (.*)/.exec(Buffer.concat(err).toString());
      if (!timing) return reject(new Error('kansa-dsquery printed no timing line (KANSA_DSQUERY_TIMING=1)'));
      resolve({ seconds, harness: JSON.parse(timing[1]).harnessSeconds, body });
    });
    child.stdin.end(JSON.stringify(request));
  });
}

function request(url, query, copies) {
  return {
    settings: { url, jsonData: { language: 'en', timeoutSeconds: 60 } },
    queries: Array.from({ length: copies }, (_, i) => ({ refId: `Q${i}`, ...query })),
    range: RANGE,
    user: { login: 'bench' },
  };
}

/** A proxy that forwards to OpenSearch and keeps every request it saw. */
function recordingProxy(target) {
  const seen = [];
  const server = http.createServer((req, res) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts);
      seen.push({
        method: req.method,
        path: req.url,
        type: req.headers['content-type'],
        encoding: req.headers['accept-encoding'],
        body,
      });
      const up = http.request(
        `${target}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
        (r) => {
          const record = seen.at(-1);
          record.status = r.statusCode;
          const chunks = [];
          r.on('data', (c) => chunks.push(c));
          r.on('end', () => (record.response = decoded(r.headers['content-encoding'], Buffer.concat(chunks))));
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => res.writeHead(502).end());
      up.end(body);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, seen, close: () => server.close() }),
    ),
  );
}

function decoded(encoding, bytes) {
  return (encoding === 'gzip' ? gunzipSync(bytes) : bytes).toString();
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function send(target, r, body) {
  return new Promise((resolve, reject) => {
    // The plugin's own headers: it asks for gzip, so OpenSearch compresses for the direct side too.
    // content-length always: Node sends no body on a DELETE without it (the point-in-time close has one).
    const headers = {
      'content-length': body.length,
      ...(r.type ? { 'content-type': r.type } : {}),
      ...(r.encoding ? { 'accept-encoding': r.encoding } : {}),
    };
    const req = http.request(`${target}${r.path}`, { method: r.method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      // The same answer the plugin got (a missing optional index answers 404 to both).
      res.on('end', () =>
        res.statusCode !== r.status
          ? reject(
              new Error(
                `${r.method} ${r.path}: ${res.statusCode}, the plugin got ${r.status}: ${decoded(res.headers['content-encoding'], Buffer.concat(chunks)).slice(0, 300)}`,
              ),
            )
          : resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Replays one query's requests in order. A scan opens a point in time: its new id replaces the
 * captured one in the requests that follow, as the plugin itself would use it.
 */
async function replay(target, captured) {
  const ids = [];
  for (const r of captured) {
    let body = r.body;
    if (ids.length > 0 && body.length > 0) {
      let text = body.toString();
      for (const [from, to] of ids) text = text.replaceAll(from, to);
      body = Buffer.from(text);
    }
    const answer = await send(target, r, body);
    if (r.path.includes('point_in_time') && r.method === 'POST')
      ids.push([JSON.parse(r.response).pit_id, JSON.parse(decoded(answer.encoding, answer.bytes)).pit_id]);
  }
}

/** The captured requests of one query, `copies` times, at most CONCURRENCY queries at once. */
async function direct(target, captured, copies) {
  const started = process.hrtime.bigint();
  let next = 0;
  const worker = async () => {
    while (next < copies) {
      next++;
      await replay(target, captured);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, copies) }, worker));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function dsqueryBinaries(root, log) {
  const tree = (dir) => ({
    binary: join(dir, 'datasource-plugin', 'bin', 'kansa-dsquery'),
    // build-backend.mjs builds the backend for this machine's platform.
    plugin: join(
      dir,
      'datasource-plugin',
      'dist',
      `gpx_kansa_logs_${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`,
    ),
  });
  const own = tree(process.env.KANSA_BENCH_QUERY_NEW ?? root);
  if (!existsSync(own.binary) || !existsSync(own.plugin)) {
    log('building the data source backend and kansa-dsquery (datasource-plugin/scripts/build-backend.mjs)');
    execFileSync(process.execPath, [join(root, 'datasource-plugin', 'scripts', 'build-backend.mjs')], {
      stdio: 'inherit',
      env: { ...process.env, PATH: `${process.env.PATH}:/usr/local/go/bin` },
    });
  }
  const plugins = { new: own.plugin };
  if (process.env.KANSA_BENCH_QUERY_BASE) {
    plugins.base = tree(process.env.KANSA_BENCH_QUERY_BASE).plugin;
    if (!existsSync(plugins.base)) throw new Error(`KANSA_BENCH_QUERY_BASE: ${plugins.base} does not exist`);
  }
  return { binary: own.binary, plugins };
}

export async function queryTier({ root, out, runs, log, ensureData }) {
  const { binary, plugins } = dsqueryBinaries(root, log);
  const trees = Object.keys(plugins);
  const node = await benchOpenSearch(root, out, log);
  const rows = [];
  const loads = [];
  try {
    await ensureData(node.url);
    const only = process.env.KANSA_BENCH_QUERIES?.split(',');
    for (const [type, query] of Object.entries(QUERIES).filter(([t]) => !only || only.includes(t))) {
      const proxy = await recordingProxy(node.url);
      await runDsquery(binary, plugins.new, request(proxy.url, query, 1));
      proxy.close();
      const captured = proxy.seen;
      if (captured.length === 0) throw new Error(`query ${type}: the plugin sent nothing to OpenSearch`);
      const requests = captured.map((r) => `${r.method} ${r.path.split('?')[0]}`).join(', ');
      const sides = [...trees, 'direct'];
      const per = Object.fromEntries(sides.map((s) => [s, { total: [], harness: [], startup: [] }]));
      try {
        for (let round = 1; round <= runs; round++) {
          // Rotate which side goes first, so a burst of load elsewhere does not favour one.
          const order = sides.map((_, i) => sides[(i + round) % sides.length]);
          if (round % 2 === 0) order.reverse();
          for (const side of order) {
            if (side === 'direct') {
              const one = await direct(node.url, captured, 1);
              const many = await direct(node.url, captured, 1 + REPEAT);
              per.direct.total.push((many - one) / REPEAT);
            } else {
              const one = await runDsquery(binary, plugins[side], request(node.url, query, 1));
              const many = await runDsquery(binary, plugins[side], request(node.url, query, 1 + REPEAT));
              per[side].total.push((many.seconds - one.seconds) / REPEAT);
              per[side].harness.push((many.harness - one.harness) / REPEAT);
              per[side].startup.push(one.seconds);
            }
          }
          loads.push(loadavg()[0]);
          log(
            `query ${type} round ${round}/${runs}: ${sides.map((s) => `${s} ${(per[s].total.at(-1) * 1000).toFixed(1)}`).join(', ')} ms/query`,
          );
        }
      } catch (err) {
        // One query type failing (e.g. OpenSearch refusing a point in time under load) must not hide the others.
        log(`query ${type}: ${err.message}`);
        const done = Math.min(...sides.map((s) => per[s].total.length));
        if (done === 0) {
          rows.push(
            `| ${type} | ${requests} | | failed: ${err.message.slice(0, 160).replaceAll('|', '/')} | | | | | | |`,
          );
          continue;
        }
        for (const s of sides) for (const k of Object.keys(per[s])) per[s][k].length = Math.min(per[s][k].length, done);
      }
      const ms = (values) => {
        const s = spread(values);
        return `${(s.median * 1000).toFixed(1)} (${(s.min * 1000).toFixed(1)}–${(s.max * 1000).toFixed(1)})`;
      };
      const ratio = (values) => `${spread(values.map((p, i) => p / per.direct.total[i])).median.toFixed(2)}×`;
      for (const t of trees) {
        const p = per[t];
        const own = p.total.map((v, i) => v - p.harness[i]);
        rows.push(
          `| ${type} | ${requests} | ${t} | ${ms(p.total)} | ${ms(p.harness)} | ${ms(own)} | ${ms(per.direct.total)} | ${ratio(p.total)} | ${ratio(own)} | ${(spread(p.startup).median * 1000).toFixed(0)} |`,
        );
      }
    }
  } finally {
    node.stop();
  }
  const load = spread(loads.length ? loads : [loadavg()[0]]);
  return [
    `### Query overhead: kansa-dsquery vs the same OpenSearch requests sent directly, ${runs} alternating runs, ${REPEAT} queries per run at concurrency ${CONCURRENCY}`,
    '',
    `1-minute load after each round: median ${load.median.toFixed(1)} (${load.min.toFixed(1)}–${load.max.toFixed(1)}).`,
    'Harness share: kansa-dsquery decoding the Arrow frames and writing them as JSON, which Grafana does not do;',
    '"without it" is what a Grafana server would wait for (the plugin, its Arrow encoding and gRPC).',
    '',
    '| query type | OpenSearch requests per query | plugin build | kansa-dsquery ms/query median (min–max) | of which harness Arrow decode + JSON | without the harness share | direct ms/query | ÷ direct, end to end (per-round median) | ÷ direct, without the harness share | one-query kansa-dsquery run incl. plugin start, ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
