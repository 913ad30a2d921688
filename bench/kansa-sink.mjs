#!/usr/bin/env node
// Tier 2: what `kansa import` does before the network — translate, deterministic id, daily index,
// serialize, build `_bulk` bodies of the import's batch size — written to a local file instead of
// OpenSearch. The file doubles as the pre-serialized input of the raw `_bulk` ceiling.
// usage: node bench/kansa-sink.mjs --format F --year Y --tz Z <input> <sink.ndjson>
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const dist = resolve(import.meta.dirname, '../backend-bridge/dist');
const { TranslateStream } = require(`${dist}/translate/engine.js`);
const { FORMATS, STAGES } = require(`${dist}/translators/index.js`);
const { bulkBody, serializeDoc, toBulkDoc } = require(`${dist}/pipeline/bulk.js`);
const { BulkBatcher } = require(`${dist}/pipeline/batches.js`);

const BATCH_BYTES = 6 * 1024 * 1024; // opensearch.bulkBytes' default, as kansa import uses it

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { format: { type: 'string', default: 'auto' }, year: { type: 'string' }, tz: { type: 'string' } },
});
const [input, sinkPath] = positionals;
if (!input || !sinkPath) {
  process.stderr.write('usage: node bench/kansa-sink.mjs --format F --year Y --tz Z <input> <sink.ndjson>\n');
  process.exit(2);
}
const ctx = { year: Number(values.year ?? new Date().getFullYear()), timeZone: values.tz ?? 'UTC', now: new Date() };
const sink = openSync(sinkPath, 'w');
const identity = `${hostname()}:${resolve(input)}`;
const batches = new BulkBatcher(BATCH_BYTES);
let ordinal = 0;
let lastOffset;
let docs = 0;
const write = (list) => {
  for (const batch of list) {
    writeSync(sink, bulkBody(batch));
    docs += batch.length;
  }
};
const stream = new TranslateStream(
  { source: input, filePath: input, format: values.format, ctx, formats: FORMATS, stages: STAGES.map((m) => m()) },
  (events) => {
    for (const e of events) {
      ordinal = e['log.offset'] === lastOffset ? ordinal + 1 : 0;
      lastOffset = e['log.offset'];
      batches.add(serializeDoc(toBulkDoc(identity, e, ordinal)));
    }
  },
);
for await (const chunk of createReadStream(input, { highWaterMark: 1 << 20 })) {
  stream.write(chunk);
  write(batches.ready());
}
stream.end();
write(batches.finish());
closeSync(sink);
process.stderr.write(`${docs} documents\n`);
