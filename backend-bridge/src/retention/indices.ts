import type { Client } from '@opensearch-project/opensearch';
import { FIELD } from '@kansa/schema';
import type { Deletion } from './audit';
import { cutoff, describeHold, holdsOverlapping, type Hold, type RetentionConfig } from './policy';

const DAY = 86_400_000;
type Query = Record<string, unknown>;

interface Class {
  name: string;
  days?: number;
  query: Query;
}

/** Each event belongs to the first policy it matches, else to the default: the classes never overlap. */
export function classes(r: RetentionConfig): Class[] {
  const matches: Query[] = r.policies.map((p) => {
    const should: Query[] = [];
    if (p.sourceTypes.length > 0) should.push({ terms: { [FIELD.kansaSourceType]: p.sourceTypes } });
    if (p.query) should.push({ query_string: { query: p.query } });
    return { bool: { should, minimum_should_match: 1 } };
  });
  const out: Class[] = r.policies.map((p, i) => ({
    name: p.name,
    days: p.opensearchDays,
    query: { bool: { filter: [matches[i]], must_not: matches.slice(0, i) } },
  }));
  out.push({ name: 'default', days: r.defaultOpensearchDays, query: { bool: { must_not: matches } } });
  return out;
}

/** What a hold keeps out of a deletion. */
function holdClause(h: Hold): Query {
  const filter: Query[] = [];
  if (h.user) filter.push({ term: { [FIELD.userName]: h.user } });
  if (h.from || h.to)
    filter.push({
      range: { [FIELD.timestamp]: { ...(h.from ? { gte: h.from } : {}), ...(h.to ? { lte: h.to } : {}) } },
    });
  return { bool: { filter } };
}

export function indexDay(index: string, prefix: string): Date | undefined {
  const m = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d{4})\\.(\\d{2})\\.(\\d{2})$`).exec(index);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/**
 * Deletes expired data from the daily indices: a whole index when every class in it has expired and
 * no hold covers its day, else the expired classes' documents minus what holds cover.
 */
export async function enforceIndices(
  client: Client,
  r: RetentionConfig,
  now: Date,
  chainHead: string,
  dryRun = false,
): Promise<Deletion[]> {
  const list = (await client.transport.request({
    method: 'GET',
    path: `/_cat/indices/${r.indexPrefix}*`,
    querystring: { format: 'json', h: 'index', expand_wildcards: 'open' },
  })) as { body: Array<{ index: string }> };
  const cls = classes(r);
  const deletions: Deletion[] = [];
  const indices = list.body.map((i) => i.index).sort();
  for (const index of indices) {
    const day = indexDay(index, r.indexPrefix);
    if (!day) continue;
    const dayEnd = new Date(day.getTime() + DAY - 1);
    const expired = cls.filter((c) => c.days !== undefined && dayEnd < cutoff(now, c.days));
    if (expired.length === 0) continue;
    const holds = holdsOverlapping(r.holds, day, dayEnd);
    if (expired.length === cls.length && holds.length === 0) {
      const count = await countDocs(client, index, { match_all: {} });
      if (!dryRun) await client.transport.request({ method: 'DELETE', path: `/${index}` });
      const policies = expired.map((c) => `${c.name} (${c.days} d)`).join(', ');
      deletions.push({
        action: 'retention-delete-index',
        what: index,
        count,
        policy: expired.map((c) => c.name).join(', '),
        chainHead,
        ja: `保存期間ポリシー ${policies} により索引 ${index} を削除しました (${count} 件)。削除時のアーカイブチェーンヘッド: ${chainHead}`,
        en: `Deleted index ${index} (${count} events) under retention policy ${policies}. Archive chain head at deletion: ${chainHead}`,
      });
      continue;
    }
    const heldBy = holds.length > 0 ? `; ${holds.map(describeHold).join(', ')} kept by legal hold` : '';
    const heldByJa = holds.length > 0 ? `。訴訟ホールド ${holds.map(describeHold).join('、')} の対象は保持` : '';
    for (const c of expired) {
      const query = { bool: { filter: [c.query], must_not: holds.map(holdClause) } };
      const deleted = dryRun
        ? await countDocs(client, index, query)
        : (
            (await client.transport.request({
              method: 'POST',
              path: `/${index}/_delete_by_query`,
              querystring: { refresh: 'true', conflicts: 'proceed' },
              body: { query },
            })) as { body: { deleted: number } }
          ).body.deleted;
      if (deleted === 0) continue;
      deletions.push({
        action: 'retention-delete-documents',
        what: `${index} / ${c.name}`,
        count: deleted,
        policy: c.name,
        chainHead,
        ja: `保存期間ポリシー ${c.name} (${c.days} 日) により索引 ${index} から ${deleted} 件のイベントを削除しました${heldByJa}。削除時のアーカイブチェーンヘッド: ${chainHead}`,
        en: `Deleted ${deleted} events of class ${c.name} from ${index} under retention policy ${c.name} (${c.days} days)${heldBy}. Archive chain head at deletion: ${chainHead}`,
      });
    }
  }
  return deletions;
}

async function countDocs(client: Client, index: string, query: Query): Promise<number> {
  const r = (await client.transport.request({ method: 'POST', path: `/${index}/_count`, body: { query } })) as {
    body: { count: number };
  };
  return r.body.count;
}
