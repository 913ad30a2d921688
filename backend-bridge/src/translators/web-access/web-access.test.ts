import { describeGoldenCases } from '../../translate/testing/golden';
import { RULES, translateAccess, webAccessFormat } from '.';

describe('web-access', () => {
  it('each layout reads its own sample', () => {
    for (const rule of RULES) {
      expect(RULES.find((r) => r.match.test(rule.sample))?.id).toBe(rule.id);
      expect(translateAccess(rule.sample)['kansa.message.en']).not.toMatch(/undefined/);
    }
  });

  it('reads a combined line: client, user, time with its offset, status and bytes', () => {
    expect(translateAccess(RULES[1].sample)).toMatchObject({
      '@timestamp': '2026-10-01T00:00:05.000Z',
      'source.ip': '203.0.113.24',
      'user.name': 'tanaka',
      'http.request.method': 'POST',
      'http.response.status_code': 201,
      'url.path': '/upload/report.xlsx',
    });
  });

  it('marks 401/403 as denied and 4xx/5xx as failures', () => {
    const ev = translateAccess(
      '198.51.100.99 - admin [01/Oct/2026:09:01:02 +0900] "GET /server-status HTTP/1.1" 401 381 "-" "curl"',
    );
    expect(ev['event.type']).toEqual(['access', 'denied']);
    expect(ev['event.outcome']).toBe('failure');
  });

  it('detects access logs, not syslog or Squid', () => {
    expect(webAccessFormat.detect(RULES[1].sample)).toBeGreaterThan(0.8);
    expect(webAccessFormat.detect('Oct  1 09:00:01 host sshd[1]: Accepted password for tanaka')).toBe(0);
    expect(
      webAccessFormat.detect(
        '1759276801.123    532 10.1.20.15 TCP_TUNNEL/200 5120 CONNECT www.dropbox.com:443 tanaka HIER_DIRECT/162.125.80.18 -',
      ),
    ).toBe(0);
  });
});

describeGoldenCases(__dirname);
