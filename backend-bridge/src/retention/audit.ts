import { randomUUID } from 'node:crypto';
import type { Client } from '@opensearch-project/opensearch';
import { FIELD } from '@kansa/schema';
import { dailyIndex } from '../opensearch/template';
import type { KansaEvent } from '../translate/types';

export type RetentionAction =
  'retention-delete-index' | 'retention-delete-documents' | 'retention-delete-archive-segment';

export interface Deletion {
  action: RetentionAction;
  /** What was deleted: an index name, an index and a class, an archive segment. */
  what: string;
  count: number;
  policy: string;
  /** The archive's chain head when the deletion was made. */
  chainHead: string;
  ja: string;
  en: string;
}

/** Every deletion becomes an event in the events indices (CONTRACTS.md, retention audit events). */
export function auditEvent(d: Deletion, now: Date): KansaEvent {
  const e: Record<string, unknown> = {
    [FIELD.timestamp]: now.toISOString(),
    [FIELD.kansaSourceType]: 'kansa-retention',
    [FIELD.eventKind]: 'event',
    [FIELD.eventCategory]: ['configuration'],
    [FIELD.eventType]: ['deletion'],
    [FIELD.eventAction]: d.action,
    [FIELD.kansaCount]: d.count,
    [FIELD.kansaMessageJa]: d.ja,
    [FIELD.kansaMessageEn]: d.en,
  };
  return e as KansaEvent;
}

export async function writeAuditEvents(
  client: Client,
  prefix: string,
  deletions: Deletion[],
  now: Date,
): Promise<void> {
  if (deletions.length === 0) return;
  let body = '';
  for (const d of deletions) {
    body += `${JSON.stringify({ create: { _index: dailyIndex(now.toISOString(), prefix), _id: randomUUID() } })}\n${JSON.stringify(auditEvent(d, now))}\n`;
  }
  const r = (await client.transport.request({
    method: 'POST',
    path: '/_bulk',
    body,
    bulkBody: body,
    querystring: { refresh: 'true' },
  } as never)) as { body: { errors: boolean; items: Array<Record<string, { error?: { reason: string } }>> } };
  if (r.body.errors) {
    const first = r.body.items.map((i) => Object.values(i)[0].error?.reason).find(Boolean);
    throw new Error(`retention audit events were refused by OpenSearch: ${first}`);
  }
}
