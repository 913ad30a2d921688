import { createReadStream } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { INDEX_ALIAS } from '@kansa/schema';
import { type BulkDoc, toBulkDoc, writeBulk } from '../opensearch/bulk';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import { installTemplate } from '../opensearch/template';
import { TranslateStream } from '../translate/engine';
import { Summary } from '../translate/summary';
import { FORMATS, STAGES } from '../translators';
import { UsageError } from './translate';

export const IMPORT_USAGE = `usage: kansa import [--format F] [--year YYYY] [--tz ZONE] <files>
  Translates log files and indexes them into OpenSearch (OPENSEARCH_URL, default http://127.0.0.1:9200).
  Importing the same file again creates no duplicates.`;

const BATCH_BYTES = 5 * 1024 * 1024;

export async function importCommand(argv: string[], io: { stderr: Writable; stdout: Writable }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'auto' }, year: { type: 'string' }, tz: { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('kansa import: expected one or more files');
  const url = openSearchUrl();
  const client = createClient(url);
  const now = new Date();
  const ctx = {
    now,
    year: values.year ? Number(values.year) : now.getFullYear(),
    timeZone: values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  try {
    await installTemplate(client);
  } catch (err) {
    io.stderr.write(`kansa import: OpenSearch at ${redactUrl(url)} is not reachable: ${(err as Error).message}\n`);
    return 1;
  }
  const total = new Summary();
  const written = { indexed: 0, duplicates: 0, deadLettered: 0, unsent: 0 };
  let unreadable = 0;
  for (const file of positionals) {
    const identity = `${hostname()}:${resolve(file)}`;
    let batch: BulkDoc[] = [];
    let batchBytes = 0;
    let ordinal = 0;
    let lastOffset: number | undefined;
    const flush = async () => {
      if (batch.length === 0) return;
      const r = await writeBulk(client, batch);
      written.indexed += r.indexed;
      written.duplicates += r.duplicates;
      written.deadLettered += r.deadLettered;
      written.unsent += r.unsent.length;
      batch = [];
      batchBytes = 0;
    };
    const stream = new TranslateStream({ source: file, filePath: file, format: values.format!, ctx, formats: FORMATS, stages: STAGES.map((m) => m()) }, (events) => {
      for (const e of events) {
        // Several events can come from one record: the ordinal within the record keeps their ids apart.
        ordinal = e['log.offset'] === lastOffset ? ordinal + 1 : 0;
        lastOffset = e['log.offset'];
        const doc = toBulkDoc(identity, e, ordinal);
        batch.push(doc);
        batchBytes += (e['event.original']?.length ?? 0) * 2 + 512;
      }
    });
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        stream.write(chunk as Buffer);
        if (batchBytes >= BATCH_BYTES) await flush();
      }
      stream.end();
      await flush();
      io.stderr.write(`${file}: format ${stream.format?.id}, ${stream.summary.eventsOut} events\n`);
      total.add(stream.summary);
    } catch (err) {
      unreadable++;
      io.stderr.write(`kansa import: cannot read ${file}: ${(err as Error).message}\n`);
    }
  }
  await client.transport.request({ method: 'POST', path: `/${INDEX_ALIAS}/_refresh` }).catch(() => undefined);
  io.stderr.write(`${total.format()}\n`);
  io.stderr.write(`indexed: ${written.indexed} new, ${written.duplicates} already present, ${written.deadLettered} dead-lettered, ${written.unsent} not sent\n`);
  await client.close();
  return unreadable > 0 || written.unsent > 0 ? 1 : 0;
}
