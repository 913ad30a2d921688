import type { IncomingMessage } from 'node:http';
import { createUnzip, type Unzip } from 'node:zlib';
import { HttpError, tooLarge } from './errors';

/**
 * Reads a request body into one buffer of at most `limit` bytes after decoding. Compressed bodies
 * are inflated as they arrive, so neither the compressed nor the decoded form can exceed the
 * limit in memory; the first byte past it ends the read with 413.
 */
export function readBody(req: IncomingMessage, input: string, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  let decoder: Unzip | undefined;
  try {
    decoder = decoderFor(req.headers['content-encoding'], input);
  } catch (err) {
    return Promise.reject(err);
  }
  if (!decoder && declared > limit)
    return Promise.reject(
      tooLarge(`${input}: request body of ${declared} bytes is over the limit of ${limit} bytes (http.maxBodyBytes)`),
    );
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let wire = 0;
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe();
      decoder?.destroy();
      // The rest of the body is not read: the answer closes the connection.
      req.pause();
      reject(err);
    };
    const take = (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit)
        return fail(
          tooLarge(
            `${input}: request body${decoder ? ' after decompression' : ''} is over the limit of ${limit} bytes (http.maxBodyBytes)`,
          ),
        );
      chunks.push(chunk);
    };
    const done = () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete)
        fail(
          new HttpError(
            400,
            'parse_exception',
            `${input}: the client closed the connection after ${size} bytes, before the body ended`,
          ),
        );
    });
    if (decoder) {
      req.on('data', (c: Buffer) => {
        wire += c.length;
        if (wire > limit)
          fail(tooLarge(`${input}: compressed request body is over the limit of ${limit} bytes (http.maxBodyBytes)`));
      });
      decoder.on('data', take);
      decoder.on('end', done);
      decoder.on('error', (err) =>
        fail(
          new HttpError(
            400,
            'parse_exception',
            `${input}: cannot decompress the ${String(req.headers['content-encoding'])} body at byte ${decoder.bytesWritten}: ${err.message}`,
          ),
        ),
      );
      req.pipe(decoder);
    } else {
      req.on('data', take);
      req.on('end', done);
    }
  });
}

/** gzip, x-gzip and deflate (zlib or gzip framing, told apart by the header); identity is none. */
function decoderFor(header: string | string[] | undefined, input: string): Unzip | undefined {
  const codings = String(header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return undefined;
  if (codings.length > 1)
    throw new HttpError(
      415,
      'illegal_argument_exception',
      `${input}: Content-Encoding "${String(header)}" applies several encodings; expected one of gzip, x-gzip, deflate`,
    );
  if (['gzip', 'x-gzip', 'deflate'].includes(codings[0])) return createUnzip();
  throw new HttpError(
    415,
    'illegal_argument_exception',
    `${input}: unsupported Content-Encoding "${codings[0]}"; expected gzip, x-gzip, deflate or none`,
  );
}
