import type { KansaEvent, TranslateContext } from '../translate/types';

// The archive as the pipeline sees it. Defined here, below the archive, so the pipeline does not depend
// on the archive feature: archive/writer.ts implements it.

/** Where a raw record came from: enough to translate it again into the same documents with the same ids. */
export interface RecordMeta {
  /** The bridge input: syslog-tcp, http-ingest, file, import, … */
  input: string;
  /** The input's name in events (a file path or an input id). */
  source: string;
  /** The identity part of the deterministic document ids (see pipeline/translate.ts). */
  identity: string;
  /** Byte offset of the record's first byte in its input stream. */
  offset: number;
  format: string;
  filePath?: string;
  ctx: TranslateContext;
  /**
   * Set for `kansa import`: records of one file are parts of one stream, which replay translates as
   * a whole (stateful stages and CSV headers span the whole file).
   */
  stream?: { id: string; part: number };
}

/** What the pipeline sees of the archive: accept a raw record, then tag the events translated from it. */
export interface RawArchive {
  accept(raw: Buffer, meta: RecordMeta): ArchivedRecord;
}

export interface ArchivedRecord {
  sha256: string;
  tag(event: KansaEvent): void;
}
