import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { of } from 'rxjs';

import { setLanguage } from '../testing/i18n';

import { RiskPage } from './RiskPage';

const fetch = jest.fn();
jest.mock('@grafana/runtime', () => ({ ...jest.requireActual('@grafana/runtime'), getBackendSrv: () => ({ fetch }) }));
jest.setTimeout(30000);

// The demo node holds no kansa-risk-* summaries yet (the scorer runs in kansa serve), so this response follows
// the risk frame contract field by field (CONTRACTS.md) instead of being recorded.
const riskFrame = {
  schema: {
    name: 'risk',
    fields: [
      { name: 'entity', type: 'string' },
      { name: 'display_name', type: 'string' },
      { name: 'department', type: 'string' },
      { name: 'score', type: 'number' },
      { name: 'confidence', type: 'number' },
      { name: 'days_flagged', type: 'number' },
      { name: 'events', type: 'number' },
      { name: 'top_reasons', type: 'string' },
      { name: 'last_seen', type: 'time' },
    ],
  },
  data: {
    values: [
      ['ikeda.k', 'takahashi.n'],
      ['池田 久美子', '高橋 奈々'],
      ['営業', '開発'],
      [92, 61],
      [0.8, 0.55],
      [1, 1],
      [25, 600],
      ['初めてのフォルダ (+35) / 他部署の共有 (+30) / 普段より多い読み取り (+12)', '普段より多い読み取り (+40)'],
      [Date.parse('2026-10-27T06:20:00Z'), Date.parse('2026-10-20T10:18:00Z')],
    ],
  },
};

// The review queue frame as the data source's risk query answers riskView 'queue' (one row per day and case shown,
// newest day first, then highest score; datasource-plugin/pkg/plugin/riskqueue.go). Days are Tokyo's.
const tokyoDay = (day: string) => Date.parse(`${day}T00:00:00+09:00`);
const queueFrame = {
  schema: {
    name: 'risk-queue',
    fields: [
      { name: 'day', type: 'time' },
      { name: 'entity', type: 'string' },
      { name: 'display_name', type: 'string' },
      { name: 'department', type: 'string' },
      { name: 'score', type: 'number' },
      { name: 'case', type: 'string' },
      { name: 'case_status', type: 'string' },
      { name: 'case_opened', type: 'time' },
      { name: 'reasons', type: 'string' },
    ],
  },
  data: {
    values: [
      [
        tokyoDay('2026-10-27'),
        tokyoDay('2026-10-27'),
        tokyoDay('2026-10-26'),
        tokyoDay('2026-10-26'),
        tokyoDay('2026-10-25'),
        tokyoDay('2026-10-25'),
      ],
      ['ikeda.k', 'takahashi.n', 'sato.y', 'suzuki.h', 'ito.m', 'kato.r'],
      ['池田 久美子', '高橋 奈々', '佐藤 陽介', '鈴木 浩', '伊藤 舞', '加藤 亮'],
      ['営業', '開発', '総務', '経理', '営業', '総務'],
      [92, 74, 63, 58, 51, 40],
      ['files', 'mail', 'unusual-hours', 'web', 'print', 'new-kind'],
      ['new', 'open', 'new', 'new', 'new', 'new'],
      [
        tokyoDay('2026-10-27'),
        tokyoDay('2026-10-20'),
        tokyoDay('2026-10-26'),
        tokyoDay('2026-10-26'),
        tokyoDay('2026-10-25'),
        tokyoDay('2026-10-25'),
      ],
      [
        '初めてのフォルダ (+35) / 他部署の共有 (+30)',
        '私用アドレスへの添付 (+40)',
        '普段と違う時間帯 (+30)',
        '初めてのクラウドストレージ (+28)',
        '普段より多い印刷 (+25)',
        '新しい種類の理由 (+40)',
      ],
    ],
  },
};
const answer = (results: object) => of({ data: { results } });
const notice = (text: string) => ({ meta: { notices: [{ severity: 'info', text }] } });
const emptyQueue = {
  schema: { ...queueFrame.schema, ...notice('no user-day in "kansa-risk-*" is in the review queue for this range') },
  data: { values: queueFrame.schema.fields.map(() => []) },
};
const cutOffQueue = {
  ...queueFrame,
  schema: { ...queueFrame.schema, ...notice('the review queue holds more than 500 rows in this range') },
};

