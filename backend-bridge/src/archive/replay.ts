import type { Client } from '@opensearch-project/opensearch';
import { FIELD, INDEX_PREFIX } from '@kansa/schema';
import { type SerializedDoc, serializeDoc, toBulkDoc, writeBulkSerialized } from '../pipeline/bulk';
import { translateChunk, type Translation } from '../pipeline/translate';
import { TranslateStream } from '../translate/engine';
import type { KansaEvent } from '../translate/types';
import type { ArchiveSetup } from './open';
import { partAt } from './parts';
import { contextOf, GENESIS } from './record';
import { planArchive, type Problem } from './verify';
import { segmentRecords, type WalkedRecord } from './walk';

export interface ReplayOptions {
  from?: Date;
  to?: Date;
  /** Index documents under this prefix instead of the events prefix (a rebuild next to the live indices). */
  indexPrefix?: string;
  batchBytes?: number;
  onProgress?: (records: number, events: number) => void;
}

export interface ReplayResult {
  records: number;
  events: number;
  indexed: number;
  duplicates: number;
  deadLettered: number;
  unsent: number;
  /** Replay stops at the first record that does not verify: nothing unverified is indexed. */
  problem?: Problem;
}

/**
 * Translates archived raw records again, exactly as they were translated when accepted (same
 * input identity, offsets, format, year, zone and clock), so documents come back with the same ids;
 * `create` makes a replay over documents still present a no-op.
 */
export async function replayArchive(
  setup: ArchiveSetup,
  client: Client,
  translation: Omit<Translation, 'ctx' | 'archive'>,
  o: ReplayOptions = {},
): Promise<ReplayResult> {
  const result: ReplayResult = { records: 0, events: 0, indexed: 0, duplicates: 0, deadLettered: 0, unsent: 0 };
  const plan = planArchive(setup.dir, setup.sealer);
  if (plan.problem) return { ...result, problem: plan.problem };
  const from = o.from?.toISOString() ?? '';
  const to = o.to?.toISOString() ?? '\uffff';
  const batchBytes = o.batchBytes ?? 6 * 1024 * 1024;
  let batch: SerializedDoc[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const r = await writeBulkSerialized(client, batch);
    result.indexed += r.indexed;
    result.duplicates += r.duplicates;
    result.deadLettered += r.deadLettered;
    result.unsent += r.unsent.length;
    batch = [];
    bytes = 0;
  };
  const push = (doc: SerializedDoc) => {
    if (o.indexPrefix && doc.index.startsWith(INDEX_PREFIX))
      doc.index = o.indexPrefix + doc.index.slice(INDEX_PREFIX.length);
    batch.push(doc);
    bytes += doc.json.length + 100;
    result.events++;
  };
  const stream = new ImportStreamReplay(translation, push);
  let prev = GENESIS;
  for (const seq of plan.seqs) {
    const seal = plan.seals.get(seq);
    const file = plan.files.get(seq);
    if (seal) prev = seal.prevHead;
    if (plan.deletes.has(seq) || !file || (seal && (seal.last < from || seal.first > to))) {
      if (seal) prev = seal.head;
      if (!file && !plan.deletes.has(seq))
        return { ...result, problem: { segment: seq, reason: 'the segment is sealed but its file is missing' } };
      continue;
    }
    const records = segmentRecords(file, setup.keyring, prev);
    for (;;) {
      const step = records.next();
      if (step.done) {
        const w = step.value;
        if (w.problem && !(w.problem.torn && !seal))
          return {
            ...result,
            problem: { segment: seq, file: file.name, record: w.problem.record, reason: w.problem.reason },
          };
        prev = w.head;
        break;
      }
      const r = step.value;
      if (r.header.t < from || r.header.t > to) continue;
      result.records++;
      if (r.header.stream) stream.add(r);
      else {
        stream.end();
        replayChunk(r, translation).forEach(push);
      }
      if (bytes >= batchBytes) await flush();
      o.onProgress?.(result.records, result.events);
    }
  }
  stream.end();
  await flush();
  return result;
}

function replayChunk(r: WalkedRecord, translation: Omit<Translation, 'ctx' | 'archive'>): SerializedDoc[] {
  const h = r.header;
  const tag = (e: KansaEvent) => void (e[FIELD.kansaArchiveSha256] = r.sha256);
  const out = translateChunk(
    r.raw,
    {
      source: h.source,
      identity: h.identity,
      baseOffset: h.offset,
      format: h.format,
      ...(h.filePath !== undefined ? { filePath: h.filePath } : {}),
    },
    {
      ...translation,
      ctx: () => contextOf(h),
      archive: { accept: () => ({ sha256: r.sha256, tag }) },
    },
  );
  return out.entries;
}

/** An imported file is replayed as one stream through one translator, as `kansa import` read it. */
class ImportStreamReplay {
  private id?: string;
  private stream?: TranslateStream;
  private parts: Array<{ start: number; sha256: string }> = [];
  private ordinal = 0;
  private lastOffset?: number;

  constructor(
    private readonly translation: Omit<Translation, 'ctx' | 'archive'>,
    private readonly emit: (doc: SerializedDoc) => void,
  ) {}

  add(r: WalkedRecord): void {
    const h = r.header;
    if (h.stream!.id !== this.id || h.stream!.part === 0) this.end();
    if (!this.stream) {
      this.id = h.stream!.id;
      this.parts = [];
      this.ordinal = 0;
      this.lastOffset = undefined;
      const t = this.translation;
      this.stream = new TranslateStream(
        {
          source: h.source,
          filePath: h.filePath ?? h.source,
          format: h.format,
          ctx: contextOf(h),
          formats: t.formats,
          stages: t.stages(),
          ...(t.enrich ? { enrich: t.enrich } : {}),
        },
        (events) => {
          for (const e of events) {
            this.ordinal = e['log.offset'] === this.lastOffset ? this.ordinal + 1 : 0;
            this.lastOffset = e['log.offset'];
            e[FIELD.kansaArchiveSha256] = this.partOf(e['log.offset']);
            this.emit(serializeDoc(toBulkDoc(h.identity, e, this.ordinal)));
          }
        },
      );
    }
    this.parts.push({ start: h.offset, sha256: r.sha256 });
    this.stream.write(r.raw);
  }

  end(): void {
    this.stream?.end();
    this.stream = undefined;
    this.id = undefined;
  }

  private partOf(offset: unknown): string {
    const at = typeof offset === 'number' ? offset : Infinity;
    return partAt(this.parts, at)!.sha256;
  }
}
