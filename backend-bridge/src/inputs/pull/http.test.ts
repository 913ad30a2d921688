import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRetryAfter, retryDelay, RETRY_AFTER_CAP_MS } from './backoff';
import { CursorFile } from './cursor';
import { PullError, request, type HttpContext } from './http';
import { FakeServer, jsonAnswer } from './testing/server';

const policy = { baseMs: 1000, capMs: 30_000, maxRetries: 4 };

function context(slept: number[], maxResponseBytes = 1024): HttpContext {
  return {
    policy,
    maxResponseBytes,
    timeoutMs: 10_000,
    sleep: async (ms) => {
      slept.push(ms);
    },
    signal: new AbortController().signal,
    random: () => 1,
    now: () => Date.parse('2026-12-05T12:00:00Z'),
  };
}

describe('pull: backoff, bounded answers, cursors', () => {
  it('honours Retry-After in seconds or as a date (up to 1 h), else doubles up to the cap with jitter', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 05 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('999999', now)).toBe(RETRY_AFTER_CAP_MS);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(retryDelay(3, 5000, policy)).toBe(5000);
    // Jitter spans the upper half: random 0 → half the ceiling, random 1 → the ceiling.
    expect([0, 1, 2, 3, 4, 5, 10, 40].map((a) => retryDelay(a, undefined, policy, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(retryDelay(2, undefined, policy, () => 0)).toBe(2000);
  });

  it('refuses an answer over maxResponseBytes, declared or streamed, naming the endpoint', async () => {
    let chunked = false;
    const server = new FakeServer(() =>
      chunked
        ? { status: 200, headers: { 'transfer-encoding': 'chunked' }, body: 'x'.repeat(5000) }
        : jsonAnswer(200, { big: 'y'.repeat(5000) }),
    );
    await server.listen();
    try {
      const slept: number[] = [];
      await expect(request(context(slept), { method: 'GET', url: `${server.url}/feed?x=1` })).rejects.toThrow(
        `GET ${server.url}/feed: HTTP 200: answer of 5010 bytes is over the bound of 1024`,
      );
      chunked = true;
      await expect(request(context(slept), { method: 'GET', url: `${server.url}/feed` })).rejects.toThrow(
        /answer over the bound of 1024 bytes/,
      );
      // Not retried: the same answer would come back.
      expect(slept).toEqual([]);
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('retries a refused connection with backoff, then gives up naming the endpoint', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise((r) => probe.close(r));
    const slept: number[] = [];
    const err = await request(context(slept), { method: 'GET', url: `http://127.0.0.1:${port}/api` }).catch((e) => e);
    expect(err).toBeInstanceOf(PullError);
    expect((err as PullError).status).toBe(0);
    expect((err as Error).message).toMatch(
      new RegExp(`^GET http://127.0.0.1:${port}/api: failed: .*gave up after 4 retries`),
    );
    expect(slept).toEqual([1000, 2000, 4000, 8000]);
  });

  it('writes cursors whole and refuses one over its bound', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-cursor-'));
    const file = new CursorFile<{ from: string; pad?: string }>(dir, 'm365-t/x', 100);
    expect(file.load()).toBeUndefined();
    file.save({ from: '2026-12-05T12:00:00.000Z' });
    expect(file.load()).toEqual({ from: '2026-12-05T12:00:00.000Z' });
    expect(() => file.save({ from: 'x', pad: 'p'.repeat(200) })).toThrow(/over its bound of 100/);
    expect(file.load()).toEqual({ from: '2026-12-05T12:00:00.000Z' });
    writeFileSync(file.path, '{"from":');
    expect(() => file.load()).toThrow(`${file.path}: not a readable cursor`);
    writeFileSync(file.path, 'x'.repeat(101));
    expect(() => file.load()).toThrow(/over the cursor bound of 100/);
  });
});
