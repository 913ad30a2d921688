import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config/load';
import { createClient } from '../opensearch/client';
import { DEAD_LETTER_PREFIX, dailyIndex, installTemplate } from '../opensearch/template';
import { Bridge } from './bridge';
import { countHost, marker, until } from './testing/helpers';

jest.setTimeout(120_000);

/**
 * Issue 15: what the OpenSearch output does when it cannot store. Defect 1: documents that neither
 * their index nor the dead-letter index take stay in the queue (counted, logged once) instead of
 * being acknowledged and lost. Defect 9: connection refused is an outage, logged once when it
 * starts and once when it ends. And events dated far from their arrival go to the arrival day's
 * index, with the reason in the event.
 */
const DAY = 86_400_000;
const rfc5424 = (host: string, iso: string, i: number) =>
  `<38>1 ${iso} ${host} sshd 42 - - Accepted password for user${i} from 10.7.0.${i} port 22 ssh2`;

function capture(): { logger: pino.Logger; lines: () => Array<Record<string, unknown>> } {
  const out: string[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => void out.push(s) });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function startBridge(url: string, logger: pino.Logger): Bridge {
  const config = loadConfig({
    env: {},
    raw: {
      opensearch: { url },
      queue: { dir: mkdtempSync(join(tmpdir(), 'kansa-output-q-')) },
      http: { enabled: false },
      syslog: { tcp: { enabled: true, port: 0 } },
    },
  });
  return new Bridge(config, { logger });
}

function sendLines(port: number, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => s.end(`${lines.join('\n')}\n`));
    s.on('close', () => resolve());
    s.on('error', reject);
  });
}

const bulkRequests = (bridge: Bridge) =>
  Number(/^kansa_output_bulk_duration_seconds_count\{[^}]*\} (\d+)$/m.exec(bridge.metrics.render())?.[1] ?? 0);

