import { createHash, randomUUID } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { Client } from '@opensearch-project/opensearch';
import pino, { type Logger } from 'pino';
import type { KansaConfig } from '../config/schema';
import { redactUrl } from '../opensearch/client';
import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import { installTemplate } from '../opensearch/template';
import { RateLimiter, RecordSplitter } from '../pipeline/lines';
import { translateChunk, type ChunkSource, type Translation } from '../pipeline/translate';
import { QueueWriter } from '../pipeline/writer';
import { DiskQueue } from '../queue/queue';
import { createEnricher, parseAssets, parseDirectory } from '../translate/directory';
import { FORMATS, STAGES } from '../translators';
import { FileTailer } from '../inputs/file/tail';
import { ES_HEADERS, esError, probe, rootInfo } from '../inputs/http/elastic';
import { parseBulk, parseIngest, type RawLines } from '../inputs/http/parse';
import { StorageService } from '../archive/service';
import { TokenAuth } from './auth';
import { Metrics } from './metrics';
import { startRiskLoop, type RiskLoop } from '../risk/loop';

export interface BridgeAddresses {
  http?: AddressInfo;
  syslogTcp?: AddressInfo;
  syslogTls?: AddressInfo;
  syslogUdp?: AddressInfo;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The `kansa serve` service: inputs → translator → enrichment → durable queue → OpenSearch writer. */
export class Bridge {
  readonly metrics = new Metrics();
  readonly queue: DiskQueue;
  readonly log: Logger;
  private readonly client: Client;
  private readonly writer: QueueWriter;
  private readonly auth: TokenAuth;
  private readonly translation: Translation;
  private readonly limiter: RateLimiter;
  readonly storage: StorageService;
  private http?: HttpServer;
  private tcp?: TcpServer;
  private tls?: TcpServer;
  private udp?: UdpSocket;
  private tailer?: FileTailer;
  private readonly sockets = new Set<Socket>();
  private openSearchUp = false;
  private stopped = false;
  private readonly runId = randomUUID();
  private udpCount = 0;
  private risk?: RiskLoop;

  constructor(
    private readonly config: KansaConfig,
    options: { logger?: Logger } = {},
  ) {
    this.log = options.logger ?? pino({ level: config.log.level, base: { service: 'kansa-bridge' } });
    this.queue = new DiskQueue(config.queue);
    const auth = config.opensearch.username ? { username: config.opensearch.username, password: config.opensearch.password ?? '' } : undefined;
    this.client = new OpenSearchClient({ node: config.opensearch.url, requestTimeout: 60_000, maxRetries: 0, ...(auth ? { auth } : {}) });
    this.writer = new QueueWriter(this.queue, this.client, { bulkBytes: config.opensearch.bulkBytes, concurrency: config.opensearch.concurrency }, this.metrics, this.log);
    this.auth = new TokenAuth(config.auth.tokens);
    this.storage = new StorageService(config, this.log);
    const t = config.translate;
    const users = t.directory ? parseDirectory(readFileSync(t.directory, 'utf8'), t.directory) : [];
    const assets = t.assets ? parseAssets(readFileSync(t.assets, 'utf8'), t.assets) : [];
    this.translation = {
      formats: FORMATS,
      stages: () => STAGES.map((make) => make()),
      ctx: () => {
        const now = new Date();
        return { now, year: t.year ?? now.getUTCFullYear(), timeZone: t.timeZone };
      },
      enrich: users.length || assets.length ? createEnricher(users, assets) : undefined,
      maxLineBytes: config.syslog.maxLineBytes,
      archive: this.storage.archive,
    };
    this.limiter = new RateLimiter(config.syslog.rateLimit.eventsPerSecond, config.syslog.rateLimit.burst);
    this.metrics.queueCapacity.set({}, config.queue.maxBytes);
  }

