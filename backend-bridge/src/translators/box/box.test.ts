import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { boxFormat, mapBoxEvent, RULES } from '.';

const origin = { source: 't', line: 1, offset: 0 };

describe('box', () => {
  it('each rule reads its own sample', () => {
    for (const rule of RULES.rules) {
      expect(mapBoxEvent(rule.sample)['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('says who opened a file to anyone with the link', () => {
    expect(mapBoxEvent(RULES.rules[2].sample)).toMatchObject({
      'user.name': 'tanaka',
      'event.action': 'share',
      'kansa.access.operation': 'permission-change',
      'kansa.message.en':
        'tanaka created a shared link for 営業部/顧客台帳.xlsx in Box from 203.0.113.24 (anyone with the link)',
    });
  });

  it('keeps the good entries of a page with a bad one', () => {
    const page = JSON.stringify({
      next_stream_position: '1',
      entries: [JSON.parse(RULES.rules[0].sample), { event_type: 'LOGIN', created_at: 'x' }],
    });
    expect(
      boxFormat.translate({ text: page, origin }, GOLDEN_CONTEXT).map((e) => e['kansa.parse.status'] ?? 'ok'),
    ).toEqual(['ok', 'failed']);
  });

  it('detects pages and single events, not other JSON', () => {
    expect(boxFormat.detect('{"chunk_size":1,"next_stream_position":"1","entries":[')).toBeGreaterThan(0.95);
    expect(boxFormat.detect(RULES.rules[1].sample)).toBeGreaterThan(0.9);
    expect(boxFormat.detect('{"kind":"admin#reports#activities","items":[')).toBe(0);
  });
});

describeGoldenCases(__dirname);
