import { Delivery } from '../delivery';
import { ES_HEADERS, esError, probe, rootInfo } from '../elastic';
import type { IntakeContext } from '../../intake';
import type { Exchange, HttpFront, Route } from '../front';
import { RecordSlicer, oneLine, recordOf } from '../records';
import { RouteIntake, sha256, type RequestLimits } from '../route-intake';
import { parseBulk, type BulkItem } from './parse';
import { RecentIds, type StoredIds } from './stored';

const SHARDS = { total: 1, successful: 1, failed: 0 };

/**
 * The Elasticsearch `_bulk` API (and the handshake shippers send before it). Each item's record
 * is stored under the `_id` the sender chose, or under an id derived from the body and the item's
 * position, which is what the answer names; so a resend of a batch is a 409 in the writer, never a
 * duplicate. Sources that are not JSON are kept as parse failures with their raw text.
 */
export class BulkIntake extends RouteIntake {
  readonly name = 'http-bulk';
  private readonly recent = new RecentIds();

  constructor(
    ctx: IntakeContext,
    front: HttpFront,
    limits: RequestLimits,
    /** Lets `create` on an id taken in an earlier request answer 409 (optional: without it, only within this bridge's memory). */
    private readonly storedIds?: StoredIds,
  ) {
    super(ctx, front, limits);
  }

  protected routes(): Route[] {
    return [
      {
        input: this.name,
        methods: ['POST', 'PUT'],
        path: /^\/(?:([^_/][^/]*)\/)?_bulk$/,
        handle: (x, m) => this.bulk(x, m?.[1] ? decodeURIComponent(m[1]) : undefined),
      },
      {
        input: this.name,
        methods: ['GET', 'HEAD', 'PUT', 'POST'],
        path: /^\//,
        fallback: true,
        handle: (x) => handshake(x),
      },
    ];
  }

  private async bulk(x: Exchange, defaultIndex: string | undefined): Promise<void> {
    const started = performance.now();
    const format = this.format(x);
    this.refuseWhenFull();
    const body = await x.body();
    const items = await parseBulk(body, defaultIndex, this.limits.maxRecords, this.name);
    const hash = sha256(body);
    const slicer = new RecordSlicer(this.name, `bulk:${hash}`, format);
    const delivery = new Delivery(this.ctx, this.name);
    const ids = await this.taken(items);
    const queued: string[] = [];
    let errors = false;
    let seq = 0;
    const out = new Array<unknown>(items.length);
    for (let n = 0; n < items.length; n++) {
      const item = items[n];
      const id = item.id ?? `${hash.slice(0, 20)}-${n}`;
      let answer: Record<string, unknown>;
      if (item.error) {
        answer = {
          _index: item.index,
          _id: item.id ?? null,
          status: item.error.status,
          error: { type: item.error.type, reason: item.error.reason },
        };
      } else if (ids.has(id)) {
        // An id already kept (earlier in this request, lately, or in OpenSearch): the first stays (the bridge only appends).
        answer =
          item.action === 'create'
            ? {
                _index: item.index,
                _id: id,
                status: 409,
                error: {
                  type: 'version_conflict_engine_exception',
                  reason: `[${id}]: version conflict, document already exists (current version [1])`,
                },
              }
            : { _index: item.index, _id: id, _version: 1, result: 'noop', _shards: SHARDS, status: 200 };
      } else {
        ids.add(id);
        if (item.id !== undefined) queued.push(id);
        const { kind, line } = sourceRecord(body, item);
        slicer.add(kind, line, id);
        answer = {
          _index: item.index,
          _id: id,
          _version: 1,
          result: 'created',
          _shards: SHARDS,
          _seq_no: seq++,
          _primary_term: 1,
          status: 201,
        };
      }
      if (answer.error) errors = true;
      out[n] = { [item.action]: answer };
      if (slicer.full) await delivery.send(slicer.take());
    }
    await delivery.send(slicer.take());
    for (const id of queued) this.recent.add(id);
    this.ctx.log.info(
      {
        token: x.token,
        input: this.name,
        items: items.length,
        events: delivery.events,
        parseFailures: delivery.failures,
      },
      'bulk accepted',
    );
    x.send(200, { took: Math.round(performance.now() - started), errors, items: out }, ES_HEADERS);
  }

  /**
   * Sender-chosen ids already kept, by this bridge lately or in OpenSearch: `create` on them is a
   * 409 and `index` a no-op, as the writer would keep the first document anyway. When OpenSearch
   * cannot be asked, they go on as new: the writer's `create` then keeps the first, never a second.
   */
  private async taken(items: BulkItem[]): Promise<Set<string>> {
    const chosen = items.filter((i) => i.id !== undefined && !i.error).map((i) => i.id!);
    const taken = new Set(chosen.filter((id) => this.recent.has(id)));
    const ask = chosen.filter((id) => !taken.has(id));
    if (ask.length > 0 && this.storedIds) for (const id of (await this.storedIds(ask)) ?? []) taken.add(id);
    return taken;
  }
}

/** The raw record of an item: its raw line or document, or the source text itself when it is not JSON. */
function sourceRecord(body: Buffer, item: BulkItem): ReturnType<typeof recordOf> {
  const text = body.toString('utf8', item.source!.start, item.source!.end);
  try {
    return recordOf(JSON.parse(text));
  } catch {
    // Kept with its raw text; the engine stores what it cannot read as a parse-failure event.
    return { kind: 'text', line: oneLine(text) };
  }
}

function handshake(x: Exchange): void {
  const head = x.method === 'HEAD';
  if (x.path === '/' && (x.method === 'GET' || head)) return sendEs(x, 200, rootInfo(), head);
  const p = probe(x.method, x.path);
  if (p) return sendEs(x, p.status, p.body, head);
  sendEs(x, 404, esError(404, 'resource_not_found_exception', `no handler for ${x.method} ${x.path}`), head);
}

function sendEs(x: Exchange, status: number, body: unknown, head: boolean): void {
  x.send(status, body, ES_HEADERS, head);
}
