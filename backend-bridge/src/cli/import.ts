import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { INDEX_ALIAS } from '@kansa/schema';
import { importArchive, StreamTap } from '../archive/tap';
import { openLogFile } from '../inputs/compressed/open';
import { expand } from '../inputs/file/tail';
import { type SerializedDoc, serializeDoc, toBulkDoc, writeBulkSerialized } from '../opensearch/bulk';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import { installTemplate } from '../opensearch/template';
import { loadEnricher, translateContext } from '../translate/context';
import { TranslateStream } from '../translate/engine';
import { Summary } from '../translate/summary';
import { FORMATS, STAGES } from '../translators';
import { UsageError } from './usage';

export const IMPORT_USAGE = `usage: kansa import [--config kansa.yaml] [--format F] [--year YYYY] [--tz ZONE] [--concurrency N] [--directory users.csv] [--assets assets.csv] [--replicas N] <files or globs>
  Translates log files (plain, .gz, or zip archives of logs) and indexes them into OpenSearch
  (OPENSEARCH_URL, default http://127.0.0.1:9200). Shows progress on stderr (a bar on a terminal,
  a line every few seconds otherwise), then the summary of \`kansa translate\` and the count indexed.
  Importing the same file again creates no duplicates (deterministic ids). With the archive enabled in
  the config (--config kansa.yaml or $KANSA_CONFIG), the raw bytes are archived as they are read.
  --replicas N sets the replicas of the events template (as opensearch.replicas does for kansa serve);
  without it the installed template's replicas are kept (0 when there is none).`;

const BATCH_BYTES = 6 * 1024 * 1024;

