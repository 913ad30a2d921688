import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { sshd } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(message: string, program = 'sshd'): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'web01', program, pid: 1234, message, format: 'rfc3164' };
}

describe('sshd', () => {
  it('matches sshd, sshd-session and sshd-auth only', () => {
    expect(sshd.matches(msg('x'))).toBe(true);
    expect(sshd.matches(msg('x', 'sshd-session'))).toBe(true);
    expect(sshd.matches(msg('x', 'sshd-auth'))).toBe(true);
    expect(sshd.matches(msg('x', 'sudo'))).toBe(false);
  });

  it('translates an accepted password logon', () => {
    const ev = sshd.translate(msg('Accepted password for tanaka from 10.0.1.23 port 52344 ssh2'), ctx);
    expect(ev).toMatchObject({
      'event.action': 'logged-in',
      'event.outcome': 'success',
      'user.name': 'tanaka',
      'source.ip': '10.0.1.23',
      'source.port': 52344,
      'kansa.session.transition': 'start',
    });
    expect((ev as Record<string, string>)['kansa.message.ja']).toMatch(/^tanaka が /);
  });

  it('counts rsyslog repeats and keeps invalid users with spaces', () => {
    const ev = sshd.translate(
      msg('message repeated 3 times: [ Failed password for invalid user ftp user from 203.0.113.9 port 4242 ssh2]'),
      ctx,
    );
    expect(ev).toMatchObject({
      'event.action': 'logon-failed',
      'user.name': 'ftp user',
      'kansa.count': 3,
      'source.ip': '203.0.113.9',
    });
  });

  it('puts a host name into source.domain, not source.ip', () => {
    const ev = sshd.translate(
      msg('Accepted password for tanaka from pc01.corp.example port 52344 ssh2'),
      ctx,
    ) as Record<string, unknown>;
    expect(ev['source.ip']).toBeUndefined();
    expect(ev['source.domain']).toBe('pc01.corp.example');
  });

  it('ends the session on "Disconnected from user"', () => {
    expect(sshd.translate(msg('Disconnected from user tanaka 10.0.1.23 port 52344'), ctx)).toMatchObject({
      'event.action': 'logged-out',
      'kansa.session.transition': 'end',
      'user.name': 'tanaka',
    });
  });

  it('returns null for unknown messages', () => {
    expect(sshd.translate(msg('debug1: something'), ctx)).toBeNull();
  });
});

describeGoldenCases(__dirname);
