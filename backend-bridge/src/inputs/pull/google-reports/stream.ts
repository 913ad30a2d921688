import { CursorFile } from '../cursor';
import { deliver, type PullRecord } from '../deliver';
import { json, PullError, request, type HttpContext, type TokenSource } from '../http';
import type { PullEnv, PullStream } from '../intake';

const HOUR = 3600_000;
/** The Reports API keeps about 6 months; a start before that is refused by the API. */
const RETENTION_MS = 180 * 24 * HOUR - HOUR;
/** A cursor is a time and a page token (Google's are ~100–300 characters). */
export const MAX_CURSOR_BYTES = 64 * 1024;

export interface GoogleCursor {
  /** Every activity up to this time that the API listed is stored. */
  from: string;
  /** The window being paged through when the poll stopped, and the next page's token. */
  window?: { start: string; end: string; pageToken?: string };
}

export interface GoogleStreamOptions {
  input: string;
  application: string;
  apiUrl: string;
  customerId?: string;
  maxResults: number;
  initialLookbackHours: number;
  overlapMinutes: number;
}

/**
 * One application: each poll lists [cursor − overlap, now] page by page (activities.list,
 * pageToken/nextPageToken), hands each page's activities to the queue and saves the cursor with
 * the next page token; at the last page the cursor moves to the window's end.
 */
export class GoogleStream implements PullStream {
  readonly name: string;
  private readonly file: CursorFile<GoogleCursor>;
  private cursor?: GoogleCursor;

  constructor(
    private readonly env: PullEnv,
    private readonly auth: TokenSource,
    private readonly o: GoogleStreamOptions,
  ) {
    this.name = o.application;
    this.file = new CursorFile(env.stateDir, `google-${o.application}`, MAX_CURSOR_BYTES);
  }

  async poll(): Promise<void> {
    const c = (this.cursor ??= this.file.load() ?? {
      from: new Date(this.env.now() - this.o.initialLookbackHours * HOUR).toISOString(),
    });
    const now = this.env.now();
    if (!c.window) {
      if (Date.parse(c.from) < now - RETENTION_MS)
        this.env.ctx.log.warn(
          { input: this.o.input, stream: this.name, cursor: c.from },
          'the cursor is older than the 180 days the API keeps: activities before then cannot be fetched any more',
        );
      const start = Math.max(Date.parse(c.from) - this.o.overlapMinutes * 60_000, now - RETENTION_MS);
      if (now <= start) return;
      c.window = { start: new Date(start).toISOString(), end: new Date(now).toISOString() };
    }
    const w = c.window;
    let pageToken = w.pageToken;
    for (;;) {
      let page: { items: unknown[]; next?: string };
      try {
        page = await this.list(w.start, w.end, pageToken);
      } catch (err) {
        // A saved page token the API no longer takes: page through the window again (ids de-duplicate).
        if (!pageToken || !(err instanceof PullError) || err.status < 400 || err.status >= 500) throw err;
        this.env.ctx.log.warn(
          { input: this.o.input, stream: this.name, err: err.message },
          'saved page token refused: listing the window again',
        );
        pageToken = undefined;
        continue;
      }
      const records: PullRecord[] = page.items.map((a) => ({
        line: JSON.stringify(a),
        id: recordId(this.o.application, a),
      }));
      const src = {
        source: this.o.input,
        identity: `google:${this.o.application}:${w.start}:${pageToken ?? ''}`,
        format: 'google-workspace',
      };
      const done = await deliver(this.env.ctx, this.o.input, src, records, this.env.http.signal);
      this.env.metrics.records.inc({ input: this.o.input, stream: this.name }, done.records);
      pageToken = page.next;
      c.window = { ...w, ...(pageToken ? { pageToken } : {}) };
      this.file.save(c);
      if (!pageToken) break;
    }
    c.from = w.end;
    c.window = undefined;
    this.file.save(c);
    this.env.metrics.cursor.set({ input: this.o.input, stream: this.name }, Math.floor(Date.parse(w.end) / 1000));
  }

  private async list(start: string, end: string, pageToken?: string): Promise<{ items: unknown[]; next?: string }> {
    const u = new URL(
      `${this.o.apiUrl.replace(/\/+$/, '')}/admin/reports/v1/activity/users/all/applications/${encodeURIComponent(this.o.application)}`,
    );
    u.searchParams.set('startTime', start);
    u.searchParams.set('endTime', end);
    u.searchParams.set('maxResults', String(this.o.maxResults));
    if (this.o.customerId) u.searchParams.set('customerId', this.o.customerId);
    if (pageToken) u.searchParams.set('pageToken', pageToken);
    const spec = { method: 'GET' as const, url: u.toString() };
    const answer = await request(this.env.http as HttpContext, spec, this.auth);
    const body = json(answer, spec) as { items?: unknown; nextPageToken?: unknown };
    if (body === null || typeof body !== 'object' || (body.items !== undefined && !Array.isArray(body.items)))
      throw new PullError(
        `GET ${u.origin}${u.pathname}`,
        answer.status,
        'expected an activities page ({kind, items, nextPageToken})',
      );
    return {
      items: (body.items as unknown[] | undefined) ?? [],
      next: typeof body.nextPageToken === 'string' && body.nextPageToken ? body.nextPageToken : undefined,
    };
  }
}

/** An activity is unique by application, time and uniqueQualifier; its events are stored as <id>, <id>~1, … */
function recordId(application: string, activity: unknown): string | undefined {
  const id = (activity as { id?: { time?: unknown; uniqueQualifier?: unknown } } | null)?.id;
  if (
    !id ||
    typeof id.time !== 'string' ||
    (typeof id.uniqueQualifier !== 'string' && typeof id.uniqueQualifier !== 'number')
  )
    return undefined;
  const out = `gws-${application}-${id.time}-${id.uniqueQualifier}`;
  return out.length <= 200 ? out : undefined;
}
