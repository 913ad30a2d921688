import { bulkEntryBytes, type SerializedDoc } from './bulk';

/**
 * Cuts a run of serialized documents into bulk requests whose body (action lines included) is at
 * most `maxBytes`; a single document larger than that goes alone. `kansa import` sends what `ready`
 * hands out after each input chunk, so it holds at most the batches one chunk fills plus one.
 */
export class BulkBatcher {
  private docs: SerializedDoc[] = [];
  private bytes = 0;
  private full: SerializedDoc[][] = [];

  constructor(readonly maxBytes: number) {}

  add(doc: SerializedDoc): void {
    const n = bulkEntryBytes(doc);
    if (this.docs.length > 0 && this.bytes + n > this.maxBytes) this.cut();
    this.docs.push(doc);
    this.bytes += n;
  }

  /** The batches filled so far, oldest first. */
  ready(): SerializedDoc[][] {
    const out = this.full;
    this.full = [];
    return out;
  }

  /** Everything left, the partial last batch included. */
  finish(): SerializedDoc[][] {
    if (this.docs.length > 0) this.cut();
    return this.ready();
  }

  private cut(): void {
    this.full.push(this.docs);
    this.docs = [];
    this.bytes = 0;
  }
}
