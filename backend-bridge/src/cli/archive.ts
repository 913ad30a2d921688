import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { INDEX_PATTERN } from '@kansa/schema';
import { UsageError } from './usage';
import { ConfigError, loadConfig } from '../config/load';
import type { KansaConfig } from '../config/schema';
import { createClient, redactUrl } from '../opensearch/client';
import { installTemplate } from '../opensearch/template';
import { createEnricher, parseAssets, parseDirectory } from '../translate/directory';
import { FORMATS, STAGES } from '../translators';
import {
  exportBundle,
  newKey,
  MANIFEST,
  archiveSetup,
  type ArchiveSetup,
  replayArchive,
  listSegments,
  readSegmentKey,
  verifyArchive,
  type Problem,
} from '../archive';

export const ARCHIVE_USAGE = `usage: kansa archive <verify|export|replay|keygen|rotate-key> [--config kansa.yaml] [options]
  verify [--from T] [--to T] [--json]     walk the hash chain and the seals: OK, or the first bad segment and record
  export --out DIR [--from T] [--to T] [--query LUCENE] [--index PATTERN]
                                           a bundle for an auditor: raw records, proofs and verify.js (Node only);
                                           with --query, the raw records behind the matching events
  replay [--from T] [--to T] [--index-prefix P]
                                           translate archived raw records into OpenSearch again: same ids, nothing lost
  keygen [--ed25519 --out FILE]            print a new master key (base64), or write an Ed25519 seal key pair
  rotate-key --to ID                       re-wrap every segment's data key with master key ID (then old keys can go)
  T is an ISO 8601 time or a date (YYYY-MM-DD, UTC). The archive comes from the config (--config or $KANSA_CONFIG).`;

interface Io {
  stdout: Writable;
  stderr: Writable;
}

export async function archiveCommand(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      config: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      query: { type: 'string' },
      index: { type: 'string', default: INDEX_PATTERN },
      'index-prefix': { type: 'string' },
      ed25519: { type: 'boolean' },
    },
  });
  if (sub === 'keygen') return keygen(values.ed25519, values.out, io);
  if (!['verify', 'export', 'replay', 'rotate-key'].includes(sub ?? ''))
    throw new UsageError(`kansa archive: unknown subcommand "${sub ?? ''}"`);
  let config: KansaConfig;
  let setup: ArchiveSetup;
  try {
    config = loadConfig({ file: values.config });
    setup = archiveSetup(config);
  } catch (err) {
    io.stderr.write(`kansa archive: ${(err as Error).message}\n`);
    return err instanceof ConfigError ? 2 : 1;
  }
  if (sub === 'rotate-key') {
    if (!values.to)
      throw new UsageError('kansa archive rotate-key: --to ID (a master key listed in the config) is required');
    return rotate(setup, values.to, io);
  }
  const from = values.from ? time('--from', values.from) : undefined;
  const to = values.to ? time('--to', values.to, true) : undefined;
  if (!existsSync(join(setup.dir, MANIFEST)) && listSegments(setup.dir).length === 0) {
    io.stderr.write(`kansa archive: there is no archive at ${setup.dir} (archive.dir): no manifest and no segments\n`);
    return 1;
  }
  if (sub === 'verify') {
    const started = performance.now();
    const r = verifyArchive(setup.dir, setup.keyring, setup.sealer, { from, to, digestFile: setup.digestFile });
    const seconds = (performance.now() - started) / 1000;
    if (values.json) io.stdout.write(`${JSON.stringify({ ...r, seconds })}\n`);
    else {
      for (const n of r.notes) io.stdout.write(`note: ${n}\n`);
      if (r.ok) {
        io.stdout.write(
          `OK: ${r.records} records in ${r.segments} segments verified (${(r.bytes / 1024 / 1024).toFixed(1)} MiB, ${seconds.toFixed(1)} s); chain head ${r.head}\n`,
        );
        io.stdout.write(`OK: ${r.segments} セグメント、${r.records} レコードの改ざんがないことを確認しました\n`);
      } else {
        io.stdout.write(`${describe(r.problem!)}\n`);
      }
    }
    return r.ok ? 0 : 1;
  }
  const client = createClient(config.opensearch.url);
  try {
    if (sub === 'export') {
      if (!values.out) throw new UsageError('kansa archive export: --out DIR is required');
      const r = await exportBundle(setup, values.out, { from, to, query: values.query, index: values.index, client });
      if (r.problem) {
        io.stderr.write(
          `kansa archive export: the archive does not verify, nothing exported as proof:\n${describe(r.problem)}\n`,
        );
        return 1;
      }
      io.stdout.write(
        `exported ${r.records} raw records from ${r.segments} segments to ${values.out}; check with: node ${values.out}/verify.js\n`,
      );
      io.stdout.write(
        `${r.segments} セグメントから生ログ ${r.records} 件を ${values.out} に出力しました。検証: node ${values.out}/verify.js\n`,
      );
      return r.records > 0 ? 0 : 1;
    }
    try {
      await installTemplate(client, config.opensearch.replicas);
    } catch (err) {
      io.stderr.write(
        `kansa archive replay: OpenSearch at ${redactUrl(config.opensearch.url)} is not reachable: ${(err as Error).message}\n`,
      );
      return 1;
    }
    const t = config.translate;
    const users = t.directory ? parseDirectory(readFileSync(t.directory, 'utf8'), t.directory) : [];
    const assets = t.assets ? parseAssets(readFileSync(t.assets, 'utf8'), t.assets) : [];
    const r = await replayArchive(
      setup,
      client,
      {
        formats: FORMATS,
        stages: () => STAGES.map((m) => m()),
        maxLineBytes: config.syslog.maxLineBytes,
        ...(users.length || assets.length ? { enrich: createEnricher(users, assets) } : {}),
      },
      { from, to, indexPrefix: values['index-prefix'], onProgress: progress(io.stderr) },
    );
    io.stdout.write(
      `replayed ${r.records} raw records into ${r.events} events: ${r.indexed} indexed, ${r.duplicates} already present, ${r.deadLettered} dead-lettered, ${r.unsent} not sent\n`,
    );
    io.stdout.write(
      `生ログ ${r.records} 件を再変換しました (イベント ${r.events} 件: 新規 ${r.indexed}、既存 ${r.duplicates})\n`,
    );
    if (r.problem) io.stderr.write(`replay stopped at a record that does not verify:\n${describe(r.problem)}\n`);
    return r.problem || r.unsent > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}

