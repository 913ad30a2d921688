import type { Client } from '@opensearch-project/opensearch';
import type { Logger } from 'pino';
import { writeBulkSerialized } from '../opensearch/bulk';
import type { Metrics } from '../serve/metrics';
import type { Batch, DiskQueue } from '../queue/queue';

export interface WriterOptions {
  bulkBytes: number;
  concurrency: number;
  /** Backoff cap while OpenSearch is down or overloaded. */
  maxDelayMs?: number;
}

/**
 * Drains the durable queue into OpenSearch: a few bulk requests in flight, each retried (only its
 * failed items) until OpenSearch confirms every item. The queue position advances only over a
 * contiguous run of confirmed batches, so a crash at any point re-sends, never skips.
 */
export class QueueWriter {
  private running = false;
  private inflight = new Set<Promise<void>>();
  private order: Array<{ batch: Batch; done: boolean }> = [];
  private loop?: Promise<void>;
  private stopping = false;
  lastError?: string;

  constructor(
    private readonly queue: DiskQueue,
    private readonly client: Client,
    private readonly options: WriterOptions,
    private readonly metrics: Metrics,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking batches; in-flight ones stop retrying and stay in the queue for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.queue.close();
    await this.loop;
    await Promise.allSettled([...this.inflight]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.inflight.size >= this.options.concurrency) {
        await Promise.race(this.inflight);
        continue;
      }
      const batch = this.queue.take(this.options.bulkBytes);
      if (!batch) {
        if (this.inflight.size > 0) await Promise.race([this.queue.whenData(), ...this.inflight]);
        else await this.queue.whenData();
        continue;
      }
      const slot = { batch, done: false };
      this.order.push(slot);
      const p: Promise<void> = this.send(slot).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }
  }

  private async send(slot: { batch: Batch; done: boolean }): Promise<void> {
    let pending = slot.batch.entries;
    for (let round = 0; pending.length > 0; round++) {
      try {
        const r = await writeBulkSerialized(this.client, pending, {
          maxAttempts: Infinity,
          maxDelayMs: this.options.maxDelayMs ?? 5000,
          aborted: () => this.stopping,
          onRequest: (ms) => this.metrics.bulkLatency.observe({ output: 'opensearch' }, ms / 1000),
        });
        this.metrics.indexed.inc({ output: 'opensearch' }, r.indexed);
        this.metrics.duplicates.inc({ output: 'opensearch' }, r.duplicates);
        this.metrics.retried.inc({ output: 'opensearch' }, r.retried);
        this.metrics.deadLettered.inc({ output: 'opensearch' }, r.deadLettered);
        if (r.retried > 0) this.log.warn({ retried: r.retried }, 'bulk items retried');
        pending = r.unsent;
        this.lastError = undefined;
      } catch (err) {
        // A request refused as a whole with 4xx (e.g. 413 from a proxy): try again later, never drop.
        this.lastError = (err as Error).message;
        this.log.error({ err: this.lastError }, 'bulk request failed');
        this.metrics.retried.inc({ output: 'opensearch' }, pending.length);
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
      }
      if (this.stopping && pending.length > 0) return;
    }
    slot.done = true;
    // Acknowledge the longest confirmed prefix, in queue order.
    while (this.order.length > 0 && this.order[0].done) {
      const done = this.order.shift()!;
      this.queue.ack(done.batch.end, done.batch.entries.length);
    }
    this.metrics.queueBytes.set({}, this.queue.depthBytes);
    this.metrics.queueEvents.set({}, this.queue.depthEvents);
  }
}
