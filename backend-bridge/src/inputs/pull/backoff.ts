/** Backoff between attempts of one request: the server's Retry-After when it sends one, else exponential with jitter. */
export interface BackoffPolicy {
  /** Delay before the first retry without Retry-After (doubled per attempt). */
  baseMs: number;
  /** Largest delay without Retry-After. */
  capMs: number;
  /** Retries of one request before the poll gives up (the next poll starts again from the cursor). */
  maxRetries: number;
}

/** A Retry-After the server sends is honoured up to this (a broken header must not park a stream for days). */
export const RETRY_AFTER_CAP_MS = 60 * 60 * 1000;

/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, RETRY_AFTER_CAP_MS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), RETRY_AFTER_CAP_MS);
}

/**
 * Delay before retry number `attempt` (0 = the first retry). With Retry-After, exactly that;
 * otherwise base·2^attempt capped, with "equal jitter" (half fixed, half random) so that several
 * streams throttled at once do not come back in step.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | undefined,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return retryAfterMs;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
