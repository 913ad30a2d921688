import { createHash } from 'node:crypto';
import { dailyIndex } from '../opensearch/template';
import { TranslateStream } from '../translate/engine';
import { finishEvent, parseFailureEvent } from '../translate/finish';
import { eventBytes } from '../translate/serialize';
import type { Format, KansaEvent, Stage, TranslateContext } from '../translate/types';
import type { QueuedDoc } from '../queue/queue';
import type { RawArchive } from './raw-archive';

export interface Translation {
  formats: readonly Format[];
  stages: () => Stage[];
  ctx: () => TranslateContext;
  enrich?: (event: KansaEvent) => void;
  maxLineBytes: number;
  /** The tamper-evident raw archive: each chunk is archived before translation, its events carry its hash. */
  archive?: RawArchive;
  /**
   * Events dated further than this from arrival (a wrong clock, a bogus RFC 5424 year) are kept
   * but indexed by their arrival day, so no sender can open one daily index per date it invents.
   */
  timeWindow?: { daysBack: number; daysAhead: number };
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
  /** The documents, serialized to UTF-8 once here: the queue and the bulk body carry these bytes. */
  entries: QueuedDoc[];
  records: number;
  failures: number;
  truncated: number;
  /** Events indexed by arrival day because their timestamp was outside the time window. */
  farTimestamps: number;
  format?: string;
}

/**
 * Translates a run of complete records (the same engine as `kansa translate`: decode, frame,
 * translate, stages, enrichment) into queue entries with deterministic ids.
 */
export function translateChunk(
  data: Buffer,
  src: ChunkSource,
  t: Translation,
  ids?: ReadonlyMap<number, string>,
): ChunkResult {
  const entries: QueuedDoc[] = [];
  let lastOffset = -1;
  let ordinal = 0;
  let truncated = 0;
  let farTimestamps = 0;
  const ctx = t.ctx();
  const arrival = ctx.now.getTime();
  const window = t.timeWindow && {
    from: arrival - t.timeWindow.daysBack * DAY,
    to: arrival + t.timeWindow.daysAhead * DAY,
  };
  const archived = t.archive?.accept(data, {
    input: src.filePath ? 'file' : src.source,
    source: src.source,
    identity: src.identity,
    offset: src.baseOffset,
    format: src.format,
    filePath: src.filePath,
    ctx,
  });
  const stream = new TranslateStream(
    {
      source: src.source,
      filePath: src.filePath ?? src.source,
      format: src.format,
      ctx,
      formats: t.formats,
      stages: t.stages(),
      enrich: t.enrich,
      maxLineBytes: t.maxLineBytes,
    },
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
        // A sender-chosen id (RawChunk.ids, by the record's offset in this chunk) wins over the hash.
        const chosen = ids?.get(offset - src.baseOffset);
        const id =
          chosen !== undefined
            ? ordinal === 0
              ? chosen
              : `${chosen}~${ordinal}`
            : createHash('sha256')
                .update(
                  `${src.identity}\0${offset}\0${e['event.original'] ?? ''}\0${e['event.action'] ?? ''}\0${ordinal}`,
                )
                .digest('base64url')
                .slice(0, 32);
        let indexTime = e['@timestamp'];
        const at = Date.parse(indexTime ?? '');
        if (window && !(at >= window.from && at <= window.to)) {
          indexTime = ctx.now.toISOString();
          farTimestamps++;
          markFarTimestamp(e, ctx.now);
        }
        entries.push({ id, index: dailyIndex(indexTime), json: eventBytes(e) });
      }
    },
  );
  stream.write(data);
  stream.end();
  return {
    entries,
    records: stream.summary.records,
    failures: stream.summary.failureCount,
    truncated,
    farTimestamps,
    format: stream.format?.id,
  };
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * The event keeps its own @timestamp and parse status (it parsed); the note in kansa.parse.error
 * says why it sits in the arrival day's index, and event.created is the arrival time.
 */
function markFarTimestamp(e: KansaEvent, now: Date): void {
  const note = `timestamp ${e['@timestamp'] ?? '(none)'} is outside the accepted window: indexed by arrival day ${now.toISOString().slice(0, 10)}`;
  e['event.created'] ??= now.toISOString();
  e['kansa.parse.error'] =
    typeof e['kansa.parse.error'] === 'string' && e['kansa.parse.error'] ? `${e['kansa.parse.error']}; ${note}` : note;
}

/**
 * One record known to be damaged before any translator sees it (an octet-counted frame cut short
 * by the connection's close): kept as a parse failure carrying its raw text and the reason.
 */
export function damagedRecord(data: Buffer, src: ChunkSource, reason: string, t: Translation): ChunkResult {
  const ctx = t.ctx();
  const archived = t.archive?.accept(data, {
    input: src.source,
    source: src.source,
    identity: src.identity,
    offset: src.baseOffset,
    format: src.format,
    ctx,
  });
  const text = data.toString('utf8').replace(/\n$/, '');
  const record = { text, origin: { source: src.source, line: 1, offset: src.baseOffset } };
  const e = parseFailureEvent(record, src.format, reason, ctx.now.toISOString());
  finishEvent(e, record, src.format);
  archived?.tag(e);
  const id = createHash('sha256')
    .update(`${src.identity}\0${src.baseOffset}\0${text}\0damaged`)
    .digest('base64url')
    .slice(0, 32);
  return {
    entries: [{ id, index: dailyIndex(ctx.now.toISOString()), json: eventBytes(e) }],
    records: 1,
    failures: 1,
    truncated: 0,
    farTimestamps: 0,
  };
}
