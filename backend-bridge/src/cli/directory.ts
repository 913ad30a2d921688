import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { redactUrl, createClient, openSearchUrl } from '../opensearch/client';
import { UsageError } from './usage';
import { readDirectoryFiles } from '../directory/files';
import { loadDirectory } from '../directory/store';

export const DIRECTORY_USAGE = `usage: kansa directory load <users.csv> [--assets assets.csv] [--replicas N]
  Replaces the directory index (kansa-directory) with the user directory and asset list (CSV or JSON, the
  files translate --directory/--assets read). The data source resolves kansa.directory.watchlist, privileged,
  leaver and department from it at query time, so a person added today is seen with their past events.
  kansa serve reloads the files of translate.directory/assets itself when they change.
  OPENSEARCH_URL names the cluster (default http://127.0.0.1:9200).`;

export async function directoryCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { assets: { type: 'string' }, replicas: { type: 'string' } },
  });
  const [verb, users, ...extra] = positionals;
  if (verb !== 'load' || (!users && !values.assets) || extra.length > 0)
    throw new UsageError('kansa directory: expected load <users.csv> [--assets assets.csv]');
  const replicas = values.replicas === undefined ? 0 : Number(values.replicas);
  if (!Number.isInteger(replicas) || replicas < 0)
    throw new UsageError(`kansa directory: --replicas expected a whole number, got "${values.replicas}"`);
  let parsed;
  try {
    parsed = readDirectoryFiles({ users, assets: values.assets });
  } catch (err) {
    io.stderr.write(`kansa directory: ${(err as Error).message}\n`);
    return 1;
  }
  const url = openSearchUrl();
  const client = createClient(url);
  try {
    const load = await loadDirectory(client, parsed.users, parsed.assets, new Date(), replicas);
    for (const w of load.warnings) io.stderr.write(`kansa directory: ${w}\n`);
    io.stdout.write(
      `${load.users} users and ${load.assets} assets in ${load.index} (alias kansa-directory) at ${redactUrl(url)}\n`,
    );
    return 0;
  } finally {
    await client.close();
  }
}
