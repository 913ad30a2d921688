import { randomUUID } from 'node:crypto';
import { FakeServer, jsonAnswer, type Handled } from './server';

export interface FakeBlob {
  contentType: string;
  contentId: string;
  contentCreated: string;
  records: unknown[];
}

/**
 * The Office 365 Management Activity API and the identity platform's token endpoint, as Microsoft
 * documents them: client-credentials tokens, subscriptions/start (AF20024 when already enabled),
 * subscriptions/content listing a window of at most 24 h within 7 days with NextPageUri paging,
 * and content blobs as JSON arrays of records.
 */
export class FakeM365 {
  readonly server: FakeServer;
  readonly blobs: FakeBlob[] = [];
  readonly subscriptions = new Set<string>();
  /** Tokens the API takes now; revoke() empties it (the next request gets 401). */
  readonly valid = new Set<string>();
  tokensIssued = 0;
  /** Blobs per listing page. */
  pageSize = 2;

  constructor(
    readonly tenant: string,
    readonly clientId: string,
    readonly secret: string,
    private readonly now: () => number,
  ) {
    this.server = new FakeServer((m, u, b, a) => this.handle(m, u, b, a));
  }

  get url(): string {
    return this.server.url;
  }

  revoke(): void {
    this.valid.clear();
  }

  /** A blob of `n` records made available at `created`; the records' UserId domain is `domain`. */
  addBlob(contentType: string, created: Date, n: number, domain: string): FakeBlob {
    const contentId = `${created.getTime()}$${randomUUID().replace(/-/g, '')}$audit_${contentType.toLowerCase()}$Audit_${contentType.split('.')[1]}$emea0026`;
    const records = Array.from({ length: n }, (_, i) => ({
      CreationTime: new Date(created.getTime() - (i + 1) * 1000).toISOString().slice(0, 19),
      Id: randomUUID(),
      Operation: 'FileAccessed',
      OrganizationId: '5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c',
      RecordType: 6,
      UserKey: 'i:0h.f|membership|100320009a7b4c2d@live.com',
      UserType: 0,
      Version: 1,
      Workload: 'SharePoint',
      ClientIP: '203.0.113.24',
      ObjectId: `https://contoso.sharepoint.com/sites/dev/Shared Documents/spec-${i}.docx`,
      UserId: `user${i % 7}@${domain}`,
      SiteUrl: 'https://contoso.sharepoint.com/sites/dev/',
      SourceRelativeUrl: 'Shared Documents',
      SourceFileName: `spec-${i}.docx`,
      SourceFileExtension: 'docx',
      ItemType: 'File',
      EventSource: 'SharePoint',
    }));
    const blob = { contentType, contentId, contentCreated: created.toISOString(), records };
    this.blobs.push(blob);
    return blob;
  }

  private root(): string {
    return `/api/v1.0/${this.tenant}/activity/feed`;
  }

  private handle(method: string, url: URL, body: string, authorization?: string): Handled {
    if (method === 'POST' && url.pathname === `/${this.tenant}/oauth2/v2.0/token`) return this.token(body);
    if (!url.pathname.startsWith(this.root()))
      return jsonAnswer(404, { error: { code: 'NotFound', message: url.pathname } });
    if (!authorization?.startsWith('Bearer ') || !this.valid.has(authorization.slice(7)))
      return jsonAnswer(401, {
        error: {
          code: 'AF10001',
          message: 'The permission set () sent in the request does not include the expected permission.',
        },
      });
    const path = url.pathname.slice(this.root().length);
    const contentType = url.searchParams.get('contentType') ?? '';
    if (method === 'POST' && path === '/subscriptions/start') {
      if (this.subscriptions.has(contentType))
        return jsonAnswer(400, {
          error: { code: 'AF20024', message: 'The subscription is already enabled. No property change.' },
        });
      this.subscriptions.add(contentType);
      return jsonAnswer(200, { contentType, status: 'enabled', webhook: null });
    }
    if (method === 'GET' && path === '/subscriptions/content') return this.list(url, contentType);
    const blob = /^\/audit\/(.+)$/.exec(path);
    if (method === 'GET' && blob) {
      const found = this.blobs.find((b) => b.contentId === decodeURIComponent(blob[1]));
      return found
        ? jsonAnswer(200, found.records)
        : jsonAnswer(404, { error: { code: 'AF20051', message: 'Content not found' } });
    }
    return jsonAnswer(404, { error: { code: 'NotFound', message: path } });
  }

  private token(body: string): Handled {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials' || form.get('scope') !== 'https://manage.office.com/.default')
      return jsonAnswer(400, { error: 'invalid_request', error_description: 'AADSTS900144: grant_type or scope' });
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.secret)
      return jsonAnswer(401, {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided.',
      });
    const token = `eyJ0.fake-${++this.tokensIssued}`;
    this.valid.add(token);
    return jsonAnswer(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token });
  }

  private list(url: URL, contentType: string): Handled {
    const start = Date.parse(`${url.searchParams.get('startTime')}Z`);
    const end = Date.parse(`${url.searchParams.get('endTime')}Z`);
    if (Number.isNaN(start) || Number.isNaN(end) || end <= start || end - start > 24 * 3600_000)
      return jsonAnswer(400, {
        error: {
          code: 'AF20055',
          message:
            'Start time and end time must both be specified (or both omitted) and must be less than or equal to 24 hours apart.',
        },
      });
    if (start < this.now() - 7 * 24 * 3600_000)
      return jsonAnswer(400, {
        error: { code: 'AF20055', message: 'Start time cannot be more than 7 days in the past.' },
      });
    if (!this.subscriptions.has(contentType))
      return jsonAnswer(400, {
        error: { code: 'AF20022', message: 'No subscription found for the specified content type' },
      });
    const all = this.blobs
      .filter(
        (b) =>
          b.contentType === contentType && Date.parse(b.contentCreated) >= start && Date.parse(b.contentCreated) < end,
      )
      .sort((a, b) => a.contentCreated.localeCompare(b.contentCreated));
    const from = Number(url.searchParams.get('nextPage') ?? 0);
    const page = all.slice(from, from + this.pageSize);
    const headers: Record<string, string> = {};
    if (from + this.pageSize < all.length) {
      const next = new URL(url);
      next.searchParams.set('nextPage', String(from + this.pageSize));
      headers.NextPageUri = next.toString();
    }
    return jsonAnswer(
      200,
      page.map((b) => ({
        contentType,
        contentId: b.contentId,
        contentUri: `${this.url}${this.root()}/audit/${encodeURIComponent(b.contentId)}`,
        contentCreated: b.contentCreated,
        contentExpiration: new Date(Date.parse(b.contentCreated) + 7 * 24 * 3600_000).toISOString(),
      })),
      headers,
    );
  }
}
