import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Metrics } from '../../pipeline/metrics';
import { IntakeStartError, type Refused } from '../intake';
import { readBody } from './body';
import { ES_HEADERS, esError } from './elastic';
import { HttpError } from './errors';

export interface FrontOptions {
  port: number;
  host: string;
  tls?: { cert: string; key: string };
  /** Largest request body after decoding (http.maxBodyBytes). */
  maxBodyBytes: number;
  /** Request bodies held in memory at once; one more is answered 429 (see README, HTTP limits). */
  maxBodiesInFlight: number;
  /** The token's name, or undefined when the request carries no valid token. */
  authenticate: (req: IncomingMessage) => string | undefined;
  metrics: Metrics;
  log: Logger;
}

/** One request as a route sees it. */
export interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  url: URL;
  /** The name of the token that authenticated the request ('' on public routes). */
  token: string;
  /** Reads the body within the limits (size, decoding, bodies in flight); call once. */
  body(): Promise<Buffer>;
  send(status: number, body: unknown, headers?: Record<string, string>, headOnly?: boolean): void;
}

export interface Route {
  /** The input label in metrics and logs. */
  input: string;
  methods: readonly string[];
  /** An exact path, or a pattern; its match is handed to the handler. */
  path: string | RegExp;
  /** Public routes (health, readiness) skip the token check. */
  public?: boolean;
  /** Tried after every other route (a catch-all such as the Elasticsearch handshake). */
  fallback?: boolean;
  handle(x: Exchange, match: RegExpExecArray | undefined): Promise<void> | void;
}

/**
 * The one HTTP(S) server of `kansa serve`. Intakes and the bridge's own endpoints register routes;
 * what every request needs is here once: token check, body size and decoding limits, the bound
 * on bodies in memory, and the Elasticsearch-shaped error answer (a metric and a log line for
 * every refusal).
 */
export class HttpFront {
  private readonly routes: Route[] = [];
  /** Routes of intakes that stopped: their requests get 503 (retry elsewhere or later), not 404. */
  private readonly retired = new Set<Route>();
  private server?: Server;
  private listening?: Promise<AddressInfo>;
  private bodies = 0;
  private readonly lastStateLog = new Map<string, number>();
  private closed = false;

  constructor(private readonly options: FrontOptions) {}

  route(route: Route): void {
    this.routes.push(route);
  }

  /** Later requests to this route answer 503 (the bridge is stopping). */
  unroute(route: Route): void {
    if (this.routes.includes(route)) this.retired.add(route);
  }

  /** Starts the server on the first call; every intake sharing it gets the same address. */
  listen(): Promise<AddressInfo> {
    this.listening ??= new Promise<AddressInfo>((resolve, reject) => {
      const o = this.options;
      const handler = (req: IncomingMessage, res: ServerResponse) => void this.dispatch(req, res);
      let server: Server;
      try {
        server = o.tls
          ? createHttpsServer({ cert: readFileSync(o.tls.cert), key: readFileSync(o.tls.key) }, handler)
          : createHttpServer(handler);
      } catch (err) {
        return reject(
          new IntakeStartError('http', `cannot read the TLS certificate or key: ${(err as Error).message}`),
        );
      }
      server.requestTimeout = 120_000;
      this.server = server;
      server.once('error', (err) =>
        reject(new IntakeStartError('http', `cannot listen on ${o.host}:${o.port}: ${err.message}`)),
      );
      server.listen(o.port, o.host, () => resolve(server.address() as AddressInfo));
    });
    return this.listening;
  }

