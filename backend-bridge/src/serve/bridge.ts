import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Client } from '@opensearch-project/opensearch';
import pino, { type Logger } from 'pino';
import type { KansaConfig } from '../config/schema';
import { redactUrl } from '../opensearch/client';
import { Client as OpenSearchClient } from '@opensearch-project/opensearch';
import { installTemplate } from '../opensearch/template';
import { RateLimiter } from '../pipeline/lines';
import { damagedRecord, translateChunk, type Translation } from '../pipeline/translate';
import { QueueWriter } from '../pipeline/writer';
import { DiskQueue } from '../queue/queue';
import { createEnricher, parseAssets, parseDirectory } from '../translate/directory';
import { FORMATS, STAGES } from '../translators';
import { FileIntake } from '../inputs/file/intake';
import { pullIntakes } from '../inputs/pull';
import { syslogStreamIntakes } from '../inputs/syslog/tcp';
import { UdpIntake } from '../inputs/syslog/udp';
import { createHttpIntakes } from '../inputs/http';
import { storedIdsIn } from '../inputs/http/bulk/stored';
import { TimesheetIntake } from '../timesheet/intake';
import { storeTimesheets } from '../timesheet/store';
import type { EnqueueOptions, EnqueueResult, Intake, IntakeContext, RawChunk, Refused } from '../inputs/intake';
import type { HttpFront } from '../inputs/http/front';
import { StorageService } from './storage';
import { TokenAuth } from './auth';
import { Metrics } from '../pipeline/metrics';
import { startRiskLoop, type RiskLoop } from '../risk/loop';
import { DirectoryWatch } from '../directory/watch';
import { ReportScheduler } from '../report/scheduler';

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
  /** Syslog (TCP, TLS, UDP) and file intakes, in start order. */
  private intakes: Intake[] = [];
  private openSearchUp = false;
  private stopped = false;
  private risk?: RiskLoop;
  private directory?: DirectoryWatch;
  private reports?: ReportScheduler;
  /** Why the last queue append failed, and when (cleared by the next one that succeeds). */
  private storageError?: { message: string; at: number };
  /** Whether the last append was refused for the bound (logged once per change). */
  private queueFull = false;

  constructor(
    private readonly config: KansaConfig,
    options: { logger?: Logger } = {},
  ) {
    this.log = options.logger ?? pino({ level: config.log.level, base: { service: 'kansa-bridge' } });
    this.queue = new DiskQueue(config.queue);
    const auth = config.opensearch.username
      ? { username: config.opensearch.username, password: config.opensearch.password ?? '' }
      : undefined;
    this.client = new OpenSearchClient({
      node: config.opensearch.url,
      requestTimeout: 60_000,
      maxRetries: 0,
      ...(auth ? { auth } : {}),
    });
    this.writer = new QueueWriter(
      this.queue,
      this.client,
      { bulkBytes: config.opensearch.bulkBytes, concurrency: config.opensearch.concurrency },
      this.metrics,
      this.log,
    );
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
      // Read per chunk, so a directory reload changes what the next events are stamped with.
      enrich: users.length || assets.length ? createEnricher(users, assets) : undefined,
      maxLineBytes: config.syslog.maxLineBytes,
      archive: this.storage.archive,
      timeWindow: t.timeWindow,
    };
    this.limiter = new RateLimiter(config.syslog.rateLimit.eventsPerSecond, config.syslog.rateLimit.burst);
    this.metrics.queueCapacity.set({}, config.queue.maxBytes);
  }

  async start(): Promise<BridgeAddresses> {
    this.queue.open();
    this.updateQueueGauges();
    this.log.info(
      {
        opensearch: redactUrl(this.config.opensearch.url),
        queue: this.config.queue.dir,
        pending: this.queue.depthEvents,
      },
      'starting',
    );
    // The writer starts once the template is in place, so no index is ever created without it.
    void this.prepareOpenSearch().then(() => {
      if (!this.stopped) this.writer.start();
      if (!this.stopped) this.risk = startRiskLoop(this.client, this.log, process.env, this.config.opensearch.replicas);
      if (!this.stopped) this.storage.start(this.client);
      if (!this.stopped) {
        this.reports = new ReportScheduler(this.config, this.log);
        this.reports.start();
      }
      const t = this.config.translate;
      if (!this.stopped && (t.directory || t.assets)) {
        this.directory = new DirectoryWatch(
          { users: t.directory, assets: t.assets },
          {
            client: this.client,
            log: this.log,
            replicas: this.config.opensearch.replicas,
            onLoaded: (u, a) => (this.translation.enrich = createEnricher(u, a)),
          },
        );
        void this.directory.start();
      }
    });
    try {
      return await this.startIntakes();
    } catch (err) {
      // One intake that cannot start stops the whole bridge: never half started (HTTP up, syslog not).
      await this.stop();
      throw err;
    }
  }

  private async startIntakes(): Promise<BridgeAddresses> {
    const addresses: BridgeAddresses = {};
    const c = this.config;
    const ctx = this.intakeContext();
    if (c.http.enabled) {
      const http = createHttpIntakes(c.http, ctx, {
        authenticate: (req) => this.auth.check(req),
        formats: FORMATS.map((f) => f.id),
        storedIds: storedIdsIn(this.client),
      });
      this.front = http.front;
      // POST /timesheet: self-reported timesheets into their own index, answered with the rows it could not read.
      const timesheets = new TimesheetIntake(
        ctx,
        http.front,
        { maxRecords: c.http.maxRecords, formats: [] },
        (records, layout, file, tz) => storeTimesheets(this.client, records, layout, file, tz, c.opensearch.replicas),
      );
      this.httpIntakes = [...http.intakes, timesheets];
      for (const intake of this.httpIntakes) addresses.http = await intake.start();
    }
    const syslog: Intake[] = syslogStreamIntakes(c.syslog, ctx, this.limiter);
    if (c.syslog.udp.enabled)
      syslog.push(
        new UdpIntake(
          { ...c.syslog.udp, maxLineBytes: c.syslog.maxLineBytes, format: c.syslog.format, limiter: this.limiter },
          ctx,
        ),
      );
    for (const intake of syslog) {
      this.intakes.push(intake);
      const address = await intake.start();
      if (intake.name === 'syslog-tcp') addresses.syslogTcp = address;
      if (intake.name === 'syslog-tls') addresses.syslogTls = address;
      if (intake.name === 'syslog-udp') addresses.syslogUdp = address;
    }
    if (c.files.sources.length > 0) {
      const files = new FileIntake(c.files, c.queue.dir, ctx);
      this.intakes.push(files);
      await files.start();
    }
    // Pulled cloud audit APIs (M365, Google Workspace): a missing secret stops the start like a port in use.
    for (const pull of pullIntakes(c, ctx)) {
      this.intakes.push(pull);
      await pull.start();
    }
    this.log.info({ addresses, files: c.files.sources.flatMap((s) => s.paths) }, 'listening');
    return addresses;
  }

  /** Stops intake, lets what was read reach the queue, stops the writer; the queue keeps the rest. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.log.info('stopping');
    await this.directory?.stop();
    const closing: Array<Promise<unknown>> = [];
    // HTTP: requests being read finish into the queue, later ones get 503, then the server closes.
    closing.push(Promise.all(this.httpIntakes.map((i) => i.stop())).then(() => this.front?.close()));
    for (const intake of this.intakes) closing.push(intake.stop());
    await Promise.race([Promise.all(closing), new Promise((r) => setTimeout(r, 5000).unref())]);
    await this.writer.stop();
    await this.risk?.stop();
    await this.reports?.stop();
    await this.storage.idle();
    this.storage.stop();
    this.queue.close();
    await this.client.close();
    this.log.info({ pending: this.queue.depthEvents }, 'stopped');
  }

  get ready(): boolean {
    return this.openSearchUp && !this.queue.full && !this.storageError;
  }

  /** Why intake is refused right now: the queue is full, or it failed to write within STORAGE_RETRY_MS. */
  private refusal(): Refused | undefined {
    if (this.storageError && Date.now() - this.storageError.at < STORAGE_RETRY_MS) {
      return {
        ok: false,
        reason: 'storage_error',
        message: `the bridge cannot write its queue: ${this.storageError.message}`,
      };
    }
    if (this.queue.full) return { ok: false, reason: 'queue_full', message: 'the bridge queue is full; retry later' };
    return undefined;
  }

  private async prepareOpenSearch(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        if (this.config.opensearch.installTemplate) await installTemplate(this.client, this.config.opensearch.replicas);
        else await this.client.transport.request({ method: 'GET', path: '/' });
        this.openSearchUp = true;
        this.log.info('OpenSearch reachable, template installed');
        this.watchOpenSearch();
        return;
      } catch (err) {
        if (attempt === 0)
          this.log.warn(
            { err: (err as Error).message, opensearch: redactUrl(this.config.opensearch.url) },
            'OpenSearch not reachable yet: retrying with backoff',
          );
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

  // ---- the context every intake gets ----

  private intakeContext(): IntakeContext {
    return {
      enqueue: (input, chunks, options) => this.enqueueChunks(input, chunks, options),
      // After a storage error, intakes try again every STORAGE_RETRY_MS (the writer frees space as it drains).
      whenSpace: () =>
        this.storageError ? new Promise((r) => setTimeout(r, STORAGE_RETRY_MS).unref()) : this.queue.whenSpace(),
      refusing: () => this.refusal(),
      readiness: () => ({
        ok: this.ready,
        detail: {
          opensearch: this.openSearchUp ? 'up' : 'down',
          queue: this.storageError ? 'failing' : this.queue.full ? 'full' : 'ok',
        },
      }),
      metrics: this.metrics,
      log: this.log,
    };
  }

  /** Translates the chunks (sender-chosen ids honoured) and appends all their events, or none. */
  private enqueueChunks(input: string, chunks: RawChunk[], options: EnqueueOptions = {}): EnqueueResult {
    const results = chunks.map((c) =>
      c.damage !== undefined
        ? damagedRecord(c.data, c.src, c.damage, this.translation)
        : translateChunk(c.data, c.src, this.translation, c.ids),
    );
    try {
      if (
        !this.queue.append(
          results.flatMap((r) => r.entries),
          options.force,
        )
      ) {
        if (!this.queueFull)
          this.log.warn(
            { input, bytes: this.queue.depthBytes, bound: this.queue.capacity },
            'queue full: intake refused (HTTP 429, TCP paused, UDP dropped) until OpenSearch takes events',
          );
        this.queueFull = true;
        return { ok: false, reason: 'queue_full', message: 'the bridge queue is full; retry later' };
      }
    } catch (err) {
      // Disk full, no descriptors, an I/O error: nothing was kept, the intake refuses (503, pause, counted drop).
      const message = (err as Error).message;
      if (!this.storageError)
        this.log.error({ input, err: message }, 'cannot write the queue: intake refused until it can');
      this.storageError = { message, at: Date.now() };
      this.metrics.storageErrors.inc({ input });
      this.metrics.storageFailing.set({}, 1);
      return { ok: false, reason: 'storage_error', message: `the bridge cannot write its queue: ${message}` };
    }
    if (this.queueFull) this.log.info({ input }, 'queue has room again: intake resumed');
    this.queueFull = false;
    if (this.storageError) {
      this.log.info({ input }, 'the queue can be written again: intake resumed');
      this.storageError = undefined;
      this.metrics.storageFailing.set({}, 0);
    }
    const done = { ok: true as const, events: 0, records: 0, failures: 0, formats: [] as string[] };
    for (const r of results) {
      done.events += r.entries.length;
      done.records += r.records;
      done.failures += r.failures;
      if (r.format) done.formats.push(r.format);
      if (r.truncated) this.metrics.truncated.inc({ input }, r.truncated);
      if (r.farTimestamps) this.metrics.farTimestamps.inc({ input }, r.farTimestamps);
    }
    this.metrics.received.inc({ input }, done.events);
    this.metrics.bytes.inc(
      { input },
      chunks.reduce((n, c) => n + c.data.length, 0),
    );
    this.metrics.parseFailures.inc({ input }, done.failures);
    this.updateQueueGauges();
    return done;
  }
}

/** How long intakes wait before trying the queue again after it failed to write. */
const STORAGE_RETRY_MS = 1000;
