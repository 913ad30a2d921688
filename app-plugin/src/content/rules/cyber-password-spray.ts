import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, distinct, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-password-spray',
  useCase: 'cyber',
  point: 'cyber.logon-failures',
  severity: 'high',
  title: bi('パスワードスプレー', 'Password spraying'),
  threshold: 10,
  thresholdWhy: bi(
    '1つの送信元が30分で10を超えるアカウントに失敗するのは、共有 PC でもまずありません。',
    'Even a shared PC rarely fails against more than 10 accounts in 30 minutes.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.LOGON_FAILURES, {
        metrics: [distinct(F.userName, 'accounts')],
        groupBy: [by(F.sourceIp, 50, 'accounts')],
        interval: '30m',
      }),
      fromSeconds: 30 * MINUTE,
      intervalMs: 1800000,
    },
  ],
  reducer: 'max',
  summary: bi(
    '{{ index $labels "source.ip" }} が {{ $values.Ar.Value }} 個のアカウントでログオンに失敗',
    '{{ index $labels "source.ip" }} failed against {{ $values.Ar.Value }} accounts',
  ),
  description: bi(
    '1つの送信元 {{ index $labels "source.ip" }} が30分間に {{ $values.Ar.Value }} 個の異なるアカウントでログオンに失敗しました。パスワードスプレーの典型です。',
    'One source, {{ index $labels "source.ip" }}, failed against {{ $values.Ar.Value }} different accounts in 30 minutes: the pattern of password spraying.',
  ),
  runbook: bi(
    '1. 送信元を遮断。2. 同じ送信元からの成功ログオン (4624) を探す。3. 成功したアカウントのパスワードをリセットし、その後の操作を追う。',
    '1. Block the source. 2. Look for successful logons (4624) from it. 3. Reset the passwords of accounts that succeeded and follow what they did next.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'logon-failures-sources',
  scenario: { id: 'password-spray', label: F.sourceIp, value: '203.0.113.77' },
});
