import type { KansaEvent } from '@kansa/schema';

export type { KansaEvent };

/** One record cut from an input: a line, one XML <Event>, or one CSV row. */
export interface RawRecord {
  /** The decoded record text, without its line terminator. */
  text: string;
  origin: RecordOrigin;
  /** For CSV framing: the header row's column names. */
  header?: string[];
}

export interface RecordOrigin {
  /** The input's name: a file path, `-` for stdin, or an input id such as syslog-udp. */
  source: string;
  /** 1-based line number where the record starts. */
  line: number;
  /** Byte offset of the record's first byte in the raw (undecoded) input. */
  offset: number;
}

export interface TranslateContext {
  /** Year for timestamps that carry none (RFC 3164 syslog). */
  year: number;
  /** IANA zone for timestamps written in local time without an offset. */
  timeZone: string;
  /** Fixed in tests; the time stamped on records that carry no time of their own. */
  now: Date;
}

/**
 * How an input is cut into records. `lines` is one record per line; `xml-events` is one record per
 * <Event>…</Event> element; `csv` is one record per row, with the header handed to the translator;
 * `json-values` is one record per line when the input is one JSON object per line, else one per
 * top-level JSON object however it is spread over lines (a pretty-printed array of objects); `blocks` is
 * one record per run of lines that begins at a line the format's `startsBlock` recognises.
 */
export type Framing = 'lines' | 'xml-events' | 'csv' | 'json-values' | 'blocks';

/** A file-level input format: detected on a sample of the input, then applied to each record. */
export interface Format {
  id: string;
  framing: Framing;
  /**
   * How sure we are that this sample (the first lines of the decoded input) is this format: 0 = not
   * at all, 1 = certain. Must be cheap and must never throw.
   */
  detect(sample: string): number;
  /**
   * Translates one record into one or more events. Throwing a ParseError (or anything) turns the
   * record into a parse-failure event that keeps the raw text; it never drops it.
   */
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[];
  /** For `csv` framing: the column names when this line is the header row, else null. */
  isHeader?(line: string): string[] | null;
  /**
   * For `csv` and `lines` framing: lines that carry no record, such as the DHCP log's preamble before its
   * header, Zeek's `#types`/`#close` lines after it, or the brackets of a JSON array written one element
   * per line. Skipped lines are counted in the summary.
   */
  isPreamble?(line: string, headerSeen: boolean): boolean;
  /** For `blocks` framing: true for the line that begins a record (`Event[0]:` in wevtutil's text output). */
  startsBlock?(line: string): boolean;
}

/** A parsed syslog envelope, handed to the program translators. */
export interface SyslogMessage {
  /** ISO 8601 with offset, already resolved with the context's year and zone. */
  timestamp: string;
  host?: string;
  program: string;
  pid?: number;
  message: string;
  facility?: string;
  severity?: number;
  priority?: number;
  format: 'rfc3164' | 'rfc5424';
  /** RFC 5424 structured data, as SD-ID → params. */
  structuredData?: Record<string, Record<string, string>>;
}

/** A translator for one program's messages inside syslog (sshd, sudo, %LINK on Cisco, …). */
export interface SyslogProgram {
  id: string;
  /** Cheap test on the program name and message; first match in registration order wins. */
  matches(msg: SyslogMessage): boolean;
  /**
   * Returns the event fields specific to this message. The syslog layer adds @timestamp, host,
   * log.syslog.*, event.original and kansa.parse.*. Return null for a message of this program that
   * it does not know: the syslog layer then emits a generic syslog event (not a failure).
   */
  translate(msg: SyslogMessage, ctx: TranslateContext): KansaEvent | KansaEvent[] | null;
}

/** Thrown by translators: the reason lands in kansa.parse.error with the record's position. */
export class ParseError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ParseError';
  }
}

/** A stateful stage after translation, e.g. the file-access condenser. */
export interface Stage {
  /** Raw events taken in and records given out, for the summary's merge ratio. */
  readonly counts: { in: number; out: number };
  push(event: KansaEvent): KansaEvent[];
  /** Called at end of input: emits whatever is still held. */
  flush(): KansaEvent[];
}
