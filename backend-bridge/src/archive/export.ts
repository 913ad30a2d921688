import { mkdirSync, writeFileSync, appendFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@opensearch-project/opensearch';
import { FIELD } from '@kansa/schema';
import { VERIFY_SCRIPT } from './bundle-script';
import type { ArchiveSetup } from './open';
import { GENESIS } from './record';
import { planArchive, type Problem } from './verify';
import { walkSegment } from './walk';

export interface ExportOptions {
  from?: Date;
  to?: Date;
  /** A Lucene query over the events: the bundle holds the raw records behind the matching events. */
  query?: string;
  index?: string;
  client?: Client;
}

export interface ExportResult {
  records: number;
  segments: number;
  problem?: Problem;
}

/**
 * Writes an auditor's bundle: the selected raw records, every header of the segments they are in
 * (the hash chain from seal to seal), the seals, the public key for Ed25519 seals, and verify.js.
 */
export async function exportBundle(setup: ArchiveSetup, out: string, o: ExportOptions): Promise<ExportResult> {
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new Error(`${out} is not empty; choose a new directory for the bundle`);
  const wanted = o.query ? await hashesOf(o.client!, o.index!, o.query, o.from, o.to) : undefined;
  const plan = planArchive(setup.dir, setup.sealer);
  if (plan.problem) return { records: 0, segments: 0, problem: plan.problem };
  mkdirSync(join(out, 'segments'), { recursive: true });
  mkdirSync(join(out, 'records'), { recursive: true });
  const from = o.from?.toISOString() ?? '';
  const to = o.to?.toISOString() ?? '\uffff';
  const result: ExportResult = { records: 0, segments: 0 };
  let prev = GENESIS;
  for (const seq of plan.seqs) {
    const seal = plan.seals.get(seq);
    const file = plan.files.get(seq);
    if (seal) prev = seal.prevHead;
    // The open tail has no seal to prove against yet: it is exported once sealed.
    if (!seal || !file || plan.deletes.has(seq) || (!wanted && (seal.last < from || seal.first > to))) {
      if (seal) prev = seal.head;
      continue;
    }
    const headers: string[] = [];
    const picked: string[] = [];
    const walked = walkSegment(file, setup.keyring, prev, (r) => {
      headers.push(r.line);
      const take = wanted ? wanted.has(r.sha256) : r.header.t >= from && r.header.t <= to;
      if (!take) return;
      const name = `records/${seq}-${r.n}.raw`;
      writeFileSync(join(out, name), r.raw);
      picked.push(
        JSON.stringify({
          seq,
          n: r.n,
          sha256: r.sha256,
          file: name,
          t: r.header.t,
          input: r.header.input,
          source: r.header.source,
        }),
      );
    });
    if (walked.problem)
      return {
        ...result,
        problem: { segment: seq, file: file.name, record: walked.problem.record, reason: walked.problem.reason },
      };
    prev = walked.head;
    if (picked.length === 0) continue;
    writeFileSync(join(out, 'segments', `${seq}.headers.jsonl`), `${headers.join('\n')}\n`);
    appendFileSync(join(out, 'manifest.jsonl'), `${JSON.stringify(seal)}\n`);
    appendFileSync(join(out, 'records.jsonl'), `${picked.join('\n')}\n`);
    result.records += picked.length;
    result.segments++;
  }
  if (!existsSync(join(out, 'manifest.jsonl'))) writeFileSync(join(out, 'manifest.jsonl'), '');
  if (!existsSync(join(out, 'records.jsonl'))) writeFileSync(join(out, 'records.jsonl'), '');
  const pem = setup.sealer.publicKeyPem();
  if (pem) writeFileSync(join(out, 'public-key.pem'), pem);
  writeFileSync(join(out, 'verify.js'), VERIFY_SCRIPT, { mode: 0o755 });
  writeFileSync(
    join(out, 'summary.json'),
    `${JSON.stringify({ created: new Date().toISOString(), from: o.from?.toISOString(), to: o.to?.toISOString(), query: o.query, index: o.query ? o.index : undefined, records: result.records, segments: result.segments, seal: setup.sealer.algorithm }, null, 2)}\n`,
  );
  writeFileSync(join(out, 'README.txt'), README);
  return result;
}

/** kansa.archive.sha256 of every event matching the query in the range (composite aggregation, paged). */
async function hashesOf(client: Client, index: string, query: string, from?: Date, to?: Date): Promise<Set<string>> {
  const out = new Set<string>();
  const filter: unknown[] = [{ query_string: { query } }];
  if (from || to)
    filter.push({
      range: {
        [FIELD.timestamp]: { ...(from ? { gte: from.toISOString() } : {}), ...(to ? { lte: to.toISOString() } : {}) },
      },
    });
  let after: unknown;
  for (;;) {
    const body = {
      size: 0,
      query: { bool: { filter } },
      aggs: {
        h: {
          composite: {
            size: 5000,
            sources: [{ sha: { terms: { field: FIELD.kansaArchiveSha256 } } }],
            ...(after ? { after } : {}),
          },
        },
      },
    };
    const r = (await client.transport.request({ method: 'POST', path: `/${index}/_search`, body })) as {
      body: { aggregations?: { h: { buckets: Array<{ key: { sha: string } }>; after_key?: unknown } } };
    };
    const agg = r.body.aggregations?.h;
    if (!agg || agg.buckets.length === 0) return out;
    for (const b of agg.buckets) out.add(b.key.sha);
    after = agg.after_key;
    if (!after) return out;
  }
}

const README = `Kansa archive export / Kansa アーカイブのエクスポート

This bundle holds raw log records exactly as the Kansa bridge received them, with the proof that
they were not altered: every record header of the segments they belong to (a SHA-256 hash chain)
and the signed seal of each segment.
この束には、Kansa ブリッジが受信したままの生ログと、それが改ざんされていないことの証明
(各セグメントの全レコードヘッダーによる SHA-256 ハッシュチェーンと、署名された封印) が入っています。

Verify / 検証:  node verify.js            (Ed25519 seals: public-key.pem is included / 公開鍵同梱)
                node verify.js --hmac-key <base64>   (HMAC seals: the operator's key / 運用者の鍵が必要)

Files / ファイル:
  records/<segment>-<n>.raw    raw bytes of each exported record / 生ログのバイト列
  records.jsonl                one line per exported record: segment, position, hash, time, input
  segments/<n>.headers.jsonl   every record header of the segment, in order / セグメントの全ヘッダー
  manifest.jsonl               the seals of those segments / 封印
  summary.json                 what was exported / 出力条件
`;
