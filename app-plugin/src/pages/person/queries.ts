import { FIELD as F } from '@kansa/schema/fields';

import type { KansaQuery } from '../../../../datasource-plugin/src/types';
import { DATASOURCE_PLUGIN_ID } from '../../types';
import { luceneValue } from '../period';

/** Every event of one account, whatever source wrote it: logons, files, web, mail, print, DB, door, network. */
export const personQuery = (user: string) => `${F.userName}:${luceneValue(user)}`;

export const TIMELINE_COLUMNS = [
  F.timestamp,
  F.kansaSourceType,
  F.eventAction,
  F.hostName,
  F.kansaMessageJa,
  F.kansaMessageEn,
];

/** The most events one page lists; the sources row still counts them all. */
export const TIMELINE_LIMIT = 5000;

/** The page's queries for one person, all answered by the data source in one request. */
export function personQueries(user: string, language: 'ja' | 'en'): KansaQuery[] {
  const query = personQuery(user);
  return [
    {
      refId: 'timeline',
      queryType: 'table',
      tableMode: 'raw',
      query,
      columns: TIMELINE_COLUMNS,
      limit: TIMELINE_LIMIT,
      language,
    },
    {
      refId: 'sources',
      queryType: 'table',
      tableMode: 'top',
      query,
      groupBy: [{ field: F.kansaSourceType, size: 50 }],
      language,
    },
    { refId: 'risk', queryType: 'risk', query, riskEntity: 'user', limit: 1, language },
    { refId: 'attendance', queryType: 'attendance', query: '', attendanceView: 'sheet', users: [user], language },
  ];
}

/** The most days the page scores one by one (a risk query ranks a whole range; a day needs its own request). */
export const MAX_RISK_DAYS = 62;

/** One day's risk score and reasons for the person: the risk query over that day alone. */
export const riskDayQuery = (user: string, language: 'ja' | 'en'): KansaQuery => ({
  refId: 'risk',
  queryType: 'risk',
  query: personQuery(user),
  riskEntity: 'user',
  limit: 1,
  language,
});

/** Who there is to pick: accounts with their display names, from the events of the period. */
export const peopleQuery = (): KansaQuery => ({
  refId: 'people',
  queryType: 'table',
  tableMode: 'top',
  query: `${F.userName}:*`,
  groupBy: [
    { field: F.userName, size: 500 },
    { field: F.kansaUserDisplayName, size: 1 },
  ],
});

/** Explore with this person's events (optionally of one source) over the page's range. */
export function personExploreUrl(
  dataSourceUid: string,
  user: string,
  from: Date,
  to: Date,
  sourceType?: string,
): string {
  const query = sourceType
    ? `${personQuery(user)} AND ${F.kansaSourceType}:${luceneValue(sourceType)}`
    : personQuery(user);
  const panes = {
    kansa: {
      datasource: dataSourceUid,
      queries: [
        { refId: 'A', datasource: { type: DATASOURCE_PLUGIN_ID, uid: dataSourceUid }, queryType: 'logs', query },
      ],
      range: { from: String(from.getTime()), to: String(to.getTime()) },
    },
  };
  return `/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify(panes))}`;
}
