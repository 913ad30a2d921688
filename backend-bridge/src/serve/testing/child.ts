import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { until } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'kansa.js');

/** The bridge runs from dist/: build it when it is missing or older than the bridge's sources. */
export function ensureBuilt(): void {
  const built = join(ROOT, 'dist', 'serve', 'bridge.js');
  const src = join(ROOT, 'src', 'serve', 'bridge.ts');
  if (!existsSync(built) || statSync(built).mtimeMs < statSync(src).mtimeMs) {
    try {
      execFileSync('npx', ['tsc', '-b', ROOT], { cwd: join(ROOT, '..'), stdio: 'ignore' });
    } catch {
      // Type errors elsewhere still emit; the existence check below is what matters.
    }
  }
  if (!existsSync(built)) throw new Error('backend-bridge is not built: run npx tsc -b backend-bridge');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts `kansa serve` with this config (YAML written next to the queue) without waiting; `wrap`
 * runs it under another command, e.g. ['prlimit', '--nofile=256:256', '--'].
 */
export async function launchBridge(dir: string, config: Record<string, unknown>, wrap: string[] = []): Promise<Child> {
  const port = (config.http as { port?: number } | undefined)?.port ?? (await freePort());
  const file = join(dir, 'kansa.yaml');
  writeFileSync(file, stringify({ ...config, http: { ...(config.http as object), port } }));
  const argv = [...wrap, process.execPath, BIN, 'serve', '--config', file];
  const proc = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, KANSA_CONFIG: '', OPENSEARCH_URL: '' },
  });
  let out = '';
  proc.stdout!.on('data', (c) => (out = (out + c).slice(-20000)));
  proc.stderr!.on('data', (c) => (out = (out + c).slice(-20000)));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return { proc, port, output: () => out, exited };
}

/** Spawns `kansa serve` with this config (YAML written next to the queue) and waits for /healthz. */
export async function spawnBridge(dir: string, config: Record<string, unknown>, wrap: string[] = []): Promise<Child> {
  const child = await launchBridge(dir, config, wrap);
  const { proc, port, exited } = child;
  const out = () => child.output();
  let dead = false;
  void exited.then(() => (dead = true));
  await until(
    async () => (dead ? 'dead' : (await get(port, '/healthz').catch(() => ({ status: 0 }))).status),
    (s) => s === 200 || s === 'dead',
    'bridge /healthz',
    60_000,
  ).then((s) => {
    if (s === 'dead') throw new Error(`bridge exited at start:\n${out()}`);
  });
  return { proc, port, output: out, exited };
}

export function get(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return post(port, path, undefined, headers, 'GET');
}

export function post(
  port: number,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString(), headers: res.headers }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A gauge or counter from /metrics (sum over its label sets). */
export async function metric(port: number, token: string, name: string, labels = ''): Promise<number> {
  const r = await get(port, '/metrics', { authorization: `Bearer ${token}` });
  let sum = 0;
  for (const m of r.body.matchAll(new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`, 'gm')))
    if (!labels || (m[1] ?? '').includes(labels)) sum += Number(m[2]);
  return sum;
}
