import { t } from '@grafana/i18n';
import { Badge, Button, Text } from '@grafana/ui';

import { DataTable } from '../components/DataTable/DataTable';
import { downloadCsv, toCsv } from './csv';

/** One person's month against the 36協定 (attendanceView agreement36), hours. */
export interface AgreementRow {
  user: string;
  display_name: string;
  department: string;
  month: string;
  status: 'ok' | 'warning' | 'violation';
  overtime_hours: number;
  within_statutory_hours: number;
  holiday_work_hours: number;
  late_night_hours: number;
  total_hours: number;
  projected_overtime_hours: number;
  avg_2m_hours: number;
  avg_3m_hours: number;
  avg_4m_hours: number;
  avg_5m_hours: number;
  avg_6m_hours: number;
  ytd_overtime_hours: number;
  months_over_limit: number;
  warnings: string;
  /** Months counted from the imported timesheet because the logs hold none (before Kansa), comma-separated. */
  timesheet_months?: string;
}

/** One person's day against the timesheet (attendanceView divergence). */
export interface DivergenceRow {
  user: string;
  display_name: string;
  date: string;
  reported_start: number | null;
  reported_end: number | null;
  actual_start: number | null;
  actual_end: number | null;
  early_gap_minutes: number | null;
  late_gap_minutes: number | null;
  leave_type: string;
  kinds: string;
  flagged: boolean;
}

const highestAverage = (r: AgreementRow) =>
  Math.max(r.avg_2m_hours, r.avg_3m_hours, r.avg_4m_hours, r.avg_5m_hours, r.avg_6m_hours);

const agreementColumns = () => [
  t('attendance.column.user', 'User'),
  t('attendance.column.name', 'Name'),
  t('attendance.column.within-statutory', 'Within statutory hours (h)'),
  t('attendance.column.statutory-overtime', 'Overtime beyond 8 h / 40 h (h)'),
  t('attendance.column.late-night-hours', 'Late night (h)'),
  t('attendance.column.holiday-work', 'Statutory holiday work (h)'),
  t('attendance.column.total', 'Overtime + holiday work (h)'),
  t('attendance.column.projected', 'Month-end pace (h)'),
  t('attendance.column.average', 'Highest 2–6-month average (h)'),
  t('attendance.column.ytd', 'Year to date (h)'),
  t('attendance.column.months-over', 'Months over the limit'),
  t('attendance.column.timesheet-months', 'Months from the timesheet'),
  t('attendance.column.status', 'Status'),
  t('attendance.column.warnings', 'Warnings'),
];

const agreementCells = (r: AgreementRow) => [
  r.user,
  r.display_name,
  r.within_statutory_hours,
  r.overtime_hours,
  r.late_night_hours,
  r.holiday_work_hours,
  r.total_hours,
  r.projected_overtime_hours,
  highestAverage(r),
  r.ytd_overtime_hours,
  r.months_over_limit,
  r.timesheet_months ?? '',
  r.status,
  r.warnings,
];

const clock = (ms: number | null, timezone: string) =>
  ms === null
    ? ''
    : new Date(ms).toLocaleString('ja-JP', {
        timeZone: timezone,
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });

const divergenceColumns = () => [
  t('attendance.column.date', 'Date'),
  t('attendance.column.user', 'User'),
  t('attendance.column.name', 'Name'),
  t('attendance.column.reported', 'Reported'),
  t('attendance.column.logs', 'Logs'),
  t('attendance.column.early-gap', 'Before the reported start (min)'),
  t('attendance.column.late-gap', 'After the reported end (min)'),
  t('attendance.column.kind', 'Kind'),
];

const divergenceCells = (r: DivergenceRow, timezone: string) => [
  r.date,
  r.user,
  r.display_name,
  r.reported_start === null ? r.leave_type : `${clock(r.reported_start, timezone)}–${clock(r.reported_end, timezone)}`,
  r.actual_start === null ? '' : `${clock(r.actual_start, timezone)}–${clock(r.actual_end, timezone)}`,
  r.early_gap_minutes === null ? '' : Math.round(r.early_gap_minutes),
  r.late_gap_minutes === null ? '' : Math.round(r.late_gap_minutes),
  r.kinds,
];

export const agreementCsv = (rows: AgreementRow[]) => toCsv(agreementColumns(), rows.map(agreementCells));
export const divergenceCsv = (rows: DivergenceRow[], timezone: string) =>
  toCsv(
    divergenceColumns(),
    rows.filter((r) => r.flagged).map((r) => divergenceCells(r, timezone)),
  );

const STATUS_COLOR = { ok: 'green', warning: 'orange', violation: 'red' } as const;

// The status column (the one before last) shows as a coloured badge.
function Table({
  label,
  header,
  rows,
}: {
  label: string;
  header: string[];
  rows: Array<{ key: string; cells: unknown[]; status?: AgreementRow['status'] }>;
}) {
  return (
    <DataTable
      label={label}
      style={{ borderCollapse: 'collapse' }}
      cellStyle={{ padding: '2px 8px' }}
      header={header}
      rows={rows.map((r) => ({
        key: r.key,
        attributes: { 'data-status': r.status },
        cells: r.cells.map((c, i) =>
          r.status && i === r.cells.length - 2 ? (
            <Badge key="status" color={STATUS_COLOR[r.status]} text={String(c)} />
          ) : (
            String(c)
          ),
        ),
      }))}
    />
  );
}

/** The 勤怠レポート's 36協定 and 乖離 sections: printable, each with its CSV. */
export function AttendanceReport({
  month,
  agreement,
  divergence,
  timezone,
}: {
  month: string;
  agreement: AgreementRow[];
  divergence: DivergenceRow[];
  timezone: string;
}) {
  const agreementLabel = t('attendance.agreement36', '36 agreement and overtime split');
  const divergenceLabel = t('attendance.divergence', 'Gaps between the logs and the timesheet');
  const gaps = divergence.filter((r) => r.flagged);
  const sorted = [...agreement].sort((a, b) => b.total_hours - a.total_hours);
  return (
    <>
      <Text element="h3">{agreementLabel}</Text>
      {agreement.length > 0 && (
        <div className="kansa-no-print">
          <Button
            size="sm"
            variant="secondary"
            icon="download-alt"
            onClick={() => downloadCsv(`kansa-agreement36-${month}.csv`, agreementCsv(sorted))}
          >
            {t('attendance.agreement-csv', '36 agreement CSV')}
          </Button>
        </div>
      )}
      <Table
        label={agreementLabel}
        header={agreementColumns()}
        rows={sorted.map((r) => ({ key: r.user, cells: agreementCells(r), status: r.status }))}
      />
      <Text element="h3">{divergenceLabel}</Text>
      {gaps.length === 0 ? (
        <Text>{t('attendance.no-divergence', 'No gaps above the threshold, or no timesheet imported.')}</Text>
      ) : (
        <>
          <div className="kansa-no-print">
            <Button
              size="sm"
              variant="secondary"
              icon="download-alt"
              onClick={() => downloadCsv(`kansa-divergence-${month}.csv`, divergenceCsv(divergence, timezone))}
            >
              {t('attendance.divergence-csv', 'Gaps CSV')}
            </Button>
          </div>
          <Table
            label={divergenceLabel}
            header={divergenceColumns()}
            rows={gaps.map((r) => ({ key: `${r.user}-${r.date}`, cells: divergenceCells(r, timezone) }))}
          />
        </>
      )}
    </>
  );
}
