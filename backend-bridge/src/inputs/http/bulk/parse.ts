import { badRequest, tooLarge } from '../errors';
import { lines, yieldToLoop } from '../scan';

const ACTIONS = ['index', 'create', 'update', 'delete'] as const;
export type BulkAction = (typeof ACTIONS)[number];

/** One item of an Elasticsearch _bulk request: its action line and where its source line is. */
export interface BulkItem {
  action: BulkAction;
  /** The index the sender named (answered back; the bridge picks the daily index itself). */
  index: string;
  id?: string;
  /** 1-based line of the action. */
  line: number;
  /** The source line's bytes, for index/create/update. */
  source?: { start: number; end: number };
  /** Refused on its own (the rest of the request goes on), as Elasticsearch answers per item. */
  error?: { status: number; type: string; reason: string };
}

/** Elasticsearch refuses longer ids per item. */
const MAX_ID_BYTES = 512;

/**
 * The items of a _bulk body, checked before anything is kept. A malformed action line or a
 * missing source line refuses the whole request (400 naming the line and byte offset), as
 * Elasticsearch does: reading on would pair actions with the wrong sources. Source lines are not
 * parsed here; a source that is not JSON is still kept (as a parse failure with its raw text).
 */
export async function parseBulk(
  body: Buffer,
  defaultIndex: string | undefined,
  maxItems: number,
  input: string,
): Promise<BulkItem[]> {
  const items: BulkItem[] = [];
  const rows = lines(body);
  let seen = 0;
  for (let row = rows.next(); !row.done; row = rows.next()) {
    const { start, end, line } = row.value;
    if (++seen % 5000 === 0) await yieldToLoop();
    if (isBlank(body, start, end)) continue;
    const where = `line ${line} (byte ${start})`;
    const expected = `expected an action such as {"index":{}} (one of ${ACTIONS.join(', ')})`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8', start, end));
    } catch (err) {
      throw badRequest(`${input}: malformed action/metadata line at ${where}: ${(err as Error).message}; ${expected}`);
    }
    const keys = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? Object.keys(parsed) : [];
    const action = keys[0] as BulkAction;
    if (keys.length !== 1 || !ACTIONS.includes(action)) {
      throw badRequest(
        `${input}: malformed action/metadata line at ${where}: found ${body.toString('utf8', start, Math.min(end, start + 80))}; ${expected}`,
      );
    }
    const meta = (parsed as Record<string, unknown>)[action];
    if (!meta || typeof meta !== 'object' || Array.isArray(meta))
      throw badRequest(
        `${input}: malformed action/metadata line at ${where}: the ${action} metadata must be an object`,
      );
    const { _index, _id } = meta as { _index?: unknown; _id?: unknown };
    if (items.length >= maxItems)
      throw tooLarge(
        `${input}: more than ${maxItems} items in one request (http.maxRecords, the limit per request); send smaller batches`,
      );
    const item: BulkItem = { action, index: typeof _index === 'string' ? _index : (defaultIndex ?? ''), line };
    if (typeof _id === 'string' || typeof _id === 'number') item.id = String(_id);
    items.push(item);
    if (action === 'delete') {
      item.error = {
        status: 400,
        type: 'illegal_argument_exception',
        reason: 'the Kansa bridge only appends; delete is not supported',
      };
      continue;
    }
    const source = rows.next();
    if (source.done || isBlank(body, source.value.start, source.value.end)) {
      throw badRequest(
        `${input}: the ${action} action at ${where} has no source line; expected a JSON document on line ${line + 1}`,
      );
    }
    item.source = { start: source.value.start, end: source.value.end };
    if (action === 'update')
      item.error = {
        status: 400,
        type: 'illegal_argument_exception',
        reason: 'the Kansa bridge only appends; update is not supported',
      };
    else if (item.id !== undefined && (item.id === '' || Buffer.byteLength(item.id) > MAX_ID_BYTES)) {
      item.error = {
        status: 400,
        type: 'illegal_argument_exception',
        reason: `_id must be 1 to ${MAX_ID_BYTES} bytes long`,
      };
    }
  }
  return items;
}

function isBlank(body: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (body[i] !== 0x20 && body[i] !== 0x09) return false;
  return true;
}
