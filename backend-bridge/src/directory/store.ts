import type { Client } from '@opensearch-project/opensearch';
import { DIRECTORY_INDEX_ALIAS, DIRECTORY_INDEX_PATTERN, DIRECTORY_INDEX_PREFIX, FIELD } from '@kansa/schema';
import { eventsTemplate } from '../opensearch/template';
import { accountKey, type Asset, type DirectoryUser } from '../translate/directory';

/** Documents per bulk request: a directory of 100 000 people goes in 20 requests of a few MiB each. */
const BULK_DOCS = 5000;

export interface DirectoryLoad {
  index: string;
  users: number;
  assets: number;
  /** Departure dates that are not dates: left off the document (the row itself is kept), named here. */
  warnings: string[];
}

type Doc = Record<string, unknown>;

/** The directory's documents use the events' field names (user.name, kansa.user.*, kansa.host.*), one per account or host. */
export function directoryDocs(
  users: DirectoryUser[],
  assets: Asset[],
  loadedAt: Date,
  warnings: string[] = [],
): Array<{ id: string; doc: Doc }> {
  const at = loadedAt.toISOString();
  const docs = new Map<string, Doc>();
  for (const u of users) {
    const doc: Doc = { [FIELD.timestamp]: at, [FIELD.kansaDirectoryKind]: 'user', [FIELD.userName]: u.account };
    if (u.displayName) doc[FIELD.kansaUserDisplayName] = u.displayName;
    if (u.department) doc[FIELD.kansaUserDepartment] = u.department;
    if (u.title) doc[FIELD.kansaUserTitle] = u.title;
    if (u.email) doc[FIELD.userEmail] = u.email;
    doc[FIELD.kansaUserPrivileged] = u.privileged;
    doc[FIELD.kansaUserWatchlist] = u.watchlist;
    if (u.departureDate && /^\d{4}-\d{2}-\d{2}$/.test(u.departureDate) && !Number.isNaN(Date.parse(u.departureDate))) {
      doc[FIELD.kansaUserDepartureDate] = u.departureDate;
    } else if (u.departureDate) {
      warnings.push(`${u.account}: departure date "${u.departureDate}" is not YYYY-MM-DD; loaded without it`);
    }
    // A later row for the same account wins, as it does in the enricher's map.
    docs.set(`user:${accountKey(u.account)}`, doc);
  }
  for (const a of assets) {
    const doc: Doc = { [FIELD.timestamp]: at, [FIELD.kansaDirectoryKind]: 'asset', [FIELD.hostName]: a.host };
    if (a.owner) doc[FIELD.kansaHostOwner] = a.owner;
    if (a.department) doc[FIELD.kansaHostDepartment] = a.department;
    if (a.role) doc[FIELD.kansaHostRole] = a.role;
    docs.set(`asset:${a.host.toLowerCase()}`, doc);
  }
  return [...docs].map(([id, doc]) => ({ id, doc }));
}

/**
 * Replaces the directory whole: fills a new index, then moves the alias to it in one request, so a query
 * sees either the old directory or the new one, never half of each, and a load that fails part way leaves
 * the old one in place. The same request drops the generation before the old one and any leftovers: at
 * rest there are at most two directory indices, the one behind the alias and the one it replaced.
 */
export async function loadDirectory(
  client: Client,
  users: DirectoryUser[],
  assets: Asset[],
  now = new Date(),
  replicas = 0,
): Promise<DirectoryLoad> {
  const warnings: string[] = [];
  const docs = directoryDocs(users, assets, now, warnings);
  const index = `${DIRECTORY_INDEX_PREFIX}${now.toISOString().replace(/[-:.]/g, '').toLowerCase()}`;
  const { template } = eventsTemplate(replicas) as { template: { settings: unknown; mappings: unknown } };
  await client.transport.request({
    method: 'PUT',
    path: `/${index}`,
    body: { settings: template.settings, mappings: template.mappings },
  });
  try {
    for (let i = 0; i < docs.length; i += BULK_DOCS) {
      const body = docs.slice(i, i + BULK_DOCS).flatMap(({ id, doc }) => [{ index: { _index: index, _id: id } }, doc]);
      const res = (await client.bulk({ body })).body as {
        errors: boolean;
        items: Array<{ index: { _id: string; error?: { reason?: string } } }>;
      };
      if (res.errors) {
        const bad = res.items.filter((it) => it.index.error).slice(0, 3);
        throw new Error(
          `the directory index refused ${bad.map((it) => `${it.index._id} (${it.index.error?.reason})`).join(', ')}`,
        );
      }
    }
    await client.indices.refresh({ index });
    const serving = new Set(await aliasedIndices(client));
    const actions: unknown[] = [{ add: { index, alias: DIRECTORY_INDEX_ALIAS } }];
    for (const old of await directoryIndices(client)) {
      if (old === index) continue;
      // The generation serving until now loses the alias but stays until the next load: a search that
      // resolved the alias a moment ago is still reading its shards, and deleting them under it fails it.
      actions.push(
        serving.has(old) ? { remove: { index: old, alias: DIRECTORY_INDEX_ALIAS } } : { remove_index: { index: old } },
      );
    }
    await client.transport.request({ method: 'POST', path: '/_aliases', body: { actions } });
  } catch (err) {
    await client.indices.delete({ index }, { ignore: [404] });
    throw err;
  }
  return {
    index,
    users: docs.filter((d) => d.id.startsWith('user:')).length,
    assets: docs.filter((d) => d.id.startsWith('asset:')).length,
    warnings,
  };
}

/** The indices behind the alias now (one, unless something outside Kansa added more). */
async function aliasedIndices(client: Client): Promise<string[]> {
  const res = await client.transport.request(
    { method: 'GET', path: `/_alias/${DIRECTORY_INDEX_ALIAS}` },
    { ignore: [404] },
  );
  return res.statusCode === 404 ? [] : Object.keys(res.body as Record<string, unknown>);
}

/** Every directory index: behind the alias, the generation before it, or left over by a load that died. */
async function directoryIndices(client: Client): Promise<string[]> {
  const res = await client.transport.request(
    { method: 'GET', path: `/_cat/indices/${DIRECTORY_INDEX_PATTERN}`, querystring: { format: 'json', h: 'index' } },
    { ignore: [404] },
  );
  return Array.isArray(res.body) ? (res.body as Array<{ index: string }>).map((r) => r.index) : [];
}
