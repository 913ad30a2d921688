import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of } from 'rxjs';

import recorded from './testdata/attendance-keiri.json';
import { AttendancePage, overtimeRanking, sheetCsv, type SheetRow } from './AttendancePage';
import { rowsOf } from './query';
import { dataFrameFromJSON } from '@grafana/data';
import { setLanguage } from '../testing/i18n';

// Grafana's HTTP API is faked (the response was recorded from the real plugin by scripts/record-page-fixtures.sh).
const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({ ...jest.requireActual('@grafana/runtime'), getBackendSrv: () => ({ fetch }) }));

jest.setTimeout(30000);

const rows = rowsOf(dataFrameFromJSON(recorded.results.sheet.frames[0] as never)) as unknown as SheetRow[];

describe('AttendancePage', () => {
  beforeEach(() => fetch.mockReset().mockReturnValue(of({ data: recorded })));

  it('queries the month in Tokyo time for the department and shows totals, ranking and violations', async () => {
    await setLanguage('en-US');
    render(<AttendancePage dataSourceUid="kansa" initialMonth="2026-10" />);
    await userEvent.type(screen.getByLabelText('Department'), '経理');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    const request = fetch.mock.calls[0][0];
    expect(request.url).toBe('/api/ds/query');
    expect(request.data.from).toBe(String(Date.parse('2026-09-30T15:00:00Z')));
    expect(request.data.to).toBe(String(Date.parse('2026-10-31T15:00:00Z')));
    expect(request.data.queries[0]).toEqual(
      expect.objectContaining({
        queryType: 'attendance',
        attendanceView: 'sheet',
        query: 'kansa.user.department:"経理"',
        datasource: { type: 'kansa-logs-datasource', uid: 'kansa' },
      }),
    );
    const violations = await screen.findByRole('list', { name: 'Rest-interval violations' });
    expect(within(violations).getByText(/2026-10-30 山下 久美子 \(yamashita\.k2\) 7\.8 h/)).toBeInTheDocument();
    const top = overtimeRanking(rows)[0];
    expect(
      within(screen.getByRole('list', { name: 'Overtime ranking' })).getAllByRole('listitem')[0],
    ).toHaveTextContent(top.display_name);
    const violationRows = screen.getByRole('table', { name: 'Daily records' }).querySelectorAll('tr[data-violation]');
    expect(violationRows.length).toBe(rows.filter((r) => r.rest_violation).length);
    expect(violationRows.length).toBeGreaterThan(0);
  });

  it('shows the backend error instead of an empty sheet', async () => {
    fetch.mockReturnValue(of({ data: { results: { sheet: { error: 'OpenSearch answered 503' } } } }));
    await setLanguage('ja-JP');
    render(<AttendancePage dataSourceUid="kansa" initialMonth="2026-10" />);
    await userEvent.click(screen.getByRole('button', { name: '表示' }));
    expect(await screen.findByText('sheet: OpenSearch answered 503')).toBeInTheDocument();
  });
});

describe('sheet CSV', () => {
  it('starts with a BOM, uses CRLF and the user language, and keeps Japanese names intact', async () => {
    await setLanguage('ja-JP');
    const csv = sheetCsv(rows, 'Asia/Tokyo');
    expect(csv.startsWith('\uFEFFユーザー,氏名,部署,日付,始業,終業')).toBe(true);
    const line = csv.split('\r\n').find((l) => l.startsWith('yamashita.k2,山下 久美子,経理,2026-10-30'));
    expect(line).toBe('yamashita.k2,山下 久美子,経理,2026-10-30,07:47,17:33,8.8,61,45,0,0,7.8,1,0');
    expect(csv.split('\r\n').length).toBe(rows.length + 2);
  });
});
