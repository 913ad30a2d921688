import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of } from 'rxjs';

import recorded from './testdata/attendance-keiri.json';
import { AttendancePage } from './AttendancePage';
import { agreementCsv, divergenceCsv, type AgreementRow, type DivergenceRow } from './AttendanceReport';
import { setLanguage } from '../testing/i18n';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({ ...jest.requireActual('@grafana/runtime'), getBackendSrv: () => ({ fetch }) }));

jest.setTimeout(30000);

// The rows the datasource's agreement36 and divergence views return (their Go tests and golden frames pin
// the columns); hand-written here so the page's layout, status badges and CSV can be checked exactly.
const agreement: AgreementRow[] = [
  {
    user: 'sato.k',
    display_name: '佐藤 健',
    department: '経理',
    month: '2026-10',
    status: 'warning',
    overtime_hours: 66,
    within_statutory_hours: 3.5,
    holiday_work_hours: 8,
    late_night_hours: 1.25,
    total_hours: 74,
    projected_overtime_hours: 66,
    avg_2m_hours: 59,
    avg_3m_hours: 39.33,
    avg_4m_hours: 29.5,
    avg_5m_hours: 23.6,
    avg_6m_hours: 19.67,
    ytd_overtime_hours: 110,
    months_over_limit: 1,
    warnings: 'monthly-limit-over',
  },
  {
    user: 'suzuki.h',
    display_name: '鈴木 花子',
    department: '経理',
    month: '2026-10',
    status: 'ok',
    overtime_hours: 22,
    within_statutory_hours: 0,
    holiday_work_hours: 0,
    late_night_hours: 0,
    total_hours: 22,
    projected_overtime_hours: 22,
    avg_2m_hours: 11,
    avg_3m_hours: 7.33,
    avg_4m_hours: 5.5,
    avg_5m_hours: 4.4,
    avg_6m_hours: 3.67,
    ytd_overtime_hours: 22,
    months_over_limit: 0,
    warnings: '',
  },
];
const at = (s: string) => Date.parse(`${s}+09:00`);
const divergence: DivergenceRow[] = [
  {
    user: 'sato.k',
    display_name: '佐藤 健',
    date: '2026-10-20',
    reported_start: at('2026-10-20T09:00'),
    reported_end: at('2026-10-20T18:00'),
    actual_start: at('2026-10-20T08:52'),
    actual_end: at('2026-10-20T21:31'),
    early_gap_minutes: 8,
    late_gap_minutes: 211,
    leave_type: '',
    kinds: 'unreported-late-work',
    flagged: true,
  },
  {
    user: 'suzuki.h',
    display_name: '鈴木 花子',
    date: '2026-10-20',
    reported_start: at('2026-10-20T09:00'),
    reported_end: at('2026-10-20T18:00'),
    actual_start: at('2026-10-20T08:55'),
    actual_end: at('2026-10-20T18:04'),
    early_gap_minutes: 5,
    late_gap_minutes: 4,
    leave_type: '',
    kinds: '',
    flagged: false,
  },
  {
    user: 'suzuki.h',
    display_name: '鈴木 花子',
    date: '2026-10-21',
    reported_start: null,
    reported_end: null,
    actual_start: at('2026-10-21T10:00'),
    actual_end: at('2026-10-21T12:00'),
    early_gap_minutes: null,
    late_gap_minutes: null,
    leave_type: '有休',
    kinds: 'activity-on-reported-day-off',
    flagged: true,
  },
];

/** Rows as the frame JSON Grafana's query API returns. */
function frame(name: string, rows: Array<Record<string, unknown>>) {
  const names = Object.keys(rows[0]);
  return {
    schema: { name, fields: names.map((n) => ({ name: n })) },
    data: { values: names.map((n) => rows.map((r) => r[n])) },
  };
}

describe('the 勤怠レポート sections', () => {
  beforeEach(() =>
    fetch.mockReset().mockReturnValue(
      of({
        data: {
          results: {
            ...recorded.results,
            agreement36: { frames: [frame('attendance-agreement36', agreement as never)] },
            divergence: { frames: [frame('attendance-divergence', divergence as never)] },
          },
        },
      }),
    ),
  );

  it('asks for the 36協定 standing and the 乖離 of the same month and department, and shows both', async () => {
    await setLanguage('ja-JP');
    render(<AttendancePage dataSourceUid="kansa" initialMonth="2026-10" />);
    await userEvent.type(screen.getByLabelText('部署'), '経理');
    await userEvent.click(screen.getByRole('button', { name: '表示' }));
    const queries = fetch.mock.calls[0][0].data.queries;
    expect(
      queries.map((q: { refId: string; attendanceView: string; query: string }) => [
        q.refId,
        q.attendanceView,
        q.query,
      ]),
    ).toEqual([
      ['sheet', 'sheet', 'kansa.user.department:"経理"'],
      ['agreement36', 'agreement36', 'kansa.user.department:"経理"'],
      ['divergence', 'divergence', 'kansa.user.department:"経理"'],
    ]);
    const table = await screen.findByRole('table', { name: '36協定と残業の内訳' });
    const rows = within(table).getAllByRole('row');
    // Sorted by overtime + holiday work; then 法定内, 法定外, 深夜, 休日, their total, the pace, the highest average, the year, months over, months from the timesheet.
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual([
      'sato.k',
      '佐藤 健',
      '3.5',
      '66',
      '1.25',
      '8',
      '74',
      '66',
      '59',
      '110',
      '1',
      '',
      'warning',
      'monthly-limit-over',
    ]);
    expect(rows[1].getAttribute('data-status')).toBe('warning');
    const gaps = within(screen.getByRole('table', { name: '自己申告との乖離' })).getAllByRole('row');
    expect(gaps.map((r) => r.textContent)).toEqual([
      expect.stringContaining('日付'),
      '2026-10-20sato.k佐藤 健10/20 09:00–10/20 18:0010/20 08:52–10/20 21:318211unreported-late-work',
      '2026-10-21suzuki.h鈴木 花子有休10/21 10:00–10/21 12:00activity-on-reported-day-off',
    ]);
  });
});

describe('report CSVs', () => {
  it('start with a BOM, list the flagged days only, and keep the overtime split', async () => {
    await setLanguage('ja-JP');
    const gaps = divergenceCsv(divergence, 'Asia/Tokyo').split('\r\n');
    expect(gaps[0]).toBe('\uFEFF日付,ユーザー,氏名,申告,ログ,申告始業より前 (分),申告終業より後 (分),種類');
    expect(gaps.slice(1, -1)).toEqual([
      '2026-10-20,sato.k,佐藤 健,10/20 09:00–10/20 18:00,10/20 08:52–10/20 21:31,8,211,unreported-late-work',
      '2026-10-21,suzuki.h,鈴木 花子,有休,10/21 10:00–10/21 12:00,,,activity-on-reported-day-off',
    ]);
    const split = agreementCsv(agreement).split('\r\n');
    expect(split[0]).toBe(
      '\uFEFFユーザー,氏名,法定内残業 (h),法定外残業 (8時間・40時間超) (h),深夜 (h),法定休日労働 (h),時間外+休日労働 (h),月末見込み (h),2〜6か月平均の最大 (h),年累計 (h),上限超過の月数,タイムシートから数えた月,判定,警告',
    );
    expect(split[1]).toBe('sato.k,佐藤 健,3.5,66,1.25,8,74,66,59,110,1,,warning,monthly-limit-over');
  });
});