  /** Closes the server: idle connections at once, busy ones after their answer (at most 5 s). */
  async close(): Promise<void> {
    if (this.closed || !this.server) return;
    this.closed = true;
    const server = this.server;
    const closing = new Promise((r) => server.close(r));
    server.closeIdleConnections();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 5000).unref())]);
    server.closeAllConnections();
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://bridge');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    let input = 'http';
    let reading = false;
    const x: Exchange = {
      req,
      res,
      method,
      path,
      url,
      token: '',
      body: async () => {
        if (this.bodies >= this.options.maxBodiesInFlight) {
          throw new HttpError(
            429,
            'es_rejected_execution_exception',
            `${input}: ${this.bodies} request bodies are being processed (http.maxBodiesInFlight, the limit on bodies in memory); retry later`,
            { 'retry-after': '1', 'x-kansa-reason': 'busy' },
          );
        }
        this.bodies++;
        reading = true;
        return readBody(req, input, this.options.maxBodyBytes);
      },
      send: (status, body, headers, headOnly) => send(res, status, body, headers, headOnly),
    };
    try {
      let found: { route: Route; match?: RegExpExecArray } | undefined;
      for (const route of [...this.routes.filter((r) => !r.fallback), ...this.routes.filter((r) => r.fallback)]) {
        if (!route.methods.includes(method)) continue;
        if (typeof route.path === 'string' ? route.path === path : route.path.test(path)) {
          found = { route, match: typeof route.path === 'string' ? undefined : (route.path.exec(path) ?? undefined) };
          break;
        }
      }
      if (found) input = found.route.input;
      if (!found?.route.public) {
        const token = this.options.authenticate(req);
        if (!token) {
          this.options.metrics.rejected.inc({ input, reason: 'unauthorized' });
          this.options.log.warn({ input, path, remote: req.socket.remoteAddress }, 'unauthorized request');
          throw new HttpError(401, 'security_exception', 'missing or invalid bearer token', {
            'www-authenticate': 'Bearer realm="kansa"',
          });
        }
        x.token = token;
      }
      if (!found) throw new HttpError(404, 'resource_not_found_exception', `no handler for ${method} ${path}`);
      if (this.retired.has(found.route))
        throw new HttpError(503, 'unavailable_exception', `${input}: the bridge is stopping; retry later`, {
          'retry-after': '5',
        });
      await found.route.handle(x, found.match);
    } catch (err) {
      this.answerError(res, req, input, path, err);
    } finally {
      if (reading) this.bodies--;
      if (!req.complete && !req.destroyed) this.discard(req);
    }
  }

  private answerError(res: ServerResponse, req: IncomingMessage, input: string, path: string, err: unknown): void {
    const e = err instanceof HttpError ? err : undefined;
    const status = e?.status ?? 500;
    if (status === 500) this.options.log.error({ input, path, err: (err as Error).stack }, 'request failed');
    else if (status !== 401 && status !== 404) {
      const reason =
        e?.headers['x-kansa-reason'] ??
        (status === 413
          ? 'too_large'
          : status === 429
            ? 'queue_full'
            : status === 503
              ? 'unavailable'
              : status === 415
                ? 'encoding'
                : 'bad_request');
      this.options.metrics.rejected.inc({ input, reason });
      // A refused request is a log line, except while refusals go on for the same state (a full or
      // failing queue, every body slot taken): then once per minute; the metric counts each.
      const now = Date.now();
      const state = ['queue_full', 'storage_error', 'busy'].includes(reason) ? reason : undefined;
      if (!state || now - (this.lastStateLog.get(state) ?? 0) >= 60_000) {
        if (state) this.lastStateLog.set(state, now);
        this.options.log.warn(
          { input, path, status, reason, remote: req.socket.remoteAddress, err: (err as Error).message },
          'request refused',
        );
      }
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const { 'x-kansa-reason': _reason, ...headers } = e?.headers ?? {};
    send(res, status, esError(status, e?.type ?? 'exception', (err as Error).message), { ...ES_HEADERS, ...headers });
  }

  /**
   * The unread rest of a refused body is read and dropped, so the sender, still writing, gets to
   * read the answer; past twice http.maxBodyBytes the connection is cut instead.
   */
  private discard(req: IncomingMessage): void {
    let dropped = 0;
    req.on('data', (c: Buffer) => {
      dropped += c.length;
      if (dropped > 2 * this.options.maxBodyBytes) req.socket.destroy();
    });
    req.resume();
  }
}

/** How a queue refusal reaches a sender: 429 while full (retry later), 503 when storage fails. */
export function refusal(input: string, r: Refused): HttpError {
  if (r.reason === 'queue_full')
    return new HttpError(429, 'es_rejected_execution_exception', `${input}: ${r.message}`, {
      'retry-after': '5',
      'x-kansa-reason': 'queue_full',
    });
  return new HttpError(503, 'unavailable_exception', `${input}: ${r.message}`, {
    'retry-after': '30',
    'x-kansa-reason': 'storage_error',
  });
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  headOnly = false,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    ...headers,
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(headOnly ? undefined : text);
}
