import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskQueue, type QueueEntry } from './queue';

const entries = (from: number, n: number): QueueEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `id${from + i}`,
    index: 'kansa-events-2026.11.01',
    json: JSON.stringify({ n: from + i, text: 'tab\there\nnewline' }),
  }));

const open = (dir: string, maxBytes = 1 << 20, segmentBytes = 4096) => {
  const q = new DiskQueue({ dir, maxBytes, segmentBytes, fsync: 'always' });
  q.open();
  return q;
};

describe('DiskQueue', () => {
  it('keeps entries across a reopen until they are acknowledged, in order, across segments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-queue-'));
    let q = open(dir);
    for (let i = 0; i < 100; i += 10) expect(q.append(entries(i, 10))).toBe(true);
    expect(q.depthEvents).toBe(100);
    expect(readdirSync(dir).filter((f) => f.endsWith('.q')).length).toBeGreaterThan(1);
    const first = q.take(1000)!;
    expect(first.entries[0]).toEqual(entries(0, 1)[0]);
    q.ack(first.end, first.entries.length);
    const acked = first.entries.length;
    q.take(1000); // read but never acknowledged: must come back after a crash
    q.close();

    q = open(dir);
    expect(q.depthEvents).toBe(100 - acked);
    const seen: number[] = [];
    for (let b = q.take(2000); b; b = q.take(2000)) {
      seen.push(...b.entries.map((e) => JSON.parse(e.json).n as number));
      q.ack(b.end, b.entries.length);
    }
    expect(seen).toEqual(Array.from({ length: 100 - acked }, (_, i) => acked + i));
    expect(q.depthEvents).toBe(0);
    expect(q.depthBytes).toBe(0);
    // Fully acknowledged segments are deleted; only the current one stays.
    expect(readdirSync(dir).filter((f) => f.endsWith('.q')).length).toBe(1);
    q.close();
  });

  it('cuts a write torn by a crash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-queue-'));
    const q = open(dir, 1 << 20, 1 << 20);
    q.append(entries(0, 3));
    q.close();
    const seg = readdirSync(dir).find((f) => f.endsWith('.q'))!;
    appendFileSync(join(dir, seg), 'idX\tkansa-events-2026.11.01\t{"n":');
    const q2 = open(dir, 1 << 20, 1 << 20);
    expect(q2.depthEvents).toBe(3);
    expect(q2.take(1 << 20)!.entries.map((e) => e.id)).toEqual(['id0', 'id1', 'id2']);
    q2.append(entries(3, 1));
    expect(q2.take(1 << 20)!.entries.map((e) => e.id)).toEqual(['id3']);
    q2.close();
  });

  it('is bounded in bytes: refuses what does not fit, and frees space as OpenSearch confirms', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-queue-'));
    const size = DiskQueue.encode(entries(10, 10)).length;
    const q = open(dir, size * 3, size);
    expect(q.append(entries(10, 10))).toBe(true);
    expect(q.append(entries(20, 10))).toBe(true);
    expect(q.append(entries(30, 10))).toBe(true);
    expect(q.full).toBe(true);
    expect(q.append(entries(40, 10))).toBe(false);
    expect(q.depthEvents).toBe(30);
    let space = false;
    const waiting = q.whenSpace().then(() => (space = true));
    await Promise.resolve();
    expect(space).toBe(false);
    const b = q.take(size)!;
    q.ack(b.end, b.entries.length);
    await waiting;
    expect(space).toBe(true);
    expect(q.append(entries(40, 10))).toBe(true);
    q.close();
  });
});
