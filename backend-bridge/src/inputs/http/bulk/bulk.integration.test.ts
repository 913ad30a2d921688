import { deflateSync, gzipSync } from 'node:zlib';
import { createClient } from '../../../opensearch/client';
import type { Bridge } from '../../../serve/bridge';
import { AUTH, countHost, docsOfHost, marker, until } from '../../../serve/testing/helpers';
import { call, sshd, startBridge } from '../testing/bridge';

jest.setTimeout(120_000);

type Items = Array<
  Record<string, { status: number; _id: string | null; result?: string; error?: { type: string; reason: string } }>
>;

describe('_bulk intake against real OpenSearch (issue 15 defects 7, 8, 9)', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  let bridge: Bridge;
  let port: number;
  const ndjson = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const bulk = async (body: string | Buffer, headers: Record<string, string> = {}) =>
    call(port, 'POST', '/_bulk', body, { ...AUTH, 'content-type': 'application/x-ndjson', ...headers });
  const drained = () =>
    until(
      () => bridge.queue.depthEvents,
      (d) => d === 0,
      'queue drained',
    );

  beforeAll(async () => ({ bridge, port } = await startBridge()));
  afterAll(async () => {
    await bridge?.stop();
    await client.close();
  });

  it('7: a malformed action line refuses the whole request (400 naming the line); nothing is kept', async () => {
    const host = marker('b7');
    const body = `{bad\n${JSON.stringify({ message: sshd(host, 1) })}\n{"index":{}}\n${JSON.stringify({ message: sshd(host, 2) })}\n`;
    const r = await bulk(body);
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.reason).toMatch(/^http-bulk: malformed action\/metadata line at line 1 \(byte 0\)/);
    // The same events sent correctly afterwards are stored exactly once: the refused request kept nothing.
    const good = await bulk(
      ndjson([{ index: {} }, { message: sshd(host, 1) }, { index: {} }, { message: sshd(host, 2) }]),
    );
    expect(JSON.parse(good.body).items.map((i: Items[number]) => i.index.status)).toEqual([201, 201]);
    await drained();
    expect(
      await until(
        () => countHost(client, host),
        (n) => n >= 2,
        'both events',
      ),
    ).toBe(2);
  });

  it('8: the sender’s _id is the stored id; a resend in another batch is no duplicate; create on a taken id is 409', async () => {
    const host = marker('b8');
    const docs = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => [
        { index: { _index: 'logstash', _id: `${host}-${from + k}` } },
        { message: sshd(host, from + k) },
      ]).flat();
    const first = await bulk(ndjson(docs(0, 5)));
    expect((JSON.parse(first.body).items as Items).map((i) => [i.index._id, i.index.status])).toEqual(
      Array.from({ length: 5 }, (_, k) => [`${host}-${k}`, 201]),
    );
    await drained();
    // Logstash retrying with document_id after a lost answer, with the next events in the same batch.
    const second = await bulk(
      ndjson([
        ...docs(3, 8),
        { create: { _id: `${host}-9` } },
        { message: sshd(host, 9) },
        { create: { _id: `${host}-9` } },
        { message: sshd(host, 10) },
      ]),
    );
    const items = JSON.parse(second.body).items as Items;
    expect(items.slice(5).map((i) => [i.create.status, i.create.error?.type])).toEqual([
      [201, undefined],
      [409, 'version_conflict_engine_exception'],
    ]);
    await drained();
    const stored = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= 9,
      '9 documents',
    );
    expect(stored.map((d) => d.id).sort()).toEqual(
      [...Array.from({ length: 8 }, (_, k) => `${host}-${k}`), `${host}-9`].sort(),
    );
    expect(stored.find((d) => d.id === `${host}-9`)!.original).toBe(sshd(host, 9));
  });

  it('8: create on an id kept by an earlier request is 409, whether it is still queued or already in OpenSearch', async () => {
    const host = marker('b8c');
    const create = (id: string, k: number) => bulk(ndjson([{ create: { _id: id } }, { message: sshd(host, k) }]));
    const status = async (id: string, k: number) =>
      (JSON.parse((await create(id, k)).body).items as Items)[0].create.status;
    // Back to back: the second arrives while the first may still be in the queue.
    expect([await status(`${host}-q`, 1), await status(`${host}-q`, 2)]).toEqual([201, 409]);
    // A document this bridge never saw, already in a daily events index (e.g. from another bridge).
    await client.transport.request({
      method: 'PUT',
      path: `/kansa-events-2031.11.28/_doc/${host}-os?refresh=true`,
      body: { '@timestamp': '2031-11-28T10:00:01Z', 'host.name': host, 'event.original': 'elsewhere' },
    });
    expect(await status(`${host}-os`, 3)).toBe(409);
    await drained();
    const stored = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= 2,
      '2 documents',
    );
    expect(stored.map((d) => [d.id, d.original]).sort()).toEqual([
      [`${host}-os`, 'elsewhere'],
      [`${host}-q`, sshd(host, 1)],
    ]);
  });

  it('8: without an _id the answered id is the stored one, and a resent body adds nothing', async () => {
    const host = marker('b8n');
    const body = ndjson(Array.from({ length: 4 }, (_, k) => [{ create: {} }, { log: sshd(host, k) }]).flat());
    const answered = (JSON.parse((await bulk(body)).body).items as Items).map((i) => i.create._id);
    expect((await bulk(body)).status).toBe(200);
    await drained();
    const stored = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= 4,
      '4 documents',
    );
    expect(stored.map((d) => d.id).sort()).toEqual([...answered].sort());
  });

  it('9: gzip, x-gzip and deflate bodies are stored as sent; an unknown encoding is 415 naming it', async () => {
    const host = marker('b9z');
    const body = (k: number) => Buffer.from(ndjson([{ index: {} }, { message: sshd(host, k) }]));
    for (const [k, encoding] of ['gzip', 'x-gzip', 'deflate'].entries()) {
      const encoded = encoding === 'deflate' ? deflateSync(body(k)) : gzipSync(body(k));
      const r = await bulk(encoded, { 'content-encoding': encoding });
      expect([encoding, r.status]).toEqual([encoding, 200]);
    }
    const refused = await bulk(body(9), { 'content-encoding': 'br' });
    expect(refused.status).toBe(415);
    expect(JSON.parse(refused.body).error.reason).toBe(
      'http-bulk: unsupported Content-Encoding "br"; expected gzip, x-gzip, deflate or none',
    );
    await drained();
    const stored = await until(
      () => docsOfHost(client, host),
      (d) => d.length >= 3,
      '3 documents',
    );
    expect(stored.map((d) => d.original).sort()).toEqual([0, 1, 2].map((k) => sshd(host, k)));
    expect(stored.every((d) => d.source['kansa.parse.status'] === 'ok')).toBe(true);
  });

  it('9: a source line that is not JSON is kept with its raw text as a parse failure, counted, answered per item', async () => {
    const host = marker('b9j');
    const broken = `{"message":"${host} lost its closing brace"`;
    const before = await failures();
    const r = await bulk(
      `{"index":{}}\n${JSON.stringify({ message: sshd(host, 1) })}\n{"index":{"_id":"${host}-raw"}}\n${broken}\n`,
    );
    const items = JSON.parse(r.body).items as Items;
    expect(items.map((i) => [i.index._id, i.index.status])).toEqual([
      [expect.any(String), 201],
      [`${host}-raw`, 201],
    ]);
    await drained();
    await until(
      () => countHost(client, host),
      (n) => n >= 1,
      'the good event',
    );
    await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
    const found = (
      await client.transport.request({
        method: 'POST',
        path: '/kansa-events-*/_search',
        body: { query: { ids: { values: [`${host}-raw`] } } },
      })
    ).body as {
      hits: { hits: Array<{ _source: Record<string, unknown> }> };
    };
    expect(found.hits.hits).toHaveLength(1);
    expect(found.hits.hits[0]._source).toMatchObject({ 'event.original': broken, 'kansa.parse.status': 'failed' });
    expect(await failures()).toBe(before + 1);
  });

  async function failures(): Promise<number> {
    const m = await call(port, 'GET', '/metrics', undefined, AUTH);
    return Number(/^kansa_input_parse_failures_total\{input="http-bulk"\} (\d+)/m.exec(m.body)?.[1] ?? 0);
  }
});
