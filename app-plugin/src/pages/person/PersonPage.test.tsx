import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of } from 'rxjs';

import { setLanguage } from '../../testing/i18n';

import recorded from './testdata/sakamoto-2026-10-05.json';
import { accountOf, PersonPage } from './PersonPage';

// Grafana's HTTP API is faked with the answer of the real plugin (kansa-dsquery) to the page's queries for the
// demo's leaver on 2026-10-05 (small demo profile); person.content.test.ts runs the same queries on the demo month.
const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({ ...jest.requireActual('@grafana/runtime'), getBackendSrv: () => ({ fetch }) }));
jest.setTimeout(30000);

const people = {
  results: {
    people: {
      frames: [
        {
          schema: {
            fields: [
              { name: 'user.name', type: 'string' },
              { name: 'kansa.user.display_name', type: 'string' },
              { name: 'count', type: 'number' },
            ],
          },
          data: {
            values: [
              ['sakamoto.a', 'ikeda.k'],
              ['坂本 彩', '池田 久美子'],
              [123, 40],
            ],
          },
        },
      ],
    },
  },
};

describe('PersonPage', () => {
  beforeEach(() =>
    fetch.mockReset().mockImplementation((req: { data: { queries: Array<{ refId: string }> } }) => {
      const first = req.data.queries[0].refId;
      // The page scores each day on its own request of the risk query alone.
      return of({
        data: first === 'people' ? people : first === 'risk' ? { results: { risk: recorded.results.risk } } : recorded,
      });
    }),
  );

  it('shows the person picked by display name: sources, risk, working hours and the timeline in Japanese', async () => {
    await setLanguage('ja-JP');
    render(
      <PersonPage
        language="ja"
        dataSourceUid="kansa"
        timezone="Asia/Tokyo"
        initialUser=""
        initialFrom="2026-10-05"
        initialTo="2026-10-05"
      />,
    );
    expect(
      await screen.findByText(
        (_, el) => el?.tagName === 'OPTION' && el.getAttribute('value') === '坂本 彩 (sakamoto.a)',
      ),
    ).toBeTruthy();
    await userEvent.type(screen.getByPlaceholderText('氏名またはアカウント'), '坂本 彩 (sakamoto.a)');
    await userEvent.click(screen.getByRole('button', { name: '表示' }));
    const request = fetch.mock.calls.map(([req]) => req.data).find((d) => d.queries[0].refId === 'timeline');
    expect(request.from).toBe(String(Date.parse('2026-10-04T15:00:00Z')));
    expect(request.to).toBe(String(Date.parse('2026-10-05T15:00:00Z')));
    expect(request.queries.map((q: { refId: string }) => q.refId)).toEqual([
      'timeline',
      'sources',
      'risk',
      'attendance',
    ]);
    expect(request.queries[0].query).toBe('user.name:sakamoto.a');

    expect(await screen.findByText('坂本 彩 (sakamoto.a)、2026-10-05 〜 2026-10-05')).toBeInTheDocument();
    const sources = screen.getByRole('region', { name: '発生元' });
    for (const source of ['squid', 'postfix', 'door', 'cups']) {
      expect(within(sources).getByText(new RegExp(`^${source} \\d+$`))).toBeInTheDocument();
    }
    expect(
      within(screen.getByRole('region', { name: 'リスク' })).getByText(
        /^日次スコアの最高 9、要注意の日 0 日: 監視対象または退職予定者 \(\+2\.8\) \/ 初めて/,
      ),
    ).toBeInTheDocument();
    const riskDays = within(screen.getByRole('table', { name: '日別のリスク' })).getAllByRole('row');
    expect(riskDays).toHaveLength(2);
    expect(riskDays[1]).toHaveTextContent('2026-10-05');
    expect(within(screen.getByRole('table', { name: '勤務時間' })).getAllByRole('row')[1]).toHaveTextContent(
      '2026-10-05',
    );
    const timeline = within(screen.getByRole('table', { name: 'タイムライン' })).getAllByRole('row');
    expect(timeline).toHaveLength(124);
    expect(timeline[timeline.length - 1]).toHaveTextContent('坂本 彩 が 本社1F 通用口 から退室しました');
    expect(screen.getByRole('link', { name: 'Explore で開く' }).getAttribute('href')).toContain(
      encodeURIComponent('"query":"user.name:sakamoto.a"'),
    );
    expect(screen.getByRole('button', { name: '印刷' })).toBeInTheDocument();
  });

  it('opens straight on the person a link names, in English', async () => {
    await setLanguage('en-US');
    render(
      <PersonPage
        language="en"
        dataSourceUid="kansa"
        timezone="Asia/Tokyo"
        initialUser="sakamoto.a"
        initialFrom="2026-10-05"
        initialTo="2026-10-05"
      />,
    );
    expect(await screen.findByRole('table', { name: 'Timeline' })).toBeInTheDocument();
    expect(screen.getByText('Timeline (123 events)')).toBeInTheDocument();
    expect(screen.getByText(/sakamoto.a left 本社1F 通用口/)).toBeInTheDocument();
  });

  it('refuses an end date before the start date without querying for the person', async () => {
    await setLanguage('en-US');
    render(
      <PersonPage
        language="en"
        dataSourceUid="kansa"
        timezone="Asia/Tokyo"
        initialUser=""
        initialFrom="2026-10-05"
        initialTo="2026-10-01"
      />,
    );
    await userEvent.type(screen.getByPlaceholderText('Name or account'), 'sakamoto.a');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText('The end date must not be before the start date.')).toBeInTheDocument();
    expect(fetch.mock.calls.map(([req]) => req.data.queries[0].refId)).toEqual(['people']);
  });
});

test('accountOf reads the account from a picked option, a display name or a typed account', () => {
  const people = [{ account: 'sakamoto.a', name: '坂本 彩' }];
  expect(accountOf('坂本 彩 (sakamoto.a)', people)).toBe('sakamoto.a');
  expect(accountOf('坂本 彩', people)).toBe('sakamoto.a');
  expect(accountOf(' tanaka ', people)).toBe('tanaka');
});
