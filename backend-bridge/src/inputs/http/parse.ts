/** An item of an Elasticsearch _bulk request, as the response reports it. */
export interface BulkItem {
  action: string;
  index: string;
  id?: string;
  error?: { type: string; reason: string };
}

export interface RawLines {
  /** Records that are JSON documents (e.g. a Winlogbeat event), one per line. */
  json: string[];
  /** Records that are raw log lines (a shipper's `message` or `log` field). */
  text: string[];
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** Which raw record a shipped document carries: its raw line when it has one, else the document. */
export function recordOf(doc: unknown, out: RawLines): void {
  if (typeof doc === 'string') {
    out.text.push(oneLine(doc));
    return;
  }
  const d = doc as Record<string, unknown>;
  if (d && typeof d === 'object' && !('winlog' in d)) {
    const eventOriginal = (d.event as { original?: unknown } | undefined)?.original ?? d['event.original'];
    for (const raw of [eventOriginal, d.message, d.log]) {
      if (typeof raw === 'string' && raw !== '') {
        out.text.push(oneLine(raw));
        return;
      }
    }
  }
  out.json.push(JSON.stringify(doc));
}

/** Parses an NDJSON _bulk body: action lines (create/index; delete/update are refused per item) and sources. */
export function parseBulk(body: string, defaultIndex: string | undefined): { items: BulkItem[]; lines: RawLines } {
  const items: BulkItem[] = [];
  const lines: RawLines = { json: [], text: [] };
  const rows = body.split('\n');
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i].trim();
    if (row === '') continue;
    let action: Record<string, { _index?: string; _id?: string }>;
    try {
      action = JSON.parse(row);
    } catch {
      items.push({ action: 'index', index: defaultIndex ?? '', error: { type: 'action_request_validation_exception', reason: `malformed action line ${i + 1}` } });
      continue;
    }
    const name = Object.keys(action ?? {})[0] ?? 'index';
    const meta = (action as Record<string, { _index?: string; _id?: string }>)[name] ?? {};
    const item: BulkItem = { action: name, index: meta._index ?? defaultIndex ?? '', ...(meta._id ? { id: meta._id } : {}) };
    if (name === 'delete') {
      item.error = { type: 'illegal_argument_exception', reason: 'the Kansa bridge only appends; delete is not supported' };
      items.push(item);
      continue;
    }
    const source = rows[++i];
    if (name === 'update') {
      item.error = { type: 'illegal_argument_exception', reason: 'the Kansa bridge only appends; update is not supported' };
      items.push(item);
      continue;
    }
    if (source === undefined) {
      item.error = { type: 'action_request_validation_exception', reason: 'missing source line' };
      items.push(item);
      continue;
    }
    try {
      recordOf(JSON.parse(source), lines);
    } catch {
      item.error = { type: 'mapper_parsing_exception', reason: `failed to parse source at line ${i + 1}` };
    }
    items.push(item);
  }
  return { items, lines };
}

/** POST /ingest: a JSON array (of documents or raw lines), or NDJSON / raw lines as they are. */
export function parseIngest(body: string): { lines: RawLines; raw?: string } {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('[')) {
    const lines: RawLines = { json: [], text: [] };
    const array = JSON.parse(trimmed) as unknown[];
    if (!Array.isArray(array)) throw new Error('expected a JSON array');
    for (const doc of array) {
      if (typeof doc === 'string') lines.text.push(oneLine(doc));
      else lines.json.push(JSON.stringify(doc));
    }
    return { lines };
  }
  return { lines: { json: [], text: [] }, raw: body };
}
