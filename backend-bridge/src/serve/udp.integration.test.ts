import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../opensearch/client';
import { TOKEN, countHost, marker, until } from './testing/helpers';
import { type Child, ensureBuilt, freePort, metric, spawnBridge } from './testing/child';

jest.setTimeout(120_000);

/**
 * Issue 15, defect 6: datagrams the kernel drops (receive buffer full) reach /metrics. The bridge
 * is stopped (SIGSTOP) with a tiny receive buffer while 2,000 datagrams arrive, so most of them are
 * dropped by the kernel; after SIGCONT every datagram is either stored or counted as dropped.
 */
describe('syslog over UDP', () => {
  let bridge: Child | undefined;
  afterAll(async () => {
    bridge?.proc.kill('SIGCONT');
    bridge?.proc.kill('SIGKILL');
    await bridge?.exited;
  });

  it('counts kernel receive-buffer drops, and stores or counts every datagram', async () => {
    ensureBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'kansa-udp-'));
    const udpPort = await freePort();
    bridge = await spawnBridge(dir, {
      opensearch: { url: process.env.OPENSEARCH_URL },
      queue: { dir: join(dir, 'queue') },
      auth: { tokens: [{ name: 'udp-test', token: TOKEN }] },
      syslog: {
        udp: { enabled: true, port: udpPort, receiveBufferBytes: 4096 },
        rateLimit: { eventsPerSecond: 1e9, burst: 1e9 },
      },
      log: { level: 'warn' },
    });
    const host = marker('udpdrop');
    const udp = createSocket('udp4');
    const SENT = 2000;
    bridge.proc.kill('SIGSTOP');
    for (let i = 0; i < SENT; i++) {
      await new Promise<void>((r) =>
        udp.send(
          `<38>Nov 28 10:00:01 ${host} sshd[1600]: Failed password for user${i} from 10.0.1.1 port ${i} ssh2`,
          udpPort,
          '127.0.0.1',
          () => r(),
        ),
      );
    }
    udp.close();
    bridge.proc.kill('SIGCONT');
    const stored = () => metric(bridge!.port, TOKEN, 'kansa_input_received_events_total', 'input="syslog-udp"');
    const kernel = () => metric(bridge!.port, TOKEN, 'kansa_udp_kernel_dropped_total');
    await until(
      async () => (await stored()) + (await kernel()),
      (n) => n === SENT,
      'every datagram stored or counted as a kernel drop',
    );
    const kept = await stored();
    expect(await kernel()).toBeGreaterThan(0);
    expect(kept).toBeGreaterThan(0);
    expect(await metric(bridge.port, TOKEN, 'kansa_udp_dropped_total')).toBe(0);
    await until(
      () => countHost(createClient(process.env.OPENSEARCH_URL), host),
      (n) => n === kept,
      'stored datagrams in OpenSearch',
    );
  });
});
