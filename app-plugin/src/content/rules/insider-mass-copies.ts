import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { HOUR, rule } from './model';

export default rule({
  id: 'insider-mass-copies',
  useCase: 'insider',
  point: 'insider.server-mass-copies',
  severity: 'high',
  title: bi('大量コピー', 'Mass copies'),
  threshold: 50,
  thresholdWhy: bi(
    '1時間に50件を超えるファイル作成 (ファイルサーバー・リムーバブル) は一括コピーです。',
    'More than 50 files created in an hour on file servers or removable drives is a bulk copy.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.FILE_COPIES, { groupBy: [by(F.userName, 50)], interval: '5m' }),
      fromSeconds: HOUR,
      intervalMs: 300000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が1時間で {{ $values.Ar.Value }} 件をコピー',
    '{{ index $labels "user.name" }} copied {{ $values.Ar.Value }} files in one hour',
  ),
  description: bi(
    '{{ index $labels "user.name" }} が1時間にファイルサーバーまたはリムーバブルドライブへ {{ $values.Ar.Value }} 件のファイルを作成しました。',
    '{{ index $labels "user.name" }} created {{ $values.Ar.Value }} files on file servers or removable drives in one hour.',
  ),
  runbook: bi(
    '1. コピー先 (USB か共有か) を確認。2. 元ファイルの機密度を確認。3. USB なら回収し、本人に確認。',
    '1. Find where the copies went (USB or share). 2. Check how sensitive the originals are. 3. For USB, recover the device and talk to the user.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'server-copies-by-user',
});
