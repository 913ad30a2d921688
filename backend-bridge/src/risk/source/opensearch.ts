import type { Client } from '@opensearch-project/opensearch';
import { FIELD, INDEX_ALIAS } from '@kansa/schema';
import { extract, MAIL_ACTIONS, SOURCE_FIELDS } from '../observe/extract';
import type { Observation } from '../observe/observation';
import type { KansaEvent } from '../../translate/types';

interface Page {
  _scroll_id?: string;
  hits: { hits: Array<{ _index: string; _id: string; _source: KansaEvent }> };
}

/**
 * The observations of stored events in [fromMs, toMs): only events about a user (or a USB device on
 * someone's PC, or a Postfix line of a message someone sent), only the fields the scorer reads. Events keep their index and id so they can be marked.
 */
export async function observeStored(
  client: Client,
  fromMs: number,
  toMs: number,
  index: string = INDEX_ALIAS,
): Promise<Observation[]> {
  const out: Observation[] = [];
  const query = {
    bool: {
      filter: [
        { range: { [FIELD.timestamp]: { gte: new Date(fromMs).toISOString(), lt: new Date(toMs).toISOString() } } },
      ],
      should: [
        { exists: { field: FIELD.userName } },
        { term: { [FIELD.eventAction]: 'recognized-external-device' } },
        // A message's size and recipients, joined to its sender by queue id.
        {
          bool: {
            filter: [
              { term: { [FIELD.kansaSourceType]: 'postfix' } },
              { terms: { [FIELD.eventAction]: MAIL_ACTIONS } },
            ],
          },
        },
      ],
      minimum_should_match: 1,
    },
  };
  let page: Page;
  try {
    page = (
      await client.transport.request({
        method: 'POST',
        path: `/${index}/_search?scroll=2m`,
        body: { size: 5000, sort: ['_doc'], _source: SOURCE_FIELDS, query },
      })
    ).body as Page;
  } catch (err) {
    if ((err as { meta?: { statusCode?: number } }).meta?.statusCode === 404) return out;
    throw err;
  }
  try {
    while (page.hits.hits.length > 0) {
      for (const h of page.hits.hits) {
        const o = extract(h._source, { index: h._index, id: h._id });
        if (o) out.push(o);
      }
      page = (
        await client.transport.request({
          method: 'POST',
          path: '/_search/scroll',
          body: { scroll: '2m', scroll_id: page._scroll_id },
        })
      ).body as Page;
    }
  } finally {
    if (page!._scroll_id)
      await client.transport
        .request({ method: 'DELETE', path: '/_search/scroll', body: { scroll_id: page!._scroll_id } })
        .catch(() => undefined);
  }
  return out;
}
