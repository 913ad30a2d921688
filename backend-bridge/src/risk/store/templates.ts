import type { Client } from '@opensearch-project/opensearch';
import { RISK_INDEX_ALIAS, RISK_INDEX_PATTERN, RISK_INDEX_PREFIX } from '@kansa/schema';
import { eventsTemplate, installedReplicas, TEMPLATE_NAME } from '../../opensearch/template';

/** Profiles live outside kansa-risk-* so the ranking's index pattern never sees them. */
export const STATE_INDEX = 'kansa-state-risk';

/** The daily summaries use the event registry's mapping (same field names), under their own pattern and alias. */
export function riskSummaryTemplate(replicas = 0): Record<string, unknown> {
  const events = eventsTemplate(replicas) as { template: Record<string, unknown> } & Record<string, unknown>;
  return {
    ...events,
    index_patterns: [RISK_INDEX_PATTERN],
    template: { ...events.template, aliases: { [RISK_INDEX_ALIAS]: {} } },
  };
}

/** Profiles are stored whole and unindexed: only the bridge reads them back. */
export function riskStateTemplate(replicas = 0): Record<string, unknown> {
  return {
    index_patterns: [`${STATE_INDEX}*`],
    priority: 300,
    template: {
      settings: { number_of_shards: 1, number_of_replicas: replicas },
      mappings: {
        dynamic: 'strict',
        properties: {
          kind: { type: 'keyword' },
          key: { type: 'keyword' },
          day: { type: 'keyword' },
          updated: { type: 'date' },
          profile: { type: 'object', enabled: false },
        },
      },
    },
  };
}

/** `replicas` as for the events template (opensearch.replicas in `kansa serve`); without it, kept as installed. */
export async function installRiskTemplates(client: Client, requested?: number): Promise<void> {
  const replicas =
    requested ??
    (await installedReplicas(client, 'kansa-risk')) ??
    (await installedReplicas(client, TEMPLATE_NAME)) ??
    0;
  await client.transport.request({
    method: 'PUT',
    path: '/_index_template/kansa-risk',
    body: riskSummaryTemplate(replicas),
  });
  await client.transport.request({
    method: 'PUT',
    path: '/_index_template/kansa-state-risk',
    body: riskStateTemplate(replicas),
  });
}

/** Summaries go to one index per local month: kansa-risk-2026.10. */
export function summaryIndex(date: string): string {
  return `${RISK_INDEX_PREFIX}${date.slice(0, 4)}.${date.slice(5, 7)}`;
}
