import { describeGoldenCases } from '../../translate/testing/golden';
import { cupsFormat } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const origin = { source: 'page_log', line: 1, offset: 0 };

describe('cups page_log', () => {
  it('detects page_log', () => {
    expect(
      cupsFormat.detect('P tanaka 42 [01/Oct/2026:09:00:01 +0900] total 3 - 10.0.1.23 a.pdf A4 one-sided\n'),
    ).toBeGreaterThan(0.9);
  });
  it('reads a CUPS 2.x total line with a job name holding spaces', () => {
    const [ev] = cupsFormat.translate(
      {
        text: 'Color_MFP_3F suzuki 44 [01/Oct/2026:12:30:00 +0900] total 2 - PC-SUZUKI Microsoft Word - 見積書.docx iso_a4_210x297mm one-sided',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T03:30:00.000Z',
      'user.name': 'suzuki',
      'kansa.print.printer': 'Color_MFP_3F',
      'kansa.print.pages': 2,
      'kansa.print.document': 'Microsoft Word - 見積書.docx',
      'source.domain': 'PC-SUZUKI',
    });
  });
  it('rejects a truncated line', () => {
    expect(() => cupsFormat.translate({ text: 'P tanaka 48 [01/Oct/2026:23:11:00 +0900] total', origin }, ctx)).toThrow(
      /page_log/,
    );
  });
});

describeGoldenCases(__dirname);
