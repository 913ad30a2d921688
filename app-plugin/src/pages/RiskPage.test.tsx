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

describe('RiskPage', () => {
  beforeEach(() => fetch.mockReset().mockReturnValue(of({ data: { results: { risk: { frames: [riskFrame] } } } })));

  it('ranks users by score with reasons and links each to their activity timeline', async () => {
    const now = new Date('2026-10-31T15:00:00Z');
    await setLanguage('ja-JP');
    render(<RiskPage language="ja" dataSourceUid="kansa" now={now} />);
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
    render(<RiskPage language="en" dataSourceUid="kansa" now={new Date('2026-10-31T15:00:00Z')} />);
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(await screen.findByText('No risk scores in this period.')).toBeInTheDocument();
  });
});
