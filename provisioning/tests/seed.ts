// Seeded events in a private index, for rules the demo month cannot show (a count just above and below a
// threshold, a calendar's edge cases). The index gets the event mappings of the generated index template,
// which are strict: a seeded document naming a field outside the schema registry fails the seed.
import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * Where to seed: KANSA_TEST_SEED_URL, else the tests' node unless it is shared read-only
 * (KANSA_TEST_DEMO_READONLY=1); undefined skips the seeded tests.
 */
export const SEED_URL =
  process.env.KANSA_TEST_SEED_URL ??
  (process.env.KANSA_TEST_DEMO_READONLY === '1' ? undefined : process.env.OPENSEARCH_URL);

const template = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'schema', 'generated', 'index-template.json'), 'utf8'),
) as { template: { mappings: unknown } };

export const dropIndex = (url: string, index: string) => fetch(`${url}/${index}`, { method: 'DELETE' });

/** Creates `index` afresh with the event mappings and bulk-loads `docs`, refreshed: the create's status and the bulk's errors flag. */
export async function seedIndex(
  url: string,
  index: string,
  docs: Array<Record<string, unknown>>,
): Promise<{ status: number; errors: boolean }> {
  await dropIndex(url, index);
  const created = await fetch(`${url}/${index}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mappings: template.template.mappings }),
  });
  if (created.status !== 200) return { status: created.status, errors: true };
  const body = docs.flatMap((d) => [JSON.stringify({ index: {} }), JSON.stringify(d)]).join('\n');
  const bulk = await fetch(`${url}/${index}/_bulk?refresh=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-ndjson' },
    body: `${body}\n`,
  });
  return { status: created.status, errors: ((await bulk.json()) as { errors: boolean }).errors };
}
