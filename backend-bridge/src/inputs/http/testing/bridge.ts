import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../../config/load';
import { Bridge } from '../../../serve/bridge';
import { TOKEN, until } from '../../../serve/testing/helpers';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real bridge in this process against the test OpenSearch, HTTP on a free port. */
export async function startBridge(http: Record<string, unknown> = {}): Promise<{ bridge: Bridge; port: number }> {
  const config = loadConfig({
    env: {},
    raw: {
      opensearch: { url: process.env.OPENSEARCH_URL },
      queue: { dir: mkdtempSync(join(tmpdir(), 'kansa-http-q-')) },
      http: { port: 0, ...http },
      auth: { tokens: [{ name: 'tester', token: TOKEN }] },
      translate: { year: 2031, timeZone: 'UTC' },
      log: { level: 'warn' },
    },
  });
  const bridge = new Bridge(config, { logger: pino({ level: 'silent' }) });
  const addr = await bridge.start();
  await until(
    () => bridge.ready,
    (r) => r,
    'bridge ready',
  );
  return { bridge, port: addr.http!.port };
}

export function call(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
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
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** An sshd line of this host; distinct per i. */
export const sshd = (host: string, i: number) =>
  `<38>Nov 28 10:00:01 ${host} sshd[1600]: Failed password for user${i % 7} from 10.0.1.${i % 250} port ${1000 + i} ssh2`;

/** Child bridges run from dist/: rebuild when an HTTP intake source is newer than its output. */
export function ensureHttpBuilt(): void {
  const src = join(__dirname, '..');
  const dist = join(__dirname, '..', '..', '..', '..', 'dist', 'inputs', 'http');
  const stale = [
    'front.ts',
    'body.ts',
    'scan.ts',
    'records.ts',
    'delivery.ts',
    'route-intake.ts',
    'index.ts',
    'ingest/intake.ts',
    'bulk/intake.ts',
    'bulk/parse.ts',
  ].some((f) => {
    const out = join(dist, f.replace(/\.ts$/, '.js'));
    return !existsSync(out) || statSync(out).mtimeMs < statSync(join(src, f)).mtimeMs;
  });
  if (stale) {
    try {
      execFileSync('npx', ['tsc', '-b', join(__dirname, '..', '..', '..', '..')], {
        cwd: join(__dirname, '..', '..', '..', '..', '..'),
        stdio: 'ignore',
      });
    } catch {
      // Type errors elsewhere still emit.
    }
  }
}
