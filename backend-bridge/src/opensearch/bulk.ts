import { createHash } from 'node:crypto';
import type { Client } from '@opensearch-project/opensearch';
import type { KansaEvent } from '../translate/types';
import { DEAD_LETTER_PREFIX, dailyIndex } from './template';

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
  /** Documents still failing after every retry: the caller keeps them (queue) rather than dropping. */
  unsent: BulkDoc[];
}

/** A deterministic id: the same raw record from the same place always lands on the same document. */
export function documentId(sourceIdentity: string, event: KansaEvent, ordinal: number): string {
  return createHash('sha256')
    .update(`${sourceIdentity}\0${event['log.offset'] ?? ''}\0${event['event.original'] ?? ''}\0${event['event.action'] ?? ''}\0${ordinal}`)
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

export interface BulkWriterOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends documents with `create`, retrying only items that failed with 429/5xx, with full-jitter backoff. */
export async function writeBulk(client: Client, docs: BulkDoc[], options: BulkWriterOptions = {}): Promise<BulkResult> {
  const { maxAttempts = 8, baseDelayMs = 200, maxDelayMs = 10_000, random = Math.random, sleep = defaultSleep } = options;
  const result: BulkResult = { indexed: 0, duplicates: 0, retried: 0, deadLettered: 0, unsent: [] };
  let pending = docs;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const retry: BulkDoc[] = [];
    const rejected: Array<{ doc: BulkDoc; type: string; reason: string }> = [];
    let response: { body: unknown } | undefined;
    try {
      response = await bulkRequest(client, serialize(pending));
    } catch (err) {
      const status = (err as { meta?: { statusCode?: number } }).meta?.statusCode;
      if (status !== undefined && classifyItem(status) === 'failed') throw err;
      retry.push(...pending);
    }
    if (response) {
      const items = (response.body as { items: Array<Record<string, { status: number; error?: { type: string; reason: string } }>> }).items;
      items.forEach((item, i) => {
        const r = item.create ?? Object.values(item)[0];
        const outcome = classifyItem(r.status);
        if (outcome === 'success') {
          if (r.status === 409) result.duplicates++;
          else result.indexed++;
        } else if (outcome === 'retryable') {
          retry.push(pending[i]);
        } else {
          rejected.push({ doc: pending[i], type: r.error?.type ?? String(r.status), reason: r.error?.reason ?? `status ${r.status}` });
        }
      });
    }
    if (rejected.length > 0) {
      result.deadLettered += await deadLetter(client, rejected);
    }
    if (retry.length === 0) break;
    if (attempt >= maxAttempts) {
      result.unsent = retry;
      break;
    }
    result.retried += retry.length;
    pending = retry;
    await sleep(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1)));
  }
  return result;
}

/** Pre-serialized NDJSON straight to the transport: the typed helper would re-serialize every document. */
function bulkRequest(client: Client, ndjson: string): Promise<{ body: unknown }> {
  return client.transport.request({ method: 'POST', path: '/_bulk', body: ndjson, bulkBody: ndjson } as never) as Promise<{ body: unknown }>;
}

function serialize(docs: BulkDoc[]): string {
  let body = '';
  for (const d of docs) {
    body += `{"create":{"_index":${JSON.stringify(d.index)},"_id":${JSON.stringify(d.id)}}}\n${JSON.stringify(d.source)}\n`;
  }
  return body;
}

/** Mapping and validation errors are kept with their reason, never silently dropped. */
async function deadLetter(client: Client, rejected: Array<{ doc: BulkDoc; type: string; reason: string }>): Promise<number> {
  const now = new Date().toISOString();
  const docs: BulkDoc[] = rejected.map(({ doc, type, reason }) => ({
    id: doc.id,
    index: dailyIndex(now, DEAD_LETTER_PREFIX),
    source: { '@timestamp': now, reason, error_type: type, target_index: doc.index, document: doc.source } as unknown as KansaEvent,
  }));
  const response = await bulkRequest(client, serialize(docs));
  const items = (response.body as { items: Array<Record<string, { status: number }>> }).items;
  return items.filter((item) => classifyItem(Object.values(item)[0].status) === 'success').length;
}
