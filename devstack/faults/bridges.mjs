// `kansa serve` as a black box for fault cases: child processes with their own config, queue dir and
// fixed ports (so a restart comes back where senders expect it), and the two intake paths a sender uses.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { REPO } from '../lib.mjs';

export const TOKEN = 'faults-token-0123456789abcdef';
const BIN = join(REPO, 'backend-bridge', 'bin', 'kansa.js');

// Bridges must not outlive the suite when it is interrupted (the runner exits on SIGINT/SIGTERM).
const running = new Set();
process.once('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * A bridge on its own queue dir with syslog TCP and HTTP on free loopback ports. `env` adds to the child's
 * environment (e.g. KANSA_RISK). The config is JSON, which YAML reads as it is.
 */
export async function createBridge({ dir, name, openSearchUrl, env = {}, config = {} }) {
  if (!existsSync(join(REPO, 'backend-bridge', 'dist', 'cli.js')))
    throw new Error('backend-bridge is not built: run npm run build');
  mkdirSync(dir, { recursive: true });
  const bridge = {
    name,
    dir,
    httpPort: await freePort(),
    tcpPort: await freePort(),
    env,
    up: false,
    generation: 0,
    log: '',
  };
  bridge.configFile = join(dir, 'kansa.json');
  writeFileSync(
    bridge.configFile,
    JSON.stringify({
      opensearch: { url: openSearchUrl },
      queue: { dir: join(dir, 'queue') },
      http: { port: bridge.httpPort },
      auth: { tokens: [{ name: 'faults', token: TOKEN }] },
      // One sender writes far above the default per-sender rate here; pausing it is not the fault under test.
      syslog: { tcp: { enabled: true, port: bridge.tcpPort }, rateLimit: { eventsPerSecond: 1e9, burst: 1e9 } },
      log: { level: 'warn' },
      ...config,
    }),
  );
  await startBridge(bridge);
  return bridge;
}

/** Starts (or restarts, on the same queue and ports) and waits for /readyz: OpenSearch reachable, queue not full. */
export async function startBridge(bridge) {
  const proc = spawn(process.execPath, ['--max-old-space-size=512', BIN, 'serve', '--config', bridge.configFile], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KANSA_CONFIG: '', OPENSEARCH_URL: '', KANSA_OPENSEARCH_URL: '', ...bridge.env },
  });
  const keep = (c) => (bridge.log = (bridge.log + c).slice(-20000));
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  bridge.proc = proc;
  running.add(proc);
  bridge.exited = new Promise((resolve) =>
    proc.once('exit', (code, signal) => {
      running.delete(proc);
      resolve(code ?? signal);
    }),
  );
  let dead = false;
  void bridge.exited.then(() => (dead = true));
  for (let delay = 100; ; delay = Math.min(delay * 2, 1000)) {
    if (dead) throw new Error(`bridge ${bridge.name} exited at start:\n${bridge.log}`);
    const s = await get(bridge.httpPort, '/readyz').then(
      (r) => r.status,
      () => 0,
    );
    if (s === 200) break;
    await new Promise((r) => setTimeout(r, delay));
  }
  bridge.generation++;
  bridge.up = true;
  return bridge;
}

/** kill -9: nothing is flushed, closed or acknowledged after this. */
export async function killBridge(bridge) {
  bridge.up = false;
  bridge.generation++;
  bridge.proc.kill('SIGKILL');
  await bridge.exited;
}

/** SIGTERM, which the bridge answers by closing intake and exiting 0. */
export async function stopBridge(bridge) {
  if (!bridge.up) return undefined;
  bridge.up = false;
  bridge.proc.kill('SIGTERM');
  return bridge.exited;
}

/** A counter or gauge from /metrics, summed over its label sets. */
export async function metric(bridge, name) {
  const r = await get(bridge.httpPort, '/metrics', { authorization: `Bearer ${TOKEN}` });
  let sum = 0;
  for (const m of r.body.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm'))) sum += Number(m[2]);
  return sum;
}

function get(port, path, headers = {}) {
  return httpRequest(port, 'GET', path, undefined, headers);
}

function httpRequest(port, method, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POST /ingest: acknowledged when the answer is 200 (the bridge answers after the queue append). */
export async function postIngest(bridge, lines) {
  try {
    const res = await httpRequest(bridge.httpPort, 'POST', '/ingest?format=syslog', lines.join('\n'), {
      authorization: `Bearer ${TOKEN}`,
    });
    return res.status === 200;
  } catch {
    return false; // reset or refused: not acknowledged
  }
}

/**
 * One TCP connection carrying these syslog lines. The bridge closes its side only once everything it read
 * is in its queue, so its FIN is the acknowledgement, unless the bridge was killed meanwhile (then the
 * kernel sent the FIN). Returns 'acked', 'refused' (nothing was delivered: safe to send elsewhere) or
 * 'unknown' (cut off mid-way: some lines may be queued, none acknowledged).
 */
export function sendTcp(bridge, lines) {
  const generation = bridge.generation;
  return new Promise((resolve) => {
    const socket = net.connect(bridge.tcpPort, '127.0.0.1');
    let connected = false;
    let outcome;
    socket.once('connect', () => {
      connected = true;
      socket.end(`${lines.join('\n')}\n`);
    });
    socket.on('data', () => undefined);
    socket.once('end', () => {
      outcome ??= bridge.up && bridge.generation === generation ? 'acked' : 'unknown';
    });
    socket.once('error', () => {
      outcome ??= connected ? 'unknown' : 'refused';
    });
    socket.once('close', () => resolve(outcome ?? 'unknown'));
  });
}
