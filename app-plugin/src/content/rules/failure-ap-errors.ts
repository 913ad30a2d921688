import { FIELD as F } from '@kansa/schema/fields';

import { FAILURE_UID } from '../dashboards/failure';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'failure-ap-errors',
  useCase: 'failure',
  point: 'failure.ap-errors',
  severity: 'warning',
  title: bi('無線アクセスポイントのエラー多発', 'Wireless access point error storm'),
  threshold: 20,
  thresholdWhy: bi(
    '1台の AP で10分に20件を超える警告・接続失敗は、電波干渉・過負荷・AP の故障で利用者がつながらない状態です。',
    'More than 20 warnings or failed associations on one AP in 10 minutes means users cannot connect: interference, overload or a failing AP.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.AP_ERRORS, { groupBy: [by(F.hostName, 20)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    'AP {{ index $labels "host.name" }} で10分に {{ $values.Ar.Value }} 件のエラー',
    'AP {{ index $labels "host.name" }}: {{ $values.Ar.Value }} errors in 10 minutes',
  ),
  description: bi(
    '無線アクセスポイント {{ index $labels "host.name" }} が10分間に {{ $values.Ar.Value }} 件の警告または接続失敗を記録しました。',
    'Wireless access point {{ index $labels "host.name" }} logged {{ $values.Ar.Value }} warnings or failed associations in 10 minutes.',
  ),
  runbook: bi(
    '1. 障害調査ダッシュボードのエラーログで内容 (再送上限・認証失敗など) を確認。2. 同じフロアの他の AP と比べる。3. AP の再起動・チャネル変更・交換を検討。',
    '1. Read the messages (max retries, authentication failures) in the Failure investigation error logs. 2. Compare with other APs on the floor. 3. Consider restarting the AP, changing its channel or replacing it.',
  ),
  dashboardUid: FAILURE_UID,
  panelKey: 'ap-errors',
  scenario: { id: 'ap-error-storm', label: F.hostName, value: 'ap-3f-02' },
});
