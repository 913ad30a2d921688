import type { Client } from '@opensearch-project/opensearch';
import { FIELD, INDEX_ALIAS, RISK_INDEX_PATTERN } from '@kansa/schema';
import { LocalTime } from '../localtime';
import type { Reason } from '../score/reasons';
import type { UserDay } from '../score/day';
import type { OpenedCase } from '../score/queue';
import { summaryIndex } from './templates';

/**
 * New cases read back per day scored: the budget opens at most 1 % of users a day for 14 days, so this is
 * room for a directory of 70,000 people; beyond it the oldest cases are the ones forgotten.
 */
const MAX_OPENED_CASES = 10000;

const reasonDoc = (r: Reason) => ({
  code: r.code,
  en: r.en,
  ja: r.ja,
  contribution: r.contribution,
  baseline: r.baseline,
});

/** The daily summary document, exactly as the `risk` query type reads it. */
export function summaryDoc(u: UserDay, clock: LocalTime): Record<string, unknown> {
  const doc: Record<string, unknown> = {
    [FIELD.timestamp]: new Date(clock.dayStart(u.day)).toISOString(),
    [FIELD.userName]: u.user,
    [FIELD.kansaUserDepartment]: u.info.department,
    [FIELD.kansaRiskScore]: u.score,
    [FIELD.kansaRiskConfidence]: u.confidence,
    [FIELD.kansaRiskReasons]: u.reasons.map(reasonDoc),
    [FIELD.kansaCount]: u.events,
  };
  if (u.info.displayName) doc[FIELD.kansaUserDisplayName] = u.info.displayName;
  if (u.case) {
    doc[FIELD.kansaRiskCase] = u.case.story;
    doc[FIELD.kansaRiskCaseStatus] = u.case.status;
    doc[FIELD.kansaRiskCaseOpened] = new Date(clock.dayStart(u.case.opened)).toISOString();
  }
  return doc;
}

/**
 * The cases the review queue opened on the `caseDays` days before `day` (the ones still open on it), read
 * back from the summaries: they are the queue's memory, so bridges sharing one cluster, a restart and a
 * rebuild of later days all carry on from what the analyst was shown.
 */
export async function openedCases(
  client: Client,
  day: number,
  caseDays: number,
  clock: LocalTime,
): Promise<OpenedCase[]> {
  await client.transport
    .request({ method: 'POST', path: `/${RISK_INDEX_PATTERN}/_refresh?ignore_unavailable=true&allow_no_indices=true` })
    .catch(() => undefined);
  const res = await client.transport.request(
    {
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_search?ignore_unavailable=true&allow_no_indices=true`,
      body: {
        size: MAX_OPENED_CASES,
        sort: [{ [FIELD.timestamp]: 'desc' }],
        _source: [FIELD.userName, FIELD.kansaRiskCase, FIELD.kansaRiskCaseOpened],
        query: {
          bool: {
            filter: [
              { term: { [FIELD.kansaRiskCaseStatus]: 'new' } },
              {
                range: {
                  [FIELD.timestamp]: {
                    gte: new Date(clock.dayStart(day - caseDays + 1)).toISOString(),
                    lt: new Date(clock.dayStart(day)).toISOString(),
                  },
                },
              },
            ],
          },
        },
      },
    },
    { ignore: [404] },
  );
  const hits = (res.body as { hits?: { hits: Array<{ _source: Record<string, unknown> }> } }).hits?.hits ?? [];
  return hits.map(({ _source: s }) => ({
    user: String(s[FIELD.userName]),
    story: String(s[FIELD.kansaRiskCase]),
    opened: clock.dayIndex(Date.parse(String(s[FIELD.kansaRiskCaseOpened]))),
  }));
}

/** Bulk body lines; an error on any item is returned, never ignored. */
async function bulk(client: Client, lines: string[]): Promise<string[]> {
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i += 2000) {
    const body = `${lines.slice(i, i + 2000).join('\n')}\n`;
    const r = (await client.transport.request({ method: 'POST', path: '/_bulk', body, bulkBody: body } as never))
      .body as {
      errors: boolean;
      items: Array<Record<string, { status: number; _id: string; error?: { reason?: string } }>>;
    };
    if (r.errors)
      for (const item of r.items) {
        const x = Object.values(item)[0];
        if (x.error) errors.push(`${x._id}: ${x.error.reason ?? x.status}`);
      }
  }
  return errors;
}

/** One summary per user and day (replaced when the day is scored again), and the marks on the events. */
export async function writeDay(
  client: Client,
  scored: readonly UserDay[],
  clock: LocalTime,
): Promise<{ summaries: number; marked: number; errors: string[] }> {
  const lines: string[] = [];
  let marked = 0;
  for (const u of scored) {
    const date = LocalTime.dateOf(u.day);
    lines.push(
      JSON.stringify({ index: { _index: summaryIndex(date), _id: `${u.user}@${date}` } }),
      JSON.stringify(summaryDoc(u, clock)),
    );
    for (const m of u.marks) {
      marked++;
      lines.push(
        JSON.stringify({ update: { _index: m.ref.index, _id: m.ref.id } }),
        JSON.stringify({
          doc: {
            [FIELD.kansaRiskScore]: m.score,
            [FIELD.kansaRiskConfidence]: u.confidence,
            [FIELD.kansaRiskReasons]: m.reasons.map(reasonDoc),
          },
        }),
      );
    }
  }
  const errors = await bulk(client, lines);
  return { summaries: scored.length, marked, errors };
}

/** Before a day is scored again: its summaries and the marks on its events go, so nothing stale remains. */
export async function clearDays(client: Client, fromMs: number, toMs: number): Promise<void> {
  const range = {
    range: { [FIELD.timestamp]: { gte: new Date(fromMs).toISOString(), lt: new Date(toMs).toISOString() } },
  };
  await client.transport.request({
    method: 'POST',
    path: `/${RISK_INDEX_PATTERN}/_delete_by_query?conflicts=proceed&refresh=true&ignore_unavailable=true&allow_no_indices=true`,
    body: { query: range },
  });
  await client.transport.request({
    method: 'POST',
    path: `/${INDEX_ALIAS}/_update_by_query?conflicts=proceed&refresh=true&ignore_unavailable=true&allow_no_indices=true`,
    body: {
      query: { bool: { filter: [range, { exists: { field: FIELD.kansaRiskScore } }] } },
      script: {
        lang: 'painless',
        source: `for (f in params.fields) { ctx._source.remove(f) }`,
        params: { fields: [FIELD.kansaRiskScore, FIELD.kansaRiskConfidence, FIELD.kansaRiskReasons] },
      },
    },
  });
}
