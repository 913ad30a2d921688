import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@opensearch-project/opensearch';

export const TOKEN = 'test-token-0123456789abcdef';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** A self-signed certificate for the TLS tests (openssl CLI). */
export function selfSignedCert(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kansa-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

export function marker(prefix: string): string {
  return `${prefix}${process.pid}x${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`.toLowerCase();
}

/** Polls until `check` returns a value accepted by `done`, or fails at the deadline with the last value. */
export async function until<T>(
  check: () => Promise<T> | T,
  done: (v: T) => boolean,
  what: string,
  deadlineMs = 90_000,
): Promise<T> {
  const end = Date.now() + deadlineMs;
  let last: T;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    last = await check();
    if (done(last)) return last;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

export async function countHost(client: Client, host: string, extra: Record<string, unknown>[] = []): Promise<number> {
  await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
  const res = (
    await client.transport.request({
      method: 'POST',
      path: '/kansa-events-*/_count',
      body: { query: { bool: { filter: [{ term: { 'host.name': host } }, ...extra] } } },
    })
  ).body as { count: number };
  return res.count;
}

/** Every document of a host: [_id, event.original]. */
export async function docsOfHost(
  client: Client,
  host: string,
): Promise<Array<{ id: string; original: string; source: Record<string, unknown> }>> {
  await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
  const out: Array<{ id: string; original: string; source: Record<string, unknown> }> = [];
  let after: unknown[] | undefined;
  for (;;) {
    const res = (
      await client.transport.request({
        method: 'POST',
        path: '/kansa-events-*/_search',
        body: {
          size: 5000,
          query: { term: { 'host.name': host } },
          sort: [{ _id: 'asc' }],
          ...(after ? { search_after: after } : {}),
        },
      })
    ).body as { hits: { hits: Array<{ _id: string; _source: Record<string, unknown>; sort: unknown[] }> } };
    const hits = res.hits.hits;
    for (const h of hits) out.push({ id: h._id, original: String(h._source['event.original']), source: h._source });
    if (hits.length < 5000) return out;
    after = hits[hits.length - 1].sort;
  }
}
