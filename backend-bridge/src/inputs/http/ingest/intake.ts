import type { Exchange, Route } from '../front';
import { Delivery } from '../delivery';
import { tooLarge } from '../errors';
import { RecordSlicer, SLICE_BYTES, recordOf } from '../records';
import { RouteIntake, sha256 } from '../route-intake';
import { arrayElements, parseAt, yieldToLoop } from '../scan';

/**
 * POST /ingest: a JSON array (of documents or raw lines; a document carrying its raw line in
 * event.original, message or log is translated from that line, as in _bulk), or NDJSON / raw log
 * lines as they are.
 * The body is checked whole first (structure, JSON of every element, the record limit) so a
 * refused request keeps nothing; then it is translated a slice at a time.
 */
export class IngestIntake extends RouteIntake {
  readonly name = 'http-ingest';

  protected routes(): Route[] {
    return [{ input: this.name, methods: ['POST'], path: '/ingest', handle: (x) => this.ingest(x) }];
  }

  private async ingest(x: Exchange): Promise<void> {
    const format = this.format(x);
    this.refuseWhenFull();
    const body = await x.body();
    const identity = `http:${sha256(body)}`;
    const delivery = new Delivery(this.ctx, this.name);
    if (body[firstNonSpace(body)] === 0x5b) await this.array(body, identity, format, delivery);
    else await this.raw(body, identity, format, delivery);
    this.ctx.log.info(
      { token: x.token, input: this.name, events: delivery.events, format: [...delivery.formats] },
      'ingested',
    );
    x.send(200, {
      accepted: delivery.records,
      events: delivery.events,
      parseFailures: delivery.failures,
      format: [...delivery.formats],
    });
  }

  private async array(body: Buffer, identity: string, format: string, delivery: Delivery): Promise<void> {
    const max = this.limits.maxRecords;
    let count = 0;
    for (const el of arrayElements(body, this.name)) {
      if (++count > max)
        throw tooLarge(
          `${this.name}: more than ${max} array elements in one request (http.maxRecords, the limit per request); send smaller batches`,
        );
      parseAt(body, el.start, el.end, this.name, `array element ${el.index}`);
      if (count % 2000 === 0) await yieldToLoop();
    }
    const slicer = new RecordSlicer(this.name, identity, format);
    for (const el of arrayElements(body, this.name)) {
      const doc = parseAt(body, el.start, el.end, this.name, `array element ${el.index}`);
      const record = recordOf(doc);
      slicer.add(record.kind, record.line);
      if (slicer.full) await delivery.send(slicer.take());
    }
    await delivery.send(slicer.take());
  }

  /** Raw bytes to the engine in slices cut after a LF; it detects the encoding and format like `kansa translate`. */
  private async raw(body: Buffer, identity: string, format: string, delivery: Delivery): Promise<void> {
    const max = this.limits.maxRecords;
    let lines = 0;
    for (let i = body.indexOf(0x0a); i >= 0; i = body.indexOf(0x0a, i + 1)) lines++;
    if (body.length > 0 && body[body.length - 1] !== 0x0a) lines++;
    if (lines > max)
      throw tooLarge(
        `${this.name}: more than ${max} lines in one request (http.maxRecords, the limit per request); send smaller batches`,
      );
    // UTF-16 has LF bytes inside characters: such a body goes to the engine whole.
    const sliceable = !looksUtf16(body);
    for (let start = 0; start < body.length;) {
      let end = body.length;
      if (sliceable && end - start > SLICE_BYTES) {
        const nl = body.lastIndexOf(0x0a, start + SLICE_BYTES - 1);
        end = nl >= start ? nl + 1 : body.indexOf(0x0a, start + SLICE_BYTES) + 1 || body.length;
      }
      const detected = format === 'auto' ? [...delivery.formats][0] : undefined;
      await delivery.send([
        {
          data: body.subarray(start, end),
          src: { source: this.name, identity, baseOffset: start, format: detected ?? format },
        },
      ]);
      start = end;
    }
  }
}

function firstNonSpace(body: Buffer): number {
  let i = 0;
  while (i < body.length && (body[i] === 0x20 || body[i] === 0x0a || body[i] === 0x0d || body[i] === 0x09)) i++;
  return i;
}

function looksUtf16(body: Buffer): boolean {
  if (body.length >= 2 && ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff)))
    return true;
  return body.subarray(0, 4096).includes(0);
}