export async function importCommand(argv: string[], io: { stderr: Writable; stdout: Writable }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      year: { type: 'string' },
      tz: { type: 'string' },
      concurrency: { type: 'string', default: '3' },
      directory: { type: 'string' },
      assets: { type: 'string' },
      config: { type: 'string' },
      replicas: { type: 'string' },
    },
  });
  const enrich = loadEnricher(values.directory, values.assets);
  const ctx = translateContext('kansa import', values, new Date());
  if (positionals.length === 0) throw new UsageError('kansa import: expected one or more files');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('kansa import: --concurrency must be a positive integer');
  const replicas = values.replicas === undefined ? undefined : Number(values.replicas);
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 0 && replicas <= 9)) throw new UsageError(`kansa import: --replicas expected a whole number from 0 to 9, got "${values.replicas}"`);
  let unreadable = 0;
  const files: string[] = [];
  for (const p of positionals) {
    const matched = expand([p]);
    const existing = matched.filter((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
    if (existing.length === 0) {
      io.stderr.write(`kansa import: cannot read ${p}: no such file\n`);
      unreadable++;
    }
    files.push(...existing);
  }
  const url = openSearchUrl();
  const client = createClient(url);
  try {
    await installTemplate(client, replicas);
  } catch (err) {
    io.stderr.write(`kansa import: OpenSearch at ${redactUrl(url)} is not reachable: ${(err as Error).message}\n`);
    await client.close();
    return 1;
  }
  let archive;
  try {
    archive = importArchive(values.config);
  } catch (err) {
    io.stderr.write(`kansa import: archive: ${(err as Error).message}\n`);
    await client.close();
    return 1;
  }
  const total = new Summary();
  const written = { indexed: 0, duplicates: 0, deadLettered: 0, unsent: 0, retried: 0 };
  const progress = new Progress(io.stderr, files.reduce((n, f) => n + statSync(f).size, 0));
  const inflight = new Set<Promise<void>>();
  let failure: Error | undefined;
  const send = async (batch: SerializedDoc[]) => {
    while (inflight.size >= concurrency) await Promise.race(inflight);
    const p: Promise<void> = writeBulkSerialized(client, batch)
      .then((r) => {
        written.indexed += r.indexed;
        written.duplicates += r.duplicates;
        written.deadLettered += r.deadLettered;
        written.unsent += r.unsent.length;
        written.retried += r.retried;
        progress.indexed += r.indexed + r.duplicates;
      })
      .catch((err: Error) => {
        failure ??= err;
        written.unsent += batch.length;
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  for (const file of files) {
    let members;
    try {
      members = openLogFile(file, (n) => progress.read(n));
    } catch (err) {
      unreadable++;
      io.stderr.write(`kansa import: cannot read ${file}: ${(err as Error).message}\n`);
      continue;
    }
    for (const member of members) {
      const identity = `${hostname()}:${resolve(file)}${member.name.slice(file.length)}`;
      let batch: SerializedDoc[] = [];
      let batchBytes = 0;
      let ordinal = 0;
      let lastOffset: number | undefined;
      const tap = archive && new StreamTap(archive, { identity, source: member.name, format: values.format!, ctx });
      const stream = new TranslateStream({ source: member.name, filePath: member.name, format: values.format!, ctx, formats: FORMATS, stages: STAGES.map((m) => m()), ...(enrich ? { enrich } : {}) }, (events) => {
        for (const e of events) {
          // Several events can come from one record: the ordinal within the record keeps their ids apart.
          ordinal = e['log.offset'] === lastOffset ? ordinal + 1 : 0;
          lastOffset = e['log.offset'];
          tap?.tag(e);
          const doc = serializeDoc(toBulkDoc(identity, e, ordinal));
          batch.push(doc);
          batchBytes += doc.json.length + 100;
        }
        progress.events += events.length;
      });
      try {
        for await (const chunk of tap ? tap.wrap(member.stream()) : member.stream()) {
          stream.write(chunk as Buffer);
          if (batchBytes >= BATCH_BYTES) {
            const full = batch;
            batch = [];
            batchBytes = 0;
            await send(full);
          }
        }
        stream.end();
        if (batch.length > 0) await send(batch);
        progress.note(`${member.name}: format ${stream.format?.id}, ${stream.summary.eventsOut} events`);
        total.add(stream.summary);
      } catch (err) {
        unreadable++;
        progress.note(`kansa import: cannot read ${member.name}: ${(err as Error).message}`);
      }
    }
  }
  await Promise.all(inflight);
  progress.done();
  await client.transport.request({ method: 'POST', path: `/${INDEX_ALIAS}/_refresh` }).catch(() => undefined);
  io.stderr.write(`${total.format()}\n`);
  io.stderr.write(
    `indexed: ${written.indexed} new, ${written.duplicates} already present, ${written.deadLettered} dead-lettered, ${written.unsent} not sent` +
      ` (${progress.rate()} events/s over ${progress.seconds().toFixed(1)} s)\n`,
  );
  if (failure) io.stderr.write(`kansa import: OpenSearch refused a bulk request: ${failure.message}\n`);
  await client.close();
  archive?.close();
  return unreadable > 0 || written.unsent > 0 ? 1 : 0;
}

/** Progress on stderr: a redrawn bar on a terminal, a plain line every 5 s otherwise. */
class Progress {
  events = 0;
  indexed = 0;
  private bytes = 0;
  private readonly started = performance.now();
  private lastLine = 0;
  private readonly tty: boolean;

  constructor(
    private readonly out: Writable,
    private readonly totalBytes: number,
  ) {
    this.tty = Boolean((out as { isTTY?: boolean }).isTTY);
  }

  seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  rate(): number {
    return Math.round(this.events / Math.max(this.seconds(), 0.001));
  }

  read(n: number): void {
    this.bytes += n;
    const now = performance.now();
    if (now - this.lastLine < (this.tty ? 200 : 5000)) return;
    this.lastLine = now;
    this.out.write(this.tty ? `\r${this.line()}\x1b[K` : `${this.line()}\n`);
  }

  note(text: string): void {
    this.out.write(this.tty ? `\r\x1b[K${text}\n` : `${text}\n`);
  }

  done(): void {
    if (this.tty) this.out.write(`\r${this.line()}\x1b[K\n`);
  }

  private line(): string {
    const frac = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 1;
    const s = this.seconds();
    const eta = frac > 0 && frac < 1 ? Math.round((s / frac) * (1 - frac)) : 0;
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    const bar = this.tty ? `[${'#'.repeat(Math.round(frac * 30)).padEnd(30, '.')}] ` : '';
    return `${bar}${Math.round(frac * 100)}% ${mb(this.bytes)}/${mb(this.totalBytes)} MiB, ${this.events} events (${this.rate()}/s), ${this.indexed} indexed, ETA ${eta}s`;
  }
}
