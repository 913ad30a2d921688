import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { Metrics } from '../../../pipeline/metrics';
import { translateChunk, type Translation } from '../../../pipeline/translate';
import { FORMATS, STAGES } from '../../../translators';
import type { IntakeContext } from '../../intake';
import type { PullOptions } from '../intake';

/**
 * An IntakeContext whose "queue" is a map by document id, as OpenSearch's `create` keeps documents:
 * the same id twice is one document. Records are translated by the real engine and translators.
 * `refuse` makes the next appends fail as a full queue does.
 */
export function memoryContext(): {
  ctx: IntakeContext;
  docs: Map<string, Record<string, unknown>>;
  appended: { events: number };
  logs: string[];
  refuse: { next: number; waited: number };
} {
  const docs = new Map<string, Record<string, unknown>>();
  const appended = { events: 0 };
  const logs: string[] = [];
  const refuse = { next: 0, waited: 0 };
  const translation: Translation = {
    formats: FORMATS,
    stages: () => STAGES.map((make) => make()),
    ctx: () => ({ now: new Date(), year: 2026, timeZone: 'UTC' }),
    maxLineBytes: 64 * 1024,
  };
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const ctx: IntakeContext = {
    enqueue: (_input, chunks) => {
      if (refuse.next > 0) {
        refuse.next--;
        return { ok: false, reason: 'queue_full', message: 'full' };
      }
      const out = { ok: true as const, events: 0, records: 0, failures: 0, formats: [] as string[] };
      for (const c of chunks) {
        const r = translateChunk(c.data, c.src, translation, c.ids);
        for (const e of r.entries) {
          if (!docs.has(e.id))
            docs.set(e.id, JSON.parse(Buffer.from(e.json).toString('utf8')) as Record<string, unknown>);
        }
        appended.events += r.entries.length;
        out.events += r.entries.length;
        out.records += r.records;
        out.failures += r.failures;
        if (r.format) out.formats.push(r.format);
      }
      return out;
    },
    whenSpace: async () => {
      refuse.waited++;
    },
    refusing: () => undefined,
    readiness: () => ({ ok: true, detail: {} }),
    metrics: new Metrics(),
    log,
  };
  return { ctx, docs, appended, logs, refuse };
}

/**
 * Pull options for unit tests: a clock the test moves, a sleep that only records (no test waits for real
 * time), a fixed jitter and a fresh state directory.
 */
export function testPullOptions(name: string): { clock: { now: number }; slept: number[]; options: PullOptions } {
  const clock = { now: Date.parse('2026-12-05T12:00:00Z') };
  const slept: number[] = [];
  const options: PullOptions = {
    pollSeconds: 300,
    policy: { baseMs: 1000, capMs: 60_000, maxRetries: 3 },
    maxResponseBytes: 1024 * 1024,
    timeoutMs: 30_000,
    stateDir: mkdtempSync(join(tmpdir(), `kansa-pull-${name}-`)),
    sleep: async (ms) => {
      slept.push(ms);
    },
    now: () => clock.now,
    random: () => 0.5,
  };
  return { clock, slept, options };
}