describe('RiskPage', () => {
  beforeEach(() => fetch.mockReset().mockReturnValue(of({ data: { results: { risk: { frames: [riskFrame] } } } })));

  it('ranks users by score with reasons and links each to their activity timeline', async () => {
    const now = new Date('2026-10-31T15:00:00Z');
    await setLanguage('ja-JP');
    render(<RiskPage language="ja" dataSourceUid="kansa" now={now} timezone="Asia/Tokyo" />);
    await userEvent.click(screen.getByRole('button', { name: '表示' }));
    expect(fetch.mock.calls[0][0].data.queries[0]).toEqual(
      expect.objectContaining({ queryType: 'risk', riskEntity: 'user', language: 'ja' }),
    );
    expect(fetch.mock.calls[0][0].data.from).toBe(String(now.getTime() - 30 * 86400000));
    const rows = within(await screen.findByRole('table', { name: 'リスクランキング' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('池田 久美子 (ikeda.k)');
    expect(rows[1]).toHaveTextContent('初めてのフォルダ (+35)');
    expect(within(rows[1]).getByRole('link')).toHaveAttribute(
      'href',
      `/d/kansa-insider?var-user=ikeda.k&from=${now.getTime() - 30 * 86400000}&to=${now.getTime()}`,
    );
  });

  it('says so when the period has no scores', async () => {
    fetch.mockReturnValue(
      of({
        data: {
          results: { risk: { frames: [{ ...riskFrame, data: { values: riskFrame.schema.fields.map(() => []) } }] } },
        },
      }),
    );
    await setLanguage('en-US');
    render(
      <RiskPage language="en" dataSourceUid="kansa" now={new Date('2026-10-31T15:00:00Z')} timezone="Asia/Tokyo" />,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('No risk scores in this period.')).toBeInTheDocument();
  });

  describe('review queue', () => {
    beforeEach(() => fetch.mockReturnValue(answer({ queue: { frames: [queueFrame] } })));

    it('is one keystroke away on the view switch and lists each day’s cases with their status (ja)', async () => {
      const now = new Date('2026-10-31T15:00:00Z');
      await setLanguage('ja-JP');
      render(<RiskPage language="ja" dataSourceUid="kansa" now={now} timezone="Asia/Tokyo" />);
      const views = screen.getByRole('radiogroup', { name: '表示内容' });
      within(views).getByRole('radio', { name: 'ランキング' }).focus();
      await userEvent.keyboard('{ArrowRight}');
      expect(within(views).getByRole('radio', { name: 'レビューキュー' })).toBeChecked();
      expect(screen.getByText(/ユーザーの 1% \(最低 1 人\) まで新規ケース/)).toBeInTheDocument();
      await userEvent.click(screen.getByRole('button', { name: '表示' }));
      expect(fetch.mock.calls[0][0].data.queries[0]).toEqual(
        expect.objectContaining({
          queryType: 'risk',
          riskEntity: 'user',
          riskView: 'queue',
          limit: 500,
          language: 'ja',
        }),
      );
      expect(fetch.mock.calls[0][0].data.from).toBe(String(now.getTime() - 30 * 86400000));
      const table = await screen.findByRole('table', { name: 'レビューキュー' });
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(['日付', 'ユーザー', '部署', 'スコア', 'ケース', '状態', '理由']);
      const cells = within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) =>
          within(row)
            .getAllByRole('cell')
            .map((c) => c.textContent),
        );
      expect(cells).toEqual([
        [
          '2026/10/27',
          '池田 久美子 (ikeda.k)',
          '営業',
          '92',
          'ファイル',
          '新規ケース',
          '初めてのフォルダ (+35) / 他部署の共有 (+30)',
        ],
        [
          '2026/10/27',
          '高橋 奈々 (takahashi.n)',
          '開発',
          '74',
          'メール',
          '継続中 (2026-10-20 から)',
          '私用アドレスへの添付 (+40)',
        ],
        ['2026/10/26', '佐藤 陽介 (sato.y)', '総務', '63', '普段と違う時間帯', '新規ケース', '普段と違う時間帯 (+30)'],
        [
          '2026/10/26',
          '鈴木 浩 (suzuki.h)',
          '経理',
          '58',
          'Web・クラウド',
          '新規ケース',
          '初めてのクラウドストレージ (+28)',
        ],
        ['2026/10/25', '伊藤 舞 (ito.m)', '営業', '51', '印刷', '新規ケース', '普段より多い印刷 (+25)'],
        // A story the page has no name for shows its code.
        ['2026/10/25', '加藤 亮 (kato.r)', '総務', '40', 'その他 (new-kind)', '新規ケース', '新しい種類の理由 (+40)'],
      ]);
      // The ranking's answer is not the queue's: switching back leaves the queue table behind.
      await userEvent.click(within(views).getByRole('radio', { name: 'ランキング' }));
      expect(screen.queryByRole('table', { name: 'レビューキュー' })).not.toBeInTheDocument();
    });

    it('labels cases and statuses in English and dates in the page language', async () => {
      await setLanguage('en-US');
      render(
        <RiskPage language="en" dataSourceUid="kansa" now={new Date('2026-10-31T15:00:00Z')} timezone="Asia/Tokyo" />,
      );
      await userEvent.click(screen.getByRole('radio', { name: 'Review queue' }));
      await userEvent.click(screen.getByRole('button', { name: 'Show' }));
      const rows = within(await screen.findByRole('table', { name: 'Review queue' })).getAllByRole('row');
      expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual([
        '27/10/2026',
        '27/10/2026',
        '26/10/2026',
        '26/10/2026',
        '25/10/2026',
        '25/10/2026',
      ]);
      expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[4].textContent)).toEqual([
        'Files',
        'Mail',
        'Unusual hours',
        'Web and cloud',
        'Printing',
        'Other (new-kind)',
      ]);
      expect(within(rows[1]).getByText('New case')).toBeInTheDocument();
      expect(within(rows[2]).getByText('Open since 2026-10-20')).toBeInTheDocument();
    });

    it('links each entry to the user’s timeline of that local day, a 25-hour one too', async () => {
      const berlinDay = Date.parse('2026-10-25T00:00:00+02:00'); // summer time ends at 03:00 that night
      fetch.mockReturnValue(
        answer({
          queue: {
            frames: [
              {
                ...queueFrame,
                data: { values: queueFrame.data.values.map((v, i) => (i === 0 ? [berlinDay] : [v[0]])) },
              },
            ],
          },
        }),
      );
      await setLanguage('en-US');
      render(
        <RiskPage
          language="en"
          dataSourceUid="kansa"
          now={new Date('2026-10-31T15:00:00Z')}
          timezone="Europe/Berlin"
        />,
      );
      await userEvent.click(screen.getByRole('radio', { name: 'Review queue' }));
      await userEvent.click(screen.getByRole('button', { name: 'Show' }));
      const rows = within(await screen.findByRole('table', { name: 'Review queue' })).getAllByRole('row');
      expect(rows[1]).toHaveTextContent('25/10/2026');
      expect(within(rows[1]).getByRole('link', { name: '池田 久美子 (ikeda.k)' })).toHaveAttribute(
        'href',
        `/d/kansa-insider?var-user=ikeda.k&from=${berlinDay}&to=${Date.parse('2026-10-26T00:00:00+01:00')}`,
      );
    });

    it('says so when the period has no queue entries', async () => {
      fetch.mockReturnValue(answer({ queue: { frames: [emptyQueue] } }));
      await setLanguage('ja-JP');
      render(
        <RiskPage language="ja" dataSourceUid="kansa" now={new Date('2026-10-31T15:00:00Z')} timezone="Asia/Tokyo" />,
      );
      await userEvent.click(screen.getByRole('radio', { name: 'レビューキュー' }));
      await userEvent.click(screen.getByRole('button', { name: '表示' }));
      expect(await screen.findByText('この期間にレビューキューの項目はありません。')).toBeInTheDocument();
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      // The data source's notice says the same; it is not repeated.
      expect(screen.queryByText(/is in the review queue/)).not.toBeInTheDocument();
    });

    it('says when the queue was cut off at the limit', async () => {
      fetch.mockReturnValue(answer({ queue: { frames: [cutOffQueue] } }));
      await setLanguage('en-US');
      render(
        <RiskPage language="en" dataSourceUid="kansa" now={new Date('2026-10-31T15:00:00Z')} timezone="Asia/Tokyo" />,
      );
      await userEvent.click(screen.getByRole('radio', { name: 'Review queue' }));
      await userEvent.click(screen.getByRole('button', { name: 'Show' }));
      expect(await screen.findByRole('table', { name: 'Review queue' })).toBeInTheDocument();
      expect(screen.getByText('the review queue holds more than 500 rows in this range')).toBeInTheDocument();
    });

    it('shows the data source’s error as the ranking does', async () => {
      fetch.mockReturnValue(answer({ queue: { error: 'no kansa-risk-* index' } }));
      await setLanguage('en-US');
      render(
        <RiskPage language="en" dataSourceUid="kansa" now={new Date('2026-10-31T15:00:00Z')} timezone="Asia/Tokyo" />,
      );
      await userEvent.click(screen.getByRole('radio', { name: 'Review queue' }));
      await userEvent.click(screen.getByRole('button', { name: 'Show' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('queue: no kansa-risk-* index');
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
    });
  });
});