  async start(): Promise<BridgeAddresses> {
    this.queue.open();
    this.updateQueueGauges();
    this.log.info({ opensearch: redactUrl(this.config.opensearch.url), queue: this.config.queue.dir, pending: this.queue.depthEvents }, 'starting');
    // The writer starts once the template is in place, so no index is ever created without it.
    void this.prepareOpenSearch().then(() => {
      if (!this.stopped) this.writer.start();
      if (!this.stopped) this.risk = startRiskLoop(this.client, this.log);
      if (!this.stopped) this.storage.start(this.client);
    });
    const addresses: BridgeAddresses = {};
    const c = this.config;
    if (c.http.enabled) {
      const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
      this.http = c.http.tls ? createHttpsServer({ cert: readFileSync(c.http.tls.cert), key: readFileSync(c.http.tls.key) }, handler) : createHttpServer(handler);
      this.http.requestTimeout = 120_000;
      addresses.http = await listen(this.http, c.http.port, c.http.host);
    }
    if (c.syslog.tcp.enabled) {
      this.tcp = createTcpServer((s) => this.onConnection(s, 'syslog-tcp'));
      addresses.syslogTcp = await listen(this.tcp, c.syslog.tcp.port, c.syslog.tcp.host);
    }
    if (c.syslog.tls.enabled) {
      this.tls = createTlsServer({ cert: readFileSync(c.syslog.tls.cert!), key: readFileSync(c.syslog.tls.key!) }, (s) => this.onConnection(s, 'syslog-tls'));
      addresses.syslogTls = await listen(this.tls, c.syslog.tls.port, c.syslog.tls.host);
    }
    if (c.syslog.udp.enabled) {
      this.udp = createSocket(c.syslog.udp.host.includes(':') ? 'udp6' : 'udp4');
      this.udp.on('message', (msg, rinfo) => this.onDatagram(msg, rinfo.address));
      await new Promise<void>((resolve, reject) => {
        this.udp!.once('error', reject);
        this.udp!.bind(c.syslog.udp.port, c.syslog.udp.host, () => resolve());
      });
      this.udp.setRecvBufferSize?.(8 * 1024 * 1024);
      addresses.syslogUdp = this.udp.address();
    }
    if (c.files.sources.length > 0) {
      this.tailer = new FileTailer(
        c.files.sources,
        join(c.queue.dir, 'file-checkpoints.json'),
        (data, src) => {
          const r = this.enqueue('file', data, { source: src.path, identity: src.identity, baseOffset: src.baseOffset, format: src.format, filePath: src.path }, this.queue.depthBytes === 0);
          return { ok: r.ok, format: r.format };
        },
        c.files.pollMs,
        (path, err) => this.log.warn({ input: 'file', path, err: err.message }, 'cannot tail file'),
      );
      this.tailer.start();
    }
    this.log.info({ addresses, files: c.files.sources.flatMap((s) => s.paths) }, 'listening');
    return addresses;
  }

  /** Stops intake, lets what was read reach the queue, stops the writer; the queue keeps the rest. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.log.info('stopping');
    this.tailer?.stop();
    const closing: Array<Promise<unknown>> = [];
    if (this.http) {
      closing.push(new Promise((r) => this.http!.close(r)));
      this.http.closeIdleConnections();
    }
    for (const server of [this.tcp, this.tls]) if (server) closing.push(new Promise((r) => server.close(r)));
    // Syslog connections: everything read so far is already in the queue (it is appended as it is read).
    for (const s of this.sockets) s.destroy();
    this.udp?.close();
    await Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000).unref())]);
    this.http?.closeAllConnections();
    await this.writer.stop();
    await this.risk?.stop();
    await this.storage.idle();
    this.storage.stop();
    this.queue.close();
    await this.client.close();
    this.log.info({ pending: this.queue.depthEvents }, 'stopped');
  }

  get ready(): boolean {
    return this.openSearchUp && !this.queue.full;
  }

  private async prepareOpenSearch(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        if (this.config.opensearch.installTemplate) await installTemplate(this.client);
        else await this.client.transport.request({ method: 'GET', path: '/' });
        this.openSearchUp = true;
        this.log.info('OpenSearch reachable, template installed');
        this.watchOpenSearch();
        return;
      } catch (err) {
        this.log.warn({ err: (err as Error).message, opensearch: redactUrl(this.config.opensearch.url) }, 'OpenSearch not reachable yet');
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  }

  private watchOpenSearch(): void {
    const timer = setInterval(() => {
      this.client.transport
        .request({ method: 'GET', path: '/_cluster/health' }, { requestTimeout: 3000 })
        .then(() => (this.openSearchUp = true))
        .catch(() => (this.openSearchUp = false));
      this.updateQueueGauges();
    }, 2000);
    timer.unref();
  }

  private updateQueueGauges(): void {
    this.metrics.queueBytes.set({}, this.queue.depthBytes);
    this.metrics.queueEvents.set({}, this.queue.depthEvents);
  }

  /** Translates records and appends them to the queue; false when the queue has no room (nothing kept). */
  private enqueue(input: string, data: Buffer, src: ChunkSource, force: boolean): { ok: boolean; events: number; records: number; failures: number; format?: string } {
    const r = translateChunk(data, src, this.translation);
    const ok = this.queue.append(r.entries, force);
    if (ok) {
      this.metrics.received.inc({ input }, r.entries.length);
      this.metrics.bytes.inc({ input }, data.length);
      this.metrics.parseFailures.inc({ input }, r.failures);
      if (r.truncated) this.metrics.truncated.inc({ input }, r.truncated);
      this.updateQueueGauges();
    }
    return { ok, events: r.entries.length, records: r.records, failures: r.failures, format: r.format };
  }

