import type { AppRootProps } from '@grafana/data';
import { render, screen, within } from '@testing-library/react';
import { Suspense } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';

import { setLanguage } from '../../testing/i18n';
import type { KansaAppSettings } from '../../types';
import { App } from './App';

/** As Grafana mounts an app's root page: under /a/<plugin id>/*, inside its router and a Suspense. */
function renderApp(url: string, jsonData: KansaAppSettings = {}) {
  const props = {
    meta: { id: 'kansa-logs-app', jsonData },
    path: '/a/kansa-logs-app',
    query: {},
  } as unknown as AppRootProps<KansaAppSettings>;
  render(
    <MemoryRouter initialEntries={[url]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Suspense fallback="loading">
        <Routes>
          <Route path="/a/kansa-logs-app/*" element={<App {...props} />} />
        </Routes>
      </Suspense>
    </MemoryRouter>,
  );
}

function panesOf(href: string | null) {
  const url = new URL(href ?? '', 'http://grafana.local');
  return JSON.parse(url.searchParams.get('panes') ?? '{}');
}

jest.setTimeout(30000);

describe('App root page', () => {
  it('lists the five purposes in Japanese for a Japanese user', async () => {
    await setLanguage('ja-JP');
    renderApp('/a/kansa-logs-app');
    const list = await screen.findByRole('list', { name: 'ログ管理の5つの目的' });
    const items = within(list).getAllByRole('listitem');
    const titles = ['サイバー攻撃対策', '内部不正対策', '監査報告', '勤務実態の把握', '障害原因調査'];
    expect(items).toHaveLength(titles.length);
    titles.forEach((title, i) => expect(within(items[i]).getByText(title)).toBeInTheDocument());
    expect(screen.getByRole('link', { name: /Explore でログを検索/ })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /ダッシュボードを開く: 勤務実態/ })).toHaveAttribute(
      'href',
      '/d/kansa-attendance',
    );
  });

  it('lists them in English for everyone else', async () => {
    await setLanguage('en-US');
    renderApp('/a/kansa-logs-app');
    const list = await screen.findByRole('list', { name: 'The five purposes of log management' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(within(list).getByText('Working-hours visibility')).toBeInTheDocument();
    expect(screen.queryByText('監査報告')).not.toBeInTheDocument();
  });

  it('links to Explore with a logs query on the configured data source', async () => {
    await setLanguage('en-US');
    renderApp('/a/kansa-logs-app', { dataSourceUid: 'audit-logs' });
    const link = await screen.findByRole('link', { name: /Search logs in Explore/ });
    const pane = Object.values(panesOf(link.getAttribute('href')))[0] as { queries: unknown[] };
    expect(pane.queries).toEqual([
      { refId: 'A', datasource: { type: 'kansa-logs-datasource', uid: 'audit-logs' }, queryType: 'logs', query: '' },
    ]);
  });

  it('defaults to the provisioned data source', async () => {
    await setLanguage('en-US');
    renderApp('/a/kansa-logs-app');
    const link = await screen.findByRole('link', { name: /Explore/ });
    expect(Object.values(panesOf(link.getAttribute('href')))[0]).toMatchObject({ datasource: 'kansa' });
  });

  it('links to each page by its route', async () => {
    await setLanguage('ja-JP');
    renderApp('/a/kansa-logs-app');
    expect(await screen.findByRole('link', { name: /勤怠表/ })).toHaveAttribute('href', '/a/kansa-logs-app/attendance');
    expect(screen.getByRole('link', { name: /リスクランキング/ })).toHaveAttribute('href', '/a/kansa-logs-app/risk');
    expect(screen.getByRole('link', { name: /監査レポート/ })).toHaveAttribute('href', '/a/kansa-logs-app/audit');
  });
});

describe('App routes', () => {
  it('opens the attendance sheet on this month in Tokyo at /attendance', async () => {
    await setLanguage('ja-JP');
    renderApp('/a/kansa-logs-app/attendance');
    expect(await screen.findByLabelText('対象月')).toHaveValue(
      new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 7),
    );
    expect(screen.queryByRole('list', { name: 'ログ管理の5つの目的' })).not.toBeInTheDocument();
  });

  it('opens the attendance sheet in the configured time zone', async () => {
    await setLanguage('en-US');
    renderApp('/a/kansa-logs-app/attendance', { workday: { timezone: 'Pacific/Kiritimati' } });
    expect(await screen.findByLabelText('Month')).toHaveValue(
      new Date().toLocaleDateString('sv-SE', { timeZone: 'Pacific/Kiritimati' }).slice(0, 7),
    );
  });

  it('opens the risk ranking at /risk', async () => {
    await setLanguage('en-US');
    renderApp('/a/kansa-logs-app/risk');
    expect(await screen.findByRole('heading', { name: 'Risk ranking' })).toBeInTheDocument();
    const period = screen.getByRole('radiogroup', { name: 'Period (days)' });
    expect(within(period).getByRole('radio', { name: '30' })).toBeChecked();
  });

  it('opens the audit report from the first of the month at /audit', async () => {
    await setLanguage('ja-JP');
    renderApp('/a/kansa-logs-app/audit');
    expect(await screen.findByRole('button', { name: '作成' })).toBeInTheDocument();
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    expect(screen.getByLabelText('開始日')).toHaveValue(`${today.slice(0, 7)}-01`);
    expect(screen.getByLabelText('終了日')).toHaveValue(today);
  });

  it('shows the overview for an unknown route', async () => {
    await setLanguage('en-US');
    renderApp('/a/kansa-logs-app/no-such-page');
    expect(await screen.findByRole('list', { name: 'The five purposes of log management' })).toBeInTheDocument();
  });
});
