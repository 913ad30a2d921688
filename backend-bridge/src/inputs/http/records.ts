import type { RawChunk } from '../intake';

/** Records of a request: raw log lines, or JSON documents (e.g. a Winlogbeat event), one per line. */
export type RecordKind = 'text' | 'json';

export const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** Which raw record a shipped document carries: its raw line when it has one, else the document. */
export function recordOf(doc: unknown): { kind: RecordKind; line: string } {
  if (typeof doc === 'string') return { kind: 'text', line: oneLine(doc) };
  const d = doc as Record<string, unknown>;
  if (d && typeof d === 'object' && !Array.isArray(d) && !('winlog' in d)) {
    const eventOriginal = (d.event as { original?: unknown } | undefined)?.original ?? d['event.original'];
    for (const raw of [eventOriginal, d.message, d.log]) {
      if (typeof raw === 'string' && raw !== '') return { kind: 'text', line: oneLine(raw) };
    }
  }
  return { kind: 'json', line: JSON.stringify(doc) };
}

/** Records per chunk handed to enqueue: the unit of translation between two yields to the event loop. */
export const SLICE_RECORDS = 500;
export const SLICE_BYTES = 256 * 1024;

interface Group {
  lines: string[];
  bytes: number;
  /** Offset of the group's next chunk within everything this request put in the group. */
  base: number;
  ids: Map<number, string>;
}

/**
 * Gathers a request's records into chunks, raw lines apart from JSON documents (the engine
 * detects a format per chunk). Offsets run on over the whole request, so a record's hash id does
 * not depend on where the slices were cut, and a resend of the same body maps to the same ids.
 */
export class RecordSlicer {
  private readonly groups: Record<RecordKind, Group> = { text: this.group(), json: this.group() };
  private count = 0;

  constructor(
    private readonly input: string,
    private readonly identity: string,
    private readonly format: string,
  ) {}

  add(kind: RecordKind, line: string, id?: string): void {
    const g = this.groups[kind];
    if (id !== undefined) g.ids.set(g.bytes, id);
    g.lines.push(line);
    g.bytes += Buffer.byteLength(line) + 1;
    this.count++;
  }

  get full(): boolean {
    return this.count >= SLICE_RECORDS || this.groups.text.bytes + this.groups.json.bytes >= SLICE_BYTES;
  }

  /** The chunks gathered since the last take. */
  take(): RawChunk[] {
    const chunks: RawChunk[] = [];
    for (const kind of ['json', 'text'] as const) {
      const g = this.groups[kind];
      if (g.lines.length === 0) continue;
      chunks.push({
        data: Buffer.from(`${g.lines.join('\n')}\n`),
        src: { source: this.input, identity: `${this.identity}:${kind}`, baseOffset: g.base, format: this.format },
        ...(g.ids.size > 0 ? { ids: g.ids } : {}),
      });
      this.groups[kind] = { ...this.group(), base: g.base + g.bytes };
    }
    this.count = 0;
    return chunks;
  }

  private group(): Group {
    return { lines: [], bytes: 0, base: 0, ids: new Map() };
  }
}
