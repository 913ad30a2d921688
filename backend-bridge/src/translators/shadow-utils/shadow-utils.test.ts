import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { shadowUtils } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

export function msg(message: string, program: string): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'web01', program, message, format: 'rfc3164' };
}

describe('shadow-utils', () => {
  it('ignores other programs', () => {
    expect(shadowUtils.matches(msg('x', 'sshd'))).toBe(false);
  });
  it('returns null for unknown messages', () => {
    expect(shadowUtils.translate(msg('something else entirely', 'useradd'), ctx)).toBeNull();
  });
  it('reads useradd, usermod and userdel', () => {
    expect(
      shadowUtils.translate(
        msg(
          'new user: name=backdoor, UID=1002, GID=1002, home=/home/backdoor, shell=/bin/bash, from=/dev/pts/0',
          'useradd',
        ),
        ctx,
      ),
    ).toMatchObject({ 'event.action': 'added-user-account', 'user.target.name': 'backdoor', 'user.target.id': '1002' });
    expect(shadowUtils.translate(msg("add 'tanaka' to group 'sudo'", 'usermod'), ctx)).toMatchObject({
      'event.action': 'added-member-to-group',
      'group.name': 'sudo',
    });
    expect(shadowUtils.translate(msg("delete user 'backdoor'#012", 'userdel'), ctx)).toMatchObject({
      'event.action': 'deleted-user-account',
    });
    expect(shadowUtils.translate(msg("delete user `olduser'", 'userdel'), ctx)).toMatchObject({
      'user.target.name': 'olduser',
    });
  });
});

describeGoldenCases(__dirname);
