import { FIELD } from '@kansa/schema/src/generated/fields';
import { Alert, Badge, Button, Field, Input, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import type { KansaQuery, WorkdaySettings } from '../../../datasource-plugin/src/types';
import type { Language } from '../language';
import { downloadCsv, toCsv } from './csv';
import { hours, luceneValue, monthRange } from './period';
import { rowsOf, runQueries } from './query';

export interface SheetRow {
  user: string;
  display_name: string;
  department: string;
  date: string;
  first_activity: number | null;
  last_activity: number | null;
  working_minutes: number;
  break_minutes: number;
  overtime_minutes: number;
  late_night_minutes: number;
  holiday: boolean;
  rest_interval_hours: number | null;
  rest_violation: boolean;
  missing_logoff: boolean;
}

const T = {
  ja: {
    heading: '勤怠表',
    month: '対象月',
    department: '部署',
    user: 'ユーザー',
    show: '表示',
    csv: 'CSV 出力',
    loading: '集計しています…',
    people: '人数',
    days: '勤務日数',
    working: '勤務時間合計',
    overtime: '残業時間合計',
    violations: 'インターバル不足',
    ranking: '残業ランキング',
    rest: '勤務間インターバル不足',
    sheet: '日別の勤怠',
    none: '該当する記録はありません。',
    over45: '月45時間超',
    columns: ['ユーザー', '氏名', '部署', '日付', '始業', '終業', '勤務(時間)', '休憩(分)', '残業(分)', '深夜(分)', '休日', 'インターバル(時間)', 'インターバル不足', 'ログオフなし'],
  },
  en: {
    heading: 'Attendance sheet',
    month: 'Month',
    department: 'Department',
    user: 'User',
    show: 'Show',
    csv: 'Export CSV',
    loading: 'Counting…',
    people: 'People',
    days: 'Working days',
    working: 'Total working time',
    overtime: 'Total overtime',
    violations: 'Short rest intervals',
    ranking: 'Overtime ranking',
    rest: 'Rest-interval violations',
    sheet: 'Daily records',
    none: 'No records match.',
    over45: 'over 45 h a month',
    columns: ['User', 'Name', 'Department', 'Date', 'First activity', 'Last activity', 'Working (h)', 'Break (min)', 'Overtime (min)', 'Late night (min)', 'Day off', 'Rest interval (h)', 'Short rest', 'No logoff'],
  },
};

/** The monthly 36協定 general limit, in minutes. */
const MONTHLY_OVERTIME_LIMIT = 45 * 60;

const time = (ms: number | null, timezone: string) =>
  ms === null ? '' : new Date(ms).toLocaleTimeString('ja-JP', { timeZone: timezone, hour: '2-digit', minute: '2-digit' });

export function sheetQuery(department: string, user: string, workday?: WorkdaySettings): KansaQuery {
  const query = [department && `${FIELD.kansaUserDepartment}:${luceneValue(department)}`, user && `${FIELD.userName}:${luceneValue(user)}`]
    .filter(Boolean)
    .join(' AND ');
  return { refId: 'sheet', queryType: 'attendance', attendanceView: 'sheet', query, ...(workday ? { workday } : {}) };
}

export function overtimeRanking(rows: SheetRow[]): Array<{ user: string; display_name: string; minutes: number }> {
  const byUser = new Map<string, { user: string; display_name: string; minutes: number }>();
  for (const r of rows) {
    const u = byUser.get(r.user) ?? { user: r.user, display_name: r.display_name, minutes: 0 };
    u.minutes += r.overtime_minutes;
    byUser.set(r.user, u);
  }
  return [...byUser.values()].sort((a, b) => b.minutes - a.minutes);
}

export function sheetCsv(rows: SheetRow[], language: Language, timezone: string): string {
  return toCsv(
    T[language].columns,
    rows.map((r) => [
      r.user,
      r.display_name,
      r.department,
      r.date,
      time(r.first_activity, timezone),
      time(r.last_activity, timezone),
      hours(r.working_minutes),
      Math.round(r.break_minutes),
      Math.round(r.overtime_minutes),
      Math.round(r.late_night_minutes),
      r.holiday ? '1' : '0',
      r.rest_interval_hours === null ? '' : r.rest_interval_hours.toFixed(1),
      r.rest_violation ? '1' : '0',
      r.missing_logoff ? '1' : '0',
    ])
  );
}

interface Props {
  language: Language;
  dataSourceUid: string;
  workday?: WorkdaySettings;
  /** The month shown first, YYYY-MM. */
  initialMonth: string;
}

export function AttendancePage({ language, dataSourceUid, workday, initialMonth }: Props) {
  const t = T[language];
  const timezone = workday?.timezone ?? 'Asia/Tokyo';
  const [month, setMonth] = useState(initialMonth);
  const [department, setDepartment] = useState('');
  const [user, setUser] = useState('');
  const [rows, setRows] = useState<SheetRow[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const show = async () => {
    setLoading(true);
    setError(undefined);
    try {
      const { from, to } = monthRange(month, timezone);
      const outcome = await runQueries(dataSourceUid, [sheetQuery(department.trim(), user.trim(), workday)], from, to);
      if (outcome.status === 'failed') {
        setError(outcome.error);
        setRows(undefined);
      } else {
        setRows(rowsOf(outcome.frames.sheet?.[0]) as unknown as SheetRow[]);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  const ranking = rows ? overtimeRanking(rows) : [];
  const violations = rows?.filter((r) => r.rest_violation) ?? [];
  const total = (k: 'working_minutes' | 'overtime_minutes') => (rows ?? []).reduce((a, r) => a + r[k], 0);

  return (
    <Stack direction="column" gap={2}>
      <Text element="h2">{t.heading}</Text>
      <Stack direction="row" gap={1} alignItems="flex-end" wrap="wrap">
        <Field label={t.month}>
          <Input id="kansa-month" type="month" value={month} onChange={(e: ChangeEvent<HTMLInputElement>) => setMonth(e.currentTarget.value)} />
        </Field>
        <Field label={t.department}>
          <Input id="kansa-department" value={department} onChange={(e: ChangeEvent<HTMLInputElement>) => setDepartment(e.currentTarget.value)} />
        </Field>
        <Field label={t.user}>
          <Input id="kansa-user" value={user} onChange={(e: ChangeEvent<HTMLInputElement>) => setUser(e.currentTarget.value)} />
        </Field>
        <Field label="">
          <Button onClick={show}>{t.show}</Button>
        </Field>
        {rows && rows.length > 0 && (
          <Field label="">
            <Button variant="secondary" icon="download-alt" onClick={() => downloadCsv(`kansa-attendance-${month}.csv`, sheetCsv(rows, language, timezone))}>
              {t.csv}
            </Button>
          </Field>
        )}
      </Stack>
      {error && <Alert title={error} severity="error" />}
      {loading && <LoadingPlaceholder text={t.loading} />}
      {rows && rows.length === 0 && <Text>{t.none}</Text>}
      {rows && rows.length > 0 && (
        <>
          <dl aria-label="totals" style={{ display: 'grid', gridTemplateColumns: 'repeat(5, max-content)', columnGap: 24 }}>
            <dt>{t.people}</dt>
            <dt>{t.days}</dt>
            <dt>{t.working}</dt>
            <dt>{t.overtime}</dt>
            <dt>{t.violations}</dt>
            <dd>{new Set(rows.map((r) => r.user)).size}</dd>
            <dd>{rows.length}</dd>
            <dd>{hours(total('working_minutes'))} h</dd>
            <dd>{hours(total('overtime_minutes'))} h</dd>
            <dd>{violations.length}</dd>
          </dl>
          <Text element="h3">{t.ranking}</Text>
          <ol aria-label={t.ranking}>
            {ranking.slice(0, 10).map((r) => (
              <li key={r.user}>
                {r.display_name} ({r.user}) {hours(r.minutes)} h{' '}
                {r.minutes > MONTHLY_OVERTIME_LIMIT && <Badge color="red" text={t.over45} />}
              </li>
            ))}
          </ol>
          <Text element="h3">{t.rest}</Text>
          <ul aria-label={t.rest}>
            {violations.map((r) => (
              <li key={`${r.user}-${r.date}`}>
                {r.date} {r.display_name} ({r.user}) {r.rest_interval_hours?.toFixed(1)} h
              </li>
            ))}
          </ul>
          <Text element="h3">{t.sheet}</Text>
          <table aria-label={t.sheet} style={{ borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                {t.columns.map((c) => (
                  <th key={c} style={{ textAlign: 'left', padding: '2px 8px' }}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.user}-${r.date}`} data-violation={r.rest_violation || undefined} style={r.rest_violation ? { background: 'rgba(224, 47, 68, 0.25)' } : undefined}>
                  <td>{r.user}</td>
                  <td>{r.display_name}</td>
                  <td>{r.department}</td>
                  <td>{r.date}</td>
                  <td>{time(r.first_activity, timezone)}</td>
                  <td>{time(r.last_activity, timezone)}</td>
                  <td>{hours(r.working_minutes)}</td>
                  <td>{Math.round(r.break_minutes)}</td>
                  <td>{Math.round(r.overtime_minutes)}</td>
                  <td>{Math.round(r.late_night_minutes)}</td>
                  <td>{r.holiday ? '✓' : ''}</td>
                  <td>{r.rest_interval_hours === null ? '' : r.rest_interval_hours.toFixed(1)}</td>
                  <td>{r.rest_violation ? '✓' : ''}</td>
                  <td>{r.missing_logoff ? '✓' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Stack>
  );
}
