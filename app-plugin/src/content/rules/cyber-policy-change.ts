import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-policy-change',
  useCase: 'cyber',
  point: 'cyber.policy-change',
  severity: 'critical',
  title: bi('監査ポリシーの変更・ログの消去', 'Audit policy change or log cleared'),
  threshold: 0,
  thresholdWhy: bi(
    '監査ポリシーの変更とログ消去は攻撃者が痕跡を消す手口。1件で通知します。',
    'Changing audit policy and clearing logs is how attackers hide; one event alerts.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.POLICY_CHANGES, { groupBy: [by(F.hostName, 20), by(F.eventCode, 10)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "host.name" }} でポリシー変更・ログ消去 (イベント {{ index $labels "event.code" }})',
    'Policy change or log clearing on {{ index $labels "host.name" }} (event {{ index $labels "event.code" }})',
  ),
  description: bi(
    '{{ index $labels "host.name" }} でイベント {{ index $labels "event.code" }} が {{ $values.Ar.Value }} 件 (4719 監査ポリシー、4739 ドメインポリシー、1102/104 ログ消去など)。',
    '{{ $values.Ar.Value }} events {{ index $labels "event.code" }} on {{ index $labels "host.name" }} (4719 audit policy, 4739 domain policy, 1102/104 log cleared and more).',
  ),
  runbook: bi(
    '1. 変更した人と時刻を確認。2. 予定外なら監査ポリシーを戻し、消去前後のログをアーカイブから確認。3. そのアカウントの直前の操作を追う。',
    '1. Find who changed it and when. 2. If unplanned, restore the policy and check the archive around the clearing. 3. Follow that account’s preceding actions.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'policy-changes',
  scenario: { id: 'audit-policy-and-log-clear', label: F.eventCode, value: '1102' },
});
