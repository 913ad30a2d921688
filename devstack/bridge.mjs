// Runs `kansa serve` in the background for the dev stack: start|stop|status, with a pid file like the OpenSearch launcher.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { log, REPO } from './lib.mjs';

const DATA = process.env.KANSA_DATA_DIR ?? join(REPO, '.kansa');
const CONFIG = join(DATA, 'kansa.yaml');
const PID = join(DATA, 'bridge.pid');
const LOG = join(DATA, 'bridge.log');
const HTTP_PORT = 9280;

/** A dev config with a random token, written once: the bridge refuses intake without tokens. */
function ensureConfig() {
  if (existsSync(CONFIG)) return;
  mkdirSync(DATA, { recursive: true });
  const token = randomBytes(18).toString('base64url');
  writeFileSync(
    CONFIG,
    [
      '# Written by `npm start` for the local dev stack; edit freely (see backend-bridge/kansa.example.yaml).',
      `queue: { dir: ${JSON.stringify(join(DATA, 'queue'))} }`,
      `http: { port: ${HTTP_PORT} }`,
      `auth: { tokens: [{ name: dev, token: ${JSON.stringify(token)} }] }`,
      'syslog: { udp: { enabled: true, port: 5514 }, tcp: { enabled: true, port: 5514 } }',
      'translate: { timeZone: Asia/Tokyo }',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}

export function bridgeToken() {
  return /token: "([^"]+)"/.exec(readFileSync(CONFIG, 'utf8'))?.[1];
}

function runningPid() {
  if (!existsSync(PID)) return undefined;
  const pid = Number(readFileSync(PID, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function ready() {
  try {
    return (await fetch(`http://127.0.0.1:${HTTP_PORT}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

export async function startBridge({ openSearchUrl }) {
  ensureConfig();
  if (runningPid() && (await ready()))
    return { url: `http://127.0.0.1:${HTTP_PORT}`, pid: runningPid(), config: CONFIG };
  const out = openSync(LOG, 'a');
  const child = spawn(
    process.execPath,
    ['--max-old-space-size=512', join(REPO, 'backend-bridge/bin/kansa.js'), 'serve', '--config', CONFIG],
    {
      cwd: REPO,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, OPENSEARCH_URL: openSearchUrl },
    },
  );
  child.unref();
  writeFileSync(PID, String(child.pid));
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (!runningPid()) throw new Error(`the bridge exited at start; see ${LOG}`);
    if (Date.now() > deadline) throw new Error(`the bridge did not become ready in 60 s; see ${LOG}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return { url: `http://127.0.0.1:${HTTP_PORT}`, pid: child.pid, config: CONFIG };
}

export async function stopBridge() {
  const pid = runningPid();
  if (!pid) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && runningPid(); i++) await new Promise((r) => setTimeout(r, 100));
  rmSync(PID, { force: true });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cmd = process.argv[2];
  if (cmd === 'stop') {
    log((await stopBridge()) ? 'bridge stopped' : 'bridge was not running');
  } else if (cmd === 'status') {
    const pid = runningPid();
    process.stdout.write(
      pid ? `running (pid ${pid}), ready: ${await ready()}, config ${CONFIG}, log ${LOG}\n` : 'stopped\n',
    );
    process.exitCode = pid ? 0 : 3;
  } else {
    process.stderr.write('usage: node devstack/bridge.mjs stop|status  (npm start starts it)\n');
    process.exitCode = 2;
  }
}
