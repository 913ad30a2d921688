import type { Client } from '@opensearch-project/opensearch';
import { INDEX_ALIAS, INDEX_PREFIX, indexTemplate } from '@kansa/schema';

export const TEMPLATE_NAME = 'kansa-events';
export const DEAD_LETTER_PREFIX = 'kansa-deadletter-';

/** The events template with `replicas` (config opensearch.replicas) in place of the registry's 0. */
export function eventsTemplate(replicas: number): Record<string, unknown> {
  const t = indexTemplate() as { template: { settings: Record<string, unknown> } } & Record<string, unknown>;
  return { ...t, template: { ...t.template, settings: { ...t.template.settings, number_of_replicas: replicas } } };
}

/**
 * Installs (or replaces) the events and dead-letter templates; new daily indices pick them up, existing
 * ones keep theirs. `replicas` is opensearch.replicas: 0 suits one node, a cluster wants 1 or more.
 * Without it (`kansa import`, `kansa risk rebuild` with no --replicas) the installed template's replicas
 * are kept, so a one-off command never takes a cluster's copies away; with no template yet, 0.
 */
export async function installTemplate(client: Client, requested?: number): Promise<void> {
  const replicas = requested ?? (await installedReplicas(client, TEMPLATE_NAME)) ?? 0;
  await putTemplate(client, TEMPLATE_NAME, eventsTemplate(replicas));
  await putTemplate(client, 'kansa-deadletter', {
    index_patterns: [`${DEAD_LETTER_PREFIX}*`],
    priority: 200,
    template: {
      settings: { number_of_shards: 1, number_of_replicas: replicas },
      // The rejected document is kept whole but unindexed: it failed the events mapping once already.
      mappings: {
        dynamic: false,
        properties: {
          '@timestamp': { type: 'date' },
          reason: { type: 'text' },
          error_type: { type: 'keyword' },
          target_index: { type: 'keyword' },
          document: { type: 'object', enabled: false },
        },
      },
    },
  });
}

/** number_of_replicas of an installed index template; undefined when there is no such template. */
export async function installedReplicas(client: Client, name: string): Promise<number | undefined> {
  type Templates = {
    index_templates?: Array<{
      index_template: { template?: { settings?: { index?: { number_of_replicas?: string } } } };
    }>;
  };
  const res = await client.transport.request({ method: 'GET', path: `/_index_template/${name}` }, { ignore: [404] });
  const value = (res.body as Templates).index_templates?.[0]?.index_template.template?.settings?.index
    ?.number_of_replicas;
  return value === undefined ? undefined : Number(value);
}

async function putTemplate(client: Client, name: string, body: Record<string, unknown>): Promise<void> {
  await client.transport.request({ method: 'PUT', path: `/_index_template/${name}`, body });
}

/** Daily index for an event time: kansa-events-YYYY.MM.DD (UTC). */
export function dailyIndex(timestamp: string | undefined, prefix: string = INDEX_PREFIX): string {
  const t = timestamp ? new Date(timestamp) : new Date();
  const d = Number.isNaN(t.getTime()) ? new Date() : t;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${prefix}${d.getUTCFullYear()}.${pad(d.getUTCMonth() + 1)}.${pad(d.getUTCDate())}`;
}

export { INDEX_ALIAS };
