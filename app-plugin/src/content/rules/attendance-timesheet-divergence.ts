import { FIELD as F } from '@kansa/schema/fields';

import { ATTENDANCE_UID } from '../dashboards/attendance';
import { attendance } from '../queries';
import { bi } from '../text';
import { DAY, rule } from './model';

export default rule({
  id: 'attendance-timesheet-divergence',
  useCase: 'attendance',
  point: 'attendance.timesheet-divergence',
  severity: 'warning',
  title: bi('自己申告との乖離', 'Timesheet differs from the logs'),
  threshold: 0,
  thresholdWhy: bi(
    '厚労省の労働時間把握ガイドラインは、客観的記録 (PC・入退室) と自己申告の乖離を調査するよう求めています。データソースの基準 (既定30分) を超えた日が過去31日に1日でもあれば通知します。',
    'The MHLW guideline on working-time records asks employers to look into every gap between objective records (PC, doors) and the self-report. One day in the last 31 beyond the data source’s threshold (default 30 min) alerts.',
  ),
  for: '0s',
  // 31 days: timesheets are often imported after the month closes, so the window covers a whole month.
  queries: () => [{ refId: 'A', query: attendance('divergence-series'), fromSeconds: 31 * DAY, intervalMs: 86400000 }],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} の申告と PC ログに乖離',
    '{{ index $labels "user.name" }}: the timesheet differs from the logs',
  ),
  description: bi(
    '{{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) の過去31日で、申告した始業・終業と PC・入退室の記録の差が基準を超えた日が {{ $values.Ar.Value }} 日あります。',
    '{{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) has {{ $values.Ar.Value }} days in the last 31 whose reported start or end differs from the PC and door records by more than the threshold.',
  ),
  runbook: bi(
    '1. 勤務実態ページの乖離リストで日付と種類 (申告外の早出・残業、活動のない申告、休日の活動) を確認。2. 本人と上長に事情を聞く (業務か私用か)。3. 業務ならタイムシートを訂正し、未払いの残業がないか確かめる (サービス残業の防止)。',
    '1. Open the 乖離 list on the attendance page for the dates and kinds (unreported early start or late work, reported without activity, activity on a day off). 2. Ask the person and their manager whether it was work. 3. If it was, correct the timesheet and check for unpaid overtime.',
  ),
  dashboardUid: ATTENDANCE_UID,
  panelKey: 'timesheet-divergence',
  scenario: { id: 'timesheet-divergence', label: F.userName, value: 'aoki.d' },
});
