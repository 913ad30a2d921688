import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { pam } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(message: string, program = 'login'): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'web01', program, message, format: 'rfc3164' };
}

describe('pam', () => {
  it('claims pam_ messages of any program, also inside repeats', () => {
    expect(pam.matches(msg('pam_unix(cron:session): session closed for user root', 'CRON'))).toBe(true);
    expect(
      pam.matches(msg('message repeated 2 times: [ pam_unix(sshd:auth): authentication failure; user=root]')),
    ).toBe(true);
    expect(pam.matches(msg('Accepted password for x'))).toBe(false);
  });

  it('reads the newer "(uid=N)" session form and marks interactive sessions', () => {
    expect(
      pam.translate(msg('pam_unix(gdm-password:session): session opened for user tanaka(uid=1001) by (uid=0)'), ctx),
    ).toMatchObject({
      'event.action': 'session-opened',
      'user.name': 'tanaka',
      'user.id': '1001',
      'kansa.session.transition': 'start',
    });
  });

  it('names the switching user for su sessions', () => {
    expect(
      pam.translate(msg('pam_unix(su-l:session): session opened for user root(uid=0) by tanaka(uid=1001)', 'su'), ctx),
    ).toMatchObject({
      'user.name': 'tanaka',
      'user.effective.name': 'root',
    });
  });

  it('does not mark cron sessions as attendance', () => {
    const ev = pam.translate(
      msg('pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)', 'CRON'),
      ctx,
    ) as Record<string, unknown>;
    expect(ev['kansa.session.transition']).toBeUndefined();
  });

  it('makes a logon failure of a login service a logon-failed event', () => {
    expect(
      pam.translate(
        msg(
          'pam_unix(login:auth): authentication failure; logname=LOGIN uid=0 euid=0 tty=/dev/tty1 ruser= rhost=  user=yamada',
        ),
        ctx,
      ),
    ).toMatchObject({ 'event.action': 'logon-failed', 'user.name': 'yamada', 'event.outcome': 'failure' });
  });
});

describeGoldenCases(__dirname);
