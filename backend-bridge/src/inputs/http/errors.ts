/**
 * A request the bridge refuses, with the HTTP status and the Elasticsearch error type shippers
 * log. The message names the input and, where it applies, the limit, line or byte offset.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const tooLarge = (message: string) => new HttpError(413, 'content_too_long_exception', message);
export const badRequest = (message: string) => new HttpError(400, 'parse_exception', message);