describe('the OpenSearch output when it cannot store', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  const block = (index: string, on: boolean) =>
    client.transport.request({ method: 'PUT', path: `/${index}/_settings`, body: { 'index.blocks.write': on } });

  it('keeps documents that neither their index nor the dead-letter index take, and dead-letters them once it can', async () => {
    await installTemplate(client);
    // A day of its own, well inside the time window, whose index refuses writes (403: not retryable).
    const day = new Date(Date.now() - 200 * DAY).toISOString().slice(0, 10);
    const target = dailyIndex(`${day}T00:00:00Z`);
    const deadLetters = dailyIndex(new Date().toISOString(), DEAD_LETTER_PREFIX);
    for (const index of [target, deadLetters]) {
      await client.transport.request({ method: 'PUT', path: `/${index}` }).catch(() => undefined);
      await block(index, true);
    }
    const { logger, lines } = capture();
    const bridge = startBridge(process.env.OPENSEARCH_URL!, logger);
    const host = marker('dlfail');
    try {
      const addr = await bridge.start();
      await sendLines(
        addr.syslogTcp!.port,
        [0, 1, 2, 3, 4].map((i) => rfc5424(host, `${day}T10:00:0${i}Z`, i)),
      );
      // Several rounds of retries: every one counted, one log line for the whole state.
      await until(
        () => bridge.metrics.deadLetterFailed.get({ output: 'opensearch' }),
        (n) => n >= 15,
        'dead-letter refusals counted',
      );
      expect(bridge.queue.depthEvents).toBe(5);
      expect(bridge.metrics.deadLettered.get({ output: 'opensearch' })).toBe(0);
      const logged = lines().filter((l) => l.state === 'dead_letter_failed');
      expect(logged).toHaveLength(1);
      expect(String(logged[0].err)).toContain('blocked');

      // The dead-letter index takes writes again: all five land there, with their target, and leave the queue.
      await block(deadLetters, false);
      await until(
        () => bridge.queue.depthEvents,
        (n) => n === 0,
        'queue drained',
      );
      expect(bridge.metrics.deadLettered.get({ output: 'opensearch' })).toBe(5);
      await client.transport.request({ method: 'POST', path: `/${deadLetters}/_refresh` });
      const kept = (
        await client.transport.request({
          method: 'POST',
          path: `/${deadLetters}/_count`,
          body: { query: { bool: { filter: [{ term: { target_index: target } }] } } },
        })
      ).body as { count: number };
      expect(kept.count).toBeGreaterThanOrEqual(5);
      expect(lines().some((l) => l.msg === 'OpenSearch output recovered')).toBe(true);
    } finally {
      await bridge.stop();
      await block(deadLetters, false).catch(() => undefined);
      await client.transport.request({ method: 'DELETE', path: `/${target}` }).catch(() => undefined);
    }
  });

  it('logs connection refused once as an outage, not a failure per retry, and recovers', async () => {
    // A proxy in front of OpenSearch that can be closed: then connections are refused (statusCode null).
    const upstream = new URL(process.env.OPENSEARCH_URL!);
    const sockets = new Set<Socket>();
    const proxy = (): Server =>
      createServer((c) => {
        const u = connect(Number(upstream.port), upstream.hostname);
        for (const s of [c, u]) {
          sockets.add(s);
          s.on('error', () => undefined);
          s.on('close', () => sockets.delete(s));
        }
        c.pipe(u).pipe(c);
      });
    let server = proxy();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const { logger, lines } = capture();
    const bridge = startBridge(`http://127.0.0.1:${port}`, logger);
    const host = marker('refused');
    try {
      const addr = await bridge.start();
      await until(
        () => bridge.ready,
        (r) => r,
        'bridge ready',
      );
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const s of sockets) s.destroy();
      await closed;
      const before = bulkRequests(bridge);
      await sendLines(
        addr.syslogTcp!.port,
        [0, 1, 2].map((i) => rfc5424(host, new Date().toISOString(), i)),
      );
      await until(
        () => bulkRequests(bridge) - before,
        (n) => n >= 4,
        'several refused attempts',
      );
      expect(lines().filter((l) => l.state === 'unreachable')).toHaveLength(1);
      expect(lines().filter((l) => l.state === 'refused' || l.msg === 'bulk request failed')).toHaveLength(0);
      expect(bridge.queue.depthEvents).toBe(3);

      server = proxy();
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      await until(
        () => countHost(client, host),
        (n) => n === 3,
        'events indexed after the outage',
      );
      expect(lines().filter((l) => l.msg === 'OpenSearch output recovered')).toHaveLength(1);
    } finally {
      await bridge.stop();
      server.close();
      for (const s of sockets) s.destroy();
    }
  });

  it('indexes events dated far from their arrival by arrival day, keeping their timestamp and saying why', async () => {
    const { logger } = capture();
    const bridge = startBridge(process.env.OPENSEARCH_URL!, logger);
    const host = marker('fardate');
    const arrival = [new Date().toISOString().slice(0, 10)];
    try {
      const addr = await bridge.start();
      await sendLines(addr.syslogTcp!.port, [
        rfc5424(host, '2099-03-01T10:00:00Z', 1),
        rfc5424(host, '0001-01-01T10:00:00Z', 2),
        rfc5424(host, new Date().toISOString(), 3),
      ]);
      arrival.push(new Date().toISOString().slice(0, 10));
      await until(
        () => countHost(client, host),
        (n) => n === 3,
        'three events indexed',
      );
      const res = (
        await client.transport.request({
          method: 'POST',
          path: '/kansa-events-*/_search',
          body: { query: { term: { 'host.name': host } }, sort: [{ '@timestamp': 'asc' }] },
        })
      ).body as {
        hits: { hits: Array<{ _index: string; _source: Record<string, unknown> }> };
      };
      const [ancient, , future] = res.hits.hits;
      for (const h of [ancient, future]) {
        expect(arrival.map((d) => dailyIndex(`${d}T00:00:00Z`))).toContain(h._index);
        expect(String(h._source['kansa.parse.error'])).toContain('outside the accepted window: indexed by arrival day');
        expect(h._source['event.created']).toBeDefined();
      }
      expect(String(ancient._source['@timestamp'])).toMatch(/^0001-01-01/);
      expect(String(future._source['@timestamp'])).toMatch(/^2099-03-01/);
      expect(bridge.metrics.farTimestamps.get({ input: 'syslog-tcp' })).toBe(2);
      expect(res.hits.hits[1]._source['kansa.parse.error']).toBeUndefined();
    } finally {
      await bridge.stop();
    }
  });
});
