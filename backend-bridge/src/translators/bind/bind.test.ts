import { describeGoldenCases } from '../../translate/testing/golden';
import { bindFormat, translateBindClient } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const origin = { source: 'query.log', line: 1, offset: 0 };

describe('bind', () => {
  it('detects a query log file', () => {
    expect(
      bindFormat.detect(
        '01-Oct-2026 09:00:01.123 client @0x7f8a 10.0.1.23#53211 (a.jp): query: a.jp IN A + (10.0.0.53)\n',
      ),
    ).toBeGreaterThan(0.9);
  });
  it('reads a query with local time', () => {
    const [ev] = bindFormat.translate(
      {
        text: '01-Oct-2026 09:00:01.123 client @0x7f8a2c0a1b30 10.0.1.23#53211 (www.example.co.jp): query: www.example.co.jp IN A +E(0)K (10.0.0.53)',
        origin,
      },
      ctx,
    );
    expect(ev).toMatchObject({
      '@timestamp': '2026-10-01T00:00:01.123Z',
      'source.ip': '10.0.1.23',
      'dns.question.name': 'www.example.co.jp',
      'dns.question.type': 'A',
      'destination.ip': '10.0.0.53',
    });
  });
  it('reads the BIND 9.9 form without the client object address', () => {
    expect(
      translateBindClient(
        'client 10.0.1.77#1053 (old.example.jp): query: old.example.jp IN MX + (10.0.0.53)',
        undefined,
      ),
    ).toMatchObject({
      'dns.question.type': 'MX',
    });
  });
  it('rejects other lines with a reason', () => {
    expect(() => bindFormat.translate({ text: 'hello', origin }, ctx)).toThrow(/BIND log time/);
  });
});

describeGoldenCases(__dirname);
