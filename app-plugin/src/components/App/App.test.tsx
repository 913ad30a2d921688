import type { AppRootProps } from '@grafana/data';
import { config } from '@grafana/runtime';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import type { KansaAppSettings } from '../../types';
import { App } from './App';

function renderApp(jsonData: KansaAppSettings = {}) {
  const props = { meta: { id: 'kansa-logs-app', jsonData }, path: '/a/kansa-logs-app', query: {} } as unknown as AppRootProps<KansaAppSettings>;
  render(<App {...props} />);
}

function panesOf(href: string | null) {
  const url = new URL(href ?? '', 'http://grafana.local');
  return JSON.parse(url.searchParams.get('panes') ?? '{}');
}

describe('App root page', () => {
  const original = config.bootData.user.language;
  afterEach(() => {
    config.bootData.user.language = original;
  });

  it('lists the five purposes in Japanese for a Japanese user', () => {
    config.bootData.user.language = 'ja-JP';
    renderApp();
    const list = screen.getByRole('list', { name: 'ログ管理の5つの目的' });
    const items = within(list).getAllByRole('listitem');
    const titles = ['サイバー攻撃対策', '内部不正対策', '監査報告', '勤務実態の把握', '障害原因調査'];
    expect(items).toHaveLength(titles.length);
    titles.forEach((title, i) => expect(within(items[i]).getByText(title)).toBeInTheDocument());
    expect(screen.getByRole('link', { name: /Explore でログを検索/ })).toBeInTheDocument();
  });

  it('lists them in English for everyone else', () => {
    config.bootData.user.language = 'en-US';
    renderApp();
    const list = screen.getByRole('list', { name: 'The five purposes of log management' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);
    expect(within(list).getByText('Working-hours visibility')).toBeInTheDocument();
    expect(screen.queryByText('監査報告')).not.toBeInTheDocument();
  });

  it('links to Explore with a logs query on the configured data source', () => {
    config.bootData.user.language = 'en-US';
    renderApp({ dataSourceUid: 'audit-logs' });
    const link = screen.getByRole('link', { name: /Search logs in Explore/ });
    const pane = Object.values(panesOf(link.getAttribute('href')))[0] as { queries: unknown[] };
    expect(pane.queries).toEqual([
      { refId: 'A', datasource: { type: 'kansa-logs-datasource', uid: 'audit-logs' }, queryType: 'logs', query: '' },
    ]);
  });

  it('links each purpose to its dashboard and opens the pages as tabs', async () => {
    config.bootData.user.language = 'ja-JP';
    renderApp();
    expect(screen.getByRole('link', { name: /ダッシュボードを開く: 勤務実態/ })).toHaveAttribute('href', '/d/kansa-attendance');
    await userEvent.click(screen.getByRole('tab', { name: /監査レポート/ }));
    expect(screen.getByRole('button', { name: '作成' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('tab', { name: /勤怠表/ }));
    expect(screen.getByLabelText('対象月')).toHaveValue(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' }).slice(0, 7));
  });

  it('defaults to the provisioned data source', () => {
    renderApp();
    const link = screen.getByRole('link', { name: /Explore/ });
    expect(Object.values(panesOf(link.getAttribute('href')))[0]).toMatchObject({ datasource: 'kansa' });
  });
});
