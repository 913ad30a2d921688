import { INDEX_PREFIX } from '@kansa/schema';
import type { Client } from '@opensearch-project/opensearch';

/** Answers which of these document ids are already kept; undefined when that cannot be told now. */
export type StoredIds = (ids: string[]) => Promise<Set<string> | undefined>;

/**
 * Looks ids up in every daily events index (an `ids` query; the daily index of a document is not
 * known before translation). Search sees what OpenSearch has refreshed (about a second behind);
 * what this bridge queued more recently is covered by RecentIds.
 */
export function storedIdsIn(client: Client): StoredIds {
  return async (ids) => {
    const found = new Set<string>();
    try {
      for (let i = 0; i < ids.length; i += 1000) {
        const values = ids.slice(i, i + 1000);
        const res = (await client.transport.request(
          {
            method: 'POST',
            path: `/${INDEX_PREFIX}*/_search`,
            querystring: { ignore_unavailable: 'true', allow_no_indices: 'true' },
            body: { size: values.length, _source: false, query: { ids: { values } } },
          },
          { requestTimeout: 5000 },
        )) as { body: { hits: { hits: Array<{ _id: string }> } } };
        for (const h of res.body.hits.hits) found.add(h._id);
      }
      return found;
    } catch {
      return undefined;
    }
  };
}

/** The last `capacity` ids this process queued (insertion order; oldest forgotten first). */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 100_000) {}

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value as string);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }
}
