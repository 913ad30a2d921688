import { FIELD as F } from '@kansa/schema/fields';

import type { KansaQuery } from '../../../datasource-plugin/src/types';
import { DEFAULT_IMPORTANT_FOLDERS, importantFolders } from '../content/dashboards/audit';
import type { Bi } from '../content/text';
import { ACCOUNT_CHANGES, ACL_CHANGES, POLICY_CHANGES, PRIVILEGED } from '../content/signals';

export interface AuditSection {
  refId: string;
  title: Bi;
  query: KansaQuery;
}

export const AUDIT_COLUMNS = [F.timestamp, F.userName, F.hostName, F.eventAction, F.kansaMessageJa, F.kansaMessageEn];

const raw = (refId: string, query: string): KansaQuery => ({
  refId,
  queryType: 'table',
  tableMode: 'raw',
  query,
  columns: AUDIT_COLUMNS,
  limit: 5000,
});

/** The report's sections, in the order an auditor reads them. */
export function auditSections(folders: readonly string[] = DEFAULT_IMPORTANT_FOLDERS): AuditSection[] {
  return [
    {
      refId: 'privileged',
      title: { ja: '特権管理者の操作', en: 'Privileged administrator operations' },
      query: raw('privileged', `${PRIVILEGED} AND NOT ${F.eventAction}:(read-file OR dns-query OR http-request)`),
    },
    { refId: 'acl', title: { ja: 'アクセス権の変更', en: 'ACL changes' }, query: raw('acl', ACL_CHANGES) },
    {
      refId: 'accounts',
      title: { ja: 'アカウント・グループの変更とポリシー変更', en: 'Account, group and policy changes' },
      query: raw('accounts', `${ACCOUNT_CHANGES} OR ${POLICY_CHANGES}`),
    },
    {
      refId: 'folders',
      title: { ja: '重要フォルダへのアクセス', en: 'Access to important folders' },
      query: raw('folders', importantFolders(folders)),
    },
  ];
}
