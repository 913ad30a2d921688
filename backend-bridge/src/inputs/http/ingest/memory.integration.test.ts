import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AUTH, TOKEN, marker } from '../../../serve/testing/helpers';
import { type Child, ensureBuilt, get, post, spawnBridge } from '../../../serve/testing/child';
import { configSchema } from '../../../config/schema';
import { ensureHttpBuilt, sshd } from '../testing/bridge';

/** The default of http.maxRecords, which this test runs with. */
const { maxRecords: MAX_RECORDS } = configSchema.parse({}).http;

jest.setTimeout(240_000);

const MAX_BODY = 20 * 1024 * 1024; // http.maxBodyBytes default
const HEAP_MIB = 512; // as devstack/bridge.mjs runs the bridge

/** Peak resident memory of a process so far (VmHWM), in MiB. */
const peakRss = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe(`a bridge with --max-old-space-size=${HEAP_MIB} (issue 15 defect 3)`, () => {
  let child: Child | undefined;
  afterAll(async () => {
    child?.proc.kill('SIGKILL');
  });

  it('takes the largest accepted /ingest body, refuses larger ones with 413 naming the limit, and stays up within its bound', async () => {
    ensureBuilt();
    ensureHttpBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'kansa-http-mem-'));
    const options = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = `${options ?? ''} --max-old-space-size=${HEAP_MIB}`;
    try {
      child = await spawnBridge(dir, {
        opensearch: { url: process.env.OPENSEARCH_URL },
        queue: { dir: join(dir, 'queue'), fsync: 'interval' },
        auth: { tokens: [{ name: 'memory-test', token: TOKEN }] },
        translate: { year: 2031, timeZone: 'UTC' },
        log: { level: 'warn' },
      });
    } finally {
      process.env.NODE_OPTIONS = options;
    }
    const { port, proc } = child;
    const host = marker('mem');

    // The largest body accepted: as many records and as many bytes as the limits allow, as a JSON array.
    const quoted = (i: number) => JSON.stringify(sshd(host, i));
    const per = Math.floor((MAX_BODY - 2) / MAX_RECORDS) - 1;
    const largest = `[${Array.from({ length: MAX_RECORDS }, (_, i) => JSON.stringify(sshd(host, i) + ' '.repeat(per - quoted(i).length))).join(',')}]`;
    expect(Buffer.byteLength(largest)).toBeGreaterThan(MAX_BODY - MAX_RECORDS);
    expect(Buffer.byteLength(largest)).toBeLessThanOrEqual(MAX_BODY);
    const r = await post(port, '/ingest', largest, AUTH);
    expect([r.status, JSON.parse(r.body)]).toEqual([
      200,
      { accepted: MAX_RECORDS, events: MAX_RECORDS, parseFailures: 0, format: ['syslog'] },
    ]);

    const reason = (x: { body: string }) => JSON.parse(x.body).error.reason as string;
    const overBytes = await post(port, '/ingest', Buffer.alloc(MAX_BODY + 1, 0x20), AUTH);
    expect([overBytes.status, reason(overBytes)]).toEqual([
      413,
      `http-ingest: request body of ${MAX_BODY + 1} bytes is over the limit of ${MAX_BODY} bytes (http.maxBodyBytes)`,
    ]);
    const bomb = await post(port, '/_bulk', gzipSync(Buffer.alloc(MAX_BODY * 5, 0x20)), {
      ...AUTH,
      'content-encoding': 'gzip',
    });
    expect([bomb.status, reason(bomb)]).toEqual([
      413,
      `http-bulk: request body after decompression is over the limit of ${MAX_BODY} bytes (http.maxBodyBytes)`,
    ]);
    const items = '{"index":{}}\n{"message":"m"}\n'.repeat(MAX_RECORDS + 1);
    const overItems = await post(port, '/_bulk', items, AUTH);
    expect([overItems.status, reason(overItems)]).toEqual([
      413,
      `http-bulk: more than ${MAX_RECORDS} items in one request (http.maxRecords, the limit per request); send smaller batches`,
    ]);

    expect((await get(port, '/healthz')).status).toBe(200);
    expect(proc.exitCode).toBeNull();
    const peak = peakRss(proc.pid!);
    process.stdout.write(
      `http memory: peak RSS ${peak.toFixed(0)} MiB after a ${(Buffer.byteLength(largest) / 1048576).toFixed(1)} MiB body of ${MAX_RECORDS} records\n`,
    );
    expect(peak).toBeLessThan(HEAP_MIB);
    proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    child = undefined;
  });
});
