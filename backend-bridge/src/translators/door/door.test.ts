import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { splitCsvLine as splitCsv } from '../../translate/csv';
import { createDoorFormat, doorFormat } from './index';

const origin = { source: 't', line: 2, offset: 0 };

describe('door', () => {
  it('splits quoted CSV', () => {
    expect(splitCsv('a,"b, c","say ""hi""",,d')).toEqual(['a', 'b, c', 'say "hi"', '', 'd']);
  });

  it('knows Japanese and English headers, not other CSVs', () => {
    expect(doorFormat.isHeader!('日時,カードID,氏名,社員番号,ドア,方向,結果')).toHaveLength(7);
    expect(doorFormat.isHeader!('timestamp,card_id,user,employee_id,door,direction,result')).toHaveLength(7);
    expect(doorFormat.isHeader!('ID,Date,Time,Description,IP Address')).toBeNull();
    expect(doorFormat.detect('page,user,printer\n')).toBe(0);
  });

  it('maps a site-specific header through extra aliases', () => {
    const f = createDoorFormat({ timestamp: ['通過時刻'], door: ['ゲート番号'], card_id: ['IDm'] });
    const header = f.isHeader!('通過時刻,IDm,氏名,ゲート番号,方向');
    expect(header).not.toBeNull();
    const [e] = f.translate(
      { text: '2026/10/01 09:00:00,0101,tanaka,G-3,入室', origin, header: header! },
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({
      '@timestamp': '2026-10-01T00:00:00.000Z',
      'kansa.door.name': 'G-3',
      'kansa.door.direction': 'entry',
      'kansa.door.card_id': '0101',
      'kansa.message.ja': 'tanaka が G-3 に入室しました(カード 0101)',
    });
  });
});

describeGoldenCases(__dirname);
