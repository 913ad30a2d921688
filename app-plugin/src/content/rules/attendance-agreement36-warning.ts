import { ATTENDANCE_UID } from '../dashboards/attendance';
import { attendance } from '../queries';
import { bi } from '../text';
import { DAY, rule } from './model';

export default rule({
  id: 'attendance-agreement36-warning',
  useCase: 'attendance',
  point: 'attendance.overtime-limits',
  severity: 'warning',
  title: bi('36協定の上限が近い', 'Approaching a 36 agreement limit'),
  threshold: 0,
  thresholdWhy: bi(
    '状態 1 (注意): 15日までに月の上限の80%、月の後半に入って今のペースで月末に上限超え・100時間到達の見込み、2〜6か月平均・年の上限の80%、特別条項の回数を使い切った。違反になる前に業務を調整するための通知です (割合はデータソースの warnRatio)。',
    'Status 1 (warning): 80 % of the monthly limit by the 15th, from mid-month a pace that ends the month over the limit or at 100 h, 80 % of the average or annual limit, or every month the special clause allows used. It comes before the violation, to adjust the workload (ratio: the data source’s warnRatio).',
  ),
  for: '0s',
  queries: () => [{ refId: 'A', query: attendance('agreement36-series'), fromSeconds: DAY, intervalMs: 86400000 }],
  reducer: 'max',
  // Level 1 only: a violation is the other rule's.
  math: '$Ar > $T && $Ar < 2',
  summary: bi(
    '{{ index $labels "user.name" }} が36協定の上限に近づいています',
    '{{ index $labels "user.name" }} is approaching a 36 agreement limit',
  ),
  description: bi(
    '{{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) の時間外・休日労働が36協定の上限に近づいています。勤務実態ページの36協定の表の警告欄と月末見込みを確認してください。',
    '{{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) is approaching a 36 agreement limit; the attendance page’s 36 agreement table shows the warning and the month-end projection.',
  ),
  runbook: bi(
    '1. 勤務実態ページで警告の種類 (月の上限・100時間・平均・年・特別条項の回数) と月末見込みを確認。2. 上長と残りの日の業務を調整。3. 特別条項を使う場合は協定の手続き (届出・健康確保措置) を確認。',
    '1. Check the kind of warning (monthly, 100 h, average, annual, special-clause months) and the projection on the attendance page. 2. Adjust the rest of the month with the manager. 3. If the special clause is used, follow its procedure (notice, health measures).',
  ),
  dashboardUid: ATTENDANCE_UID,
  panelKey: 'agreement36',
});
