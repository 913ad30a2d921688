import { randomUUID } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
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
import { createHttpIntakes } from '../inputs/http';
import { storedIdsIn } from '../inputs/http/bulk/stored';
import type { EnqueueOptions, EnqueueResult, Intake, IntakeContext, RawChunk } from '../inputs/intake';
import type { HttpFront } from '../inputs/http/front';
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
  private front?: HttpFront;
  private httpIntakes: Intake[] = [];
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
      const http = createHttpIntakes(c.http, this.intakeContext(), { authenticate: (req) => this.auth.check(req), formats: FORMATS.map((f) => f.id), storedIds: storedIdsIn(this.client) });
      this.front = http.front;
      this.httpIntakes = http.intakes;
      for (const intake of this.httpIntakes) addresses.http = await intake.start();
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
    // HTTP: requests being read finish into the queue, later ones get 503, then the server closes.
    closing.push(Promise.all(this.httpIntakes.map((i) => i.stop())).then(() => this.front?.close()));
    for (const server of [this.tcp, this.tls]) if (server) closing.push(new Promise((r) => server.close(r)));
    // Syslog connections: everything read so far is already in the queue (it is appended as it is read).
    for (const s of this.sockets) s.destroy();
    this.udp?.close();
    await Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000).unref())]);
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

  // ---- the context every intake gets ----

  private intakeContext(): IntakeContext {
    const full = () => ({ ok: false as const, reason: 'queue_full' as const, message: 'the bridge queue is full; retry later' });
    return {
      enqueue: (input, chunks, options) => this.enqueueChunks(input, chunks, options),
      whenSpace: () => this.queue.whenSpace(),
      refusing: () => (this.queue.full ? full() : undefined),
      readiness: () => ({ ok: this.ready, detail: { opensearch: this.openSearchUp ? 'up' : 'down', queue: this.queue.full ? 'full' : 'ok' } }),
      metrics: this.metrics,
      log: this.log,
    };
  }

  /** Translates the chunks (sender-chosen ids honoured) and appends all their events, or none. */
  private enqueueChunks(input: string, chunks: RawChunk[], options: EnqueueOptions = {}): EnqueueResult {
    const results = chunks.map((c) => translateChunk(c.data, c.src, this.translation, c.ids));
    try {
      if (!this.queue.append(results.flatMap((r) => r.entries), options.force)) return { ok: false, reason: 'queue_full', message: 'the bridge queue is full; retry later' };
    } catch (err) {
      this.log.error({ input, err: (err as Error).message }, 'cannot append to the queue');
      return { ok: false, reason: 'storage_error', message: `the bridge cannot write its queue: ${(err as Error).message}` };
    }
    const done = { ok: true as const, events: 0, records: 0, failures: 0, formats: [] as string[] };
    for (const r of results) {
      done.events += r.entries.length;
      done.records += r.records;
      done.failures += r.failures;
      if (r.format) done.formats.push(r.format);
      if (r.truncated) this.metrics.truncated.inc({ input }, r.truncated);
    }
    this.metrics.received.inc({ input }, done.events);
    this.metrics.bytes.inc({ input }, chunks.reduce((n, c) => n + c.data.length, 0));
    this.metrics.parseFailures.inc({ input }, done.failures);
    this.updateQueueGauges();
    return done;
  }
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
