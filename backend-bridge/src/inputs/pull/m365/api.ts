import { json, PullError, request, type HttpContext, type TokenSource } from '../http';

/** One available content blob, as subscriptions/content lists it. */
export interface ContentEntry {
  contentId: string;
  contentUri: string;
  contentCreated: string;
}

/** The Management Activity API calls the pull needs, for one tenant. */
export class ManagementApi {
  readonly root: string;

  constructor(
    private readonly http: HttpContext,
    private readonly auth: TokenSource,
    apiUrl: string,
    tenantId: string,
    private readonly publisherId?: string,
  ) {
    this.root = `${apiUrl.replace(/\/+$/, '')}/api/v1.0/${encodeURIComponent(tenantId)}/activity/feed`;
  }

  /** Starts the subscription for a content type; one already enabled (error AF20024) is fine. */
  async start(contentType: string): Promise<void> {
    const spec = { method: 'POST' as const, url: this.url('subscriptions/start', { contentType }), accept: [400] };
    const answer = await request(this.http, spec, this.auth);
    if (answer.status === 400 && !answer.body.toString('utf8').includes('AF20024')) {
      throw new PullError(`POST ${this.root}/subscriptions/start`, 400, answer.body.toString('utf8').slice(0, 300));
    }
  }

  /** The listing URL of a window (at most 24 h, within the last 7 days). */
  listUrl(contentType: string, start: Date, end: Date): string {
    return this.url('subscriptions/content', { contentType, startTime: iso(start), endTime: iso(end) });
  }

  /** One listing page and the next page's URL (NextPageUri header), which must stay on the API's origin. */
  async list(url: string): Promise<{ entries: ContentEntry[]; next?: string }> {
    this.sameOrigin(url, 'NextPageUri');
    const spec = { method: 'GET' as const, url };
    const answer = await request(this.http, spec, this.auth);
    const body = json(answer, spec);
    if (!Array.isArray(body))
      throw new PullError(`GET ${this.root}/subscriptions/content`, answer.status, 'expected a JSON array of content');
    const entries: ContentEntry[] = [];
    for (const e of body as Array<Record<string, unknown>>) {
      if (e && typeof e.contentId === 'string' && typeof e.contentUri === 'string')
        entries.push({
          contentId: e.contentId,
          contentUri: e.contentUri,
          contentCreated: String(e.contentCreated ?? ''),
        });
    }
    const next = answer.headers.get('nextpageuri') ?? undefined;
    return { entries, next: next || undefined };
  }

  /** A content blob's raw answer (a JSON array of records, read and checked by the caller). */
  async blob(entry: ContentEntry): Promise<Buffer> {
    this.sameOrigin(entry.contentUri, 'contentUri');
    const url = this.publisherId
      ? withParam(entry.contentUri, 'PublisherIdentifier', this.publisherId)
      : entry.contentUri;
    return (await request(this.http, { method: 'GET', url }, this.auth)).body;
  }

  private url(path: string, params: Record<string, string>): string {
    const u = new URL(`${this.root}/${path}`);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    if (this.publisherId) u.searchParams.set('PublisherIdentifier', this.publisherId);
    return u.toString();
  }

  /** The token goes only to the configured API: a listed URI elsewhere is refused. */
  private sameOrigin(url: string, what: string): void {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      throw new PullError(`GET ${this.root}`, 0, `${what} is not a URL: ${url.slice(0, 200)}`);
    }
    if (origin !== new URL(this.root).origin)
      throw new PullError(`GET ${this.root}`, 0, `${what} ${origin} is not the configured API origin`);
  }
}

/** The API takes yyyy-MM-ddTHH:mm:ss (UTC). */
const iso = (d: Date) => d.toISOString().slice(0, 19);

function withParam(url: string, key: string, value: string): string {
  const u = new URL(url);
  if (!u.searchParams.has(key)) u.searchParams.set(key, value);
  return u.toString();
}