  // ---- syslog over TCP / TLS ----

  private onConnection(socket: Socket, input: string): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    const sender = socket.remoteAddress ?? 'unknown';
    const identity = `${input}:${sender}:${randomUUID()}`;
    const splitter = new RecordSplitter('auto', this.config.syslog.maxLineBytes);
    // Raw records read from the socket but not yet in the queue (only while the queue is full).
    const backlog: Array<{ data: Buffer; offset: number }> = [];
    let waiting = false;
    let ended = false;
    const drain = () => {
      while (backlog.length > 0) {
        const { data, offset } = backlog[0];
        // Slices of ≤ 16 KiB of whole records: the queue's bound holds to within one slice's translation.
        let cut = data.length;
        if (cut > 16 * 1024) {
          const nl = data.lastIndexOf(0x0a, 16 * 1024 - 1);
          cut = nl >= 0 ? nl + 1 : data.indexOf(0x0a) + 1 || data.length;
        }
        const slice = data.subarray(0, cut);
        const r = this.enqueue(input, slice, { source: input, identity, baseOffset: offset, format: this.config.syslog.format }, this.queue.depthBytes === 0);
        if (!r.ok) {
          if (!waiting) {
            waiting = true;
            socket.pause();
            this.metrics.rejected.inc({ input, reason: 'queue_full' });
            this.log.warn({ input, sender }, 'queue full: pausing connection');
            void this.queue.whenSpace().then(() => {
              waiting = false;
              drain();
            });
          }
          return;
        }
        if (cut === data.length) backlog.shift();
        else backlog[0] = { data: data.subarray(cut), offset: offset + cut };
        const wait = this.limiter.take(sender, r.records);
        if (wait > 0 && !waiting) {
          waiting = true;
          socket.pause();
          this.metrics.rejected.inc({ input, reason: 'rate_limited' });
          setTimeout(() => {
            waiting = false;
            drain();
          }, Math.min(wait, 10_000)).unref();
          return;
        }
      }
      if (ended) socket.end();
      else if (!socket.destroyed) socket.resume();
    };
    const take = (data: Buffer, offset: number) => {
      if (data.length > 0) backlog.push({ data, offset });
      if (!waiting) drain();
    };
    socket.on('data', (chunk: Buffer) => {
      const { data, offset } = splitter.push(chunk);
      take(data, offset);
    });
    socket.on('end', () => {
      ended = true;
      const { data, offset } = splitter.end();
      take(data, offset);
    });
    socket.on('error', (err) => this.log.debug({ input, sender, err: err.message }, 'connection error'));
    socket.on('close', () => this.sockets.delete(socket));
  }

  // ---- syslog over UDP ----

  private onDatagram(msg: Buffer, sender: string): void {
    const input = 'syslog-udp';
    if (this.limiter.take(sender, 1) > 0) {
      this.metrics.udpDrops.inc({ reason: 'rate_limited' });
      return;
    }
    let data = msg.length > this.config.syslog.maxLineBytes + 1 ? msg.subarray(0, this.config.syslog.maxLineBytes + 1) : msg;
    data = Buffer.concat([Buffer.from(data.toString('latin1').includes('\n') ? data.map((b) => (b === 0x0a || b === 0x0d ? 0x20 : b)) : data), Buffer.from('\n')]);
    const r = this.enqueue(input, data, { source: input, identity: `udp:${this.runId}:${this.udpCount++}`, baseOffset: 0, format: this.config.syslog.format }, false);
    if (!r.ok) this.metrics.udpDrops.inc({ reason: 'queue_full' });
  }

