import { FIELD as F } from '@kansa/schema';

/**
 * The queries of the app's pages, as datasource query models, so a mailed report shows what the page shows:
 * the audit page's sections (app-plugin/src/pages/audit-queries.ts), the attendance sheet and the risk page.
 * The bridge cannot import the app's code at run time, so they are written again here from the same registry
 * constants; queries.test.ts fails when they drift from the app's.
 */
export type QueryModel = Record<string, unknown> & { refId: string; queryType: string };

export interface Section {
  refId: string;
  title: { ja: string; en: string };
  query: QueryModel;
}

export const AUDIT_COLUMNS = [F.timestamp, F.userName, F.hostName, F.eventAction, F.kansaMessageJa, F.kansaMessageEn];
export const DEFAULT_IMPORTANT_FOLDERS = ['*\\\\機密\\\\*', '*\\\\製品設計\\\\*'];

const anyOf = (field: string, values: ReadonlyArray<string | number>) =>
  `(${values.map((v) => `${field}:${v}`).join(' OR ')})`;
const PRIVILEGED = `${F.kansaUserPrivileged}:true`;
const ACCOUNT_CHANGES = anyOf(F.eventAction, [
  'added-user-account',
  'deleted-user-account',
  'enabled-user-account',
  'disabled-user-account',
  'reset-password',
  'renamed-user-account',
  'added-member-to-group',
  'removed-member-from-group',
  'added-group-account',
  'deleted-group-account',
]);
const POLICY_CHANGES = `(${anyOf(F.eventCode, [4719, 4739, 4713, 4704, 4705, 1102])} OR ${anyOf(F.eventAction, ['audit-log-cleared', 'log-cleared'])})`;
const ACL_CHANGES = `(${F.eventCode}:4670 OR ${F.eventAction}:(changed-file-permissions OR permissions-changed))`;

const raw = (refId: string, query: string): QueryModel => ({
  refId,
  queryType: 'table',
  tableMode: 'raw',
  query,
  columns: AUDIT_COLUMNS,
  limit: 5000,
});

/** Lucene value with specials escaped, as the app's pages write a department filter (pages/period.ts). */
const quoted = (v: string) => (/^[\w.*@-]+$/.test(v) ? v : JSON.stringify(v));

function scoped(query: string, department?: string): string {
  return department ? `(${query}) AND ${F.kansaUserDepartment}:${quoted(department)}` : query;
}

export function auditSections(department?: string, folders: readonly string[] = DEFAULT_IMPORTANT_FOLDERS): Section[] {
  const s = (refId: string, ja: string, en: string, q: string): Section => ({
    refId,
    title: { ja, en },
    query: raw(refId, scoped(q, department)),
  });
  return [
    s(
      'privileged',
      '特権管理者の操作',
      'Privileged administrator operations',
      `${PRIVILEGED} AND NOT ${F.eventAction}:(read-file OR dns-query OR http-request)`,
    ),
    s('acl', 'アクセス権の変更', 'ACL changes', ACL_CHANGES),
    s(
      'accounts',
      'アカウント・グループの変更とポリシー変更',
      'Account, group and policy changes',
      `${ACCOUNT_CHANGES} OR ${POLICY_CHANGES}`,
    ),
    s('folders', '重要フォルダへのアクセス', 'Access to important folders', `${F.filePath}:(${folders.join(' OR ')})`),
  ];
}

export function attendanceSheet(department?: string): QueryModel {
  return {
    refId: 'sheet',
    queryType: 'attendance',
    attendanceView: 'sheet',
    query: department ? `${F.kansaUserDepartment}:${quoted(department)}` : '',
  };
}

export function riskRanking(department?: string): QueryModel {
  return {
    refId: 'risk',
    queryType: 'risk',
    query: department ? `${F.kansaUserDepartment}:${quoted(department)}` : '',
    riskEntity: 'user',
    limit: 100,
    language: 'ja',
  };
}
