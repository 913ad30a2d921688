import { createHash } from 'node:crypto';
import { dailyIndex } from '../opensearch/template';
import { TranslateStream } from '../translate/engine';
import type { Format, KansaEvent, Stage, TranslateContext } from '../translate/types';
import type { QueueEntry } from '../queue/queue';
import type { RawArchive } from '../archive/writer';

export interface Translation {
  formats: readonly Format[];
  stages: () => Stage[];
  ctx: () => TranslateContext;
  enrich?: (event: KansaEvent) => void;
  maxLineBytes: number;
  /** The tamper-evident raw archive: each chunk is archived before translation, its events carry its hash. */
  archive?: RawArchive;
}

export interface ChunkSource {
  /** The input's name in events and errors, e.g. syslog-tcp or a file path. */
  source: string;
  /**
   * What makes a record unique besides its offset and text: e.g. a connection id, a file's
   * host:path:inode, or the hash of an HTTP body. Same identity + offset + text ⇒ same document id.
   */
  identity: string;
  /** Byte offset of the chunk's first byte in the input (file offset, connection offset). */
  baseOffset: number;
  format: string;
  /** Set for file inputs: log.file.path and log.offset (absolute) stay in the event. */
  filePath?: string;
}

export interface ChunkResult {
  entries: QueueEntry[];
  records: number;
  failures: number;
  truncated: number;
  format?: string;
}

/**
 * Translates a run of complete records (the same engine as `kansa translate`: decode, frame,
 * translate, stages, enrichment) into queue entries with deterministic ids.
 */
export function translateChunk(data: Buffer, src: ChunkSource, t: Translation): ChunkResult {
  const entries: QueueEntry[] = [];
  let lastOffset = -1;
  let ordinal = 0;
  let truncated = 0;
  const ctx = t.ctx();
  const archived = t.archive?.accept(data, { input: src.filePath ? 'file' : src.source, source: src.source, identity: src.identity, offset: src.baseOffset, format: src.format, filePath: src.filePath, ctx });
  const stream = new TranslateStream(
    { source: src.source, filePath: src.filePath ?? src.source, format: src.format, ctx, formats: t.formats, stages: t.stages(), enrich: t.enrich, maxLineBytes: t.maxLineBytes },
    (events) => {
      for (const e of events) {
        archived?.tag(e);
        const offset = src.baseOffset + (typeof e['log.offset'] === 'number' ? e['log.offset'] : 0);
        if (src.filePath) {
          e['log.offset'] = offset;
        } else {
          delete e['log.file.path'];
          delete e['log.offset'];
        }
        if (typeof e['kansa.parse.error'] === 'string' && e['kansa.parse.error'].includes('truncated')) truncated++;
        ordinal = offset === lastOffset ? ordinal + 1 : 0;
        lastOffset = offset;
        const id = createHash('sha256')
          .update(`${src.identity}\0${offset}\0${e['event.original'] ?? ''}\0${e['event.action'] ?? ''}\0${ordinal}`)
          .digest('base64url')
          .slice(0, 32);
        entries.push({ id, index: dailyIndex(e['@timestamp']), json: JSON.stringify(e) });
      }
    },
  );
  stream.write(data);
  stream.end();
  return { entries, records: stream.summary.records, failures: stream.summary.failureCount, truncated, format: stream.format?.id };
}
