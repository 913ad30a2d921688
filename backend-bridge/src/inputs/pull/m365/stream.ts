import { arrayElements } from '../../http/scan';
import { CursorFile } from '../cursor';
import { deliver, deliverDamaged, type PullRecord } from '../deliver';
import { PullError } from '../http';
import type { PullEnv, PullStream } from '../intake';
import type { ContentEntry, ManagementApi } from './api';

const HOUR = 3600_000;
/** The API lists at most 24 h per request … */
const MAX_WINDOW_MS = 24 * HOUR;
/** … and nothing older than 7 days; a few minutes' margin so a slow request is not refused for it. */
const RETENTION_MS = 7 * 24 * HOUR - 10 * 60_000;

/** Blobs remembered as stored (for the overlap), oldest dropped first: the bound of the cursor file. */
export const MAX_SEEN = 5000;
/** 5,000 entries of a real content id (~110 characters) and time take ~700 KiB; anything larger is not ours. */
export const MAX_CURSOR_BYTES = 2 * 1024 * 1024;

export interface M365Cursor {
  /** Everything the API made available before this time is stored. */
  from: string;
  /** The window being listed when the poll stopped, and the listing page it was on. */
  window?: { start: string; end: string; next?: string };
  /** Blobs stored whose time a later window's overlap covers again: [contentId, contentCreated]. */
  seen: Array<[string, string]>;
}

export interface M365StreamOptions {
  input: string;
  tenantId: string;
  contentType: string;
  initialLookbackHours: number;
  overlapMinutes: number;
  maxSeen?: number;
}

/**
 * One content type: lists the blobs made available in windows of at most 24 h (each poll from the
 * cursor minus the overlap up to now), fetches each blob not already stored, hands its records to
 * the queue, and saves the cursor after every blob. A restart resumes on the listing page it was on.
 */
export class M365Stream implements PullStream {
  readonly name: string;
  private readonly file: CursorFile<M365Cursor>;
  private cursor?: M365Cursor;
  private subscribed = false;

  constructor(
    private readonly env: PullEnv,
    private readonly api: ManagementApi,
    private readonly o: M365StreamOptions,
  ) {
    this.name = o.contentType;
    this.file = new CursorFile(env.stateDir, `m365-${o.tenantId}-${o.contentType}`, MAX_CURSOR_BYTES);
  }

  async poll(): Promise<void> {
    if (!this.subscribed) {
      await this.api.start(this.o.contentType);
      this.subscribed = true;
    }
    const c = (this.cursor ??= this.file.load() ?? {
      from: new Date(this.env.now() - this.o.initialLookbackHours * HOUR).toISOString(),
      seen: [],
    });
    for (;;) {
      const now = this.env.now();
      const w = c.window ?? this.nextWindow(c, now);
      if (!w) return;
      c.window = w;
      try {
        await this.listWindow(c, w);
      } catch (err) {
        // The subscription was stopped meanwhile (AF20022): start it again at the next poll.
        if (err instanceof PullError && err.status === 400 && err.message.includes('AF20022')) this.subscribed = false;
        throw err;
      }
      const end = Date.parse(w.end);
      c.from = w.end;
      c.window = undefined;
      c.seen = pruneSeen(c.seen, this.overlapStart(end), this.o.maxSeen ?? MAX_SEEN);
      this.file.save(c);
      this.env.metrics.cursor.set({ input: this.o.input, stream: this.name }, Math.floor(end / 1000));
      if (end >= now) return;
    }
  }

  /**
   * Where the next listing starts after a cursor at `from`: the overlap back, on a whole second, since the
   * listing's startTime has no milliseconds. The remembered blobs are pruned at the same instant: pruned to the
   * millisecond, a blob created in the second before it was listed again but no longer remembered (fetched twice).
   */
  private overlapStart(from: number): number {
    return Math.floor((from - this.o.overlapMinutes * 60_000) / 1000) * 1000;
  }

  private nextWindow(c: M365Cursor, now: number): M365Cursor['window'] {
    const from = Date.parse(c.from);
    const oldest = now - RETENTION_MS;
    if (from < oldest) {
      this.env.ctx.log.warn(
        { input: this.o.input, stream: this.name, cursor: c.from },
        'the cursor is older than the 7 days the API keeps: content made available before then cannot be fetched any more',
      );
    }
    const start = Math.max(this.overlapStart(from), oldest);
    const end = Math.min(start + MAX_WINDOW_MS, now);
    if (end <= start) return undefined;
    return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  }

