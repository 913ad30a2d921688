import { describeGoldenCases } from '../../translate/testing/golden';
import { iisFormat, SAMPLE, translateIis } from '.';

describe('iis', () => {
  const header = iisFormat.isHeader!(SAMPLE.fields)!;

  it('reads the default field set: UTC time, domain user, spaces written as +', () => {
    expect(translateIis(SAMPLE.line, header)).toMatchObject({
      '@timestamp': '2026-10-01T00:00:05.000Z',
      'user.name': 'tanaka',
      'user.domain': 'EXAMPLE',
      'source.ip': '203.0.113.24',
      'http.response.status_code': 302,
      'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
      'event.duration': 187_000_000,
    });
  });

  it('fails a record with no #Fields before it, keeping it', () => {
    expect(() => translateIis(SAMPLE.line, undefined)).toThrow(/#Fields/);
  });

  it('skips directives but takes #Fields as the header', () => {
    expect(iisFormat.isPreamble!('#Software: Microsoft Internet Information Services 10.0', false)).toBe(true);
    expect(iisFormat.isPreamble!(SAMPLE.fields, false)).toBe(false);
    expect(
      iisFormat.detect(`#Software: Microsoft Internet Information Services 10.0\n${SAMPLE.fields}\n${SAMPLE.line}`),
    ).toBeGreaterThan(0.95);
    expect(iisFormat.detect('#separator \\x09\n#fields\tts\tuid')).toBe(0);
  });
});

describeGoldenCases(__dirname);
