import { FIELD as F } from '@kansa/schema/fields';

import { ATTENDANCE_UID } from '../dashboards/attendance';
import { attendance } from '../queries';
import { bi } from '../text';
import { DAY, rule } from './model';

export default rule({
  id: 'attendance-agreement36-violation',
  useCase: 'attendance',
  point: 'attendance.overtime-limits',
  severity: 'high',
  title: bi('36協定の上限超過', '36 agreement limit exceeded'),
  threshold: 1,
  thresholdWhy: bi(
    '状態 2 (違反): 特別条項なしの月45時間・年360時間超、時間外+休日労働の月100時間以上、2〜6か月平均80時間超、年720時間超、45時間超の月が上限回数を超えた。いずれも労基法36条の罰則付き上限です。',
    'Status 2 (violation): over 45 h a month or 360 h a year without a special clause, 100 h or more of overtime plus holiday work in a month, a 2–6-month average over 80 h, over 720 h a year, or more months over 45 h than the clause allows — each a limit of art. 36 with penalties.',
  ),
  for: '0s',
  // The query reads back to the agreement year's start whatever the window: one day is enough to name the month.
  queries: () => [{ refId: 'A', query: attendance('agreement36-series'), fromSeconds: DAY, intervalMs: 86400000 }],
  reducer: 'max',
  summary: bi(
    '{{ index $labels "user.name" }} が36協定の上限を超えました',
    '{{ index $labels "user.name" }} is over a 36 agreement limit',
  ),
  description: bi(
    '{{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) の今月の時間外労働・休日労働が36協定の上限を超えています。勤務実態ページの36協定の表で超えた上限 (警告欄) を確認してください。',
    '{{ index $labels "user.name" }} ({{ index $labels "kansa.user.department" }}) is over a 36 agreement limit this month; the attendance page’s 36 agreement table names the limit in its warnings column.',
  ),
  runbook: bi(
    '1. 勤務実態ページ (月・部署) で本人の時間外・休日労働・2〜6か月平均・年累計を確認。2. 上長と業務量を調整し、時間外・休日労働を止める。3. 医師による面接指導 (月80時間超の時間外・休日労働で本人の申出) の案内と、労基署への説明に備えて記録を保存。',
    '1. Check the person’s overtime, holiday work, 2–6-month averages and year to date on the attendance page (month, department). 2. Stop further overtime and holiday work with the manager. 3. Offer the physician interview (over 80 h of overtime and holiday work) and keep the records.',
  ),
  dashboardUid: ATTENDANCE_UID,
  panelKey: 'agreement36',
  scenario: { id: 'agreement36-average', label: F.userName, value: 'kobayashi.m' },
});
