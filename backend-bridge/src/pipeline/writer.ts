import type { Client } from '@opensearch-project/opensearch';
import type { Logger } from 'pino';
import { bulkEntryBytes, writeBulkSerialized } from './bulk';
import type { Metrics } from './metrics';
import type { Batch, DiskQueue } from '../queue/queue';

export interface WriterOptions {
  /** Largest bulk request body in bytes; a single larger document goes alone. */
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
  private current: WriterState = 'ok';
  private readonly failing = new Map<object, { state: WriterState; detail?: string }>();
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
      let batch: Batch | undefined;
      try {
        batch = this.queue.take(this.options.bulkBytes, bulkEntryBytes);
      } catch (err) {
        // EMFILE or an I/O error reading a segment: the data stays on disk; try again shortly.
        this.state(this, 'queue_read', (err as Error).message);
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      this.state(this, 'ok');
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
    let pending = slot.batch.docs;
    for (let round = 0; pending.length > 0; round++) {
      try {
        const r = await writeBulkSerialized(this.client, pending, {
          maxAttempts: Infinity,
          maxDelayMs: this.options.maxDelayMs ?? 5000,
          aborted: () => this.stopping,
          onRequest: (ms) => this.metrics.bulkLatency.observe({ output: 'opensearch' }, ms / 1000),
          onAttempt: (a) => {
            // Counted as they happen: during an outage the call does not return until it is over.
            this.metrics.retried.inc({ output: 'opensearch' }, a.retrying);
            if (a.deadLetterFailed > 0) this.metrics.deadLetterFailed.inc({ output: 'opensearch' }, a.deadLetterFailed);
            this.state(
              slot,
              a.unreachable ? 'unreachable' : a.deadLetterFailed > 0 ? 'dead_letter_failed' : 'ok',
              a.unreachable ?? a.deadLetterError,
            );
          },
        });
        this.metrics.indexed.inc({ output: 'opensearch' }, r.indexed);
        this.metrics.duplicates.inc({ output: 'opensearch' }, r.duplicates);
        this.metrics.deadLettered.inc({ output: 'opensearch' }, r.deadLettered);
        pending = r.unsent;
      } catch (err) {
        // A request refused as a whole with 4xx (e.g. 413 from a proxy): try again later, never drop.
        this.state(slot, 'refused', (err as Error).message);
        this.metrics.retried.inc({ output: 'opensearch' }, pending.length);
        await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
      }
      if (this.stopping && pending.length > 0) return;
    }
    slot.done = true;
    // Acknowledge the longest confirmed prefix, in queue order.
    while (this.order.length > 0 && this.order[0].done) {
      const done = this.order.shift()!;
      this.queue.ack(done.batch.end, done.batch.docs.length);
    }
    this.metrics.queueBytes.set({}, this.queue.depthBytes);
    this.metrics.queueEvents.set({}, this.queue.depthEvents);
    this.state(slot, 'ok');
    this.state(this.queue, this.queue.ackError ? 'ack_write' : 'ok', this.queue.ackError);
  }

  /**
   * One log line per change of the output's state (an outage is logged when it starts and when it
   * ends, not at every retry). Each batch in flight (and the queue itself) reports its own state;
   * the output is ok only when none is failing, so one stuck batch among healthy ones logs once.
   */
  private state(who: object, next: WriterState, detail?: string): void {
    if (next === 'ok') this.failing.delete(who);
    else this.failing.set(who, { state: next, detail });
    const worst = this.failing.values().next().value ?? { state: 'ok' as WriterState, detail: undefined };
    if (worst.state === this.current) return;
    const previous = this.current;
    this.current = worst.state;
    this.lastError = worst.detail;
    for (const s of STATES) this.metrics.outputState.set({ output: 'opensearch', state: s }, s === worst.state ? 1 : 0);
    if (worst.state === 'ok') this.log.info({ previous }, STATE_MESSAGES.ok);
    else this.log.error({ state: worst.state, err: worst.detail }, STATE_MESSAGES[worst.state]);
  }
}

type WriterState = 'ok' | 'unreachable' | 'refused' | 'dead_letter_failed' | 'queue_read' | 'ack_write';
const STATES: WriterState[] = ['ok', 'unreachable', 'refused', 'dead_letter_failed', 'queue_read', 'ack_write'];
const STATE_MESSAGES: Record<WriterState, string> = {
  ok: 'OpenSearch output recovered',
  unreachable: 'OpenSearch unreachable: events stay in the queue, retrying with backoff',
  refused: 'OpenSearch refused a bulk request as a whole: events stay in the queue, retrying',
  dead_letter_failed:
    'documents rejected by their index and by the dead-letter index: they stay in the queue (unacknowledged) and are retried',
  queue_read: 'cannot read the queue: retrying',
  ack_write: 'cannot write the queue position (ack.json): kept in memory, retried with the next ack',
};
