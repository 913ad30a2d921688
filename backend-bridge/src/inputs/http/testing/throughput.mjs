#!/usr/bin/env node
// Sustained /ingest and /_bulk rates of a `kansa serve` child (built dist/, --max-old-space-size=512)
// against OPENSEARCH_URL: senders post batches for a while, then the queue drains into OpenSearch.
// Prints acknowledged events/s, end-to-end events/s (until OpenSearch has them all) and peak RSS.
//   OPENSEARCH_URL=http://127.0.0.1:9262 node backend-bridge/src/inputs/http/testing/throughput.mjs [seconds=30] [senders=2] [batch=1000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const [seconds = 30, senders = 2, batch = 1000] = process.argv.slice(2).map(Number);
const url = process.env.OPENSEARCH_URL;
if (!url) throw new Error('set OPENSEARCH_URL');
const BIN = join(import.meta.dirname, '..', '..', '..', '..', 'bin', 'kansa.js');
const TOKEN = 'throughput-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'kansa-http-rate-'));
const port = 20000 + Math.floor(Math.random() * 10000);
writeFileSync(
  join(dir, 'kansa.yaml'),
  JSON.stringify({
    opensearch: { url },
    queue: { dir: join(dir, 'queue') },
    http: { port },
    auth: { tokens: [{ name: 'rate', token: TOKEN }] },
    translate: { timeZone: 'UTC' },
    log: { level: 'warn' },
  }),
);
const child = spawn(process.execPath, ['--max-old-space-size=512', BIN, 'serve', '--config', join(dir, 'kansa.yaml')], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, KANSA_CONFIG: '', OPENSEARCH_URL: '' },
});
const status = (field) =>
  Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, status('VmRSS'))), 100);

function call(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const metric = async (name) =>
  Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec((await call('GET', '/metrics')).body)?.[1] ?? 0);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; (await call('GET', '/readyz').catch(() => ({ status: 0 }))).status !== 200; i++) {
  if (i > 600) throw new Error('bridge not ready');
  await sleep(100);
}

const line = (run, n) =>
  `<38>Nov 28 10:00:01 rate-${run} sshd[1600]: Failed password for user${n % 7} from 10.0.${(n >> 8) & 255}.${n & 255} port ${1024 + (n % 60000)} ssh2`;
const bodies = {
  ingest: (run, from) => Array.from({ length: batch }, (_, i) => line(run, from + i)).join('\n') + '\n',
  bulk: (run, from) =>
    Array.from(
      { length: batch },
      (_, i) =>
        `{"create":{"_index":"logs"}}\n${JSON.stringify({ '@timestamp': '2031-11-28T10:00:01Z', message: line(run, from + i) })}`,
    ).join('\n') + '\n',
};

async function run(kind) {
  const path = kind === 'bulk' ? '/_bulk' : '/ingest';
  const run = `${kind}${Date.now().toString(36)}`;
  const indexedBefore = await metric('kansa_output_indexed_total');
  peak = status('VmRSS');
  let acked = 0;
  let refused = 0;
  let next = 0;
  const started = Date.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (Date.now() < end) {
        const from = next;
        next += batch;
        const r = await call('POST', path, bodies[kind](run, from), { 'content-type': 'application/x-ndjson' });
        if (r.status === 200) acked += batch;
        else {
          refused++;
          await sleep(200);
        }
      }
    }),
  );
  const sent = (Date.now() - started) / 1000;
  while ((await metric('kansa_queue_depth_events')) > 0) await sleep(200);
  const total = (Date.now() - started) / 1000;
  const indexed = (await metric('kansa_output_indexed_total')) - indexedBefore;
  console.log(
    `${path}: ${acked} events acknowledged in ${sent.toFixed(1)} s = ${Math.round(acked / sent)} events/s; all ${indexed} indexed after ${total.toFixed(1)} s = ${Math.round(indexed / total)} events/s end to end; ${refused} requests refused (429); peak RSS ${peak.toFixed(0)} MiB (${senders} senders, ${batch} events per request, load average ${loadavg()[0].toFixed(1)})`,
  );
}

try {
  await run('ingest');
  await run('bulk');
  console.log(`bridge peak RSS over the whole run (VmHWM): ${status('VmHWM').toFixed(0)} MiB`);
} finally {
  clearInterval(sampler);
  child.kill('SIGTERM');
}