  private async listWindow(c: M365Cursor, w: NonNullable<M365Cursor['window']>): Promise<void> {
    const first = this.api.listUrl(this.o.contentType, new Date(w.start), new Date(w.end));
    let url: string | undefined = w.next ?? first;
    let resumed = w.next !== undefined;
    const seen = new Set(c.seen.map(([id]) => id));
    while (url) {
      let page;
      try {
        page = await this.api.list(url);
      } catch (err) {
        // A saved NextPageUri the API no longer takes: list the window again (stored blobs are skipped).
        if (!resumed || !(err instanceof PullError) || err.status < 400 || err.status >= 500) throw err;
        this.env.ctx.log.warn(
          { input: this.o.input, stream: this.name, err: err.message },
          'saved page refused: listing the window again',
        );
        url = first;
        resumed = false;
        continue;
      }
      resumed = false;
      for (const entry of page.entries) {
        if (seen.has(entry.contentId)) continue;
        await this.store(entry);
        seen.add(entry.contentId);
        c.seen.push([entry.contentId, entry.contentCreated]);
        if (c.seen.length > (this.o.maxSeen ?? MAX_SEEN))
          c.seen = pruneSeen(c.seen, -Infinity, this.o.maxSeen ?? MAX_SEEN);
        c.window = { ...w, next: url };
        this.file.save(c);
      }
      url = page.next;
      c.window = { ...w, ...(url ? { next: url } : {}) };
      this.file.save(c);
    }
  }

  /** Fetches one blob and hands its records to the queue; returns once they are stored. */
  private async store(entry: ContentEntry): Promise<void> {
    const body = await this.api.blob(entry);
    const src = {
      source: this.o.input,
      identity: `m365:${this.o.tenantId}:${entry.contentId}`,
      format: 'm365-audit-json',
    };
    // Only the structure is checked here (a byte scan); each record is parsed on its own as it is
    // handed over, so no array of parsed records of the whole blob is held.
    const problem = structureError(body);
    if (problem) {
      const kept = body.length > DAMAGED_BYTES ? body.subarray(0, DAMAGED_BYTES) : body;
      await deliverDamaged(
        this.env.ctx,
        this.o.input,
        src,
        kept,
        `content blob ${entry.contentId} (${body.length} bytes${kept === body ? '' : `, the first ${DAMAGED_BYTES} kept`}) is not the JSON array of records the API documents: ${problem}`,
        this.env.http.signal,
      );
      this.env.ctx.log.error(
        { input: this.o.input, stream: this.name, contentId: entry.contentId, err: problem },
        'content blob is not a JSON array: kept as one parse failure',
      );
      return;
    }
    const done = await deliver(this.env.ctx, this.o.input, src, blobRecords(body), this.env.http.signal);
    this.env.metrics.records.inc({ input: this.o.input, stream: this.name }, done.records);
    this.env.ctx.log.debug(
      {
        input: this.o.input,
        stream: this.name,
        contentId: entry.contentId,
        records: done.records,
        events: done.events,
      },
      'content blob stored',
    );
  }
}

/** The remembered blobs created at or after `since`, at most `max` of them (the newest). */
export function pruneSeen(seen: M365Cursor['seen'], since: number, max: number): M365Cursor['seen'] {
  const kept = seen.filter(([, created]) => !(Date.parse(created) < since));
  kept.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return kept.slice(Math.max(0, kept.length - max));
}

/** A damaged blob's text kept in its parse-failure event, at most (the event must fit a bulk request). */
export const DAMAGED_BYTES = 64 * 1024;

function structureError(body: Buffer): string | undefined {
  try {
    for (const _ of arrayElements(body, 'content blob'));
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** The blob's records one at a time, each as compact JSON on one line with its id. */
function* blobRecords(body: Buffer): Generator<PullRecord> {
  for (const { start, end } of arrayElements(body, 'content blob')) {
    const text = body.toString('utf8', start, end);
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      // Kept as the translator's parse failure, with its text.
      yield { line: text.replace(/[\r\n]+/g, ' ') };
      continue;
    }
    const id = (record as { Id?: unknown } | null)?.Id;
    yield {
      line: JSON.stringify(record),
      id: typeof id === 'string' && id && id.length <= 200 ? `m365-${id}` : undefined,
    };
  }
}
