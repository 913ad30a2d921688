import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { MINUTE, rule } from './model';

export default rule({
  id: 'cyber-mass-file-reads',
  useCase: 'cyber',
  point: 'cyber.mass-file-reads',
  severity: 'high',
  title: bi('大量のファイル読み取り', 'Mass file reads'),
  threshold: 200,
  thresholdWhy: bi(
    '業務での閲覧は15分で数十件まで。200件を超えるのは一括収集です。',
    'Work reads a few dozen files in 15 minutes; more than 200 is bulk collection.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.FILE_READS, { groupBy: [by(F.userName, 50)], interval: '1m' }),
      fromSeconds: 15 * MINUTE,
      intervalMs: 60000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が15分で {{ $values.Ar.Value }} 件のファイルを読み取り',
    '{{ index $labels "user.name" }} read {{ $values.Ar.Value }} files in 15 minutes',
  ),
  description: bi(
    '{{ index $labels "user.name" }} が15分間に {{ $values.Ar.Value }} 件のファイルを読み取りました (集約済みの 4663 ReadData / 5145)。',
    '{{ index $labels "user.name" }} read {{ $values.Ar.Value }} files in 15 minutes (condensed 4663 ReadData / 5145).',
  ),
  runbook: bi(
    '1. 読み取ったフォルダを確認。2. 本人と上長に業務目的を確認。3. 外部への送信 (持ち出し行) や USB を同じ時間帯で確認。',
    '1. See which folders were read. 2. Ask the user and their manager for the business reason. 3. Check exfiltration (uploads, USB) around the same time.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'file-reads-by-user',
  scenario: { id: 'mass-file-reads', label: F.userName, value: 'takahashi.n' },
});
