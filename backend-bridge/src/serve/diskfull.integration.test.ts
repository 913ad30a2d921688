import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../opensearch/client';
import { AUTH, TOKEN, countHost, marker, until } from './testing/helpers';
import { type Child, ensureBuilt, freePort, get, metric, post, spawnBridge } from './testing/child';

jest.setTimeout(180_000);

/**
 * Issue 15, defect 2: the queue's disk fills up (a real 2 MiB tmpfs). Before, one UDP datagram
 * hitting ENOSPC killed the bridge, and after a restart writing ack.json.tmp killed it again even
 * with OpenSearch up. Now a failed append is refused (UDP: counted drop; HTTP: 503), /readyz says
 * 503, and a restart on the full disk drains the queue into OpenSearch and takes data again.
 */
describe('the queue disk is full', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  const mnt = mkdtempSync(join(tmpdir(), 'kansa-enospc-'));
  let bridge: Child | undefined;
  let mounted = false;

  beforeAll(() => {
    ensureBuilt();
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]);
    mounted = true;
  });
  afterAll(async () => {
    bridge?.proc.kill('SIGKILL');
    await bridge?.exited;
    if (mounted) execFileSync('umount', [mnt]);
  });

  it('refuses what it cannot store, stays up, and drains after a restart on the full disk', async () => {
    const queueDir = join(mnt, 'queue');
    mkdirSync(queueDir);
    const udpPort = await freePort();
    const config = (url: string) => ({
      opensearch: { url },
      queue: { dir: queueDir, segmentBytes: '256KiB' },
      auth: { tokens: [{ name: 'enospc-test', token: TOKEN }] },
      syslog: { udp: { enabled: true, port: udpPort }, rateLimit: { eventsPerSecond: 1e9, burst: 1e9 } },
      log: { level: 'info' },
    });
    // First run: OpenSearch unreachable, so nothing leaves the queue and the disk fills.
    bridge = await spawnBridge(mnt, config(`http://127.0.0.1:${await freePort()}`));
    const host = marker('enospc');
    const udp = createSocket('udp4');
    const send = (i: number) =>
      new Promise<void>((r) =>
        udp.send(
          `<38>Nov 28 10:00:01 ${host} sshd[1600]: Failed password for user${i} from 10.0.1.1 port ${i} ssh2`,
          udpPort,
          '127.0.0.1',
          () => r(),
        ),
      );
    let sent = 0;
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 200; i++) await send(sent++);
      const accounted = async () =>
        (await metric(bridge!.port, TOKEN, 'kansa_udp_dropped_total')) +
        (await metric(bridge!.port, TOKEN, 'kansa_udp_kernel_dropped_total')) +
        (await metric(bridge!.port, TOKEN, 'kansa_input_received_events_total', 'input="syslog-udp"'));
      await until(accounted, (n) => n >= sent, 'every datagram stored or counted as dropped');
      if ((await metric(bridge.port, TOKEN, 'kansa_queue_write_errors_total')) > 0) break;
    }
    udp.close();
    expect(await metric(bridge.port, TOKEN, 'kansa_queue_write_errors_total')).toBeGreaterThan(0);
    expect(await metric(bridge.port, TOKEN, 'kansa_udp_dropped_total', 'reason="storage_error"')).toBeGreaterThan(0);
    expect(bridge.output()).toContain('cannot write the queue: intake refused until it can');
    expect((await get(bridge.port, '/healthz')).status).toBe(200);
    expect((await get(bridge.port, '/readyz')).status).toBe(503);
    expect(
      (
        await post(
          bridge.port,
          '/ingest?format=syslog',
          `<38>Nov 28 10:00:02 ${host} sshd[1]: Failed password for x from 10.0.1.2 port 1 ssh2\n`.repeat(200),
          AUTH,
        )
      ).status,
    ).toBe(503);
    const kept = await metric(bridge.port, TOKEN, 'kansa_input_received_events_total', 'input="syslog-udp"');
    expect(kept).toBeGreaterThan(0);

    // Crash, then restart on the same full disk with OpenSearch up: it must drain, not crash-loop.
    bridge.proc.kill('SIGKILL');
    await bridge.exited;
    bridge = await spawnBridge(mnt, config(process.env.OPENSEARCH_URL!));
    let exited = false;
    void bridge.exited.then(() => (exited = true));
    await until(
      () => countHost(client, host),
      (n) => n === kept || exited,
      'every acknowledged event in OpenSearch',
    );
    expect(exited).toBe(false);
    expect(await countHost(client, host)).toBe(kept);
    await until(
      () => metric(bridge!.port, TOKEN, 'kansa_queue_depth_events'),
      (n) => n === 0,
      'queue drained',
    );
    expect(
      (
        await post(
          bridge.port,
          '/ingest?format=syslog',
          `<38>Nov 28 10:00:03 ${host} sshd[1]: Failed password for y from 10.0.1.3 port 1 ssh2\n`,
          AUTH,
        )
      ).status,
    ).toBe(200);
    await until(
      () => countHost(client, host),
      (n) => n === kept + 1,
      'the new event indexed',
    );
  });
});
