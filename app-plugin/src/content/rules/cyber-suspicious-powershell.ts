import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-suspicious-powershell',
  useCase: 'cyber',
  point: 'cyber.powershell',
  severity: 'high',
  title: bi('不審な PowerShell', 'Suspicious PowerShell'),
  threshold: 0,
  thresholdWhy: bi(
    'エンコードされたコマンドやダウンロードクレードルは正規の業務ではまず使いません。',
    'Encoded commands and download cradles are rarely legitimate.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.SUSPICIOUS_POWERSHELL, { groupBy: [by(F.hostName, 50)], interval: '1m' }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "host.name" }} で不審な PowerShell',
    'Suspicious PowerShell on {{ index $labels "host.name" }}',
  ),
  description: bi(
    '{{ index $labels "host.name" }} で不審な PowerShell が {{ $values.Ar.Value }} 件 (4104 のダウンロードクレードル、4688 の -enc)。',
    '{{ $values.Ar.Value }} suspicious PowerShell events on {{ index $labels "host.name" }} (4104 download cradles, 4688 -enc).',
  ),
  runbook: bi(
    '1. スクリプトブロックを読み、接続先を確認。2. 親プロセス (Office など) を確認。3. 端末を隔離し、接続先をプロキシで遮断。',
    '1. Read the script block and find where it connects. 2. Check the parent process (e.g. Office). 3. Isolate the PC and block the destination at the proxy.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'powershell-suspicious',
  scenario: { id: 'encoded-powershell', label: F.hostName, value: 'PC0005' },
});
