import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-ids-high-severity',
  useCase: 'cyber',
  point: 'cyber.ids-threats',
  severity: 'critical',
  title: bi(
    '社内ホストへの重大な脅威検知 (IDS・ファイアウォール)',
    'High-severity threat against an internal host (IDS, firewall)',
  ),
  threshold: 0,
  thresholdWhy: bi(
    'Suricata の優先度 1、PAN-OS の high・critical は攻撃そのもの (エクスプロイト、マルウェア通信) のシグネチャです。宛先が社内のものは1件ごとに確認します。情報・ポリシー系 (重大度 3 以下) は通知しません。',
    'Suricata priority 1 and PAN-OS high or critical signatures are attacks themselves (exploits, malware traffic); each one against an internal address is checked. Informational and policy signatures (severity 3 and below) never alert.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.HIGH_THREATS_TO_INTERNAL, {
        groupBy: [by(F.destinationIp, 50), by(F.ruleName, 10)],
        interval: '1m',
      }),
      fromSeconds: 10 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "destination.ip" }} への重大な脅威: {{ index $labels "rule.name" }}',
    'High-severity threat against {{ index $labels "destination.ip" }}: {{ index $labels "rule.name" }}',
  ),
  description: bi(
    '社内の {{ index $labels "destination.ip" }} を宛先とする「{{ index $labels "rule.name" }}」を {{ $values.Ar.Value }} 件検知しました (IDS・ファイアウォールの脅威ログ)。',
    '{{ $values.Ar.Value }} alerts "{{ index $labels "rule.name" }}" against the internal address {{ index $labels "destination.ip" }} (IDS and firewall threat logs).',
  ),
  runbook: bi(
    '1. 送信元 (社内 PC なら感染の疑い) と宛先ホストを特定。2. 送信元 PC の直前のプロセス・PowerShell・通信を確認。3. 攻撃が続くなら送信元を隔離し、宛先のパッチ適用状況とログオンを確認。',
    '1. Identify the source (an internal PC suggests an infection) and the target host. 2. Check the source PC’s processes, PowerShell and connections just before. 3. If it continues, isolate the source; check the target’s patches and logons.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'threat-alerts',
  scenario: { id: 'ids-lateral-smb-exploit', label: F.destinationIp, value: '10.0.0.21' },
});
