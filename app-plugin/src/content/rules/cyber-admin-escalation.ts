import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-admin-escalation',
  useCase: 'cyber',
  point: 'cyber.escalation',
  severity: 'critical',
  title: bi('管理者グループへの追加', 'Added to an admin group'),
  threshold: 0,
  thresholdWhy: bi(
    '管理者グループの変更は変更管理で予定されるもの。予定外の1件でも調べる価値があります。',
    'Admin group changes are planned through change management; a single unplanned one is worth a look.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.ADMIN_GROUP_ADDITIONS, {
        groupBy: [by(F.groupName, 20), by(F.userTargetName, 20)],
        interval: '1m',
      }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.target.name" }} が {{ index $labels "group.name" }} に追加されました',
    '{{ index $labels "user.target.name" }} was added to {{ index $labels "group.name" }}',
  ),
  description: bi(
    '{{ index $labels "user.target.name" }} が管理者グループ {{ index $labels "group.name" }} に追加されました ({{ $values.Ar.Value }} 件、4728/4732/4756 または Linux の sudo/wheel)。',
    '{{ index $labels "user.target.name" }} was added to the admin group {{ index $labels "group.name" }} ({{ $values.Ar.Value }} events, 4728/4732/4756 or Linux sudo/wheel).',
  ),
  runbook: bi(
    '1. 変更申請と照合。2. 申請がなければ直ちにメンバーから外し、追加した人のアカウントを無効化。3. 追加後の特権操作を監査報告ダッシュボードで確認。',
    '1. Match it against a change request. 2. Without one, remove the member at once and disable the account that added it. 3. Review privileged operations since then on the Audit dashboard.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'escalation',
  scenario: { id: 'escalation-domain-admins', label: F.groupName, value: 'Domain Admins' },
});
