import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-non-permitted-ports',
  useCase: 'cyber',
  point: 'cyber.non-permitted-ports',
  severity: 'high',
  title: bi('許可されていないポートの利用', 'Non-permitted port in use'),
  threshold: 5,
  thresholdWhy: bi(
    '時刻同期などの単発を除くため、15分に5回を超える通信で通知します。',
    'More than 5 sessions in 15 minutes, so one-off probes stay quiet.',
  ),
  for: '0s',
  queries: (s) => [
    {
      refId: 'A',
      query: metrics(S.nonPermittedPorts(s.permittedPorts), {
        groupBy: [by(F.sourceIp, 50), by(F.destinationPort, 10)],
        interval: '1m',
      }),
      fromSeconds: 15 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "source.ip" }} が許可されていないポート {{ index $labels "destination.port" }} に通信',
    '{{ index $labels "source.ip" }} uses non-permitted port {{ index $labels "destination.port" }}',
  ),
  description: bi(
    '{{ index $labels "source.ip" }} から宛先ポート {{ index $labels "destination.port" }} への通信が15分で {{ $values.Ar.Value }} 回 (許可リスト外)。',
    '{{ $values.Ar.Value }} sessions in 15 minutes from {{ index $labels "source.ip" }} to port {{ index $labels "destination.port" }}, which the allow-list does not permit.',
  ),
  runbook: bi(
    '1. 端末の所有者と通信先を確認。2. C2 通信 (4444、6667 など) なら端末を隔離。3. 正規の用途なら許可ポートに追加 (設定ページ)。',
    '1. Find the PC’s owner and the destination. 2. Isolate it if it looks like C2 (4444, 6667…). 3. If legitimate, add the port on the configuration page.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'non-permitted-ports',
  scenario: { id: 'non-permitted-port', label: F.sourceIp, value: '10.0.1.12' },
});
