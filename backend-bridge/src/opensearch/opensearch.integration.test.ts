import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INDEX_ALIAS } from '@kansa/schema';
import { translateBuffer } from '../translate/run';
import { GOLDEN_CONTEXT } from '../translate/testing/golden';
import { toBulkDoc, writeBulk } from '../pipeline/bulk';
import { createClient } from './client';
import { DEAD_LETTER_PREFIX, installTemplate } from './template';

const TRANSLATORS = join(__dirname, '..', 'translators');
const FIXTURES = [
  'syslog/testdata/rfc3164-generic/case.input',
  'syslog/testdata/rfc5424-sd/case.input',
  'syslog/testdata/garbage-crlf/case.input',
];

describe('real OpenSearch', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  const run = `it-${process.pid}-${Date.now()}`;

  // The shared indices also hold the demo month, so this test counts and removes only its own documents.
  const ids: string[] = [];
  const mine = (query: string) => ({ bool: { filter: [{ ids: { values: ids } }, { query_string: { query } }] } });

  beforeAll(async () => {
    await installTemplate(client);
  });

  afterAll(async () => {
    await client.transport.request({
      method: 'POST',
      path: `/${INDEX_ALIAS}/_delete_by_query?refresh=true`,
      body: { query: { ids: { values: ids } } },
    });
    await client.close();
  });

  it('indexes translated events into daily indices behind the alias and finds them again', async () => {
    const docs = FIXTURES.flatMap((path) => {
      const { events } = translateBuffer(readFileSync(join(TRANSLATORS, path)), { source: path, ctx: GOLDEN_CONTEXT });
      return events.map((e, i) => toBulkDoc(`${run}:${path}`, e, i));
    });
    expect(docs.length).toBeGreaterThan(8);
    ids.push(...docs.map((d) => d.id));
    const first = await writeBulk(client, docs);
    expect(first).toMatchObject({ indexed: docs.length, duplicates: 0, deadLettered: 0, unsent: [] });

    // Importing the same records again creates nothing new.
    const again = await writeBulk(client, docs);
    expect(again).toMatchObject({ indexed: 0, duplicates: docs.length });

    await client.transport.request({ method: 'POST', path: `/${INDEX_ALIAS}/_refresh` });
    expect(await search(client, mine('*'))).toBe(docs.length);

    const failures = await search(client, mine('kansa.parse.status:failed'));
    expect(failures).toBe(docs.filter((d) => d.source['kansa.parse.status'] === 'failed').length);
    expect(failures).toBeGreaterThan(0);

    // The Japanese sentence is searchable by word (CJK bigrams), the IP-free host by keyword.
    expect(await search(client, mine('kansa.message.ja:"記録しました" AND host.name:web01'))).toBe(3);
    const byIndex = (
      await client.transport.request({
        method: 'POST',
        path: `/${INDEX_ALIAS}/_search`,
        body: { size: 0, query: mine('*'), aggs: { indices: { terms: { field: '_index', size: 10 } } } },
      })
    ).body as { aggregations: { indices: { buckets: Array<{ key: string }> } } };
    expect(byIndex.aggregations.indices.buckets.map((b) => b.key).sort()).toEqual([
      'kansa-events-2026.10.01',
      'kansa-events-2026.10.31',
      'kansa-events-2026.11.01',
    ]);
  });

  it('dead-letters a document the strict mapping rejects, with the reason', async () => {
    const bad = toBulkDoc(
      run,
      { '@timestamp': '2026-10-02T00:00:00.000Z', 'event.action': 'x', 'not.in.schema': 1 } as never,
      0,
    );
    const result = await writeBulk(client, [bad]);
    expect(result).toMatchObject({ indexed: 0, deadLettered: 1 });
    await client.transport.request({ method: 'POST', path: `/${DEAD_LETTER_PREFIX}*/_refresh` });
    const hits = (
      await client.transport.request({
        method: 'GET',
        path: `/${DEAD_LETTER_PREFIX}*/_search`,
        body: { query: { ids: { values: [bad.id] } } },
      })
    ).body as {
      hits: { hits: Array<{ _source: { reason: string; error_type: string } }> };
    };
    expect(hits.hits.hits[0]._source.error_type).toBe('strict_dynamic_mapping_exception');
    expect(hits.hits.hits[0]._source.reason).toContain('not');
  });
});

async function search(client: ReturnType<typeof createClient>, query: object): Promise<number> {
  const res = (
    await client.transport.request({
      method: 'POST',
      path: `/${INDEX_ALIAS}/_search`,
      body: { size: 0, track_total_hits: true, query },
    })
  ).body as { hits: { total: { value: number } } };
  return res.hits.total.value;
}
