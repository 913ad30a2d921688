import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { sudo } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

export function msg(message: string, program: string): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'web01', program, message, format: 'rfc3164' };
}

describe('sudo', () => {
  it('ignores other programs', () => {
    expect(sudo.matches(msg('x', 'sshd'))).toBe(false);
  });
  it('returns null for unknown messages', () => {
    expect(sudo.translate(msg('something else entirely', 'sudo'), ctx)).toBeNull();
  });
  it('translates a sudo command with the run-as user', () => {
    expect(
      sudo.translate(
        msg('  tanaka : TTY=pts/0 ; PWD=/home/tanaka ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx', 'sudo'),
        ctx,
      ),
    ).toMatchObject({
      'event.action': 'sudo-command',
      'user.name': 'tanaka',
      'user.effective.name': 'root',
      'process.command_line': '/usr/bin/systemctl restart nginx',
      'process.executable': '/usr/bin/systemctl',
    });
  });
  it('keeps " ; " inside the command', () => {
    const ev = sudo.translate(
      msg('deploy : TTY=unknown ; PWD=/srv ; USER=root ; COMMAND=/bin/sh -c a ; b', 'sudo'),
      ctx,
    ) as Record<string, unknown>;
    expect(ev['process.command_line']).toBe('/bin/sh -c a ; b');
  });
  it('reads failures', () => {
    expect(
      sudo.translate(
        msg(
          'sato : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/home/sato ; USER=root ; COMMAND=/bin/bash',
          'sudo',
        ),
        ctx,
      ),
    ).toMatchObject({
      'event.action': 'sudo-authentication-failed',
      'event.outcome': 'failure',
    });
    expect(
      sudo.translate(
        msg('intern : user NOT in sudoers ; TTY=pts/2 ; PWD=/ ; USER=root ; COMMAND=/bin/bash', 'sudo'),
        ctx,
      ),
    ).toMatchObject({
      'event.action': 'sudo-denied',
    });
  });
});

describeGoldenCases(__dirname);
