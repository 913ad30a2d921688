import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { archiveSetup } from '../archive';
import { UsageError } from './usage';
import { ConfigError, loadConfig } from '../config/load';
import { createClient } from '../opensearch/client';
import { runRetention } from '../retention/job';

export const RETENTION_USAGE = `usage: kansa retention run [--config kansa.yaml] [--now ISO-TIME] [--dry-run]
  Runs the daily retention job once (kansa serve runs it every day at retention.runAt): deletes
  expired daily indices or documents by class and expired archive segments (after verifying their
  seals), keeps what a legal hold covers, and writes an audit event for every deletion.
  --now      the time to judge expiry against (default: now)
  --dry-run  list what would be deleted (counted, segments verified), delete nothing`;

export async function retentionCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'run') throw new UsageError(`kansa retention: unknown subcommand "${sub ?? ''}"`);
  const { values } = parseArgs({
    args: rest,
    options: { config: { type: 'string' }, now: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime()))
    throw new UsageError(`kansa retention: --now ${values.now}: expected an ISO 8601 time`);
  let config;
  try {
    config = loadConfig({ file: values.config });
  } catch (err) {
    io.stderr.write(`kansa retention: ${(err as Error).message}\n`);
    return err instanceof ConfigError ? 2 : 1;
  }
  const client = createClient(config.opensearch.url);
  try {
    const archive = config.archive.enabled ? archiveSetup(config) : undefined;
    const dryRun = values['dry-run'] ?? false;
    const report = await runRetention({ retention: config.retention, client, archive, now, dryRun });
    for (const d of report.deletions)
      io.stdout.write(
        dryRun
          ? `would delete: ${d.what}: ${d.count} (${d.policy})\n削除予定: ${d.what}: ${d.count} 件 (${d.policy})\n`
          : `${d.en}\n${d.ja}\n`,
      );
    for (const k of report.kept) io.stdout.write(`kept: ${k}\n`);
    for (const e of report.errors) io.stderr.write(`error: ${e}\n`);
    io.stdout.write(
      `retention${dryRun ? ' (dry run, nothing deleted)' : ''}: ${report.deletions.length} deletions, ${report.kept.length} expired items kept, ${report.errors.length} errors\n`,
    );
    io.stdout.write(
      `保存期間${dryRun ? ' (試行、削除なし)' : ''}: 削除 ${report.deletions.length} 件、保持 ${report.kept.length} 件、エラー ${report.errors.length} 件\n`,
    );
    return report.errors.length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
