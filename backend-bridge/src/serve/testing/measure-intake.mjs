#!/usr/bin/env node
// Measures sustained syslog intake of `kansa serve` (built dist/) on this machine: UDP at fixed
// offered rates (received, bridge drops and kernel drops counted) and TCP as fast as the bridge
// reads (it pauses the sender), with the bridge's RSS. Not a test: it prints numbers.
// usage: OPENSEARCH_URL=http://127.0.0.1:9260 node backend-bridge/src/serve/testing/measure-intake.mjs
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'kansa.js');
const TOKEN = 'measure-token-0123456789';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

function metrics(port) {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
const value = (text, name, labels = '') => {
  let sum = 0;
  for (const m of text.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm')))
    if (!labels || (m[1] ?? '').includes(labels)) sum += Number(m[2]);
  return sum;
};

const dir = mkdtempSync(join(tmpdir(), 'kansa-measure-'));
const [httpPort, udpPort, tcpPort] = [await freePort(), await freePort(), await freePort()];
const config = join(dir, 'kansa.yaml');
writeFileSync(
  config,
  JSON.stringify({
    opensearch: { url: process.env.OPENSEARCH_URL ?? 'http://127.0.0.1:9200' },
    queue: { dir: join(dir, 'queue') },
    http: { port: httpPort },
    auth: { tokens: [{ name: 'measure', token: TOKEN }] },
    syslog: {
      udp: { enabled: true, port: udpPort },
      tcp: { enabled: true, port: tcpPort },
      rateLimit: { eventsPerSecond: 1e9, burst: 1e9 },
    },
    log: { level: 'warn' },
  }),
);
const bridge = spawn(process.execPath, [BIN, 'serve', '--config', config], {
  stdio: 'inherit',
  env: { ...process.env, KANSA_CONFIG: '', KANSA_RISK: 'off' },
});
for (;;) {
  try {
    await metrics(httpPort);
    break;
  } catch {
    await sleep(200);
  }
}
let peakRss = 0;
const sampler = setInterval(
  async () => (peakRss = Math.max(peakRss, value(await metrics(httpPort), 'process_resident_memory_bytes'))),
  500,
);
const line = (i) =>
  `<38>Nov 28 10:00:01 measure${i % 50} sshd[1600]: Failed password for user${i % 97} from 10.0.${i % 250}.${i % 200} port ${1000 + (i % 60000)} ssh2`;

/** Waits until the counters stop moving (the bridge caught up). */
async function settle(keys) {
  let last = '';
  for (;;) {
    await sleep(1000);
    const m = await metrics(httpPort);
    const now = keys.map(([n, l]) => value(m, n, l)).join(',');
    if (now === last) return m;
    last = now;
  }
}

const udp = createSocket('udp4');
const results = [];
for (const rate of [2000, 5000, 10000, 20000, 40000]) {
  const before = await metrics(httpPort);
  const seconds = 10;
  const total = rate * seconds;
  const started = performance.now();
  let sent = 0;
  // Offer `rate` per second in 10 ms steps.
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due) udp.send(line(sent++), udpPort, '127.0.0.1');
    await sleep(10);
  }
  const elapsed = (performance.now() - started) / 1000;
  const after = await settle([
    ['kansa_input_received_events_total', 'syslog-udp'],
    ['kansa_udp_kernel_dropped_total'],
    ['kansa_udp_dropped_total'],
  ]);
  const d = (n, l) => value(after, n, l) - value(before, n, l);
  const received = d('kansa_input_received_events_total', 'syslog-udp');
  results.push({
    input: 'udp',
    offeredPerSecond: rate,
    sent,
    receivedPerSecond: Math.round(received / elapsed),
    received,
    kernelDrops: d('kansa_udp_kernel_dropped_total'),
    bridgeDrops: d('kansa_udp_dropped_total'),
    unaccounted: sent - received - d('kansa_udp_kernel_dropped_total') - d('kansa_udp_dropped_total'),
  });
  console.log(JSON.stringify(results.at(-1)));
}
udp.close();

// TCP: one connection, 300k lines, written as fast as the socket's backpressure allows.
{
  const before = await metrics(httpPort);
  const total = 300_000;
  const socket = connect(tcpPort, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  const started = performance.now();
  for (let i = 0; i < total; i += 500) {
    let chunk = '';
    for (let k = i; k < i + 500; k++) chunk += `${line(k)}\n`;
    if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
  }
  socket.end();
  for (;;) {
    const m = await metrics(httpPort);
    if (
      value(m, 'kansa_input_received_events_total', 'syslog-tcp') -
        value(before, 'kansa_input_received_events_total', 'syslog-tcp') >=
      total
    )
      break;
    await sleep(100);
  }
  const elapsed = (performance.now() - started) / 1000;
  results.push({
    input: 'tcp',
    sent: total,
    seconds: Number(elapsed.toFixed(1)),
    receivedPerSecond: Math.round(total / elapsed),
  });
  console.log(JSON.stringify(results.at(-1)));
}
clearInterval(sampler);
console.log(JSON.stringify({ peakRssMiB: Math.round(peakRss / 1024 / 1024) }));
bridge.kill('SIGTERM');
