import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { createClient } from '../../../opensearch/client';
import type { Bridge } from '../../../serve/bridge';
import { AUTH, countHost, docsOfHost, marker, until } from '../../../serve/testing/helpers';
import { configSchema } from '../../../config/schema';
import { call, sshd, startBridge } from '../testing/bridge';

/** The defaults of http.maxRecords and http.maxBodiesInFlight, which these tests run with. */
const { maxRecords: MAX_RECORDS, maxBodiesInFlight: MAX_BODIES } = configSchema.parse({}).http;

jest.setTimeout(120_000);

describe('/ingest intake against real OpenSearch (issue 15 defects 3 and 9)', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  let bridge: Bridge;
  let port: number;
  const ingest = (body: string | Buffer, headers: Record<string, string> = {}) =>
    call(port, 'POST', '/ingest', body, { ...AUTH, ...headers });
  const drained = () =>
    until(
      () => bridge.queue.depthEvents,
      (d) => d === 0,
      'queue drained',
    );

  beforeAll(async () => ({ bridge, port } = await startBridge({ maxBodyBytes: '8MiB' })));
  afterAll(async () => {
    await bridge?.stop();
    await client.close();
  });

  it('translates a JSON array of 2000 records in slices: raw lines, and documents by their raw line', async () => {
    const host = marker('ia');
    const array = [
      ...Array.from({ length: 1200 }, (_, i) => sshd(host, i)),
      ...Array.from({ length: 800 }, (_, i) => ({ message: sshd(host, 2000 + i), agent: { type: 'fluentbit' } })),
    ];
    const r = await ingest(JSON.stringify(array));
    expect([r.status, JSON.parse(r.body)]).toEqual([
      200,
      { accepted: 2000, events: 2000, parseFailures: 0, format: ['syslog'] },
    ]);
    await drained();
    expect(
      await until(
        () => countHost(client, host),
        (n) => n >= 2000,
        '2000 events',
      ),
    ).toBe(2000);
  });

  it('refuses a broken array as a whole, naming the byte offset; nothing is kept', async () => {
    const host = marker('ib');
    const good = JSON.stringify(Array.from({ length: 600 }, (_, i) => sshd(host, i)));
    const broken = `${good.slice(0, -1)},{"message":tru}]`;
    const r = await ingest(broken);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.reason).toMatch(
      new RegExp(`^http-ingest: array element 600 at byte ${good.length} is not valid JSON: `),
    );
    const cut = await ingest(good.slice(0, 5000));
    expect(JSON.parse(cut.body).error.reason).toMatch(
      /^http-ingest: the body ends inside the string that starts at byte \d+; expected a closing "/,
    );
    expect((await ingest(good)).status).toBe(200);
    await drained();
    expect(
      await until(
        () => countHost(client, host),
        (n) => n >= 600,
        '600 events',
      ),
    ).toBe(600);
  });

  it('answers 413 naming the limit past the records per request, before translating anything', async () => {
    const host = marker('ic');
    const lines = Array.from({ length: MAX_RECORDS + 1 }, (_, i) => `<38>Nov 28 10:00:01 ${host} x: ${i}`).join('\n');
    const r = await ingest(lines);
    expect([r.status, JSON.parse(r.body).error.reason]).toEqual([
      413,
      `http-ingest: more than ${MAX_RECORDS} lines in one request (http.maxRecords, the limit per request); send smaller batches`,
    ]);
    const big = await ingest(Buffer.alloc(8 * 1024 * 1024 + 1, 0x61));
    expect([big.status, JSON.parse(big.body).error.reason]).toEqual([
      413,
      'http-ingest: request body of 8388609 bytes is over the limit of 8388608 bytes (http.maxBodyBytes)',
    ]);
    await drained();
    expect(await countHost(client, host)).toBe(0);
  });

  it('stores x-gzip bodies as sent (not their compressed bytes)', async () => {
    const host = marker('iz');
    const r = await ingest(gzipSync(Array.from({ length: 5 }, (_, i) => sshd(host, i)).join('\n')), {
      'content-encoding': 'x-gzip',
    });
    expect(JSON.parse(r.body)).toMatchObject({ accepted: 5, events: 5, parseFailures: 0 });
    await drained();
    const stored = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= 5,
      '5 documents',
    );
    expect(stored.map((d) => d.original).sort()).toEqual(Array.from({ length: 5 }, (_, i) => sshd(host, i)).sort());
  });

  it(`holds at most ${MAX_BODIES} bodies at once: one more request is answered 429 before its body is read`, async () => {
    // Requests whose bodies never finish keep their slots until they are aborted.
    const open = Array.from({ length: MAX_BODIES }, () => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/ingest',
        headers: { ...AUTH, 'content-length': '1000' },
      });
      req.on('error', () => undefined);
      req.write('<38>Nov 28 10:00:01 h x: partial');
      return req;
    });
    try {
      const r = await until(
        () => ingest('<38>Nov 28 10:00:01 h x: one more\n'),
        (x) => x.status === 429,
        'a 429',
      );
      expect(r.headers['retry-after']).toBe('1');
      expect(JSON.parse(r.body).error.reason).toBe(
        `http-ingest: ${MAX_BODIES} request bodies are being processed (http.maxBodiesInFlight, the limit on bodies in memory); retry later`,
      );
    } finally {
      for (const req of open) req.destroy();
    }
    expect(
      (
        await until(
          () => ingest(`<38>Nov 28 10:00:01 ${marker('ip')} x: after\n`),
          (x) => x.status === 200,
          'slots freed',
        )
      ).status,
    ).toBe(200);
  });

  it('takes http.maxRecords and http.maxBodiesInFlight from the configuration', async () => {
    const small = await startBridge({ maxRecords: 3, maxBodiesInFlight: 1 });
    const send = (body: string) => call(small.port, 'POST', '/ingest', body, AUTH);
    const held = request({
      host: '127.0.0.1',
      port: small.port,
      method: 'POST',
      path: '/ingest',
      headers: { ...AUTH, 'content-length': '1000' },
    });
    held.on('error', () => undefined);
    try {
      const host = marker('ik');
      const four = Array.from({ length: 4 }, (_, i) => sshd(host, i));
      expect(JSON.parse((await send(JSON.stringify(four))).body).error.reason).toBe(
        'http-ingest: more than 3 array elements in one request (http.maxRecords, the limit per request); send smaller batches',
      );
      expect(JSON.parse((await send(JSON.stringify(four.slice(0, 3)))).body)).toMatchObject({ accepted: 3, events: 3 });
      held.write('<38>Nov 28 10:00:01 h x: partial');
      const busy = await until(
        () => send(`${sshd(host, 9)}\n`),
        (x) => x.status === 429,
        'a 429 with one body held',
      );
      expect(JSON.parse(busy.body).error.reason).toBe(
        'http-ingest: 1 request bodies are being processed (http.maxBodiesInFlight, the limit on bodies in memory); retry later',
      );
    } finally {
      held.destroy();
      await small.bridge.stop();
    }
  });
});