  // ---- HTTP ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    try {
      if (path === '/healthz') return send(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        const body = { opensearch: this.openSearchUp ? 'up' : 'down', queue: this.queue.full ? 'full' : 'ok' };
        return send(res, this.ready ? 200 : 503, body);
      }
      const token = this.auth.check(req);
      if (!token) {
        this.metrics.rejected.inc({ input: 'http', reason: 'unauthorized' });
        this.log.warn({ path, remote: req.socket.remoteAddress }, 'unauthorized request');
        req.resume();
        res.setHeader('www-authenticate', 'Bearer realm="kansa"');
        return send(res, 401, esError(401, 'security_exception', 'missing or invalid bearer token'), ES_HEADERS);
      }
      if (path === '/metrics' && method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(this.metrics.render());
        return;
      }
      if (path === '/' && (method === 'GET' || method === 'HEAD')) return send(res, 200, rootInfo(), ES_HEADERS, method === 'HEAD');
      if (path === '/ingest' && method === 'POST') return await this.ingest(req, res, url, token);
      const bulk = /^\/(?:([^_/][^/]*)\/)?_bulk$/.exec(path);
      if (bulk && (method === 'POST' || method === 'PUT')) return await this.bulk(req, res, url, token, bulk[1] ? decodeURIComponent(bulk[1]) : undefined);
      const p = probe(method, path);
      if (p) {
        req.resume();
        return send(res, p.status, p.body, ES_HEADERS, method === 'HEAD');
      }
      req.resume();
      return send(res, 404, esError(404, 'resource_not_found_exception', `no handler for ${method} ${path}`), ES_HEADERS);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) this.log.error({ err: (err as Error).stack, path }, 'request failed');
      if (!res.headersSent) {
        const type = status === 413 ? 'content_too_long_exception' : status === 400 ? 'parse_exception' : 'exception';
        if (status === 413) {
          this.metrics.rejected.inc({ input: 'http', reason: 'too_large' });
          res.setHeader('connection', 'close');
        }
        send(res, status, esError(status, type, (err as Error).message), ES_HEADERS);
      }
    }
  }

  private async readBody(req: IncomingMessage): Promise<Buffer> {
    const max = this.config.http.maxBodyBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > max) throw new HttpError(413, `request body of ${declared} bytes is over the limit of ${max}`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > max) throw new HttpError(413, `request body is over the limit of ${max} bytes`);
      chunks.push(chunk as Buffer);
    }
    let body = Buffer.concat(chunks);
    const encoding = String(req.headers['content-encoding'] ?? '').toLowerCase();
    try {
      if (encoding === 'gzip') body = gunzipSync(body, { maxOutputLength: max });
      else if (encoding === 'deflate') body = inflateSync(body, { maxOutputLength: max });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new HttpError(413, `decompressed body is over the limit of ${max} bytes`);
      throw new HttpError(400, `cannot decompress body: ${(err as Error).message}`);
    }
    return body;
  }

  /** Returns false (and answers 429) when the queue cannot take the request. */
  private refuseWhenFull(res: ServerResponse, input: string): boolean {
    if (!this.queue.full) return false;
    this.metrics.rejected.inc({ input, reason: 'queue_full' });
    res.setHeader('retry-after', '5');
    send(res, 429, esError(429, 'es_rejected_execution_exception', 'the bridge queue is full; retry later'), ES_HEADERS);
    return true;
  }

  private translateLines(input: string, lines: RawLines, identity: string, format: string): { ok: boolean; events: number; records: number; failures: number; formats: string[] } {
    const total = { ok: true, events: 0, records: 0, failures: 0, formats: [] as string[] };
    const groups: Array<[string, string[]]> = [
      ['json', lines.json],
      ['text', lines.text],
    ];
    const results: Array<ReturnType<typeof translateChunk>> = [];
    for (const [kind, group] of groups) {
      if (group.length === 0) continue;
      results.push(translateChunk(Buffer.from(`${group.join('\n')}\n`), { source: input, identity: `${identity}:${kind}`, baseOffset: 0, format }, this.translation));
    }
    const entries = results.flatMap((r) => r.entries);
    if (!this.queue.append(entries)) return { ...total, ok: false };
    for (const r of results) {
      total.events += r.entries.length;
      total.records += r.records;
      total.failures += r.failures;
      if (r.format) total.formats.push(r.format);
    }
    this.metrics.received.inc({ input }, total.events);
    this.metrics.parseFailures.inc({ input }, total.failures);
    this.updateQueueGauges();
    return total;
  }

  private async ingest(req: IncomingMessage, res: ServerResponse, url: URL, token: string): Promise<void> {
    if (this.refuseWhenFull(res, 'http-ingest')) return void req.resume();
    const body = await this.readBody(req);
    this.metrics.bytes.inc({ input: 'http-ingest' }, body.length);
    const format = url.searchParams.get('format') ?? String(req.headers['x-kansa-format'] ?? 'auto');
    if (format !== 'auto' && !FORMATS.some((f) => f.id === format)) throw new HttpError(400, `unknown format "${format}"; expected auto or one of: ${FORMATS.map((f) => f.id).join(', ')}`);
    const identity = `http:${createHash('sha256').update(body).digest('base64url')}`;
    let parsed: ReturnType<typeof parseIngest>;
    try {
      parsed = parseIngest(body.toString('utf8'));
    } catch (err) {
      throw new HttpError(400, `body is neither NDJSON nor a JSON array: ${(err as Error).message}`);
    }
    let result;
    if (parsed.raw !== undefined) {
      // Raw bytes straight to the engine: it detects the encoding and format like `kansa translate`.
      const r = translateChunk(body, { source: 'http-ingest', identity, baseOffset: 0, format }, this.translation);
      if (!this.queue.append(r.entries)) result = { ok: false, events: 0, records: 0, failures: 0, formats: [] as string[] };
      else {
        this.metrics.received.inc({ input: 'http-ingest' }, r.entries.length);
        this.metrics.parseFailures.inc({ input: 'http-ingest' }, r.failures);
        this.updateQueueGauges();
        result = { ok: true, events: r.entries.length, records: r.records, failures: r.failures, formats: r.format ? [r.format] : [] };
      }
    } else {
      result = this.translateLines('http-ingest', parsed.lines, identity, format);
    }
    if (!result.ok) {
      this.refuseWhenFull(res, 'http-ingest') || send(res, 429, esError(429, 'es_rejected_execution_exception', 'the bridge queue is full; retry later'), { ...ES_HEADERS, 'retry-after': '5' });
      return;
    }
    this.log.info({ token, input: 'http-ingest', events: result.events, format: result.formats }, 'ingested');
    send(res, 200, { accepted: result.records, events: result.events, parseFailures: result.failures, format: result.formats });
  }

  private async bulk(req: IncomingMessage, res: ServerResponse, url: URL, token: string, index: string | undefined): Promise<void> {
    const started = performance.now();
    if (this.refuseWhenFull(res, 'http-bulk')) return void req.resume();
    const body = await this.readBody(req);
    this.metrics.bytes.inc({ input: 'http-bulk' }, body.length);
    const format = url.searchParams.get('format') ?? String(req.headers['x-kansa-format'] ?? 'auto');
    const { items, lines } = parseBulk(body.toString('utf8'), index);
    const identity = `bulk:${createHash('sha256').update(body).digest('base64url')}`;
    const result = this.translateLines('http-bulk', lines, identity, format);
    if (!result.ok) {
      this.metrics.rejected.inc({ input: 'http-bulk', reason: 'queue_full' });
      send(res, 429, esError(429, 'es_rejected_execution_exception', 'the bridge queue is full; retry later'), { ...ES_HEADERS, 'retry-after': '5' });
      return;
    }
    let errors = false;
    let seq = 0;
    const out = items.map((item) => {
      if (item.error) {
        errors = true;
        return { [item.action]: { _index: item.index, _id: item.id ?? null, status: 400, error: item.error } };
      }
      return {
        [item.action]: { _index: item.index, _id: item.id ?? `${identity.slice(5, 17)}-${seq}`, _version: 1, result: 'created', _shards: { total: 1, successful: 1, failed: 0 }, _seq_no: seq++, _primary_term: 1, status: 201 },
      };
    });
    this.log.info({ token, input: 'http-bulk', items: items.length, events: result.events }, 'bulk accepted');
    send(res, 200, { took: Math.round(performance.now() - started), errors, items: out }, ES_HEADERS);
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, headOnly = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers, 'content-length': Buffer.byteLength(text) });
  res.end(headOnly ? undefined : text);
}

function listen(server: HttpServer | TcpServer, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}
