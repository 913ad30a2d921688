import { statSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { INDEX_ALIAS } from '@kansa/schema';
import { importArchive, StreamTap } from '../archive';
import { loadConfig } from '../config/load';
import { openLogFile } from '../inputs/compressed/open';
import { expand } from '../inputs/file/tail';
import { type SerializedDoc, serializeDoc, toBulkDoc, writeBulkSerialized } from '../pipeline/bulk';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import { installTemplate } from '../opensearch/template';
import { TranslateStream } from '../translate/engine';
import { BulkBatcher } from '../pipeline/batches';
import { Summary } from '../translate/summary';
import type { KansaEvent, TranslateContext } from '../translate/types';
import { FORMATS, STAGES } from '../translators';
import { Progress } from './progress';
import { walkTree } from './tree/walk';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface ImportOptions {
  /** Files, globs or directories (walked, see tree/); one that yields no file is reported and makes the exit code 1. */
  patterns: string[];
  format: string;
  ctx: TranslateContext;
  enrich?: (e: KansaEvent) => void;
  /** Bulk requests in flight at once. */
  concurrency: number;
  /** Replicas of the events template; undefined keeps the installed template's. */
  replicas?: number;
  /** The config whose archive, when enabled, keeps the raw bytes (undefined: $KANSA_CONFIG). */
  configFile?: string;
}

/**
 * `kansa import` without its command line (also what `kansa demo` imports a month with): translates the
 * files and indexes them into OPENSEARCH_URL. Returns the exit code: 1 when a file could not be read or
 * a document was not sent.
 */
export async function importFiles(options: ImportOptions, io: { stderr: Writable }): Promise<number> {
  const { patterns, ctx, enrich, concurrency, replicas } = options;
  const format = options.format;
  let unreadable = 0;
  const files: string[] = [];
  for (const p of patterns) {
    if (isDirectory(p)) {
      const tree = walkTree(p);
      files.push(...tree.files);
      for (const u of tree.unreadable) io.stderr.write(`kansa import: cannot read ${u.path}: ${u.reason}\n`);
      unreadable += tree.unreadable.length + (tree.files.length + tree.digests.length === 0 ? 1 : 0);
      const digests =
        tree.digests.length > 0 ? `, ${tree.digests.length} CloudTrail digest files skipped (hashes, no events)` : '';
      io.stderr.write(`kansa import: ${p}: ${tree.files.length} files${digests}\n`);
      continue;
    }
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
  let bulkBytes: number;
  try {
    // opensearch.bulkBytes bounds each request body, as it does for kansa serve.
    bulkBytes = loadConfig({ file: options.configFile }).opensearch.bulkBytes;
    archive = importArchive(options.configFile);
  } catch (err) {
    io.stderr.write(`kansa import: archive: ${(err as Error).message}\n`);
    await client.close();
    return 1;
  }
  const total = new Summary();
  const written = { indexed: 0, duplicates: 0, deadLettered: 0, unsent: 0, retried: 0 };
  const progress = new Progress(
    io.stderr,
    files.reduce((n, f) => n + statSync(f).size, 0),
  );
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
      const batches = new BulkBatcher(bulkBytes);
      let ordinal = 0;
      let lastOffset: number | undefined;
      const tap = archive && new StreamTap(archive, { identity, source: member.name, format: format, ctx });
      const stream = new TranslateStream(
        {
          source: member.name,
          filePath: member.name,
          format: format,
          ctx,
          formats: FORMATS,
          stages: STAGES.map((m) => m()),
          ...(enrich ? { enrich } : {}),
        },
        (events) => {
          for (const e of events) {
            // Several events can come from one record: the ordinal within the record keeps their ids apart.
            ordinal = e['log.offset'] === lastOffset ? ordinal + 1 : 0;
            lastOffset = e['log.offset'];
            tap?.tag(e);
            batches.add(serializeDoc(toBulkDoc(identity, e, ordinal)));
          }
          progress.events += events.length;
        },
      );
      let ended = false;
      try {
        for await (const chunk of tap ? tap.wrap(member.stream()) : member.stream()) {
          stream.write(chunk as Buffer);
          for (const full of batches.ready()) await send(full);
        }
        ended = true;
        stream.end();
        for (const rest of batches.finish()) await send(rest);
        progress.note(`${member.name}: format ${stream.format?.id}, ${stream.summary.eventsOut} events`);
        total.add(stream.summary);
      } catch (err) {
        unreadable++;
        progress.note(`kansa import: cannot read ${member.name}: ${(err as Error).message}`);
        if (!ended) {
          // What was read before the damage (a .gz cut short) is still indexed: its complete records, the cut one kept as a failure.
          stream.end();
          for (const rest of batches.finish()) await send(rest);
          progress.note(`${member.name}: ${stream.summary.eventsOut} events from the part read before the error`);
          total.add(stream.summary);
        }
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
  if (unreadable > 0) io.stderr.write(`kansa import: ${unreadable} inputs could not be read (named above)\n`);
  await client.close();
  archive?.close();
  return unreadable > 0 || written.unsent > 0 ? 1 : 0;
}