/** A line every 5 s on stderr, so a long replay shows it is moving. */
function progress(out: Writable): (records: number, events: number) => void {
  const started = performance.now();
  let last = started;
  return (records, events) => {
    const now = performance.now();
    if (now - last < 5000) return;
    last = now;
    out.write(
      `replay: ${records} records, ${events} events (${Math.round(events / ((now - started) / 1000))} events/s)\n`,
    );
  };
}

export function describe(p: Problem): string {
  const where = [
    p.segment !== undefined ? `segment ${p.segment}${p.file ? ` (${p.file})` : ''}` : undefined,
    p.record !== undefined ? `record ${p.record}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const whereJa = [
    p.segment !== undefined ? `セグメント ${p.segment}` : undefined,
    p.record !== undefined ? `レコード ${p.record}` : undefined,
  ]
    .filter(Boolean)
    .join('、');
  return `FAILED: ${where || 'archive'}: ${p.reason}\n検証失敗: ${whereJa || 'アーカイブ'} を検証できません (上記の理由: 改ざん・欠落・順序の入れ替え、または鍵の誤り)`;
}

function time(flag: string, value: string, endOfDay = false): Date {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}Z` : value);
  if (Number.isNaN(d.getTime()))
    throw new UsageError(`kansa archive: ${flag} ${value}: expected an ISO 8601 time or YYYY-MM-DD`);
  return d;
}

function keygen(ed25519: boolean | undefined, out: string | undefined, io: Io): number {
  if (!ed25519) {
    io.stdout.write(`${newKey()}\n`);
    return 0;
  }
  if (!out)
    throw new UsageError(
      'kansa archive keygen --ed25519: --out FILE is required (FILE gets the private key, FILE.pub the public key)',
    );
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(out, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(`${out}.pub`, publicKey.export({ type: 'spki', format: 'pem' }));
  io.stdout.write(
    `Ed25519 seal key written to ${out} (private, for archive.seal.keyFile) and ${out}.pub (public, for auditors)\n`,
  );
  return 0;
}

/** Each segment's data key is unwrapped with its old master key and wrapped again with the target. */
function rotate(setup: ArchiveSetup, target: string, io: Io): number {
  let changed = 0;
  for (const seg of listSegments(setup.dir)) {
    const key = readSegmentKey(seg);
    if (key.keyId === target) continue;
    let dataKey: Buffer;
    try {
      dataKey = setup.keyring.unwrap(key.wrapped, key.keyId);
    } catch (err) {
      io.stderr.write(`kansa archive rotate-key: segment ${seg.seq}: ${(err as Error).message}\n`);
      return 1;
    }
    writeFileSync(
      `${seg.keyPath}.tmp`,
      JSON.stringify({ ...key, keyId: target, wrapped: setup.keyring.wrap(dataKey, target) }),
    );
    renameSync(`${seg.keyPath}.tmp`, seg.keyPath);
    changed++;
  }
  io.stdout.write(
    `re-wrapped the data keys of ${changed} segments with master key "${target}"; keys no longer used by any segment may be removed from the config\n`,
  );
  io.stdout.write(`${changed} セグメントのデータ鍵をマスター鍵 "${target}" で再ラップしました\n`);
  return 0;
}
