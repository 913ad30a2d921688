import { yieldToLoop } from '../http/scan';
import type { IntakeContext, RawChunk } from '../intake';
import { PullStopped } from './stopped';

/** One record as the API returned it: its JSON on one line, and the id its documents are stored under. */
export interface PullRecord {
  line: string;
  /** Derived from the record's own id, so a record fetched twice (the overlap, a restart) is a 409, not a duplicate. */
  id?: string;
}

/** Records per chunk handed to the queue (the unit of translation), as the HTTP intake slices. */
export const SLICE_RECORDS = 500;
export const SLICE_BYTES = 256 * 1024;

export interface Delivered {
  events: number;
  records: number;
  failures: number;
}

/**
 * Hands one page or blob of records to the durable queue, a slice at a time. Returns once every
 * slice is stored (so the caller may then move its cursor); while the queue is full or failing it
 * waits for room, and a stop in between rejects with PullStopped (nothing after the last stored
 * slice counts as done).
 */
export async function deliver(
  ctx: IntakeContext,
  input: string,
  src: { source: string; identity: string; format: string },
  records: Iterable<PullRecord>,
  signal: AbortSignal,
): Promise<Delivered> {
  const done: Delivered = { events: 0, records: 0, failures: 0 };
  let offset = 0;
  let lines: string[] = [];
  let ids = new Map<number, string>();
  let bytes = 0;
  const flush = async () => {
    const chunk: RawChunk = {
      data: Buffer.from(`${lines.join('\n')}\n`),
      src: { ...src, baseOffset: offset },
      ...(ids.size ? { ids } : {}),
    };
    const r = await offer(ctx, input, chunk, signal);
    done.events += r.events;
    done.records += r.records;
    done.failures += r.failures;
    offset += bytes;
    lines = [];
    ids = new Map();
    bytes = 0;
    // Other intakes and timers run between slices of a large blob.
    await yieldToLoop();
  };
  for (const record of records) {
    if (record.id !== undefined) ids.set(bytes, record.id);
    lines.push(record.line);
    bytes += Buffer.byteLength(record.line) + 1;
    if (lines.length >= SLICE_RECORDS || bytes >= SLICE_BYTES) await flush();
  }
  if (lines.length) await flush();
  return done;
}

/** A damaged answer (not the JSON the API documents), kept as one parse-failure event with its text. */
export async function deliverDamaged(
  ctx: IntakeContext,
  input: string,
  src: { source: string; identity: string; format: string },
  text: Buffer,
  reason: string,
  signal: AbortSignal,
): Promise<void> {
  await offer(ctx, input, { data: text, src: { ...src, baseOffset: 0 }, damage: reason }, signal);
}

/** Enqueues one chunk, waiting while the queue is full or failing (whenSpace retries a failing disk every second). */
async function offer(ctx: IntakeContext, input: string, chunk: RawChunk, signal: AbortSignal): Promise<Delivered> {
  for (;;) {
    if (signal.aborted) throw new PullStopped();
    const r = ctx.enqueue(input, [chunk]);
    if (r.ok) return r;
    await Promise.race([
      ctx.whenSpace(),
      new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true })),
    ]);
  }
}
