import { FIELD as F } from '@kansa/schema/fields';

import { CYBER_UID } from '../dashboards/cyber';
import { by, metrics, sum } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { DAY, rule } from './model';

export default rule({
  id: 'cyber-large-upload',
  useCase: 'cyber',
  point: 'cyber.large-transfer',
  severity: 'high',
  title: bi('IP ごとの大量送信', 'Large upload from one IP'),
  threshold: 1073741824,
  thresholdWhy: bi(
    '直近1時間 (時間単位の区切り) に 1 GiB を超え、かつその IP の過去7日の1時間平均の10倍を超えたときだけ。バックアップ等の常時大量な IP は自分の基準で外れます。',
    'Over 1 GiB in an hour and over 10 times that IP’s hourly average of the last 7 days, so IPs that always send a lot (backups) stay quiet.',
  ),
  for: '0s',
  queries: () => [
    {
      refId: 'A',
      query: metrics(S.TRAFFIC, {
        metrics: [sum(F.sourceBytes, 'bytes')],
        groupBy: [by(F.sourceIp, 50, 'bytes')],
        interval: '1h',
      }),
      fromSeconds: 7 * DAY,
      intervalMs: 3600000,
    },
  ],
  reducers: [
    { refId: 'Ar', of: 'A', reducer: 'last' },
    { refId: 'Am', of: 'A', reducer: 'mean' },
  ],
  reducer: 'sum',
  math: '$Ar > $T && $Ar > 10 * $Am',
  summary: bi(
    '{{ index $labels "source.ip" }} が1時間で大量送信',
    'Large upload from {{ index $labels "source.ip" }} in one hour',
  ),
  description: bi(
    '{{ index $labels "source.ip" }} が1時間に {{ humanize1024 $values.Ar.Value }}B を送信しました。過去7日の同じ IP の1時間平均は {{ humanize1024 $values.Am.Value }}B です。',
    '{{ index $labels "source.ip" }} sent {{ humanize1024 $values.Ar.Value }}B in one hour; its hourly average over the last 7 days is {{ humanize1024 $values.Am.Value }}B.',
  ),
  runbook: bi(
    '1. 宛先ドメイン (プロキシ) とカテゴリを確認。2. クラウドストレージへの送信なら利用者に確認。3. 不正なら端末と宛先を遮断。',
    '1. Find the destination domain and category in the proxy logs. 2. For cloud storage, ask the user. 3. Block the PC and the destination if unauthorised.',
  ),
  dashboardUid: CYBER_UID,
  panelKey: 'upload-by-ip',
  scenario: { id: 'large-upload', label: F.sourceIp, value: '10.0.1.19' },
});
