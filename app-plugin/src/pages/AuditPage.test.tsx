import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of } from 'rxjs';

import { setLanguage } from '../testing/i18n';

import recorded from './testdata/audit-2026-10-26.json';
import { AuditPage } from './AuditPage';

// Grafana's HTTP API is faked with a response recorded from the real plugin (scripts/record-page-fixtures.sh).
const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({ ...jest.requireActual('@grafana/runtime'), getBackendSrv: () => ({ fetch }) }));
jest.setTimeout(30000);

describe('AuditPage', () => {
  beforeEach(() => fetch.mockReset().mockReturnValue(of({ data: recorded })));

  it('reports the four sections for the period in local days, with the ACL change and the HR folder reads', async () => {
    await setLanguage('ja-JP');
    render(
      <AuditPage
        language="ja"
        dataSourceUid="kansa"
        timezone="Asia/Tokyo"
        initialFrom="2026-10-26"
        initialTo="2026-10-26"
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: '作成' }));
    const request = fetch.mock.calls[0][0].data;
    expect(request.from).toBe(String(Date.parse('2026-10-25T15:00:00Z')));
    expect(request.to).toBe(String(Date.parse('2026-10-26T15:00:00Z')));
    expect(request.queries.map((q: { refId: string }) => q.refId)).toEqual([
      'privileged',
      'acl',
      'accounts',
      'folders',
    ]);
    const acl = await screen.findByRole('region', { name: 'アクセス権の変更' });
    expect(within(acl).getByText('アクセス権の変更 (1 件)')).toBeInTheDocument();
    expect(within(acl).getAllByRole('row')[1]).toHaveTextContent('ishikawa.t');
    const folders = screen.getByRole('region', { name: '重要フォルダへのアクセス' });
    expect(within(folders).getByText('重要フォルダへのアクセス (40 件)')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'アカウント・グループの変更とポリシー変更' })).getByText('該当なし'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '印刷' })).toBeInTheDocument();
  });

  it('refuses an end date before the start date without querying', async () => {
    await setLanguage('en-US');
    render(
      <AuditPage
        language="en"
        dataSourceUid="kansa"
        timezone="Asia/Tokyo"
        initialFrom="2026-10-26"
        initialTo="2026-10-01"
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Create' }));
    expect(screen.getByText('The end date must not be before the start date.')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });
});
