import '../testing/dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIELD } from '@kansa/schema/fields';

import { setUserLanguage } from '../testing/fixtures';
import { pick, setup } from '../testing/queryEditorHarness';

afterEach(() => setUserLanguage(undefined));

describe('QueryEditor in English', () => {
  beforeEach(() => setUserLanguage('en-US'));

  it('shows every query type with the current one selected', async () => {
    await setup({ queryType: 'attendance' });
    for (const label of ['Logs', 'Metrics', 'Table', 'Attendance', 'Risk']) {
      expect(screen.getByRole('radio', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByRole('radio', { name: 'Attendance' })).toBeChecked();
    expect(await screen.findByRole('radio', { name: 'Timeline' })).toBeChecked();
  });

  it('switches to metrics with an explicit count metric, keeping the Lucene query and dropping logs labels', async () => {
    const { last, onRunQuery } = await setup({
      query: 'event.action:logon-failed',
      labels: [FIELD.userName],
      limit: 50,
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Metrics' }));
    expect(last()).toEqual({
      refId: 'A',
      queryType: 'metrics',
      query: 'event.action:logon-failed',
      metrics: [{ id: 'count', type: 'count' }],
      interval: 'auto',
      queryModelVersion: 1,
    });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('switches between every type with each type’s defaults', async () => {
    const { last } = await setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Table' }));
    expect(last()).toMatchObject({ queryType: 'table', tableMode: 'top', metrics: [{ id: 'count', type: 'count' }] });
    await userEvent.click(screen.getByRole('radio', { name: 'Attendance' }));
    expect(last()).toEqual({
      refId: 'A',
      queryType: 'attendance',
      query: '',
      attendanceView: 'timeline',
      queryModelVersion: 1,
    });
    await userEvent.click(screen.getByRole('radio', { name: 'Risk' }));
    expect(last()).toEqual({ refId: 'A', queryType: 'risk', query: '', riskEntity: 'user', queryModelVersion: 1 });
    await userEvent.click(screen.getByRole('radio', { name: 'Logs' }));
    expect(last()).toEqual({ refId: 'A', queryType: 'logs', query: '', queryModelVersion: 1 });
  });

  it('sets the risk view alert rules read and a minimum confidence', async () => {
    const { last } = await setup({ queryType: 'risk', riskEntity: 'user' });
    await userEvent.click(screen.getByRole('radio', { name: 'Daily scores' }));
    expect(last()).toMatchObject({ queryType: 'risk', riskEntity: 'user', riskView: 'daily' });
    const confidence = screen.getByRole('spinbutton', { name: 'Min confidence' });
    await userEvent.type(confidence, '0.5');
    await userEvent.tab();
    expect(last()).toMatchObject({ riskView: 'daily', riskMinConfidence: 0.5 });
    await userEvent.clear(confidence);
    await userEvent.type(confidence, '7');
    await userEvent.tab();
    expect(last().riskMinConfidence).toBeUndefined();
  });

  it('picks the review queue, which is per user', async () => {
    const { last } = await setup({ queryType: 'risk', riskEntity: 'host', riskView: 'ranking' });
    expect(screen.getByRole('radio', { name: 'Hosts' })).toBeEnabled();
    await userEvent.click(screen.getByRole('radio', { name: 'Review queue' }));
    expect(last()).toMatchObject({ queryType: 'risk', riskView: 'queue', riskEntity: 'user' });
    expect(screen.getByRole('radio', { name: 'Review queue' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Users' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Hosts' })).toBeDisabled();
    await userEvent.click(screen.getByRole('radio', { name: 'Daily scores' }));
    expect(last()).toMatchObject({ riskView: 'daily', riskEntity: 'user' });
    expect(screen.getByRole('radio', { name: 'Hosts' })).toBeEnabled();
  });

  it('commits the Lucene query on Enter, not per keystroke', async () => {
    const { changes, onRunQuery, last } = await setup();
    const input = screen.getByRole('combobox', { name: 'Lucene query' });
    await userEvent.type(input, 'event.code:4625 ');
    expect(changes).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    expect(last()).toMatchObject({ query: 'event.code:4625 ' });
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('leaves an unchanged query alone on blur, and shows a query replaced from outside', async () => {
    const { changes, replace } = await setup({ query: 'user.name:yamada' });
    const input = screen.getByRole('combobox', { name: 'Lucene query' });
    await userEvent.click(input);
    await userEvent.tab();
    expect(changes).toHaveLength(0);
    replace({ refId: 'A', queryType: 'logs', query: 'host.name:FS01' });
    expect(screen.getByRole('combobox', { name: 'Lucene query' })).toHaveValue('host.name:FS01');
  });

  it('suggests field names from the fields resource and completes one with Tab', async () => {
    await setup();
    const input = screen.getByRole('combobox', { name: 'Lucene query' });
    await userEvent.type(input, 'event.act');
    const list = await screen.findByRole('listbox', { name: 'Lucene query' });
    expect(within(list).getByRole('option', { name: /^event\.action/ })).toBeInTheDocument();
    await userEvent.keyboard('{Tab}');
    expect(input).toHaveValue('event.action:');
  });

  it('suggests values of the field from the values resource in the panel’s range, and accepts one by click', async () => {
    const { calls, last } = await setup();
    const input = screen.getByRole('combobox', { name: 'Lucene query' });
    await userEvent.type(input, 'NOT event.action:logon');
    const option = await screen.findByRole('option', { name: /logon-failed/ });
    expect(screen.queryByRole('option', { name: /logged-in/ })).not.toBeInTheDocument();
    expect(calls).toContainEqual({
      path: 'values',
      params: {
        field: FIELD.eventAction,
        size: 100,
        from: Date.parse('2026-10-01T00:00:00Z'),
        to: Date.parse('2026-10-31T00:00:00Z'),
      },
    });
    await userEvent.pointer({ keys: '[MouseLeft]', target: option });
    expect(input).toHaveValue('NOT event.action:logon-failed ');
    await userEvent.keyboard('{Enter}');
    expect(last().query).toBe('NOT event.action:logon-failed ');
  });

  it('quotes a suggested value that query_string would split, and closes suggestions with Escape', async () => {
    await setup({}, { values: { [FIELD.userName]: [{ value: '山田 太郎', count: 3 }] } });
    const input = screen.getByRole('combobox', { name: 'Lucene query' });
    await userEvent.type(input, 'user.name:');
    await screen.findByRole('option', { name: /山田 太郎/ });
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(input).toHaveValue('user.name:"山田 太郎" ');
    await userEvent.type(input, 'event.');
    await screen.findByRole('listbox');
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('asks for values only of registry fields, and moves through suggestions with the arrow keys', async () => {
    const { calls } = await setup();
    const input = screen.getByRole('combobox', { name: 'Lucene query' });
    await userEvent.type(input, 'no.such:x');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls.filter((c) => c.path === 'values')).toHaveLength(0);
    await userEvent.clear(input);
    await userEvent.type(input, 'host');
    const options = await screen.findAllByRole('option');
    expect(options[0]).toHaveAccessibleName(new RegExp(`^${FIELD.hostName}`));
    await userEvent.keyboard('{ArrowUp}');
    expect(options[options.length - 1]).toHaveAttribute('aria-selected', 'true');
    await userEvent.keyboard('{ArrowDown}');
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('sets the use case, limit and language override', async () => {
    const { last } = await setup();
    await pick(screen.getByLabelText('Use case'), 'Insider threats');
    expect(last().useCase).toBe('insider');
    await userEvent.type(screen.getByLabelText('Limit'), '250{Enter}');
    expect(last().limit).toBe(250);
    await userEvent.click(screen.getByRole('radio', { name: 'English' }));
    expect(last().language).toBe('en');
    await userEvent.click(screen.getByRole('radio', { name: 'Default' }));
    expect(last()).not.toHaveProperty('language');
  });

  it('rejects a limit out of range without changing the query', async () => {
    const { changes } = await setup();
    await userEvent.type(screen.getByLabelText('Limit'), '20000{Enter}');
    expect(changes).toHaveLength(0);
    expect(screen.getByText('Enter a whole number from 1 to 10000')).toBeInTheDocument();
  });

  it('picks log labels in order', async () => {
    const { last } = await setup();
    await pick(screen.getByLabelText('Labels'), FIELD.userName);
    await pick(screen.getByLabelText('Labels'), FIELD.sourceIp);
    expect(last().labels).toEqual([FIELD.userName, FIELD.sourceIp]);
  });

  it('shows why the field list could not be loaded', async () => {
    await setup({}, { failFields: true });
    expect(await screen.findByText('OpenSearch unreachable')).toBeInTheDocument();
    expect(screen.getByText('Could not load the field list')).toBeInTheDocument();
  });
});

describe('QueryEditor in Japanese', () => {
  beforeEach(() => setUserLanguage('ja-JP'));

  it('labels everything in Japanese', async () => {
    await setup({ queryType: 'metrics', metrics: [{ id: 'count', type: 'count' }] });
    for (const label of ['ログ', 'メトリクス', '表', '勤怠', 'リスク']) {
      expect(screen.getByRole('radio', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByRole('combobox', { name: 'Lucene クエリ' })).toBeInTheDocument();
    expect(screen.getByText('集計を追加')).toBeInTheDocument();
    expect(screen.getByText('グループ化を追加')).toBeInTheDocument();
    expect(screen.getByLabelText('用途')).toBeInTheDocument();
    expect(screen.queryByText('Add metric')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByText('件数').length).toBeGreaterThan(0));
  });

  it('shows the attendance settings in Japanese and edits the view', async () => {
    const { last } = await setup({ queryType: 'attendance' });
    await userEvent.click(screen.getByRole('radio', { name: '勤怠表' }));
    expect(last().attendanceView).toBe('sheet');
    expect(screen.getByText('勤務ルールの上書き')).toBeInTheDocument();
  });

  it('names the risk views in Japanese', async () => {
    const { last } = await setup({ queryType: 'risk', riskEntity: 'user' });
    for (const label of ['ランキング', '日ごとのスコア']) {
      expect(screen.getByRole('radio', { name: label })).toBeInTheDocument();
    }
    await userEvent.click(screen.getByRole('radio', { name: 'レビューキュー' }));
    expect(last().riskView).toBe('queue');
  });
});
