import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../config/load';
import { createClient } from '../opensearch/client';
import { Bridge } from './bridge';
import { AUTH, TOKEN, countHost, marker, until } from './testing/helpers';
import { post } from './testing/child';

jest.setTimeout(360_000);

/** This test's own node, not the shared test node: it is stopped and restarted mid-stream. */
const PORT = Number(process.env.KANSA_TEST_OUTAGE_PORT || 9270);
const LAUNCHER = join(__dirname, '..', '..', '..', 'devstack', 'opensearch.mjs');
const EVENTS = 100_000;
const PER_REQUEST = 1000;

/** The launcher is ESM; jest's VM cannot import it, so a short node process drives it. */
function launcher(fn: 'startOpenSearch' | 'stopOpenSearch', dataDir: string): void {
  const env = { ...process.env };
  delete env.OPENSEARCH_URL;
  execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(LAUNCHER)}); await m.${fn}({ port: ${PORT}, dataDir: ${JSON.stringify(dataDir)}, heap: '512m', quiet: true });`,
    ],
    {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    },
  );
}

describe('OpenSearch outage mid-stream', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kansa-outage-os-'));
  const url = `http://127.0.0.1:${PORT}`;
  const client = createClient(url);
  let bridge: Bridge | undefined;

  afterAll(async () => {
    await bridge?.stop();
    await client.close();
    launcher('stopOpenSearch', dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('indexes exactly 100k events, none lost, none duplicated, after OpenSearch is stopped and restarted', async () => {
    launcher('startOpenSearch', dataDir);
    const config = loadConfig({
      env: {},
      raw: {
        opensearch: { url },
        queue: { dir: mkdtempSync(join(tmpdir(), 'kansa-outage-q-')), fsync: 'interval' },
        http: { port: 0 },
        auth: { tokens: [{ name: 'outage-test', token: TOKEN }] },
        translate: { year: 2031 },
      },
    });
    bridge = new Bridge(config, { logger: pino({ level: 'silent' }) });
    const port = (await bridge.start()).http!.port;
    await until(
      () => bridge!.ready,
      (r) => r,
      'bridge ready',
      60_000,
    );
    const host = marker('outage');
    const send = async (r: number) => {
      const body = Array.from(
        { length: PER_REQUEST },
        (_, i) =>
          `<38>Nov 28 13:00:00 ${host} sshd[9]: Failed password for s${r * PER_REQUEST + i} from 10.3.0.1 port 22 ssh2`,
      ).join('\n');
      const res = await post(port, '/ingest?format=syslog', body, AUTH);
      expect(res.status).toBe(200);
    };
    const requests = EVENTS / PER_REQUEST;
    for (let r = 0; r < requests * 0.3; r++) await send(r);
    launcher('stopOpenSearch', dataDir);
    // OpenSearch is down: intake goes on into the queue.
    for (let r = requests * 0.3; r < requests; r++) await send(r);
    await until(
      () => !bridge!.ready,
      (down) => down,
      'readiness to see OpenSearch down',
    );
    expect(bridge.queue.depthEvents).toBeGreaterThan(0);
    expect(bridge.metrics.retried.get({ output: 'opensearch' })).toBeGreaterThan(0);

    launcher('startOpenSearch', dataDir);
    await until(
      () => bridge!.queue.depthEvents,
      (d) => d === 0,
      'queue drained after recovery',
      240_000,
    );
    expect(await countHost(client, host)).toBe(EVENTS);
    const distinct = (
      await client.transport.request({
        method: 'POST',
        path: '/kansa-events-*/_search',
        body: {
          size: 0,
          query: { term: { 'host.name': host } },
          aggs: { users: { cardinality: { field: 'user.name', precision_threshold: 40000 } } },
        },
      })
    ).body as { aggregations: { users: { value: number } } };
    // Cardinality is approximate above its threshold; the exact count above is the assertion, this is a sanity check.
    expect(distinct.aggregations.users.value).toBeGreaterThan(EVENTS * 0.95);
    expect(
      bridge.metrics.indexed.get({ output: 'opensearch' }) + bridge.metrics.duplicates.get({ output: 'opensearch' }),
    ).toBeGreaterThanOrEqual(EVENTS);
  });
});
