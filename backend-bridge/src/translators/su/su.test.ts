import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { su } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

export function msg(message: string, program: string): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'web01', program, message, format: 'rfc3164' };
}

describe('su', () => {
  it('ignores other programs', () => {
    expect(su.matches(msg('x', 'sshd'))).toBe(false);
  });
  it('returns null for unknown messages', () => {
    expect(su.translate(msg('something else entirely', 'su'), ctx)).toBeNull();
  });
  it('reads success and failure', () => {
    expect(su.translate(msg('(to root) tanaka on pts/0', 'su'), ctx)).toMatchObject({
      'event.action': 'switched-user',
      'user.name': 'tanaka',
      'user.target.name': 'root',
    });
    expect(su.translate(msg('FAILED SU (to root) sato on pts/1', 'su'), ctx)).toMatchObject({
      'event.action': 'switch-user-failed',
      'event.outcome': 'failure',
    });
    expect(su.translate(msg('+ pts/2 suzuki:root', 'su'), ctx)).toMatchObject({
      'event.action': 'switched-user',
      'user.name': 'suzuki',
    });
  });
});

describeGoldenCases(__dirname);
