import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { and, by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'insider-server-mass-reads',
  useCase: 'insider',
  point: 'insider.server-mass-reads',
  severity: 'high',
  title: bi('重要サーバーでの大量読み取り', 'Mass reads on file servers'),
  threshold: 30,
  thresholdWhy: bi(
    'ファイルサーバーでの通常の閲覧は30分に十数件。30件を超えると持ち出し準備の可能性があります。',
    'Normal work reads a dozen files on a file server in 30 minutes; more than 30 may be preparation for a leak.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(and(S.FILE_READS, S.FILE_SERVERS), { groupBy: [by(F.userName, 50)], interval: '1m' }),
      fromSeconds: 30 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} がファイルサーバーで {{ $values.Ar.Value }} 件読み取り',
    '{{ index $labels "user.name" }} read {{ $values.Ar.Value }} files on file servers',
  ),
  description: bi(
    '{{ index $labels "user.name" }} が30分間にファイルサーバーで {{ $values.Ar.Value }} 件のファイルを読み取りました。',
    '{{ index $labels "user.name" }} read {{ $values.Ar.Value }} files on file servers in 30 minutes.',
  ),
  runbook: bi(
    '1. 読み取ったフォルダが本人の業務範囲か確認。2. 同時間帯のコピー・USB・送信を確認。3. 必要なら上長と人事に連絡。',
    '1. Check the folders against the user’s job. 2. Check copies, USB and uploads around the same time. 3. Involve the manager and HR if needed.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'server-reads-by-user',
  scenario: { id: 'admin-reads-hr', label: F.userName, value: 'ishikawa.t' },
});
