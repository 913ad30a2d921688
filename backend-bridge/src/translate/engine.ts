import { detectEncoding, decodeRecord, type Encoding } from './decode';
import { type FramedRecord, type Framer, LineFramer, XmlEventFramer } from './framing';
import { JsonValueFramer } from './json-framing';
import { BlockFramer } from './block-framing';
import { Summary } from './summary';
import type { Format, KansaEvent, RawRecord, Stage, TranslateContext } from './types';
import { finishEvent, parseFailureEvent } from './finish';

export interface EngineOptions {
  /** The input's name in errors and events: a path, `-`, or an input id. */
  source: string;
  /** Set when the input is a file, for log.file.path. */
  filePath?: string;
  /** A format id, or `auto` (the default) to detect it from the first bytes. */
  format?: string;
  ctx: TranslateContext;
  formats: readonly Format[];
  stages?: Stage[];
  /** Applied to every event after the stages, e.g. directory enrichment. */
  enrich?: (event: KansaEvent) => void;
  maxLineBytes?: number;
  maxXmlEventBytes?: number;
  /** A JSON object spread over lines (`json-values` framing); default 16 × maxLineBytes. */
  maxJsonRecordBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_LINES = 50;

/**
 * Translates one input stream, synchronously, chunk by chunk: decode → frame → translate → stages →
 * enrich. Every record yields at least one event; records that cannot be parsed yield a
 * parse-failure event carrying the raw text.
 */
export class TranslateStream {
  readonly summary = new Summary();
  format?: Format;
  encoding?: Encoding;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private framer?: Framer;
  private header?: string[];
  private lastTimestamp?: string;
  private readonly stages: Stage[];

  constructor(
    private readonly options: EngineOptions,
    private readonly emit: (events: KansaEvent[]) => void,
  ) {
    this.stages = options.stages ?? [];
    if (options.format && options.format !== 'auto' && !options.formats.some((f) => f.id === options.format)) {
      throw new Error(
        `${options.source}: unknown format "${options.format}"; expected auto or one of: ${options.formats.map((f) => f.id).join(', ')}`,
      );
    }
  }

  write(chunk: Buffer): void {
    this.summary.bytes += chunk.length;
    if (this.framer) {
      this.framer.push(chunk, this.onRecord);
      return;
    }
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= SAMPLE_BYTES) {
      this.start();
    }
  }

  end(): void {
    if (!this.framer) {
      this.start();
    }
    this.framer!.end(this.onRecord);
    this.summary.skippedBytes += this.framer!.skippedBytes;
    for (const stage of this.stages) {
      this.forward(stage.flush(), this.stages.indexOf(stage) + 1);
    }
    for (const stage of this.stages) {
      this.summary.condensedIn += stage.counts.in;
      this.summary.condensedOut += stage.counts.out;
    }
  }

  private start(): void {
    const head = Buffer.concat(this.pending);
    const { encoding, bomLength } = detectEncoding(head);
    this.encoding = encoding;
    this.format = this.chooseFormat(head.subarray(bomLength), encoding);
    this.summary.formats.set(this.format.id, 1);
    const maxLine = this.options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.framer =
      this.format.framing === 'xml-events'
        ? new XmlEventFramer(encoding, this.options.maxXmlEventBytes ?? 16 * maxLine, bomLength)
        : this.format.framing === 'json-values' && !oneObjectPerLine(sampleText(head.subarray(bomLength), encoding))
          ? new JsonValueFramer(encoding, this.options.maxJsonRecordBytes ?? 16 * maxLine, bomLength)
          : this.format.framing === 'blocks'
            ? new BlockFramer(
                new LineFramer(encoding, maxLine, bomLength),
                this.format.startsBlock!,
                encoding,
                16 * maxLine,
              )
            : new LineFramer(encoding, maxLine, bomLength);
    this.framer.push(head.subarray(bomLength), this.onRecord);
    this.pending = [];
  }

