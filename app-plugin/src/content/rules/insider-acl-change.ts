import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'insider-acl-change',
  useCase: 'insider',
  point: 'insider.acl-changes',
  severity: 'high',
  title: bi('ファイル・フォルダのアクセス権変更', 'File or folder ACL changed'),
  threshold: 0,
  thresholdWhy: bi(
    'アクセス権の変更は申請に基づく作業だけ。1件ごとに確認します。',
    'Permission changes follow requests; each one is checked.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.ACL_CHANGES, { groupBy: [by(F.userName, 50), by(F.hostName, 10)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が {{ index $labels "host.name" }} のアクセス権を変更',
    '{{ index $labels "user.name" }} changed permissions on {{ index $labels "host.name" }}',
  ),
  description: bi(
    '{{ index $labels "user.name" }} が {{ index $labels "host.name" }} でファイル・フォルダのアクセス権を {{ $values.Ar.Value }} 件変更しました (4670)。',
    '{{ index $labels "user.name" }} changed file or folder permissions {{ $values.Ar.Value }} times on {{ index $labels "host.name" }} (4670).',
  ),
  runbook: bi(
    '1. 変更内容 (SDDL) を確認。Everyone (WD) や Authenticated Users への付与は特に注意。2. 申請と照合。3. 不正なら元に戻し、その後のアクセスを監査。',
    '1. Read the change (SDDL); grants to Everyone (WD) or Authenticated Users matter most. 2. Match it to a request. 3. If improper, revert and audit the access since.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'acl-changes',
  scenario: { id: 'acl-change-confidential', label: F.userName, value: 'ishikawa.t' },
});
