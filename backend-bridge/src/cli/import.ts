import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { importFiles } from '../import/files';
import { loadEnricher, translateContext } from '../translate/context';
import { UsageError } from './usage';

export const IMPORT_USAGE = `usage: kansa import [--config kansa.yaml] [--format F] [--year YYYY] [--tz ZONE] [--concurrency N] [--directory users.csv] [--assets assets.csv] [--replicas N] <files, globs or directories>
  Translates log files (plain, .gz, or zip archives of logs; every file under a directory, CloudTrail
  digest files skipped and counted) and indexes them into OpenSearch
  (OPENSEARCH_URL, default http://127.0.0.1:9200). Shows progress on stderr (a bar on a terminal,
  a line every few seconds otherwise), then the summary of \`kansa translate\` and the count indexed.
  Importing the same file again creates no duplicates (deterministic ids). With the archive enabled in
  the config (--config kansa.yaml or $KANSA_CONFIG), the raw bytes are archived as they are read.
  --replicas N sets the replicas of the events template (as opensearch.replicas does for kansa serve);
  without it the installed template's replicas are kept (0 when there is none).`;

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
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new UsageError('kansa import: --concurrency must be a positive integer');
  const replicas = values.replicas === undefined ? undefined : Number(values.replicas);
  if (replicas !== undefined && !(Number.isInteger(replicas) && replicas >= 0 && replicas <= 9))
    throw new UsageError(`kansa import: --replicas expected a whole number from 0 to 9, got "${values.replicas}"`);
  return importFiles(
    { patterns: positionals, format: values.format!, ctx, enrich, concurrency, replicas, configFile: values.config },
    io,
  );
}
