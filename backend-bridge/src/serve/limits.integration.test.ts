import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../opensearch/client';
import { AUTH, TOKEN, marker, selfSignedCert, until } from './testing/helpers';
import { type Child, ensureBuilt, freePort, get, launchBridge, metric, post, spawnBridge } from './testing/child';

jest.setTimeout(180_000);

/**
 * Issue 15, defects 4, 5 and 9: a bridge that cannot start all its listeners exits non-zero with one
 * line; SIGTERM stops it cleanly; syslog TCP has a connection limit (capped by the fd limit) and an
 * idle timeout, so 300 idle connections under a 256-descriptor limit neither kill it nor stop it;
 * an octet-counted frame cut by the close is kept as a parse failure.
 */
const base = (dir: string, extra: Record<string, unknown> = {}) => ({
  opensearch: { url: process.env.OPENSEARCH_URL },
  queue: { dir: join(dir, 'queue') },
  auth: { tokens: [{ name: 'limits-test', token: TOKEN }] },
  log: { level: 'info' },
  ...extra,
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

describe('kansa serve limits and lifecycle', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  const children: Child[] = [];
  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    for (const c of children) c.proc.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
  });

  it('exits 1 with one line when a syslog port is in use, and when the TLS key is unusable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-start-'));
    const busy = createServer();
    const port = await freePort();
    await new Promise<void>((r) => busy.listen(port, '127.0.0.1', r));
    try {
      const inUse = await launchBridge(dir, base(dir, { syslog: { tcp: { enabled: true, port } } }));
      children.push(inUse);
      expect(await inUse.exited).toBe(1);
      expect(inUse.output()).toContain(
        `kansa serve: cannot start: syslog-tcp: cannot listen on 127.0.0.1:${port}: EADDRINUSE`,
      );
      expect(inUse.output()).not.toMatch(/\n\s+at /);
    } finally {
      busy.close();
    }
    const { cert } = selfSignedCert();
    const badKey = join(dir, 'bad-key.pem');
    writeFileSync(badKey, '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n');
    const badTls = await launchBridge(
      dir,
      base(dir, { syslog: { tls: { enabled: true, port: await freePort(), cert, key: badKey } } }),
    );
    children.push(badTls);
    expect(await badTls.exited).toBe(1);
    expect(badTls.output()).toMatch(/kansa serve: cannot start: syslog-tls: unusable TLS certificate or key/);
    expect(badTls.output()).not.toMatch(/\n\s+at /);
  });

  it('stops cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-term-'));
    const bridge = await spawnBridge(dir, base(dir, { syslog: { tcp: { enabled: true, port: await freePort() } } }));
    children.push(bridge);
    bridge.proc.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);
    expect(bridge.output()).toContain('"msg":"stopped"');
  });

  it('closes connections over the limit and idle ones, survives 300 connections under a 256-fd limit, and keeps a cut frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-fd-'));
    const tcpPort = await freePort();
    // maxConnections 1000 is above what 256 descriptors allow: the bridge caps it at 256 - 64.
    const bridge = await spawnBridge(
      dir,
      base(dir, { syslog: { maxConnections: 1000, idleTimeoutSeconds: 2, tcp: { enabled: true, port: tcpPort } } }),
      ['prlimit', '--nofile=256:256', '--'],
    );
    children.push(bridge);
    const sockets: Socket[] = [];
    let closedByBridge = 0;
    for (let i = 0; i < 300; i++) {
      const s = await open(tcpPort).catch(() => undefined);
      if (!s) continue;
      s.on('error', () => undefined);
      s.on('close', () => closedByBridge++);
      sockets.push(s);
    }
    await until(
      () => metric(bridge.port, TOKEN, 'kansa_input_rejected_total', 'reason="connection_limit"'),
      (n) => n >= 300 - 192,
      'connections over the limit refused',
    );
    expect(await metric(bridge.port, TOKEN, 'kansa_input_connections', 'input="syslog-tcp"')).toBeLessThanOrEqual(192);
    // Idle connections are closed by the bridge: every socket ends up closed without the client closing it.
    await until(
      () => closedByBridge,
      (n) => n === sockets.length,
      'idle connections closed',
    );
    expect(await metric(bridge.port, TOKEN, 'kansa_input_rejected_total', 'reason="idle_timeout"')).toBeGreaterThan(0);
    expect((await get(bridge.port, '/healthz')).status).toBe(200);

    // Still taking data, and an octet-counted frame cut short by the close is stored as a parse failure.
    const host = marker('fdhost');
    const whole = `<38>1 2026-11-20T10:00:00Z ${host} sshd 42 - - Accepted password for alice from 10.9.9.9 port 22 ssh2`;
    const cut = `<38>1 2026-11-20T10:00:01Z ${host} sshd 42 - - Failed password for ${host}cut`;
    const s = await open(tcpPort);
    s.end(`${Buffer.byteLength(whole)} ${whole}${Buffer.byteLength(cut) + 40} ${cut}`);
    await until(
      () => metric(bridge.port, TOKEN, 'kansa_input_parse_failures_total', 'input="syslog-tcp"'),
      (n) => n === 1,
      'the cut frame counted as a parse failure',
    );
    // The log line travels through the child's stdout pipe: it can arrive after the metric has counted.
    await until(
      async () => bridge.output(),
      (out) => out.includes('connection closed inside a frame: kept as a parse failure'),
      'the cut frame logged',
    );
    const hits = await until(
      async () => {
        await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
        const r = (
          await client.transport.request({
            method: 'POST',
            path: '/kansa-events-*/_search',
            body: { query: { match_phrase: { 'event.original': host } } },
          })
        ).body as {
          hits: { hits: Array<{ _source: Record<string, unknown> }> };
        };
        return r.hits.hits.map((h) => h._source);
      },
      (h) => h.length === 2,
      'both records in OpenSearch',
    );
    const failed = hits.find((h) => h['kansa.parse.status'] === 'failed')!;
    expect(failed['event.original']).toBe(cut);
    expect(failed['kansa.parse.error']).toContain(
      `${Buffer.byteLength(cut)} of ${Buffer.byteLength(cut) + 40} bytes received`,
    );
    expect(hits.find((h) => h['kansa.parse.status'] === 'ok')).toBeDefined();
    expect(
      (await post(bridge.port, '/ingest?format=syslog', `<38>Nov 20 10:00:00 ${host} sshd[1]: x\n`, AUTH)).status,
    ).toBe(200);
  });
});
