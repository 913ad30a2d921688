import { createHash } from 'node:crypto';
import type { Client } from '@opensearch-project/opensearch';
import { eventBytes } from '../translate/serialize';
import type { KansaEvent } from '../translate/types';
import { DEAD_LETTER_PREFIX, dailyIndex } from '../opensearch/template';

export interface BulkDoc {
  id: string;
  index: string;
  source: KansaEvent;
}

export type ItemOutcome = 'success' | 'retryable' | 'failed';

export interface BulkResult {
  indexed: number;
  duplicates: number;
  retried: number;
  deadLettered: number;
  /** Rejected documents the dead-letter index refused too (counted per attempt; they are retried, never dropped). */
  deadLetterFailed: number;
  /** Documents still failing after every retry: the caller keeps them (queue) rather than dropping. */
  unsent: BulkDoc[];
}

/** A deterministic id: the same raw record from the same place always lands on the same document. */
export function documentId(sourceIdentity: string, event: KansaEvent, ordinal: number): string {
  return createHash('sha256')
    .update(
      `${sourceIdentity}\0${event['log.offset'] ?? ''}\0${event['event.original'] ?? ''}\0${event['event.action'] ?? ''}\0${ordinal}`,
    )
    .digest('base64url')
    .slice(0, 32);
}

export function toBulkDoc(sourceIdentity: string, event: KansaEvent, ordinal: number): BulkDoc {
  return { id: documentId(sourceIdentity, event, ordinal), index: dailyIndex(event['@timestamp']), source: event };
}

/** 409 on create means the document is already there: a retried or re-imported record. */
export function classifyItem(status: number): ItemOutcome {
  if (status >= 200 && status < 300) return 'success';
  if (status === 409) return 'success';
  if (status === 429 || status >= 500) return 'retryable';
  return 'failed';
}

export interface AttemptOutcome {
  /** Set when the request could not reach OpenSearch at all (connection refused, timeout): an outage, not a failure. */
  unreachable?: string;
  /** Rejected documents the dead-letter index refused too (retried, never dropped), and its reason. */
  deadLetterFailed: number;
  deadLetterError?: string;
  /** Documents going round again after this attempt. */
  retrying: number;
}

export interface BulkWriterOptions {
  /** Attempts per item before it is handed back as unsent; Infinity keeps retrying (the queue writer). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called after each bulk request with its duration, for the latency histogram. */
  onRequest?: (ms: number, items: number) => void;
  /** Called after each attempt, for metrics and state-change logs while items keep being retried. */
  onAttempt?: (outcome: AttemptOutcome) => void;
  /** Stops retrying (e.g. on shutdown): what is left comes back as unsent. */
  aborted?: () => boolean;
}

/** A document already serialized, as the durable queue keeps it. */
export interface SerializedDoc {
  id: string;
  index: string;
  /** The document's JSON source as UTF-8: it goes into the request body as it is. */
  json: Buffer;
}

export interface SerializedResult extends Omit<BulkResult, 'unsent'> {
  unsent: SerializedDoc[];
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function serializeDoc(doc: BulkDoc): SerializedDoc {
  return { id: doc.id, index: doc.index, json: eventBytes(doc.source) };
}

/** Sends documents with `create`, retrying only items that failed with 429/5xx, with full-jitter backoff. */
export async function writeBulk(client: Client, docs: BulkDoc[], options: BulkWriterOptions = {}): Promise<BulkResult> {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const r = await writeBulkSerialized(client, docs.map(serializeDoc), options);
  return { ...r, unsent: r.unsent.map((s) => byId.get(s.id)!) };
}

/**
 * The same for pre-serialized documents. A request that fails as a whole (connection refused,
 * timeout, 429/5xx) is retried whole: ids are deterministic and 409 counts as success, so a retry
 * never duplicates.
 */
export async function writeBulkSerialized(
  client: Client,
  docs: SerializedDoc[],
  options: BulkWriterOptions = {},
): Promise<SerializedResult> {
  const {
    maxAttempts = 8,
    baseDelayMs = 200,
    maxDelayMs = 10_000,
    random = Math.random,
    sleep = defaultSleep,
    onRequest,
    onAttempt,
    aborted,
  } = options;
  const result: SerializedResult = {
    indexed: 0,
    duplicates: 0,
    retried: 0,
    deadLettered: 0,
    deadLetterFailed: 0,
    unsent: [],
  };
  let pending = docs;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const retry: SerializedDoc[] = [];
    const rejected: Array<{ doc: SerializedDoc; type: string; reason: string }> = [];
    const attempt_: AttemptOutcome = { deadLetterFailed: 0, retrying: 0 };
    let response: { body: unknown } | undefined;
    const started = performance.now();
    try {
      response = await bulkRequest(client, bulkBody(pending));
    } catch (err) {
      // No status (null or absent: connection refused, reset, timeout) is an outage, retried like 5xx.
      const status = (err as { meta?: { statusCode?: number | null } }).meta?.statusCode;
      if (typeof status === 'number' && classifyItem(status) === 'failed') throw err;
      attempt_.unreachable = (err as Error).message;
      retry.push(...pending);
    }
    onRequest?.(performance.now() - started, pending.length);
    if (response) {
      const items = (
        response.body as { items: Array<Record<string, { status: number; error?: { type: string; reason: string } }>> }
      ).items;
      items.forEach((item, i) => {
        const r = item.create ?? Object.values(item)[0];
        const outcome = classifyItem(r.status);
        if (outcome === 'success') {
          if (r.status === 409) result.duplicates++;
          else result.indexed++;
        } else if (outcome === 'retryable') {
          retry.push(pending[i]);
        } else {
          rejected.push({
            doc: pending[i],
            type: r.error?.type ?? String(r.status),
            reason: r.error?.reason ?? `status ${r.status}`,
          });
        }
      });
    }
    if (rejected.length > 0) {
      try {
        const failed = await deadLetter(client, rejected);
        result.deadLettered += rejected.length - failed.length;
        if (failed.length > 0) {
          // Neither the index nor the dead-letter index took them (e.g. the shard limit): they stay
          // unacknowledged and go round again, so the queue holds them and fills, visibly.
          result.deadLetterFailed += failed.length;
          attempt_.deadLetterFailed = failed.length;
          attempt_.deadLetterError = failed[0].reason;
          retry.push(...failed.map((f) => f.doc));
        }
      } catch (err) {
        // OpenSearch went away between the two requests: the rejected items go round again.
        attempt_.unreachable = (err as Error).message;
        retry.push(...rejected.map((r) => r.doc));
      }
    }
    attempt_.retrying = retry.length;
    onAttempt?.(attempt_);
    if (retry.length === 0) break;
    if (attempt >= maxAttempts || aborted?.()) {
      result.unsent = retry;
      break;
    }
    result.retried += retry.length;
    pending = retry;
    await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** Math.min(attempt - 1, 20)));
  }
  return result;
}

