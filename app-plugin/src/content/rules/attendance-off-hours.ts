import { FIELD as F } from '@kansa/schema/fields';

import { ATTENDANCE_UID } from '../dashboards/attendance';
import { and, by, metrics } from '../queries';
import * as S from '../signals';
import { bi } from '../text';
import { excludedDepartments, offHours } from './off-hours';
import { HOUR, rule } from './model';

export default rule({
  id: 'attendance-off-hours',
  useCase: 'attendance',
  point: 'attendance.late-night-holiday',
  severity: 'warning',
  title: bi('深夜・休日の PC 利用', 'Late-night or day-off PC use'),
  threshold: 0,
  thresholdWhy: bi(
    '深夜 (22〜5時) と休日の PC 利用は事前申請が前提。申請の有無を確かめるため1件で通知します。深夜・休日は本人のカレンダー (名簿の calendar 列、データソースの勤務カレンダー) で判断し、夜勤の所定シフト内の深夜は通知しません (深夜割増の対象であることは勤怠表に出ます)。部署ごとの除外はカレンダーで表せない勤務のためだけに残しています。',
    "Late-night (22:00–05:00) and day-off PC use needs prior approval, so one session event alerts. Late night and days off follow the person's calendar (the directory's calendar column, the data source's working calendars): a night shift's scheduled nights do not alert (their late-night premium still shows on the attendance sheet). Exempting a whole department is left only for schedules no calendar describes.",
  ),
  for: '0s',
  queries: (s) => [
    {
      refId: 'A',
      query: metrics(and(S.PC_SESSIONS, offHours(s), excludedDepartments(s)), {
        groupBy: [by(F.userName, 100), by(F.kansaUserDepartment, 1)],
        interval: '5m',
      }),
      fromSeconds: HOUR,
      intervalMs: 300000,
    },
  ],
  reducer: 'sum',
  summary: bi(
    '{{ index $labels "user.name" }} が深夜・休日に PC を使用',
    '{{ index $labels "user.name" }} used a PC late at night or on a day off',
  ),
  description: bi(
    '{{ index $labels "user.name" }} の PC 操作 (ログオン・ロック解除など) が深夜または休日に {{ $values.Ar.Value }} 件ありました。',
    '{{ index $labels "user.name" }} had {{ $values.Ar.Value }} PC session events late at night or on a day off.',
  ),
  runbook: bi(
    '1. 勤怠表で当日の始業・終業を確認。2. 事前申請と照合。3. 申請がなければ上長に連絡 (長時間労働・不正の両面で)。',
    '1. Check the day on the attendance sheet. 2. Match it to an approval. 3. Without one, tell the manager (overwork or misuse).',
  ),
  dashboardUid: ATTENDANCE_UID,
  panelKey: 'late-night-holiday',
  scenario: { id: 'late-night-work', label: F.userName, value: 'shimizu.m' },
});
