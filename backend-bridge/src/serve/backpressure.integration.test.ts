import { mkdtempSync } from 'node:fs';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUTH, TOKEN, until } from './testing/helpers';
import { type Child, ensureBuilt, freePort, get, metric, post, spawnBridge } from './testing/child';

jest.setTimeout(180_000);

/**
 * OpenSearch is unreachable (a closed port), so nothing leaves the queue: with a 512 KiB queue, HTTP
 * must answer 429 + Retry-After and TCP senders must be paused, while the bridge's memory stays flat.
 *
 * RSS limit: 200 MiB. An idle bridge measures ~90 MiB here (91 MiB when this test was written) (Node + the OpenSearch client + every
 * translator); the test offers 64 MiB over TCP and ~5 MiB over HTTP on top. If the bridge buffered what
 * it cannot queue, RSS would exceed the limit; paused, it holds at most one 64 KiB read per socket and
 * one request body (≤ http.maxBodyBytes = 1 MiB) per request.
 */
const RSS_LIMIT = 200 * 1024 * 1024;
const QUEUE_BYTES = 512 * 1024;
const OFFER = 64 * 1024 * 1024;

describe('backpressure with a tiny queue', () => {
  let bridge: Child;
  afterAll(async () => {
    bridge?.proc.kill('SIGKILL');
    await bridge?.exited;
  });

  it('answers 429 with Retry-After, pauses TCP senders, and keeps memory bounded', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'kansa-bp-'));
    const tcpPort = await freePort();
    const udpPort = await freePort();
    bridge = await spawnBridge(dir, {
      opensearch: { url: `http://127.0.0.1:${await freePort()}` },
      queue: { dir: join(dir, 'queue'), maxBytes: QUEUE_BYTES, segmentBytes: '128KiB' },
      http: { maxBodyBytes: '1MiB' },
      auth: { tokens: [{ name: 'bp-test', token: TOKEN }] },
      syslog: {
        tcp: { enabled: true, port: tcpPort },
        udp: { enabled: true, port: udpPort },
        rateLimit: { eventsPerSecond: 1e9, burst: 1e9 },
      },
      // Dated 2031 (apart from other data); indexed by that day, so the events keep their usual size.
      translate: { year: 2031, timeWindow: { daysBack: 36500, daysAhead: 36500 } },
      log: { level: 'error' },
    });

    // HTTP: keep posting until the queue is full.
    const body = Array.from(
      { length: 400 },
      (_, i) => `<38>Nov 28 12:00:00 bphost sshd[9]: Failed password for u${i} from 10.2.0.1 port 22 ssh2`,
    ).join('\n');
    let statuses: number[] = [];
    let last: Awaited<ReturnType<typeof post>> | undefined;
    for (let i = 0; i < 200 && last?.status !== 429; i++) {
      last = await post(bridge.port, '/ingest?format=syslog', body, AUTH);
      statuses.push(last.status);
    }
    expect(last!.status).toBe(429);
    expect(last!.headers['retry-after']).toBe('5');
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect((await get(bridge.port, '/readyz')).status).toBe(503);
    statuses = [];

    // TCP: offer 64 MiB, honouring the socket's own backpressure; the bridge must stop reading.
    const socket = connect(tcpPort, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.on('error', () => undefined);
    const chunk = Buffer.from(
      Array.from(
        { length: 700 },
        (_, i) => `<38>Nov 28 12:00:00 bphost sshd[9]: Failed password for t${i} from 10.2.0.2 port 22 ssh2\n`,
      ).join(''),
    );
    let offered = 0;
    let finished = false;
    void (async () => {
      while (offered < OFFER && !socket.destroyed) {
        offered += chunk.length;
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
      }
      finished = true;
    })();
    // Wait until the bridge reports the paused connection and the sender has stopped making progress.
    let previous = -1;
    let still = 0;
    await until(
      async () => {
        const paused = await metric(
          bridge.port,
          TOKEN,
          'kansa_input_rejected_total',
          'input="syslog-tcp",reason="queue_full"',
        );
        still = paused > 0 && socket.bytesWritten === previous ? still + 1 : 0;
        previous = socket.bytesWritten;
        return finished || still >= 3;
      },
      (done) => done,
      'the TCP sender to be paused',
    );
    expect(finished).toBe(false);
    expect(socket.bytesWritten).toBeLessThan(OFFER / 2);
    expect(socket.writableLength).toBeGreaterThan(0);
    // The queue is bounded: at most one read (64 KiB) over its bound per connection.
    expect(await metric(bridge.port, TOKEN, 'kansa_queue_depth_bytes')).toBeLessThanOrEqual(QUEUE_BYTES + 64 * 1024);
    // UDP cannot be paused: datagrams that find the queue full are dropped and counted.
    const udp = createSocket('udp4');
    let sent = 0;
    await until(
      async () => {
        for (let i = 0; i < 50; i++, sent++) {
          await new Promise<void>((resolve, reject) =>
            udp.send(
              `<38>Nov 28 12:00:00 bphost sshd[9]: Failed password for d${sent} from 10.2.0.3 port 22 ssh2`,
              udpPort,
              '127.0.0.1',
              (e) => (e ? reject(e) : resolve()),
            ),
          );
        }
        return metric(bridge.port, TOKEN, 'kansa_udp_dropped_total', 'reason="queue_full"');
      },
      (n) => n >= 1 || sent >= 5000,
      'UDP drops counted',
    );
    udp.close();
    expect(await metric(bridge.port, TOKEN, 'kansa_udp_dropped_total', 'reason="queue_full"')).toBeGreaterThan(0);
    const rss = await metric(bridge.port, TOKEN, 'process_resident_memory_bytes');
    expect(rss).toBeLessThan(RSS_LIMIT);
    process.stdout.write(
      `backpressure: bridge RSS ${Math.round(rss / 1024 / 1024)} MiB, TCP sender stopped after ${Math.round(socket.bytesWritten / 1024 / 1024)} MiB of ${OFFER / 1024 / 1024} MiB\n`,
    );
    socket.destroy();
  });
});
