import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { ChunkSource } from '../pipeline/translate';
import type { Metrics } from '../pipeline/metrics';

/**
 * What every intake (syslog/tcp, syslog/udp, http/ingest, http/bulk, file/tail) implements. The
 * Bridge constructs each intake with an IntakeContext, calls start() once and stop() once; an
 * intake never touches the queue, the translators or OpenSearch itself — it hands raw records to
 * `ctx.enqueue` and acknowledges its sender only when that returns ok.
 */
export interface Intake {
  /** The input label in metrics and logs, e.g. syslog-tcp. */
  readonly name: string;
  /**
   * Starts listening (or polling). Resolves with the bound address (undefined for intakes without
   * one, such as file tailing); rejects with an IntakeStartError when it cannot start (port in use,
   * unreadable TLS key), and the Bridge then exits non-zero with that one line.
   */
  start(): Promise<AddressInfo | undefined>;
  /**
   * Stops taking new data; what was already read is offered to the queue before this resolves.
   * Idempotent.
   */
  stop(): Promise<void>;
}

/** One run of complete, LF-terminated raw records and where they came from. */
export interface RawChunk {
  data: Buffer;
  src: ChunkSource;
  /**
   * Document ids chosen by the sender (an Elasticsearch `_bulk` item's `_id`, or one the HTTP
   * intake answered with), keyed by the record's byte offset in `data` (the offset the engine
   * reports for it). enqueue stores that record's first event under exactly this id, and further
   * events of the same record under `<id>~<n>` (n = 1, 2, …), so a resend is a 409 in the writer,
   * never a duplicate. Records without an entry keep the usual hash id. Optional: intakes that do
   * not set it are unaffected.
   */
  ids?: ReadonlyMap<number, string>;
  /**
   * Set when `data` is one record known to be damaged before translation (e.g. an octet-counted
   * frame cut short by the connection's close): it is stored as a parse failure with this reason
   * and its raw text, never dropped.
   */
  damage?: string;
}

export interface Enqueued {
  ok: true;
  /** Events put in the queue (a record may yield several). */
  events: number;
  /** Raw records read. */
  records: number;
  /** Records that did not parse (stored anyway as parse-failed events). */
  failures: number;
  /** Formats detected, one per chunk that had one. */
  formats: string[];
}

/**
 * Why nothing was kept. queue_full: the bound is reached, retry when `whenSpace` resolves
 * (HTTP: 429 + Retry-After; TCP: pause). storage_error: the queue cannot write (disk full, no file
 * descriptors): the bridge has already logged it and counted it; HTTP answers 503, TCP pauses.
 */
export interface Refused {
  ok: false;
  reason: 'queue_full' | 'storage_error';
  message: string;
}

export type EnqueueResult = Enqueued | Refused;

export interface EnqueueOptions {
  /**
   * A stream input finishing data it already read may exceed the bound by this chunk rather than
   * hold it in memory (the bound is then exceeded by at most one chunk per connection).
   */
  force?: boolean;
}

/**
 * Translates the chunks and appends all their events to the durable queue, all or none. Never
 * throws: storage failures come back as `storage_error`. Updates the received/bytes/parse-failure
 * metrics for `input` on success.
 */
export type Enqueue = (input: string, chunks: RawChunk[], options?: EnqueueOptions) => EnqueueResult;

/** What the Bridge gives each intake at construction. */
export interface IntakeContext {
  enqueue: Enqueue;
  /** Resolves when the queue has room again (below 90% of its bound) or storage recovered. */
  whenSpace(): Promise<void>;
  /** True while the queue cannot take anything (full or failing): refuse before reading a body. */
  refusing(): Refused | undefined;
  /** Readiness for /readyz: ok plus a short status per part (opensearch, queue). */
  readiness(): { ok: boolean; detail: Record<string, string> };
  metrics: Metrics;
  log: Logger;
}

/** An intake that could not start: its message is the one line the process exits with. */
export class IntakeStartError extends Error {
  constructor(
    readonly intake: string,
    message: string,
  ) {
    super(`${intake}: ${message}`);
    this.name = 'IntakeStartError';
  }
}
