import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An answer the test puts in front of the next request matching `path` (a 429 with Retry-After, a 503 …). */
export interface Fault {
  path: RegExp;
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface Handled {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** A local node:http server for an API stand-in: records every request, plays queued faults first. */
export class FakeServer {
  readonly requests: Array<{ method: string; path: string; authorization?: string }> = [];
  readonly faults: Fault[] = [];
  url = '';
  private readonly server = createServer((req, res) => void this.serve(req, res));

  constructor(private readonly handle: (method: string, url: URL, body: string, authorization?: string) => Handled) {}

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Requests whose path (without query) matches. */
  count(path: RegExp, method?: string): number {
    return this.requests.filter((r) => path.test(r.path.split('?')[0]) && (!method || r.method === method)).length;
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization,
    });
    const fault = this.faults.findIndex((f) => f.path.test(url.pathname));
    const out =
      fault >= 0
        ? {
            status: this.faults[fault].status,
            headers: this.faults[fault].headers,
            body: this.faults[fault].body ?? '',
          }
        : this.handle(req.method ?? 'GET', url, Buffer.concat(chunks).toString('utf8'), req.headers.authorization);
    if (fault >= 0) this.faults.splice(fault, 1);
    const chunked = Object.keys(out.headers ?? {}).some((h) => h.toLowerCase() === 'transfer-encoding');
    res.writeHead(out.status, {
      'content-type': 'application/json',
      ...(chunked ? {} : { 'content-length': String(Buffer.byteLength(out.body)) }),
      ...out.headers,
    });
    res.end(out.body);
  }
}

export const jsonAnswer = (status: number, body: unknown, headers?: Record<string, string>): Handled => ({
  status,
  headers,
  body: JSON.stringify(body),
});
