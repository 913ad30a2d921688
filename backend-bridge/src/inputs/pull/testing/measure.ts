/**
 * Measures one M365 pull of large content blobs against the local stand-in, translated by the real
 * translators into a queue that only counts: records/s and the process's peak RSS.
 *   npx ts-node --transpile-only backend-bridge/src/inputs/pull/testing/measure.ts [recordsPerBlob] [blobs]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { configSchema } from '../../../config/schema';
import { Metrics } from '../../../pipeline/metrics';
import { translateChunk, type Translation } from '../../../pipeline/translate';
import { FORMATS, STAGES } from '../../../translators';
import type { IntakeContext } from '../../intake';
import { M365Intake } from '../m365/intake';
import { FakeM365 } from './fake-m365';

async function main(): Promise<void> {
  const perBlob = Number(process.argv[2] ?? 20_000);
  const blobs = Number(process.argv[3] ?? 3);
  const now = Date.now();
  const fake = new FakeM365('t', 'c', 's', () => now);
  for (let i = 0; i < blobs; i++)
    fake.addBlob('Audit.SharePoint', new Date(now - (i + 1) * 600_000), perBlob, 'm.example');
  const blobBytes = Buffer.byteLength(JSON.stringify(fake.blobs[0].records));
  await fake.server.listen();
  const translation: Translation = {
    formats: FORMATS,
    stages: () => STAGES.map((m) => m()),
    ctx: () => ({ now: new Date(), year: 2026, timeZone: 'UTC' }),
    maxLineBytes: 65536,
  };
  let events = 0;
  let peak = 0;
  const ctx: IntakeContext = {
    enqueue: (_i, chunks) => {
      let n = 0;
      for (const c of chunks) n += translateChunk(c.data, c.src, translation, c.ids).entries.length;
      events += n;
      peak = Math.max(peak, process.memoryUsage().rss);
      return { ok: true, events: n, records: n, failures: 0, formats: [] };
    },
    whenSpace: async () => undefined,
    refusing: () => undefined,
    readiness: () => ({ ok: true, detail: {} }),
    metrics: new Metrics(),
    log: pino({ level: 'silent' }),
  };
  const config = configSchema.parse({
    pull: {
      m365: {
        enabled: true,
        tenantId: 't',
        clientId: 'c',
        contentTypes: ['Audit.SharePoint'],
        loginUrl: fake.url,
        apiUrl: fake.url,
      },
    },
  }).pull;
  const intake = new M365Intake(
    ctx,
    config.m365,
    {
      pollSeconds: 300,
      policy: { baseMs: 1000, capMs: 1000, maxRetries: 0 },
      maxResponseBytes: config.maxResponseBytes,
      timeoutMs: 60_000,
      stateDir: mkdtempSync(join(tmpdir(), 'kansa-pull-measure-')),
    },
    { KANSA_M365_CLIENT_SECRET: 's' },
  );
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  await intake.pollOnce();
  const s = (performance.now() - t0) / 1000;
  console.log(
    JSON.stringify({
      blobs,
      recordsPerBlob: perBlob,
      blobMiB: +(blobBytes / 2 ** 20).toFixed(1),
      events,
      seconds: +s.toFixed(1),
      eventsPerSecond: Math.round(events / s),
      rssBeforeMiB: Math.round(rssBefore / 2 ** 20),
      peakRssMiB: Math.round(peak / 2 ** 20),
    }),
  );
  await fake.server.close();
}

void main();
