import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { json, PullError, request, type HttpContext, type TokenSource } from '../http';

/** Read-only access to the audit activities (the only scope the pull asks for). */
export const REPORTS_SCOPE = 'https://www.googleapis.com/auth/admin.reports.audit.readonly';

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: KeyObject;
}

/** The fields the pull reads from a service account key file; throws naming what is missing. */
export function parseServiceAccount(text: string): ServiceAccountKey {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error('the service account key is not JSON');
  }
  if (typeof o.client_email !== 'string' || typeof o.private_key !== 'string')
    throw new Error('the service account key needs client_email and private_key');
  try {
    return { clientEmail: o.client_email, privateKey: createPrivateKey(o.private_key) };
  } catch {
    throw new Error(`the service account key's private_key is not a PEM private key`);
  }
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** A JWT signed with RS256 (RSASSA-PKCS1-v1_5 over SHA-256), as the OAuth2 JWT bearer grant takes it. */
export function signJwt(claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
}

/**
 * The service account's token for the admin user it acts as (domain-wide delegation: `sub`),
 * from a one-hour JWT assertion; kept until a minute before it expires, or a 401.
 */
export class ServiceAccountToken implements TokenSource {
  private cached?: { token: string; until: number };

  constructor(
    private readonly http: HttpContext,
    private readonly tokenUrl: string,
    private readonly key: ServiceAccountKey,
    private readonly subject: string,
  ) {}

  async token(signal: AbortSignal): Promise<string> {
    if (this.cached && this.cached.until > this.now()) return this.cached.token;
    return this.refresh(signal);
  }

  async refresh(_signal: AbortSignal): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const assertion = signJwt(
      { iss: this.key.clientEmail, sub: this.subject, scope: REPORTS_SCOPE, aud: this.tokenUrl, iat, exp: iat + 3600 },
      this.key.privateKey,
    );
    const spec = {
      method: 'POST' as const,
      url: this.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }).toString(),
    };
    const body = json(await request(this.http, spec), spec) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token)
      throw new PullError(`POST ${this.tokenUrl}`, 200, 'the token answer has no access_token');
    const life = Number(body.expires_in ?? 3600);
    this.cached = { token: body.access_token, until: this.now() + Math.max(0, life - 60) * 1000 };
    return body.access_token;
  }

  private now(): number {
    return (this.http.now ?? Date.now)();
  }
}
