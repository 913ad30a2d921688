import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { FakeServer, jsonAnswer, type Handled } from './server';

/** A service account key file as Google issues it (the fields the pull reads, and a few it ignores). */
export function serviceAccountKey(): { json: string; publicKey: KeyObject; clientEmail: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const clientEmail = 'kansa-reports@kansa-test.iam.gserviceaccount.com';
  const json = JSON.stringify({
    type: 'service_account',
    project_id: 'kansa-test',
    private_key_id: '0123456789abcdef',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: clientEmail,
    client_id: '104729384756102938475',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
  return { json, publicKey, clientEmail };
}

export interface Activity {
  kind: string;
  id: { time: string; uniqueQualifier: string; applicationName: string; customerId: string };
  actor: { email: string; profileId: string; callerType: string };
  ipAddress: string;
  events: unknown[];
}

/**
 * The Admin SDK Reports API and Google's OAuth2 token endpoint: the JWT bearer grant (the RS256
 * signature checked with the service account's public key, iss/sub/scope/aud/exp checked), and
 * activities.list newest first between startTime and endTime, maxResults per page, nextPageToken.
 */
export class FakeGoogle {
  readonly server: FakeServer;
  readonly activities: Activity[] = [];
  readonly valid = new Set<string>();
  /** Claims of every JWT the token endpoint accepted. */
  readonly assertions: Array<Record<string, unknown>> = [];
  tokensIssued = 0;
  private seq = 0;

  constructor(
    private readonly publicKey: KeyObject,
    private readonly clientEmail: string,
    private readonly subject: string,
  ) {
    this.server = new FakeServer((m, u, b, a) => this.handle(m, u, b, a));
  }

  get url(): string {
    return this.server.url;
  }

  revoke(): void {
    this.valid.clear();
  }

  /** n activities of `application` at `at` (one second apart, going back), by people of `domain`. */
  add(application: string, at: Date, n: number, domain: string): Activity[] {
    const out = Array.from({ length: n }, (_, i): Activity => {
      const time = new Date(at.getTime() - i * 1000).toISOString();
      const q = String(-(4_000_000_000_000 + ++this.seq));
      return {
        kind: 'admin#reports#activity',
        id: { time, uniqueQualifier: q, applicationName: application, customerId: 'C03az79cb' },
        actor: { email: `user${i % 5}@${domain}`, profileId: '105250506097979753968', callerType: 'USER' },
        ipAddress: '203.0.113.80',
        events:
          application === 'login'
            ? [{ type: 'login', name: 'login_success', parameters: [{ name: 'login_type', value: 'google_password' }] }]
            : [
                {
                  type: 'access',
                  name: 'view',
                  parameters: [
                    { name: 'doc_id', value: `doc${i}` },
                    { name: 'doc_title', value: `plan-${i}.docx` },
                    { name: 'doc_type', value: 'document' },
                  ],
                },
              ],
      };
    });
    this.activities.push(...out);
    return out;
  }

  private handle(method: string, url: URL, body: string, authorization?: string): Handled {
    if (method === 'POST' && url.pathname === '/token') return this.token(body);
    const m = /^\/admin\/reports\/v1\/activity\/users\/all\/applications\/([a-z_]+)$/.exec(url.pathname);
    if (!m || method !== 'GET')
      return jsonAnswer(404, { error: { code: 404, message: 'Not Found', status: 'NOT_FOUND' } });
    if (!authorization?.startsWith('Bearer ') || !this.valid.has(authorization.slice(7)))
      return jsonAnswer(401, {
        error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' },
      });
    const start = Date.parse(url.searchParams.get('startTime') ?? '');
    const end = url.searchParams.has('endTime') ? Date.parse(url.searchParams.get('endTime')!) : Infinity;
    if (Number.isNaN(start) || Number.isNaN(end) || end < start)
      return jsonAnswer(400, {
        error: { code: 400, message: 'Start time must be less than end time.', status: 'INVALID_ARGUMENT' },
      });
    const max = Number(url.searchParams.get('maxResults') ?? 1000);
    const all = this.activities
      .filter((a) => a.id.applicationName === m[1] && Date.parse(a.id.time) >= start && Date.parse(a.id.time) <= end)
      .sort((a, b) => b.id.time.localeCompare(a.id.time));
    const token = url.searchParams.get('pageToken');
    const from = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    const items = all.slice(from, from + max);
    const next = from + max < all.length ? Buffer.from(String(from + max)).toString('base64url') : undefined;
    return jsonAnswer(200, {
      kind: 'admin#reports#activities',
      etag: '"JDMC8884sebSctZ17CIssbQ/abc"',
      ...(items.length ? { items } : {}),
      ...(next ? { nextPageToken: next } : {}),
    });
  }

  private token(body: string): Handled {
    const form = new URLSearchParams(body);
    const bad = (why: string) => jsonAnswer(400, { error: 'invalid_grant', error_description: why });
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return bad('grant_type');
    const [h, p, s] = (form.get('assertion') ?? '').split('.');
    if (!h || !p || !s) return bad('Invalid JWT');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string };
    if (header.alg !== 'RS256') return bad('Invalid JWT algorithm');
    if (!verify('RSA-SHA256', Buffer.from(`${h}.${p}`), this.publicKey, Buffer.from(s, 'base64url')))
      return bad('Invalid JWT Signature.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    if (claims.iss !== this.clientEmail) return jsonAnswer(401, { error: 'invalid_client', error_description: 'iss' });
    if (claims.sub !== this.subject)
      return jsonAnswer(401, {
        error: 'unauthorized_client',
        error_description:
          'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.',
      });
    if (claims.scope !== 'https://www.googleapis.com/auth/admin.reports.audit.readonly') return bad('scope');
    if (claims.aud !== `${this.url}/token`) return bad('Invalid JWT: audience');
    if (typeof claims.iat !== 'number' || claims.exp !== claims.iat + 3600)
      return bad('Invalid JWT: Token must be a short-lived token (60 minutes)');
    this.assertions.push(claims);
    const token = `ya29.fake-${++this.tokensIssued}`;
    this.valid.add(token);
    return jsonAnswer(200, { access_token: token, expires_in: 3599, token_type: 'Bearer' });
  }
}
