import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-logon-failures',
  useCase: 'cyber',
  point: 'cyber.logon-failures',
  severity: 'high',
  title: bi('大量のログオン失敗', 'Mass logon failures'),
  threshold: 20,
  thresholdWhy: bi(
    '人の打ち間違いは10分に数回まで。20回を超えるのは自動化された推測です。',
    'People mistype a few times in 10 minutes; more than 20 failures is automated guessing.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.LOGON_FAILURES, { groupBy: [by(F.sourceIp, 50)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "source.ip" }} からログオン失敗が10分で {{ $values.Ar.Value }} 回',
    '{{ $values.Ar.Value }} logon failures in 10 minutes from {{ index $labels "source.ip" }}',
  ),
  description: bi(
    '送信元 {{ index $labels "source.ip" }} が10分間に {{ $values.Ar.Value }} 回ログオンに失敗しました (Windows 4625/4771/4776、sshd)。',
    'Source {{ index $labels "source.ip" }} failed to log on {{ $values.Ar.Value }} times in 10 minutes (Windows 4625/4771/4776, sshd).',
  ),
  runbook: bi(
    '1. 社外の送信元ならファイアウォールで遮断。2. 試されたアカウントに成功ログオンがないか確認。3. 成功があればパスワードをリセットし、そのセッションを調査。',
    '1. Block an external source at the firewall. 2. Check the accounts it tried for a successful logon. 3. If one succeeded, reset its password and investigate that session.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'logon-failures-by-ip',
  scenario: { id: 'ssh-brute-force', label: F.sourceIp, value: '198.51.100.23' },
});
