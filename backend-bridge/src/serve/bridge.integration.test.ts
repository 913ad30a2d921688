import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { gzipSync } from 'node:zlib';
import pino from 'pino';
import { createClient } from '../opensearch/client';
import { loadConfig } from '../config/load';
import { Bridge, type BridgeAddresses } from './bridge';
import { AUTH, TOKEN, countHost, marker, selfSignedCert, until } from './testing/helpers';

jest.setTimeout(120_000);

const line = (host: string, i: number) =>
  `<38>Nov 28 10:00:01 ${host} sshd[1600]: Failed password for user${i % 7} from 10.0.1.${i % 250} port ${1000 + i} ssh2`;
const WINLOGBEAT = readFileSync(
  join(__dirname, '..', 'translators', 'winlogbeat-json', 'testdata', 'winlogbeat8-file-output', 'case.input'),
  'utf8',
).split('\n')[0];

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function http(
  port: number,
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: { ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('kansa serve, end to end against real OpenSearch', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  const tls = selfSignedCert();
  let bridge: Bridge;
  let addr: BridgeAddresses;
  let port: number;

  beforeAll(async () => {
    const config = loadConfig({
      env: {},
      raw: {
        opensearch: { url: process.env.OPENSEARCH_URL },
        queue: { dir: mkdtempSync(join(tmpdir(), 'kansa-bridge-q-')) },
        http: { port: 0, maxBodyBytes: '1MiB' },
        auth: { tokens: [{ name: 'tester', token: TOKEN }] },
        syslog: {
          maxLineBytes: '4KiB',
          udp: { enabled: true, port: 0 },
          tcp: { enabled: true, port: 0 },
          tls: { enabled: true, port: 0, ...tls },
        },
        translate: { year: 2031, timeZone: 'UTC' },
        log: { level: 'warn' },
      },
    });
    bridge = new Bridge(config, { logger: pino({ level: 'silent' }) });
    addr = await bridge.start();
    port = addr.http!.port;
    await until(
      () => bridge.ready,
      (r) => r,
      'bridge ready',
    );
  });

  afterAll(async () => {
    await bridge?.stop();
    await client.close();
  });

  /** Waits for the queue to drain, then the exact count of the host's documents. */
  const settled = async (host: string, expected: number) => {
    await until(
      () => bridge.queue.depthEvents,
      (d) => d === 0,
      'queue drained',
    );
    return until(
      () => countHost(client, host),
      (n) => n >= expected,
      `${expected} documents of ${host}`,
    );
  };

  it('syslog over UDP', async () => {
    const host = marker('udp');
    const socket = createSocket('udp4');
    for (let i = 0; i < 50; i++) {
      await new Promise<void>((resolve, reject) =>
        socket.send(line(host, i), addr.syslogUdp!.port, '127.0.0.1', (err) => (err ? reject(err) : resolve())),
      );
    }
    socket.close();
    expect(await settled(host, 50)).toBe(50);
    expect(
      await countHost(client, host, [{ term: { 'event.action': 'logon-failed' } }, { term: { 'user.name': 'user3' } }]),
    ).toBe(7);
  });

  it('syslog over TCP, LF-framed, with an overlong line truncated and flagged', async () => {
    const host = marker('tcp');
    const lines = Array.from({ length: 2000 }, (_, i) => line(host, i));
    lines.push(`<38>Nov 28 10:00:02 ${host} sshd[1]: ${'A'.repeat(50_000)}`);
    await sendStream(connect(addr.syslogTcp!.port, '127.0.0.1'), `${lines.join('\n')}\n`);
    expect(await settled(host, 2001)).toBe(2001);
    expect(await countHost(client, host, [{ term: { 'kansa.parse.status': 'partial' } }])).toBe(1);
  });

  it('syslog over TCP with RFC 6587 octet counting, and over TLS (RFC 5425)', async () => {
    const host = marker('oct');
    const frames = Array.from({ length: 700 }, (_, i) => {
      const m = `<38>1 2031-11-28T10:00:01.000Z ${host} sshd 1600 - - Failed password for user${i % 7} from 10.0.1.${i % 250} port ${1000 + i} ssh2`;
      return `${Buffer.byteLength(m)} ${m}`;
    });
    await sendStream(connect(addr.syslogTcp!.port, '127.0.0.1'), frames.join(''));
    expect(await settled(host, 700)).toBe(700);

    const tlsHost = marker('tls');
    const tlsFrames = Array.from({ length: 300 }, (_, i) => {
      const m = line(tlsHost, i);
      return `${Buffer.byteLength(m)} ${m}`;
    });
    await sendStream(
      tlsConnect({
        port: addr.syslogTls!.port,
        host: '127.0.0.1',
        ca: readFileSync(tls.cert),
        servername: 'localhost',
      }),
      tlsFrames.join(''),
    );
    expect(await settled(tlsHost, 300)).toBe(300);
  });

  it('POST /ingest: raw lines (gzip), a JSON array, a named format; a repeated request adds nothing', async () => {
    const host = marker('ing');
    const ndjson = Array.from({ length: 300 }, (_, i) => line(host, i)).join('\n');
    const r1 = await http(port, 'POST', '/ingest', gzipSync(ndjson), { ...AUTH, 'content-encoding': 'gzip' });
    expect(r1.status).toBe(200);
    expect(JSON.parse(r1.body)).toMatchObject({ accepted: 300, events: 300, parseFailures: 0 });
    const array = JSON.stringify(Array.from({ length: 10 }, (_, i) => line(host, 1000 + i)));
    const r2 = await http(port, 'POST', '/ingest?format=syslog', array, AUTH);
    expect(JSON.parse(r2.body)).toMatchObject({ events: 10, format: ['syslog'] });
    // A shipper resending the same request after a lost answer: same ids, no duplicates.
    expect((await http(port, 'POST', '/ingest?format=syslog', array, AUTH)).status).toBe(200);
    expect(await settled(host, 310)).toBe(310);
    const bad = await http(port, 'POST', '/ingest?format=nope', 'x', AUTH);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('unknown format');
  });

  it('Elasticsearch-compatible _bulk as Fluent Bit, Vector and Winlogbeat send it', async () => {
    const host = marker('blk');
    const winlogbeat = WINLOGBEAT.replace(/WS01\.corp\.example\.co\.jp/g, host);
    const body =
      [
        // Fluent Bit es output: create (v2+) with the raw record in `log`
        ...Array.from({ length: 20 }, (_, i) => [
          `{"create":{"_index":"fluent-bit"}}`,
          JSON.stringify({ '@timestamp': '2031-11-28T10:00:01.000Z', log: line(host, i) }),
        ]).flat(),
        // Vector elasticsearch sink (bulk index action, `message`)
        ...Array.from({ length: 20 }, (_, i) => [
          `{"index":{"_index":"vector-2031.11.28"}}`,
          JSON.stringify({ timestamp: '2031-11-28T10:00:01Z', message: line(host, 100 + i), host: 'shipper' }),
        ]).flat(),
        // Winlogbeat 8 writes to its data stream with create
        `{"create":{"_index":"winlogbeat-8.15.3"}}`,
        winlogbeat,
      ].join('\n') + '\n';
    const r = await http(port, 'POST', '/_bulk', body, { ...AUTH, 'content-type': 'application/x-ndjson' });
    expect(r.status).toBe(200);
    expect(r.headers['x-elastic-product']).toBe('Elasticsearch');
    const parsed = JSON.parse(r.body) as {
      errors: boolean;
      items: Array<Record<string, { status: number; _index: string; result: string }>>;
    };
    expect(parsed.errors).toBe(false);
    expect(parsed.items).toHaveLength(41);
    expect(parsed.items[0].create).toMatchObject({ status: 201, _index: 'fluent-bit', result: 'created' });
    expect(parsed.items[20].index).toMatchObject({ status: 201, _index: 'vector-2031.11.28' });
    expect(await settled(host, 41)).toBe(41);
    expect(await countHost(client, host, [{ term: { 'kansa.source_type': 'winlogbeat-json' } }])).toBe(1);

    // /<index>/_bulk, and items the bridge cannot do are answered per item
    const r2 = await http(
      port,
      'POST',
      '/logs/_bulk',
      `{"index":{}}\n${JSON.stringify({ message: line(host, 500) })}\n{"delete":{"_id":"x"}}\n`,
      AUTH,
    );
    const p2 = JSON.parse(r2.body) as {
      errors: boolean;
      items: Array<Record<string, { status: number; _index: string }>>;
    };
    expect(p2.errors).toBe(true);
    expect(p2.items[0].index).toMatchObject({ status: 201, _index: 'logs' });
    expect(p2.items[1].delete.status).toBe(400);
    expect(await settled(host, 42)).toBe(42);
  });

  it('answers the shippers’ handshake: GET/HEAD /, _license, _xpack, template set-up', async () => {
    const root = await http(port, 'GET', '/', undefined, AUTH);
    expect(root.status).toBe(200);
    expect(root.headers['x-elastic-product']).toBe('Elasticsearch');
    expect(JSON.parse(root.body).version.number).toMatch(/^8\./);
    expect((await http(port, 'HEAD', '/', undefined, AUTH)).status).toBe(200);
    expect(JSON.parse((await http(port, 'GET', '/_license?human=false', undefined, AUTH)).body).license.status).toBe(
      'active',
    );
    expect(JSON.parse((await http(port, 'GET', '/_xpack', undefined, AUTH)).body).license.mode).toBe('basic');
    expect((await http(port, 'HEAD', '/_index_template/winlogbeat-8.15.3', undefined, AUTH)).status).toBe(200);
    expect(JSON.parse((await http(port, 'PUT', '/_ilm/policy/winlogbeat', '{}', AUTH)).body)).toEqual({
      acknowledged: true,
    });
    // Logstash's elasticsearch output: HEAD /<index>, PUT /<index>, _bulk?filter_path=…
    expect((await http(port, 'HEAD', '/logstash-2031.11.28', undefined, AUTH)).status).toBe(200);
    expect(JSON.parse((await http(port, 'PUT', '/logstash-2031.11.28', '{}', AUTH)).body)).toMatchObject({
      acknowledged: true,
    });
    const filtered = await http(
      port,
      'POST',
      '/_bulk?filter_path=errors,items.*.error,items.*.status',
      '{"index":{"_index":"logstash"}}\n{"message":"hello"}\n',
      AUTH,
    );
    expect(JSON.parse(filtered.body)).toMatchObject({ errors: false, items: [{ index: { status: 201 } }] });
    // Basic auth with the token as password (Fluent Bit HTTP_User/HTTP_Passwd, Logstash user/password)
    const basic = `Basic ${Buffer.from(`fluentbit:${TOKEN}`).toString('base64')}`;
    expect((await http(port, 'GET', '/', undefined, { authorization: basic })).status).toBe(200);
  });

  it('refuses missing and wrong tokens with 401, and bodies over the limit with 413', async () => {
    expect((await http(port, 'POST', '/_bulk', '{"index":{}}\n{}\n')).status).toBe(401);
    expect((await http(port, 'POST', '/ingest', 'x', { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(
      401,
    );
    expect((await http(port, 'GET', '/metrics')).status).toBe(401);
    expect(
      (await http(port, 'GET', '/', undefined, { authorization: `Basic ${Buffer.from('u:nope').toString('base64')}` }))
        .status,
    ).toBe(401);
    const big = 'x'.repeat(1024 * 1024 + 1);
    expect((await http(port, 'POST', '/ingest', big, AUTH)).status).toBe(413);
    // A small gzip body that inflates past the limit is refused too.
    expect((await http(port, 'POST', '/ingest', gzipSync(big), { ...AUTH, 'content-encoding': 'gzip' })).status).toBe(
      413,
    );
    // Liveness and readiness need no token.
    expect((await http(port, 'GET', '/healthz')).status).toBe(200);
    expect(JSON.parse((await http(port, 'GET', '/readyz')).body)).toEqual({ opensearch: 'up', queue: 'ok' });
  });

  it('serves HTTPS when http.tls is set', async () => {
    const secure = new Bridge(
      loadConfig({
        env: {},
        raw: {
          opensearch: { url: process.env.OPENSEARCH_URL, installTemplate: false },
          queue: { dir: mkdtempSync(join(tmpdir(), 'kansa-https-q-')) },
          http: { port: 0, tls },
          auth: { tokens: [{ name: 'tester', token: TOKEN }] },
        },
      }),
      { logger: pino({ level: 'silent' }) },
    );
    const a = await secure.start();
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: '127.0.0.1',
            port: a.http!.port,
            path: '/',
            headers: AUTH,
            ca: readFileSync(tls.cert),
            servername: 'localhost',
          },
          (res) => {
            res.resume();
            resolve(res.statusCode!);
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(status).toBe(200);
    } finally {
      await secure.stop();
    }
  });

  it('exposes Prometheus metrics', async () => {
    const m = await http(port, 'GET', '/metrics', undefined, AUTH);
    expect(m.status).toBe(200);
    expect(m.body).toMatch(/^kansa_input_received_events_total\{input="syslog-udp"\} 50$/m);
    expect(m.body).toMatch(/^kansa_input_received_events_total\{input="syslog-tcp"\} 2701$/m);
    expect(m.body).toMatch(/^kansa_input_truncated_total\{input="syslog-tcp"\} 1$/m);
    expect(m.body).toMatch(/^kansa_input_rejected_total\{input="http",reason="unauthorized"\} [1-9]/m);
    expect(m.body).toMatch(/^kansa_output_indexed_total\{output="opensearch"\} \d+/m);
    expect(m.body).toMatch(/^kansa_output_bulk_duration_seconds_bucket\{output="opensearch",le="\+Inf"\} [1-9]/m);
    expect(m.body).toMatch(/^kansa_queue_depth_bytes \d+/m);
    expect(m.body).toMatch(/^kansa_queue_depth_events \d+/m);
  });
});

/** Writes everything, half-closes, and waits for the server to close its side. */
function sendStream(socket: import('node:net').Socket, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.on('error', reject);
    socket.on('close', () => resolve());
    socket.resume();
    const go = () => socket.end(data);
    if (socket.connecting || (socket as { encrypted?: boolean }).encrypted)
      socket.once((socket as { encrypted?: boolean }).encrypted ? 'secureConnect' : 'connect', go);
    else go();
  });
}
