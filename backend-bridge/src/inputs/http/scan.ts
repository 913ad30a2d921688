import { badRequest } from './errors';

/**
 * Incremental views of a request body: records are found by scanning bytes and parsed one at a
 * time, so no whole-body string or array of parsed documents ever exists.
 */

/** Each line as [start, end) without its LF (and a CR before it). */
export function* lines(body: Buffer): Generator<{ start: number; end: number; line: number }> {
  let line = 0;
  for (let start = 0; start < body.length;) {
    const nl = body.indexOf(0x0a, start);
    const next = nl < 0 ? body.length : nl + 1;
    let end = nl < 0 ? body.length : nl;
    if (end > start && body[end - 1] === 0x0d) end--;
    yield { start, end, line: ++line };
    start = next;
  }
}

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function skipSpace(body: Buffer, i: number): number {
  while (i < body.length && isSpace(body[i])) i++;
  return i;
}

/** The end (exclusive) of the JSON string starting at `i` (its opening quote). */
function stringEnd(body: Buffer, i: number, input: string): number {
  for (let j = i + 1; j < body.length; j++) {
    if (body[j] === 0x5c) j++;
    else if (body[j] === 0x22) return j + 1;
  }
  throw badRequest(`${input}: the body ends inside the string that starts at byte ${i}; expected a closing "`);
}

/** The end (exclusive) of the JSON value starting at `i`, found by bracket depth (not validated). */
function valueEnd(body: Buffer, i: number, input: string): number {
  const first = body[i];
  if (first === 0x22) return stringEnd(body, i, input);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let j = i; j < body.length; j++) {
      const b = body[j];
      if (b === 0x22) j = stringEnd(body, j, input) - 1;
      else if (b === 0x7b || b === 0x5b) depth++;
      else if (b === 0x7d || b === 0x5d) {
        if (--depth === 0) return j + 1;
      }
    }
    throw badRequest(
      `${input}: the body ends inside the array element that starts at byte ${i}; expected its closing ${first === 0x7b ? '}' : ']'}`,
    );
  }
  let j = i;
  while (j < body.length && !isSpace(body[j]) && body[j] !== 0x2c && body[j] !== 0x5d) j++;
  return j;
}

/**
 * The elements of a top-level JSON array, each as [start, end). Structure errors name the byte
 * offset and what was expected; the elements' own JSON is checked by whoever parses them.
 */
export function* arrayElements(body: Buffer, input: string): Generator<{ start: number; end: number; index: number }> {
  let i = skipSpace(body, 0);
  if (body[i] !== 0x5b) throw badRequest(`${input}: expected [ at byte ${i}`);
  i = skipSpace(body, i + 1);
  let index = 0;
  if (body[i] === 0x5d) {
    i++;
  } else {
    for (;;) {
      if (i >= body.length)
        throw badRequest(`${input}: the body ends at byte ${i} inside the array; expected an element or ]`);
      const end = valueEnd(body, i, input);
      if (end === i)
        throw badRequest(
          `${input}: expected an array element at byte ${i}, found ${JSON.stringify(String.fromCharCode(body[i]))}`,
        );
      yield { start: i, end, index: index++ };
      i = skipSpace(body, end);
      if (body[i] === 0x2c) {
        i = skipSpace(body, i + 1);
        continue;
      }
      if (body[i] === 0x5d) {
        i++;
        break;
      }
      throw badRequest(
        `${input}: expected , or ] after array element ${index} at byte ${i}${i >= body.length ? ' (the body ends there)' : ''}`,
      );
    }
  }
  i = skipSpace(body, i);
  if (i < body.length)
    throw badRequest(`${input}: unexpected data after the array at byte ${i}; expected one JSON array`);
}

/** Parses one record's JSON; the error names the input, where the record is and what JSON.parse said. */
export function parseAt(body: Buffer, start: number, end: number, input: string, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8', start, end));
  } catch (err) {
    throw badRequest(`${input}: ${what} at byte ${start} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Lets other requests and timers run between slices of work on one large body. */
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
