import { describeGoldenCases } from '../../translate/testing/golden';
import { iFilterFormat, RULES, translateIFilter } from '.';

describe('i-filter', () => {
  const sample = (id: string) => RULES.rules.find((r) => r.id === id)!.sample;

  it("reads each rule's sample without an undefined in the sentence", () => {
    for (const rule of RULES.rules) {
      expect(translateIFilter(rule.sample)['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('reads a blocked access: who, where, the time i-FILTER took the connection', () => {
    expect(translateIFilter(sample('access-blocked'))).toMatchObject({
      '@timestamp': '2026-10-01T00:05:43.000Z',
      'user.name': 'suzuki',
      'source.ip': '10.1.20.16',
      'url.domain': 'baito-job.example.jp',
      'event.action': 'http-request-denied',
      'group.name': 'sales',
      'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0)',
    });
  });

  it('decodes URL-encoded block log URLs, Shift_JIS names of older logs, and keeps undecodable text as written', () => {
    expect(translateIFilter(sample('block'))['url.full']).toBe('https://baito-job.example.jp/');
    expect(
      translateIFilter(
        '4582 10.1.20.18 %8ER%93c sales 7 01/Oct/2026:09:10:00 +0900 http%3A%2F%2Fa.example%2F block 43 3',
      )['user.name'],
    ).toBe('山田');
    expect(
      translateIFilter(
        '4582 10.1.20.18 %FF%FF sales 7 01/Oct/2026:09:10:00 +0900 http%3A%2F%2Fa.example%2F block 43 3',
      )['user.name'],
    ).toBe('%FF%FF');
  });

  it('is detected over syslog, whose header its lines resemble', () => {
    expect(iFilterFormat.detect(sample('access-blocked'))).toBeGreaterThan(0.9);
    expect(iFilterFormat.detect('Oct  1 09:00:01 host sshd[1]: Accepted password for tanaka')).toBe(0);
  });
});

describeGoldenCases(__dirname);
