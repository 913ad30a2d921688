import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { and, by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { DAY, rule } from './model';

export default rule({
  id: 'insider-leaver-baseline',
  useCase: 'insider',
  point: 'insider.leaver-baseline',
  severity: 'high',
  title: bi('退職予定者の普段を超える行動', 'Leaver above their own baseline'),
  threshold: 10,
  thresholdWhy: bi(
    '退職予定者の対象行動 (転職サイト・USB・コピー・クラウド・印刷) が1日で、本人の過去15日の1日平均の3倍 + 10件を超えたとき。',
    'When a watchlisted user’s tracked activity (job sites, USB, copies, cloud, printing) in a day exceeds three times their own daily average of the last 15 days, plus 10.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(and(S.WATCHLIST, S.LEAVER_SIGNALS), { groupBy: [by(F.userName, 100)], interval: '1d' }),
      fromSeconds: 15 * DAY,
      intervalMs: 86400000,
    },
  ],
  reducers: [
    { refId: 'Ar', of: 'A', reducer: 'last' },
    { refId: 'Am', of: 'A', reducer: 'mean' },
  ],
  reducer: 'sum',
  math: '$Ar > 3 * $Am + $T',
  summary: bi(
    '退職予定者 {{ index $labels "user.name" }} の行動が普段を超えています',
    'Leaver {{ index $labels "user.name" }} is above their own baseline',
  ),
  description: bi(
    '退職予定者 {{ index $labels "user.name" }} の対象行動が今日 (UTC の日区切り)  {{ $values.Ar.Value }} 件 (過去15日の1日平均 {{ $values.Am.Value }} 件)。',
    'Watchlisted {{ index $labels "user.name" }} had {{ $values.Ar.Value }} tracked actions today (UTC day) (daily average of the last 15 days: {{ $values.Am.Value }}).',
  ),
  runbook: bi(
    '1. 内部不正対策ダッシュボードでその人のタイムラインを開く。2. USB・個人メール・印刷の内容を確認。3. 人事・上長と対応を決める。',
    '1. Open the user’s timeline on the Insider threat dashboard. 2. Review USB, private mail and printing. 3. Decide the response with HR and the manager.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'leaver-activity',
  scenario: { id: 'leaver-exfiltration', label: F.userName, value: 'sakamoto.a' },
});
