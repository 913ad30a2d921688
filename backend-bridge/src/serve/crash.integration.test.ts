import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../opensearch/client';
import { AUTH, TOKEN, docsOfHost, marker, until } from './testing/helpers';
import { type Child, ensureBuilt, freePort, metric, post, spawnBridge } from './testing/child';

jest.setTimeout(240_000);

const REQUESTS = 60;
const LINES = 200;

describe('bridge crash (kill -9) mid-stream of HTTP input', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  afterAll(() => client.close());

  it('every acknowledged event is in OpenSearch exactly once after a restart', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'kansa-crash-'));
    const host = marker('crash');
    const config = {
      opensearch: { url: process.env.OPENSEARCH_URL },
      queue: { dir: join(dir, 'queue') },
      auth: { tokens: [{ name: 'crash-test', token: TOKEN }] },
      translate: { year: 2031 },
      log: { level: 'warn' },
    };
    const bodies = Array.from({ length: REQUESTS }, (_, r) =>
      Array.from(
        { length: LINES },
        (_, i) =>
          `<38>Nov 28 11:00:00 ${host} sshd[9]: Failed password for seq${r * LINES + i} from 10.1.0.1 port 22 ssh2`,
      ).join('\n'),
    );
    const acked = new Set<number>();
    let bridge: Child = await spawnBridge(dir, config);

    // Two senders in parallel; the bridge is killed once a third of the requests were acknowledged.
    let next = 0;
    let killed = false;
    const sender = async () => {
      while (next < REQUESTS) {
        const r = next++;
        try {
          const res = await post(bridge.port, '/ingest?format=syslog', bodies[r], AUTH);
          if (res.status === 200) acked.add(r);
        } catch {
          // connection reset or refused: not acknowledged
        }
        if (!killed && acked.size >= REQUESTS / 3) {
          killed = true;
          bridge.proc.kill('SIGKILL');
        }
      }
    };
    await Promise.all([sender(), sender()]);
    expect(killed).toBe(true);
    await bridge.exited;
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeGreaterThanOrEqual(REQUESTS / 3);
    expect(ackedBeforeCrash).toBeLessThan(REQUESTS);

    // Restart on the same queue; the senders resend what was not acknowledged (same bodies).
    bridge = await spawnBridge(dir, config);
    for (let r = 0; r < REQUESTS; r++) {
      if (acked.has(r)) continue;
      const res = await post(bridge.port, '/ingest?format=syslog', bodies[r], AUTH);
      expect(res.status).toBe(200);
      acked.add(r);
    }
    await until(
      () => metric(bridge.port, TOKEN, 'kansa_queue_depth_events'),
      (d) => d === 0,
      'queue drained',
    );
    const docs = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= REQUESTS * LINES,
      'all documents',
    );
    const seqs = docs.map((d) => Number(/seq(\d+)/.exec(d.original)![1]));
    expect(new Set(seqs).size).toBe(seqs.length); // none duplicated
    expect(seqs.length).toBe(REQUESTS * LINES); // none lost

    // SIGTERM drains and exits cleanly.
    bridge.proc.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);
  });

  it('kill -9 mid-stream of TCP syslog: everything that reached the queue is indexed once, nothing twice', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'kansa-crash-tcp-'));
    const host = marker('crtcp');
    const tcpPort = await freePort();
    const config = {
      opensearch: { url: process.env.OPENSEARCH_URL },
      queue: { dir: join(dir, 'queue') },
      auth: { tokens: [{ name: 'crash-test', token: TOKEN }] },
      syslog: { tcp: { enabled: true, port: tcpPort }, rateLimit: { eventsPerSecond: 1e9, burst: 1e9 } },
      translate: { year: 2031 },
      log: { level: 'warn' },
    };
    let bridge = await spawnBridge(dir, config);
    const SENT = 60_000;
    const socket = connect(tcpPort, '127.0.0.1');
    socket.on('error', () => undefined);
    await new Promise((r) => socket.once('connect', r));
    void (async () => {
      for (let i = 0; i < SENT && !socket.destroyed; i += 500) {
        const chunk = Array.from(
          { length: 500 },
          (_, j) => `<38>Nov 28 11:30:00 ${host} sshd[9]: Failed password for t${i + j} from 10.1.0.2 port 22 ssh2\n`,
        ).join('');
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
      }
    })();
    // What the bridge reports as received is in the queue (it counts after the append).
    const queued = await until(
      () => metric(bridge.port, TOKEN, 'kansa_input_received_events_total', 'syslog-tcp'),
      (n) => n >= 10_000,
      'events queued',
    );
    bridge.proc.kill('SIGKILL');
    await bridge.exited;
    socket.destroy();

    bridge = await spawnBridge(dir, config);
    await until(
      () => metric(bridge.port, TOKEN, 'kansa_queue_depth_events'),
      (d) => d === 0,
      'queue drained',
    );
    const docs = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= queued,
      'the queued documents',
    );
    const seqs = docs.map((d) => Number(/ t(\d+) /.exec(d.original)![1]));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.length).toBeGreaterThanOrEqual(queued);
    // Records arrive in order on one connection: what is indexed is a prefix of what was sent.
    expect(Math.max(...seqs)).toBe(seqs.length - 1);
    bridge.proc.kill('SIGTERM');
    expect(await bridge.exited).toBe(0);
  });
});
