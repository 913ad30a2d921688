import { FIELD as F } from '@kansa/schema/fields';

import { AUDIT_UID, DEFAULT_IMPORTANT_FOLDERS, importantFolders } from '../dashboards/audit';
import { and, by, metrics } from '../queries';
import { bi } from '../text';
import { HOUR, rule } from './model';

/** The important folders themselves (a permission change names the folder, not a file in it) and their contents. */
const FOLDERS = importantFolders([
  ...DEFAULT_IMPORTANT_FOLDERS,
  ...DEFAULT_IMPORTANT_FOLDERS.map((p) => p.replace(/\\\\\*$/, '')),
]);
/** Anything that is not only looking: writes, deletes, renames and permission changes. */
const CHANGES = `${F.eventAction}:(created-file OR modified-file OR deleted-file OR renamed-file OR changed-file-permissions OR permissions-changed)`;

export default rule({
  id: 'audit-important-folder-changes',
  useCase: 'audit',
  point: 'audit.important-folders',
  severity: 'warning',
  title: bi('重要フォルダの変更', 'Change in an important folder'),
  threshold: 0,
  thresholdWhy: bi(
    '機密・製品設計フォルダの書き込み・削除・名前変更・アクセス権変更は通常の業務では起きないため、1件でも監査の記録として通知します。',
    'Writes, deletes, renames and permission changes in the confidential and design folders are not part of daily work, so a single one is raised for the audit record.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(and(FOLDERS, CHANGES), { groupBy: [by(F.userName, 50)], interval: '5m' }),
      fromSeconds: HOUR,
      intervalMs: 300000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が重要フォルダを {{ $values.Ar.Value }} 件変更しました',
    '{{ index $labels "user.name" }} changed {{ $values.Ar.Value }} items in an important folder',
  ),
  description: bi(
    '直近1時間に {{ index $labels "user.name" }} が機密・製品設計フォルダで {{ $values.Ar.Value }} 件の書き込み・削除・名前変更・アクセス権変更を行いました。',
    'In the last hour {{ index $labels "user.name" }} made {{ $values.Ar.Value }} writes, deletes, renames or permission changes in the confidential or design folders.',
  ),
  runbook: bi(
    '1. 監査ダッシュボードの重要フォルダのタイムラインで操作内容を確認。2. 変更が承認された作業か本人・上長に確認。3. 承認外なら元に戻し、内部不正の調査を開始。',
    '1. Review the operations on the Audit dashboard’s important-folder timeline. 2. Confirm with the person and their manager that the change was approved. 3. If not, revert it and open an insider investigation.',
  ),
  dashboardUid: AUDIT_UID,
  panelKey: 'important-folder-access',
  scenario: { id: 'acl-change-confidential', label: F.userName, value: 'ishikawa.t' },
});