/**
 * Pre-serialized NDJSON bytes straight to the transport: the typed helper would re-serialize every
 * document. The answer is filtered to what is read (each item's status and error): OpenSearch
 * otherwise echoes index, id, version and shard counts per document, which the client would decode.
 */
function bulkRequest(client: Client, ndjson: Buffer): Promise<{ body: unknown }> {
  return client.transport.request({
    method: 'POST',
    path: '/_bulk',
    querystring: { filter_path: RESPONSE_FILTER },
    body: ndjson,
    bulkBody: ndjson,
  } as never) as Promise<{ body: unknown }>;
}

const RESPONSE_FILTER = 'items.*.status,items.*.error.type,items.*.error.reason';

/** `{"create":{"_index":…,"_id":…}}` + LF: the action line before each document. */
function actionLine(d: { id: string; index: string }): string {
  return `{"create":{"_index":${JSON.stringify(d.index)},"_id":${JSON.stringify(d.id)}}}\n`;
}

/** Printable ASCII that JSON.stringify leaves as it is: such an id or index is its own length plus two quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** The action line's bytes besides the index and the id. */
const ACTION_FRAME = Buffer.byteLength(actionLine({ index: '', id: '' }));

/** The bytes a document takes in a request body: its action line, its source and a newline. */
export function bulkEntryBytes(d: { id: string; index: string; json: Uint8Array }): number {
  // Runs per document: the line itself is built only when an id needs escaping.
  const action =
    PLAIN.test(d.id) && PLAIN.test(d.index)
      ? ACTION_FRAME + d.index.length + d.id.length
      : Buffer.byteLength(actionLine(d));
  return action + d.json.length + 1;
}

/** The NDJSON body of one `_bulk` request, in one buffer: a `create` action line and the source per document. */
export function bulkBody(docs: readonly SerializedDoc[]): Buffer {
  const actions = docs.map(actionLine);
  let size = 0;
  for (let i = 0; i < docs.length; i++) size += Buffer.byteLength(actions[i]) + docs[i].json.length + 1;
  const body = Buffer.allocUnsafe(size);
  let p = 0;
  for (let i = 0; i < docs.length; i++) {
    p += body.write(actions[i], p);
    p += docs[i].json.copy(body, p);
    body[p++] = 0x0a;
  }
  return body;
}

const CLOSE_BRACE = Buffer.from('}');

/**
 * Mapping and validation errors are kept with their reason, never silently dropped. Returns the
 * documents the dead-letter index refused too, with its reason.
 */
async function deadLetter(
  client: Client,
  rejected: Array<{ doc: SerializedDoc; type: string; reason: string }>,
): Promise<Array<{ doc: SerializedDoc; reason: string }>> {
  const now = new Date().toISOString();
  const docs: SerializedDoc[] = rejected.map(({ doc, type, reason }) => ({
    id: doc.id,
    index: dailyIndex(now, DEAD_LETTER_PREFIX),
    json: Buffer.concat([
      Buffer.from(
        `{"@timestamp":${JSON.stringify(now)},"reason":${JSON.stringify(reason)},"error_type":${JSON.stringify(type)},"target_index":${JSON.stringify(doc.index)},"document":`,
      ),
      doc.json,
      CLOSE_BRACE,
    ]),
  }));
  const response = await bulkRequest(client, bulkBody(docs));
  const items = (response.body as { items: Array<Record<string, { status: number; error?: { reason?: string } }>> })
    .items;
  const failed: Array<{ doc: SerializedDoc; reason: string }> = [];
  items.forEach((item, i) => {
    const r = Object.values(item)[0];
    if (classifyItem(r.status) !== 'success')
      failed.push({ doc: rejected[i].doc, reason: r.error?.reason ?? `status ${r.status}` });
  });
  return failed;
}
