import { FIELD as F } from '@kansa/schema/fields';

import { INSIDER_UID } from '../dashboards/insider';
import { riskDaily } from '../queries';
import { bi } from '../text';
import { DAY, rule } from './model';

/** Days scored on less history than this are left out: a new starter's first weeks are unusual by definition. */
const MIN_CONFIDENCE = 0.5;

export default rule({
  id: 'insider-risk-score',
  useCase: 'insider',
  point: 'insider.risk-score',
  severity: 'high',
  title: bi('リスクスコアの高いユーザー', 'User with a high risk score'),
  threshold: 50,
  thresholdWhy: bi(
    '1日のリスクスコア (本人の普段・同じ部署と比べた行動の珍しさと量の合計) が50を超えたとき。リスクスコアのランキングで「要注意の日」とする値と同じです。履歴が少なく信頼度が50%未満の日は数えません。',
    'When a day’s risk score (how unusual and how much the behaviour is against the user’s own baseline and their department’s, summed) exceeds 50, the value from which the risk ranking counts a day as flagged. Days scored on too little history (confidence below 50%) do not count.',
  ),
  for: '0s',
  queries: () => [{ refId: 'A', query: riskDaily(MIN_CONFIDENCE), fromSeconds: 2 * DAY, intervalMs: 86400000 }],
  reducer: 'max',
  summary: bi(
    '{{ index $labels "kansa.user.display_name" }} ({{ index $labels "user.name" }}) のリスクスコアが {{ $values.Ar.Value }}',
    'Risk score {{ $values.Ar.Value }} for {{ index $labels "kansa.user.display_name" }} ({{ index $labels "user.name" }})',
  ),
  description: bi(
    '{{ index $labels "kansa.user.department" }} の {{ index $labels "user.name" }} の1日のリスクスコアが {{ $values.Ar.Value }} (直近2日の最大)。主な理由: {{ index $labels "reasons" }}',
    'The daily risk score of {{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) reached {{ $values.Ar.Value }} (highest of the last 2 days). Main reasons: {{ index $labels "reasons" }}',
  ),
  runbook: bi(
    '1. 人物ページでその日のタイムラインと理由を確認。2. 業務上の理由 (異動・新しい担当・繁忙期) があるか上長に確認。3. 説明がつかなければ内部不正の調査を開始し、必要なら監視リストに追加。',
    '1. Open the person page for that day’s timeline and reasons. 2. Ask the manager whether work explains it (a transfer, a new assignment, a busy season). 3. If nothing does, open an insider investigation and add the user to the watchlist if needed.',
  ),
  dashboardUid: INSIDER_UID,
  panelKey: 'risk-ranking',
  scenario: { id: 'leaver-exfiltration', label: F.userName, value: 'sakamoto.a' },
});
