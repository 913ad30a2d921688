import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-mass-renames',
  useCase: 'cyber',
  point: 'cyber.mass-renames',
  severity: 'critical',
  title: bi('大量のリネーム (ランサムウェア)', 'Mass renames (ransomware)'),
  threshold: 50,
  thresholdWhy: bi(
    '人の作業で5分に50件のリネームはまずなく、暗号化の典型的な速さです。',
    'People do not rename 50 files in 5 minutes; ransomware does.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.FILE_RENAMES, { groupBy: [by(F.userName, 50)], interval: '1m' }),
      fromSeconds: 5 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が5分で {{ $values.Ar.Value }} 件をリネーム (ランサムウェアの疑い)',
    '{{ index $labels "user.name" }} renamed {{ $values.Ar.Value }} files in 5 minutes (possible ransomware)',
  ),
  description: bi(
    '{{ index $labels "user.name" }} のアカウントで5分間に {{ $values.Ar.Value }} 件のリネームがありました。ランサムウェアによる暗号化の可能性があります。',
    '{{ $values.Ar.Value }} renames in 5 minutes under {{ index $labels "user.name" }}: ransomware may be encrypting files.',
  ),
  runbook: bi(
    '1. 該当 PC をネットワークから切り離す。2. リネームしたプロセスを確認 (サイバー攻撃対策ダッシュボード)。3. 影響したフォルダをバックアップから復元。',
    '1. Disconnect the PC from the network. 2. Identify the renaming process (Cyber attack dashboard). 3. Restore the affected folders from backup.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'renames-by-user',
  scenario: { id: 'ransomware-rename-burst', label: F.userName, value: 'yamaguchi.r' },
});
