import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Bearer tokens, each with a name for the logs. `Authorization: Bearer <token>` or, for shippers
 * that only speak basic auth (Fluent Bit, Logstash, Vector), `Basic` with the token as password.
 */
export class TokenAuth {
  private readonly tokens: Array<{ name: string; digest: Buffer }>;
  constructor(tokens: Array<{ name: string; token: string }>) {
    this.tokens = tokens.map((t) => ({ name: t.name, digest: digest(t.token) }));
  }

  /** The token's name, or undefined when the request carries no valid token. */
  check(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (!header) return undefined;
    const [scheme, value = ''] = header.split(/\s+/, 2);
    let presented: string | undefined;
    if (/^bearer$/i.test(scheme)) presented = value;
    else if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      presented = i >= 0 ? decoded.slice(i + 1) : undefined;
    }
    if (!presented) return undefined;
    const d = digest(presented);
    let found: string | undefined;
    for (const t of this.tokens) if (timingSafeEqual(t.digest, d)) found ??= t.name;
    return found;
  }
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}
