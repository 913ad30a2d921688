import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { logind } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(message: string, program = 'systemd-logind'): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'pc01', program, message, format: 'rfc3164' };
}

describe('logind', () => {
  it('starts a session for a person, not for the greeter', () => {
    expect(logind.translate(msg('New session 3 of user tanaka.'), ctx)).toMatchObject({ 'user.name': 'tanaka', 'kansa.session.transition': 'start' });
    expect((logind.translate(msg('New session c1 of user gdm.'), ctx) as Record<string, unknown>)['kansa.session.transition']).toBeUndefined();
  });
  it('marks power off and boot', () => {
    expect(logind.translate(msg('System is powering down.'), ctx)).toMatchObject({ 'kansa.session.transition': 'power-off' });
    expect(logind.translate(msg('Startup finished in 1s (kernel) + 2s (userspace) = 3s.', 'systemd'), ctx)).toMatchObject({
      'kansa.session.transition': 'power-on',
    });
  });
  it('claims only the systemd lines it knows', () => {
    expect(logind.matches(msg('Started Session 3 of User tanaka.', 'systemd'))).toBe(false);
  });
});

describeGoldenCases(__dirname);
