import { LocalTime } from '../localtime';
import { riskStateTemplate, riskSummaryTemplate, summaryIndex } from './templates';
import { summaryDoc } from './summaries';

describe('daily summary documents (CONTRACTS.md, risk)', () => {
  it('one document per user and local day with exactly the contract fields', () => {
    const clock = new LocalTime('Asia/Tokyo');
    const day = LocalTime.dayOf('2026-10-27');
    const doc = summaryDoc(
      {
        user: 'ikeda.k',
        info: { department: '営業', displayName: '池田 健', privileged: false, watchlist: false },
        day,
        score: 57.5,
        confidence: 1,
        reasons: [
          {
            code: 'first-share',
            en: 'First access to share 開発',
            ja: '初めての共有フォルダ: 開発',
            contribution: 35,
            baseline: '{"resource":"share:開発"}',
          },
        ],
        events: 812,
        marks: [],
        lastSeen: 0,
      },
      clock,
    );
    expect(doc).toEqual({
      '@timestamp': '2026-10-26T15:00:00.000Z',
      'user.name': 'ikeda.k',
      'kansa.user.display_name': '池田 健',
      'kansa.user.department': '営業',
      'kansa.risk.score': 57.5,
      'kansa.risk.confidence': 1,
      'kansa.risk.reasons': [
        {
          code: 'first-share',
          en: 'First access to share 開発',
          ja: '初めての共有フォルダ: 開発',
          contribution: 35,
          baseline: '{"resource":"share:開発"}',
        },
      ],
      'kansa.count': 812,
    });
    expect(summaryIndex('2026-10-27')).toBe('kansa-risk-2026.10');
  });

  it('templates: summaries take the registry mapping under kansa-risk-*, profiles stay outside that pattern', () => {
    const t = riskSummaryTemplate() as {
      index_patterns: string[];
      template: {
        aliases: Record<string, unknown>;
        mappings: { dynamic: string; properties: Record<string, unknown> };
      };
    };
    expect(t.index_patterns).toEqual(['kansa-risk-*']);
    expect(Object.keys(t.template.aliases)).toEqual(['kansa-risk']);
    expect(t.template.mappings.dynamic).toBe('strict');
    const risk = (
      t.template.mappings.properties.kansa as {
        properties: { risk: { properties: { reasons: { properties: Record<string, unknown> } } } };
      }
    ).properties.risk;
    expect(Object.keys(risk.properties.reasons.properties).sort()).toEqual([
      'baseline',
      'code',
      'contribution',
      'en',
      'ja',
    ]);
    const s = riskStateTemplate() as { index_patterns: string[] };
    expect(s.index_patterns).toEqual(['kansa-state-risk*']);
    expect(s.index_patterns[0].startsWith('kansa-risk-')).toBe(false);
  });
});
