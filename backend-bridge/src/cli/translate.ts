import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { evtxXmlStream, isEvtxFile } from '../inputs/evtx/read';
import { loadEnricher, translateContext } from '../translate/context';
import { TranslateStream } from '../translate/engine';
import { JsonWriter } from '../translate/serialize';
import { Summary } from '../translate/summary';
import type { KansaEvent, TranslateContext } from '../translate/types';
import { FORMATS, STAGES } from '../translators';
import { UsageError } from './usage';

export const TRANSLATE_USAGE = `usage: kansa translate [--format F] [--year YYYY] [--tz ZONE] [--directory users.csv] [--assets assets.csv] [--summary-json] <file|-> [more files]
  Reads raw logs and writes normalized events as NDJSON to stdout; the summary goes to stderr.
  --format     auto (default) or one of: ${FORMATS.map((f) => f.id).join(', ')}
  --year       year for syslog lines that carry none (default: this year)
  --tz         IANA zone for local timestamps (default: this machine's, ${Intl.DateTimeFormat().resolvedOptions().timeZone})
  --directory  user directory (CSV or JSON) for department, display name, privileged, watchlist, departure date
  --assets     asset list (CSV or JSON): host, owner, department, role`;

interface TranslateIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  now?: Date;
}

/** Returns the exit code: non-zero only when an input cannot be read at all. */
export async function translateCommand(argv: string[], io: TranslateIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      year: { type: 'string' },
      tz: { type: 'string' },
      directory: { type: 'string' },
      assets: { type: 'string' },
      'summary-json': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('kansa translate: expected a file or - for standard input');
  const ctx = translateContext('kansa translate', values, io.now ?? new Date());
  if (values.format !== 'auto' && !FORMATS.some((f) => f.id === values.format)) {
    throw new UsageError(
      `kansa translate: --format expected auto or one of ${FORMATS.map((f) => f.id).join(', ')}, got "${values.format}"`,
    );
  }
  const enrich = loadEnricher(values.directory, values.assets);
  const total = new Summary();
  let unreadable = 0;
  for (const input of positionals) {
    try {
      const summary = await translateOne(input, values.format!, ctx, enrich, io);
      total.add(summary);
    } catch (err) {
      unreadable++;
      io.stderr.write(`kansa translate: cannot read ${input}: ${(err as Error).message}\n`);
    }
  }
  io.stderr.write(`${total.format()}\n`);
  if (values['summary-json']) io.stderr.write(`${JSON.stringify(total.toJSON())}\n`);
  return unreadable > 0 ? 1 : 0;
}

async function translateOne(
  input: string,
  format: string,
  ctx: TranslateContext,
  enrich: ((e: KansaEvent) => void) | undefined,
  io: TranslateIo,
): Promise<Summary> {
  const source: Readable =
    input === '-'
      ? io.stdin
      : isEvtxFile(input)
        ? evtxXmlStream(input)
        : createReadStream(input, { highWaterMark: 1 << 20 });
  // One buffer, reused: the events of each input chunk are written into it, handed to stdout, and
  // the buffer is reused once stdout has taken the bytes.
  const out = new JsonWriter(4 << 20);
  const stream = new TranslateStream(
    {
      source: input,
      ...(input === '-' ? {} : { filePath: input }),
      format,
      ctx,
      formats: FORMATS,
      stages: STAGES.map((make) => make()),
      ...(enrich ? { enrich } : {}),
    },
    (events) => {
      for (const e of events) out.writeLine(e);
    },
  );
  const flush = async (): Promise<void> => {
    if (out.length === 0) return;
    await new Promise<void>((resolve, reject) =>
      io.stdout.write(out.bytes(), (err) => (err ? reject(err) : resolve())),
    );
    out.reset();
  };
  let announced = false;
  for await (const chunk of source) {
    stream.write(chunk as Buffer);
    if (!announced && stream.format) {
      io.stderr.write(`${input}: format ${stream.format.id}, encoding ${stream.encoding}\n`);
      announced = true;
    }
    await flush();
  }
  stream.end();
  if (!announced) io.stderr.write(`${input}: format ${stream.format!.id}, encoding ${stream.encoding}\n`);
  await flush();
  return stream.summary;
}