  private chooseFormat(head: Buffer, encoding: Encoding): Format {
    const { formats } = this.options;
    if (this.options.format && this.options.format !== 'auto') {
      return formats.find((f) => f.id === this.options.format)!;
    }
    const sample = sampleText(head, encoding);
    // Nothing recognised: the last format (the syslog envelope) takes it and reports each line it cannot read.
    let best = formats[formats.length - 1];
    let bestScore = 0;
    for (const f of formats) {
      let score = 0;
      try {
        score = f.detect(sample);
      } catch {
        score = 0;
      }
      if (score > bestScore) {
        best = f;
        bestScore = score;
      }
    }
    return best;
  }

  private readonly onRecord = (framed: FramedRecord): void => {
    const format = this.format!;
    if (framed.text.length === 0 && !framed.damage) {
      this.summary.skippedLines++;
      return;
    }
    if ((format.framing === 'csv' || format.framing === 'lines') && !framed.damage) {
      if (format.isPreamble?.(framed.text, this.header !== undefined)) {
        this.summary.skippedLines++;
        return;
      }
    }
    if (format.framing === 'csv' && !framed.damage) {
      const header = format.isHeader?.(framed.text);
      if (header) {
        this.header = header;
        this.summary.skippedLines++;
        return;
      }
    }
    this.summary.records++;
    const record: RawRecord = {
      text: framed.text,
      origin: { source: this.options.source, line: framed.line, offset: framed.offset },
    };
    if (this.header) record.header = this.header;
    let events: KansaEvent[];
    try {
      events = format.translate(record, this.options.ctx);
      if (events.length === 0) {
        throw new Error('translator returned no event');
      }
    } catch (err) {
      events = [this.failure(record, format, errorReason(err))];
    }
    for (const event of events) {
      finishEvent(event, record, format.id, this.options.filePath);
      if (framed.damage && event['kansa.parse.status'] !== 'failed') {
        event['kansa.parse.status'] = 'partial';
        event['kansa.parse.error'] = `${framed.damage} (${where(record)})`;
        this.summary.countFailure(framed.damage);
      }
      if (event['kansa.parse.status'] !== 'failed') {
        this.lastTimestamp = event['@timestamp'];
      }
    }
    this.forward(events, 0);
  };

  private failure(record: RawRecord, format: Format, reason: string): KansaEvent {
    this.summary.countFailure(reason);
    return parseFailureEvent(record, format.id, reason, this.lastTimestamp ?? this.options.ctx.now.toISOString());
  }

  /** Runs events through the stages from index `from` on, then out. */
  private forward(events: KansaEvent[], from: number): void {
    let current = events;
    for (let i = from; i < this.stages.length && current.length > 0; i++) {
      const next: KansaEvent[] = [];
      for (const e of current) {
        for (const out of this.stages[i].push(e)) next.push(out);
      }
      current = next;
    }
    if (current.length === 0) return;
    for (const event of current) {
      this.options.enrich?.(event);
      this.summary.countEvent(event);
    }
    this.emit(current);
  }
}

function where(record: RawRecord): string {
  return `${record.origin.source} line ${record.origin.line}, byte offset ${record.origin.offset}`;
}

function errorReason(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** JSON lines (each line a whole object) keep line framing, so a broken line stays one record. */
function oneObjectPerLine(sample: string): boolean {
  const first =
    sample
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? '';
  return first.startsWith('{') && first.endsWith('}');
}

function sampleText(head: Buffer, encoding: Encoding): string {
  const text = decodeRecord(head.subarray(0, SAMPLE_BYTES), encoding).text;
  const lines = text.split('\n');
  // The last line of a sample may be cut short.
  return lines
    .slice(0, Math.min(SAMPLE_LINES, Math.max(1, lines.length - (head.length >= SAMPLE_BYTES ? 1 : 0))))
    .join('\n');
}
