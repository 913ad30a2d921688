import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { readBody } from './body';
import type { HttpError } from './errors';

/** A real HTTP server whose handler answers what readBody made of the request. */
let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => {
    readBody(req, 'test-input', 1000).then(
      (body) => res.end(JSON.stringify({ status: 200, body: body.toString() })),
      (err: HttpError) => res.end(JSON.stringify({ status: err.status, message: err.message })),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

function send(
  body: Buffer,
  headers: Record<string, string>,
  chunked = false,
): Promise<{ status: number; body?: string; message?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        headers: chunked ? headers : { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const text = 'line one\nline two\n';

describe('request bodies (issue 15 defect 9: x-gzip stored as garbage)', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['X-GZIP', gzipSync],
    ['deflate', deflateSync],
    ['identity', (b: Buffer) => b],
  ])('decodes Content-Encoding %s', async (encoding, encode) => {
    expect(await send(encode(Buffer.from(text)), { 'content-encoding': encoding })).toEqual({
      status: 200,
      body: text,
    });
  });

  it('refuses an encoding it cannot decode with 415 naming it, and a corrupt body with 400', async () => {
    expect(await send(Buffer.from(text), { 'content-encoding': 'br' })).toEqual({
      status: 415,
      message: 'test-input: unsupported Content-Encoding "br"; expected gzip, x-gzip, deflate or none',
    });
    expect(await send(Buffer.from(text), { 'content-encoding': 'gzip, gzip' })).toMatchObject({ status: 415 });
    const corrupt = await send(deflateRawSync(Buffer.from(text)), { 'content-encoding': 'deflate' });
    expect(corrupt.status).toBe(400);
    expect(corrupt.message).toMatch(/^test-input: cannot decompress the deflate body at byte \d+: /);
  });

  it('stops at the limit: declared, streamed without a length, and after decompression', async () => {
    const big = Buffer.alloc(1001, 0x61);
    expect(await send(big, {})).toEqual({
      status: 413,
      message: 'test-input: request body of 1001 bytes is over the limit of 1000 bytes (http.maxBodyBytes)',
    });
    expect(await send(big, { 'transfer-encoding': 'chunked' }, true)).toEqual({
      status: 413,
      message: 'test-input: request body is over the limit of 1000 bytes (http.maxBodyBytes)',
    });
    const bomb = gzipSync(Buffer.alloc(100_000, 0x61));
    expect(bomb.length).toBeLessThan(1000);
    expect(await send(bomb, { 'content-encoding': 'gzip' })).toEqual({
      status: 413,
      message: 'test-input: request body after decompression is over the limit of 1000 bytes (http.maxBodyBytes)',
    });
    expect(await send(Buffer.alloc(1000, 0x61), {})).toEqual({ status: 200, body: 'a'.repeat(1000) });
  });
});
