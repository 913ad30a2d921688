import type { IntakeContext, RawChunk } from '../intake';
import { refusal } from './front';
import { yieldToLoop } from './scan';

/**
 * Hands one request's chunks to the queue, one slice at a time with a yield to the event loop in
 * between. Only the first slice may be refused for a full queue (then nothing of the request is
 * kept and the sender gets 429); once part of a request is in, the rest follows even past the
 * queue's bound, so the bound is exceeded by at most the requests in flight. A storage failure
 * midway answers 503: the sender resends the same body, whose records map to the same ids.
 */
export class Delivery {
  events = 0;
  records = 0;
  failures = 0;
  readonly formats = new Set<string>();
  private started = false;

  constructor(
    private readonly ctx: IntakeContext,
    private readonly input: string,
  ) {}

  async send(chunks: RawChunk[]): Promise<void> {
    if (chunks.length === 0) return;
    const r = this.ctx.enqueue(this.input, chunks, { force: this.started });
    if (!r.ok) throw refusal(this.input, r);
    this.started = true;
    this.events += r.events;
    this.records += r.records;
    this.failures += r.failures;
    for (const f of r.formats) this.formats.add(f);
    await yieldToLoop();
  }
}
