import { json, PullError, request, type HttpContext, type TokenSource } from '../http';

/**
 * OAuth2 client-credentials token of an app registration (Microsoft identity platform v2 endpoint),
 * kept until a minute before it expires, or until a 401 asks for a fresh one.
 */
export class ClientCredentials implements TokenSource {
  private cached?: { token: string; until: number };

  constructor(
    private readonly http: HttpContext,
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly scope: string,
  ) {}

  async token(signal: AbortSignal): Promise<string> {
    const now = (this.http.now ?? Date.now)();
    if (this.cached && this.cached.until > now) return this.cached.token;
    return this.refresh(signal);
  }

  async refresh(_signal: AbortSignal): Promise<string> {
    const spec = {
      method: 'POST' as const,
      url: this.tokenUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: this.clientId,
        client_secret: this.clientSecret,
        scope: this.scope,
      }).toString(),
    };
    const body = json(await request(this.http, spec), spec) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token)
      throw new PullError(`POST ${this.tokenUrl}`, 200, 'the token answer has no access_token');
    const life = Number(body.expires_in ?? 3600);
    this.cached = { token: body.access_token, until: (this.http.now ?? Date.now)() + Math.max(0, life - 60) * 1000 };
    return body.access_token;
  }
}
