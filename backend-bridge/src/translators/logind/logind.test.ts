import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { logind } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(message: string, program = 'systemd-logind'): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'pc01', program, message, format: 'rfc3164' };
}

describe('logind', () => {
  it('starts a session for a person, not for the greeter', () => {
    expect(logind.translate(msg('New session 3 of user tanaka.'), ctx)).toMatchObject({
      'user.name': 'tanaka',
      'kansa.session.transition': 'start',
    });
    expect(
      (logind.translate(msg('New session c1 of user gdm.'), ctx) as Record<string, unknown>)[
        'kansa.session.transition'
      ],
    ).toBeUndefined();
  });
  it('marks power off and boot', () => {
    expect(logind.translate(msg('System is powering down.'), ctx)).toMatchObject({
      'kansa.session.transition': 'power-off',
    });
    expect(
      logind.translate(msg('Startup finished in 1s (kernel) + 2s (userspace) = 3s.', 'systemd'), ctx),
    ).toMatchObject({
      'kansa.session.transition': 'power-on',
    });
  });
  it('claims only the systemd lines it knows', () => {
    expect(logind.matches(msg('Started Session 3 of User tanaka.', 'systemd'))).toBe(false);
  });
});

describeGoldenCases(__dirname);

describe('session join', () => {
  it('gives the end of a session its user, who then logged out', () => {
    const { translateBuffer } = jest.requireActual('../../translate/run') as typeof import('../../translate/run');
    const input = Buffer.from(
      [
        'Oct  1 08:31:02 pc-sato systemd-logind[711]: New session 5 of user sato.',
        'Oct  1 18:02:44 pc-sato systemd-logind[711]: Session 5 logged out. Waiting for processes to exit.',
        'Oct  1 18:02:45 pc-sato systemd-logind[711]: Removed session 5.',
        'Oct  1 18:02:46 pc-other systemd-logind[711]: Removed session 5.',
      ].join('\n'),
    );
    const { events } = translateBuffer(input, {
      source: 't',
      ctx: { now: new Date('2026-11-01T00:00:00Z'), year: 2026, timeZone: 'Asia/Tokyo' },
    });
    expect(events.map((e) => [e['event.action'], e['user.name'], e['kansa.session.transition']])).toEqual([
      ['session-created', 'sato', 'start'],
      ['session-logged-out', 'sato', 'end'],
      ['session-removed', 'sato', undefined],
      ['session-removed', undefined, undefined],
    ]);
    expect(events[1]['kansa.message.ja']).toBe('sato が pc-sato からログアウトしました(セッション 5)');
    expect(events[1]['related.user']).toEqual(['sato']);
  });
});
