import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkBody, bulkEntryBytes, type SerializedDoc } from './bulk';
import { DiskQueue } from '../queue/queue';
import { BulkBatcher } from './batches';

// Documents of varied sizes, with Japanese text (3 bytes per character in UTF-8, 1 unit in a JS string).
const docs = (n: number): SerializedDoc[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `id${i}`,
    index: 'kansa-events-2026.11.01',
    json: Buffer.from(JSON.stringify({ n: i, 'kansa.message.ja': 'ログオン'.repeat(i % 50), tab: 'a\tb' })),
  }));

const bodyLines = (body: Buffer) =>
  body
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('bulk request bodies are bounded in bytes', () => {
  it('bulkBody is the action line and source of each document, and bulkEntryBytes adds up to its length', () => {
    // A sender-chosen id (the _bulk intake keeps them) may need escaping in the action line.
    const d = [...docs(3), { id: 'a"b\\ログ\t', index: 'kansa-events-2026.11.01', json: Buffer.from('{}') }];
    const body = bulkBody(d);
    expect(body.length).toBe(d.reduce((n, x) => n + bulkEntryBytes(x), 0));
    expect(bodyLines(body)).toEqual(
      d.flatMap((x) => [
        `{"create":{"_index":"kansa-events-2026.11.01","_id":${JSON.stringify(x.id)}}}`,
        x.json.toString(),
      ]),
    );
  });

  it('BulkBatcher: every request body within maxBytes, a larger document alone, all documents in order', () => {
    const max = 2000;
    const d = docs(200);
    d.splice(100, 0, {
      id: 'big',
      index: 'kansa-events-2026.11.01',
      json: Buffer.from(JSON.stringify({ text: 'x'.repeat(5000) })),
    });
    const b = new BulkBatcher(max);
    const batches: SerializedDoc[][] = [];
    for (const x of d) {
      b.add(x);
      batches.push(...b.ready());
    }
    batches.push(...b.finish());
    expect(batches.flat().map((x) => x.id)).toEqual(d.map((x) => x.id));
    for (const batch of batches) {
      if (batch.length > 1) expect(bulkBody(batch).length).toBeLessThanOrEqual(max);
      else if (batch[0].id !== 'big') expect(bulkBody(batch).length).toBeLessThanOrEqual(max);
    }
    expect(batches.find((x) => x.some((y) => y.id === 'big'))).toHaveLength(1);
    // Not one document per request: batches are filled up to the bound.
    expect(batches.length).toBeLessThan(d.length / 3);
  });

  it('DiskQueue.take with the bulk cost: each batch body within the bound, none lost or repeated across acks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-batches-'));
    const q = new DiskQueue({ dir, maxBytes: 1 << 22, segmentBytes: 1 << 16, fsync: 'never' });
    q.open();
    const d = docs(300);
    for (let i = 0; i < d.length; i += 25) expect(q.append(d.slice(i, i + 25))).toBe(true);
    const max = 3000;
    const seen: string[] = [];
    for (let b = q.take(max, bulkEntryBytes); b; b = q.take(max, bulkEntryBytes)) {
      expect(bulkBody(b.docs).length).toBeLessThanOrEqual(max);
      expect(b.docs.map((x) => x.json.toString())).toEqual(b.docs.map((x) => d[Number(x.id.slice(2))].json.toString()));
      seen.push(...b.docs.map((x) => x.id));
      q.ack(b.end, b.docs.length);
    }
    expect(seen).toEqual(d.map((x) => x.id));
    expect(q.depthEvents).toBe(0);
    q.close();
  });
});
