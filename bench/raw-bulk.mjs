#!/usr/bin/env node
// The ceiling of tier 3: the `_bulk` bodies kansa-sink.mjs wrote, posted as they are (no translation,
// no serialization) with the import's concurrency, so the node's own indexing speed is what bounds it.
// usage: node bench/raw-bulk.mjs <url> <bulk.ndjson> [concurrency]
import { openSync, readSync, closeSync } from 'node:fs';
import http from 'node:http';

const [url, path, concurrencyArg = '3'] = process.argv.slice(2);
const concurrency = Number(concurrencyArg);
const BATCH_BYTES = 6 * 1024 * 1024;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

/** Bodies cut at document boundaries (every second line), about BATCH_BYTES each, as the import sends. */
function* bodies() {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(BATCH_BYTES * 2);
  let carry = Buffer.alloc(0);
  for (;;) {
    const n = readSync(fd, buf, 0, BATCH_BYTES, null);
    const all = Buffer.concat([carry, buf.subarray(0, n)]);
    if (n <= 0) {
      if (all.length > 0) yield all;
      break;
    }
    let cut = -1;
    let lines = 0;
    for (let i = all.indexOf(10); i !== -1; i = all.indexOf(10, i + 1)) if (++lines % 2 === 0) cut = i;
    if (cut === -1) {
      carry = all;
      continue;
    }
    yield all.subarray(0, cut + 1);
    carry = Buffer.from(all.subarray(cut + 1));
  }
  closeSync(fd);
}

function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/_bulk`,
      { method: 'POST', agent, headers: { 'content-type': 'application/x-ndjson', 'content-length': body.length } },
      (res) => {
        const parts = [];
        res.on('data', (c) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString();
          if (res.statusCode !== 200) return reject(new Error(`_bulk ${res.statusCode}: ${text.slice(0, 300)}`));
          const r = JSON.parse(text);
          let failed = 0;
          for (const item of r.items) if (Object.values(item)[0].status >= 300) failed++;
          resolve({ items: r.items.length, failed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let indexed = 0;
let failed = 0;
const inflight = new Set();
for (const body of bodies()) {
  while (inflight.size >= concurrency) await Promise.race(inflight);
  const p = post(Buffer.from(body))
    .then((r) => {
      indexed += r.items - r.failed;
      failed += r.failed;
    })
    .finally(() => inflight.delete(p));
  inflight.add(p);
}
await Promise.all(inflight);
await fetch(`${url}/kansa-events-*/_refresh`, { method: 'POST' }).catch(() => undefined);
process.stderr.write(`indexed: ${indexed}, failed: ${failed}\n`);
if (failed > 0) process.exit(1);
