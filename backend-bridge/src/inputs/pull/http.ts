import { parseRetryAfter, retryDelay, type BackoffPolicy } from './backoff';

/** Waits `ms` (tests pass one that only records the delay); rejects when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** A request that failed for good: names the endpoint (method and URL without its query) and the status. */
export class PullError extends Error {
  constructor(
    readonly endpoint: string,
    /** HTTP status, or 0 for a connection failure, a timeout or a body over the bound. */
    readonly status: number,
    detail: string,
  ) {
    super(`${endpoint}: ${status ? `HTTP ${status}` : 'failed'}: ${detail}`);
    this.name = 'PullError';
  }
}

/** A bearer token and how to get a fresh one (after a 401). */
export interface TokenSource {
  token(signal: AbortSignal): Promise<string>;
  refresh(signal: AbortSignal): Promise<string>;
}

export interface HttpContext {
  policy: BackoffPolicy;
  /** Largest response body read into memory; a larger one is a PullError (status 0), never read on. */
  maxResponseBytes: number;
  /** Per attempt: no answer within this is a failed attempt (retried). */
  timeoutMs: number;
  sleep: Sleep;
  signal: AbortSignal;
  /** Called before each retry: why (429, 503, 5xx, network, 401) and how long it waits. */
  onRetry?: (info: { endpoint: string; reason: string; delayMs: number; attempt: number }) => void;
  random?: () => number;
  now?: () => number;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  /** Form or JSON body (never logged: the token request carries the secret). */
  body?: string;
  /** Statuses the caller reads itself (e.g. 400 for "subscription already enabled"). */
  accept?: number[];
}

/** Method and URL without its query string: what error messages and logs name. */
export function endpointOf(method: string, url: string): string {
  const u = new URL(url);
  return `${method} ${u.origin}${u.pathname}`;
}

/**
 * One API request with the retry rules every pull input shares: 429 and 503 wait for Retry-After
 * (or back off), other 5xx and connection failures back off with jitter, a 401 refreshes the token
 * once and tries again; other statuses fail at once. The body is read up to maxResponseBytes.
 */
export async function request(http: HttpContext, spec: RequestSpec, auth?: TokenSource): Promise<Answer> {
  const endpoint = endpointOf(spec.method, spec.url);
  let refreshed = false;
  let token = auth ? await auth.token(http.signal) : undefined;
  for (let attempt = 0; ;) {
    let retry: { reason: string; retryAfterMs?: number; detail: string; status: number };
    try {
      const answer = await attempt1(http, spec, endpoint, token);
      const s = answer.status;
      if ((s >= 200 && s < 300) || spec.accept?.includes(s)) return answer;
      if (s === 401 && auth && !refreshed) {
        // An expired or revoked token: one fresh token, then the same request again (not counted as a retry).
        refreshed = true;
        http.onRetry?.({ endpoint, reason: '401', delayMs: 0, attempt });
        token = await auth.refresh(http.signal);
        continue;
      }
      const detail = errorDetail(answer.body);
      if (s !== 429 && s < 500) throw new PullError(endpoint, s, detail);
      retry = {
        reason: s === 429 || s === 503 ? String(s) : '5xx',
        retryAfterMs:
          s === 429 || s === 503
            ? parseRetryAfter(answer.headers.get('retry-after'), (http.now ?? Date.now)())
            : undefined,
        detail,
        status: s,
      };
    } catch (err) {
      if (err instanceof PullError || http.signal.aborted) throw err;
      retry = { reason: 'network', detail: (err as Error).message, status: 0 };
    }
    if (attempt >= http.policy.maxRetries) {
      throw new PullError(endpoint, retry.status, `${retry.detail} (gave up after ${attempt} retries)`);
    }
    const delayMs = retryDelay(attempt, retry.retryAfterMs, http.policy, http.random);
    http.onRetry?.({ endpoint, reason: retry.reason, delayMs, attempt });
    await http.sleep(delayMs, http.signal);
    attempt++;
  }
}

async function attempt1(http: HttpContext, spec: RequestSpec, endpoint: string, token?: string): Promise<Answer> {
  const signal = AbortSignal.any([http.signal, AbortSignal.timeout(http.timeoutMs)]);
  const res = await fetch(spec.url, {
    method: spec.method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...spec.headers },
    body: spec.body,
    signal,
    redirect: 'error',
  });
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > http.maxResponseBytes) {
    await res.body?.cancel();
    throw new PullError(
      endpoint,
      res.status,
      `answer of ${declared} bytes is over the bound of ${http.maxResponseBytes}`,
    );
  }
  const parts: Buffer[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > http.maxResponseBytes) {
        await reader.cancel();
        throw new PullError(endpoint, res.status, `answer over the bound of ${http.maxResponseBytes} bytes`);
      }
      parts.push(Buffer.from(value));
    }
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(parts) };
}

/** What an error answer says, short: the API's own error code and message when it is JSON. */
function errorDetail(body: Buffer): string {
  const text = body.subarray(0, 2048).toString('utf8');
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    const e = (typeof o.error === 'object' && o.error) || o;
    const { code, message, error_description: description, status } = e as Record<string, unknown>;
    const parts = [code ?? (typeof o.error === 'string' ? o.error : undefined), status, message ?? description]
      .filter((p) => p !== undefined && p !== '')
      .map(String);
    if (parts.length) return parts.join(': ').slice(0, 500);
  } catch {
    // not JSON: the start of the text
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 300) || '(empty answer)';
}

/** The body as JSON, or a PullError naming the endpoint. */
export function json(answer: Answer, spec: RequestSpec): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch (err) {
    throw new PullError(
      endpointOf(spec.method, spec.url),
      answer.status,
      `answer is not JSON: ${(err as Error).message}`,
    );
  }
}
