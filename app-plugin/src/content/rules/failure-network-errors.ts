import { FIELD as F } from '@kansa/schema/fields';

import { FAILURE_UID } from '../dashboards/failure';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'failure-network-errors',
  useCase: 'failure',
  point: 'failure.network-errors',
  severity: 'warning',
  title: bi('ネットワーク機器のエラー多発', 'Network device error storm'),
  threshold: 10,
  thresholdWhy: bi(
    '1台のスイッチ・ルーターで10分に10件を超えるエラー・リンク状態変化は、ポートのフラッピングやケーブル・機器の不良を示します。',
    'More than 10 errors or link changes on one switch or router in 10 minutes points to a flapping port or failing cable or device.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.NETWORK_ERRORS, { groupBy: [by(F.hostName, 20)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "host.name" }} で10分に {{ $values.Ar.Value }} 件のエラー・リンク変化',
    '{{ index $labels "host.name" }}: {{ $values.Ar.Value }} errors or link changes in 10 minutes',
  ),
  description: bi(
    'ネットワーク機器 {{ index $labels "host.name" }} が10分間に {{ $values.Ar.Value }} 件のエラーまたはインターフェースの状態変化を記録しました。',
    'Network device {{ index $labels "host.name" }} logged {{ $values.Ar.Value }} errors or interface state changes in 10 minutes.',
  ),
  runbook: bi(
    '1. 障害調査ダッシュボードの「状態が変化したインターフェース」でポートを特定。2. ケーブル・接続先機器を確認。3. 必要ならポートを停止して切り分け。',
    '1. Find the port under “Interfaces changing state” on the Failure investigation dashboard. 2. Check the cable and the connected device. 3. Shut the port to isolate it if needed.',
  ),
  dashboardUid: FAILURE_UID,
  panelKey: 'network-errors',
  scenario: { id: 'switch-port-flapping', label: F.hostName, value: 'floor3-sw01' },
});
