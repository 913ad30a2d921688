import { css } from '@emotion/css';
import { FIELD } from '@kansa/schema/fields';
import { t } from '@grafana/i18n';
import { PluginPage } from '@grafana/runtime';
import { Alert, Badge, Button, Field, Input, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { type ChangeEvent, useState } from 'react';

import type { KansaQuery, WorkdaySettings } from '../../../datasource-plugin/src/types';
import { DEFAULT_DATASOURCE_UID, type KansaAppSettings } from '../types';
import { downloadCsv, toCsv } from './csv';
import { hours, localDate, luceneValue, monthRange } from './period';
import { rowsOf, runQueries } from './query';
import { DataTable } from '../components/DataTable/DataTable';
import { AttendanceReport, type AgreementRow, type DivergenceRow } from './AttendanceReport';

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

/** The sheet's columns, on screen and in the CSV. */
const columns = () => [
  t('attendance.column.user', 'User'),
  t('attendance.column.name', 'Name'),
  t('attendance.column.department', 'Department'),
  t('attendance.column.date', 'Date'),
  t('attendance.column.first', 'First activity'),
  t('attendance.column.last', 'Last activity'),
  t('attendance.column.working', 'Working (h)'),
  t('attendance.column.break', 'Break (min)'),
  t('attendance.column.overtime', 'Overtime (min)'),
  t('attendance.column.late-night', 'Late night (min)'),
  t('attendance.column.day-off', 'Day off'),
  t('attendance.column.rest', 'Rest interval (h)'),
  t('attendance.column.short-rest', 'Short rest'),
  t('attendance.column.no-logoff', 'No logoff'),
];

// On paper only the report matters: the controls and Grafana's chrome are left out.
const printable = css({
  '@media print': {
    '.kansa-no-print': { display: 'none' },
    table: { fontSize: '9pt', width: '100%' },
    'h3, table': { breakInside: 'avoid-page' },
  },
});

/** The monthly 36協定 general limit, in minutes. */
const MONTHLY_OVERTIME_LIMIT = 45 * 60;

const time = (ms: number | null, timezone: string) =>
  ms === null
    ? ''
    : new Date(ms).toLocaleTimeString('ja-JP', { timeZone: timezone, hour: '2-digit', minute: '2-digit' });

export function sheetQuery(department: string, user: string, workday?: WorkdaySettings): KansaQuery {
  const query = [
    department && `${FIELD.kansaUserDepartment}:${luceneValue(department)}`,
    user && `${FIELD.userName}:${luceneValue(user)}`,
  ]
    .filter(Boolean)
    .join(' AND ');
  return { refId: 'sheet', queryType: 'attendance', attendanceView: 'sheet', query, ...(workday ? { workday } : {}) };
}

/** The 36協定 standing and the 乖離 of the same people and month (the report's other sections). */
export function reportQueries(sheet: KansaQuery): KansaQuery[] {
  return [
    { ...sheet, refId: 'agreement36', attendanceView: 'agreement36' },
    { ...sheet, refId: 'divergence', attendanceView: 'divergence' },
  ];
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

/** A sheet row's cells in column order; the CSV writes its flags as 1/0, the table as ✓ or nothing. */
function sheetCells(r: SheetRow, timezone: string, flag: (on: boolean) => string) {
  return [
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
    flag(r.holiday),
    r.rest_interval_hours === null ? '' : r.rest_interval_hours.toFixed(1),
    flag(r.rest_violation),
    flag(r.missing_logoff),
  ];
}

export function sheetCsv(rows: SheetRow[], timezone: string): string {
  return toCsv(
    columns(),
    rows.map((r) => sheetCells(r, timezone, (on) => (on ? '1' : '0'))),
  );
}

interface Props {
  dataSourceUid: string;
  workday?: WorkdaySettings;
  /** The month shown first, YYYY-MM. */
  initialMonth: string;
}

export function AttendancePage({ dataSourceUid, workday, initialMonth }: Props) {
  const timezone = workday?.timezone ?? 'Asia/Tokyo';
  const [month, setMonth] = useState(initialMonth);
  const [department, setDepartment] = useState('');
  const [user, setUser] = useState('');
  const [rows, setRows] = useState<SheetRow[]>();
  const [agreement, setAgreement] = useState<AgreementRow[]>([]);
  const [divergence, setDivergence] = useState<DivergenceRow[]>([]);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  const show = async () => {
    setLoading(true);
    setError(undefined);
    try {
      const { from, to } = monthRange(month, timezone);
      const sheet = sheetQuery(department.trim(), user.trim(), workday);
      const outcome = await runQueries(dataSourceUid, [sheet, ...reportQueries(sheet)], from, to);
      if (outcome.status === 'failed') {
        setError(outcome.error);
        setRows(undefined);
      } else {
        setRows(rowsOf(outcome.frames.sheet?.[0]) as unknown as SheetRow[]);
        setAgreement(rowsOf(outcome.frames.agreement36?.[0]) as unknown as AgreementRow[]);
        setDivergence(rowsOf(outcome.frames.divergence?.[0]) as unknown as DivergenceRow[]);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  const rankingLabel = t('attendance.ranking', 'Overtime ranking');
  const restLabel = t('attendance.rest', 'Rest-interval violations');
  const sheetLabel = t('attendance.sheet', 'Daily records');
  const ranking = rows ? overtimeRanking(rows) : [];
  const violations = rows?.filter((r) => r.rest_violation) ?? [];
  const total = (k: 'working_minutes' | 'overtime_minutes') => (rows ?? []).reduce((a, r) => a + r[k], 0);

  return (
    <div className={printable}>
      <Stack direction="column" gap={2}>
        <Text element="h2">{t('attendance.heading', 'Attendance sheet')}</Text>
        <Stack direction="row" gap={1} alignItems="flex-end" wrap="wrap">
          <Field label={t('attendance.month', 'Month')}>
            <Input
              id="kansa-month"
              type="month"
              value={month}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setMonth(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('attendance.department', 'Department')}>
            <Input
              id="kansa-department"
              value={department}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setDepartment(e.currentTarget.value)}
            />
          </Field>
          <Field label={t('attendance.user', 'User')}>
            <Input
              id="kansa-user"
              value={user}
              onChange={(e: ChangeEvent<HTMLInputElement>) => setUser(e.currentTarget.value)}
            />
          </Field>
          <Field label="">
            <Button onClick={show}>{t('attendance.show', 'Show')}</Button>
          </Field>
          {rows && rows.length > 0 && (
            <Field label="">
              <Button
                variant="secondary"
                icon="download-alt"
                onClick={() => downloadCsv(`kansa-attendance-${month}.csv`, sheetCsv(rows, timezone))}
              >
                {t('attendance.csv', 'Export CSV')}
              </Button>
            </Field>
          )}
        </Stack>
        {error && <Alert title={error} severity="error" />}
        {loading && <LoadingPlaceholder text={t('attendance.loading', 'Counting…')} />}
        {rows && rows.length === 0 && <Text>{t('attendance.none', 'No records match.')}</Text>}
        {rows && rows.length > 0 && (
          <>
            <dl
              aria-label="totals"
              style={{ display: 'grid', gridTemplateColumns: 'repeat(5, max-content)', columnGap: 24 }}
            >
              <dt>{t('attendance.people', 'People')}</dt>
              <dt>{t('attendance.days', 'Working days')}</dt>
              <dt>{t('attendance.working', 'Total working time')}</dt>
              <dt>{t('attendance.overtime', 'Total overtime')}</dt>
              <dt>{t('attendance.violations', 'Short rest intervals')}</dt>
              <dd>{new Set(rows.map((r) => r.user)).size}</dd>
              <dd>{rows.length}</dd>
              <dd>{hours(total('working_minutes'))} h</dd>
              <dd>{hours(total('overtime_minutes'))} h</dd>
              <dd>{violations.length}</dd>
            </dl>
            <Text element="h3">{rankingLabel}</Text>
            <ol aria-label={rankingLabel}>
              {ranking.slice(0, 10).map((r) => (
                <li key={r.user}>
                  {r.display_name} ({r.user}) {hours(r.minutes)} h{' '}
                  {r.minutes > MONTHLY_OVERTIME_LIMIT && (
                    <Badge color="red" text={t('attendance.over-45', 'over 45 h a month')} />
                  )}
                </li>
              ))}
            </ol>
            <Text element="h3">{restLabel}</Text>
            <ul aria-label={restLabel}>
              {violations.map((r) => (
                <li key={`${r.user}-${r.date}`}>
                  {r.date} {r.display_name} ({r.user}) {r.rest_interval_hours?.toFixed(1)} h
                </li>
              ))}
            </ul>
            <AttendanceReport month={month} agreement={agreement} divergence={divergence} timezone={timezone} />
            <div className="kansa-no-print">
              <Button variant="secondary" icon="file-alt" onClick={() => window.print()}>
                {t('attendance.print', 'Print')}
              </Button>
            </div>
            <Text element="h3">{sheetLabel}</Text>
            <DataTable
              label={sheetLabel}
              style={{ borderCollapse: 'collapse' }}
              header={columns()}
              rows={rows.map((r) => ({
                key: `${r.user}-${r.date}`,
                attributes: {
                  'data-violation': r.rest_violation || undefined,
                  style: r.rest_violation ? { background: 'rgba(224, 47, 68, 0.25)' } : undefined,
                },
                cells: sheetCells(r, timezone, (on) => (on ? '✓' : '')),
              }))}
            />
          </>
        )}
      </Stack>
    </div>
  );
}

/** The attendance route: this month in the configured time zone. */
export default function AttendanceRoute({ settings }: { settings: KansaAppSettings }) {
  const timezone = settings.workday?.timezone ?? 'Asia/Tokyo';
  const month = localDate(new Date(), timezone).slice(0, 7);
  return (
    <PluginPage>
      <AttendancePage
        dataSourceUid={settings.dataSourceUid || DEFAULT_DATASOURCE_UID}
        workday={settings.workday}
        initialMonth={month}
      />
    </PluginPage>
  );
}
