import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { ciscoProgram } from './index';

function msg(message: string, program = '', host?: string): SyslogMessage {
  return { timestamp: '2026-10-01T00:00:01.000Z', program, message, format: 'rfc3164', ...(host ? { host } : {}) };
}

describe('cisco', () => {
  it('matches a tag after a counter and device time', () => {
    expect(
      ciscoProgram.matches(
        msg('12345: Oct  1 09:00:01.123 JST: %LINK-3-UPDOWN: Interface Gi1/0/5, changed state to down'),
      ),
    ).toBe(true);
    expect(ciscoProgram.matches(msg('Accepted password for root', 'sshd'))).toBe(false);
    expect(ciscoProgram.matches(msg('disk 100% full'))).toBe(false);
  });

  it('takes the tag from the program name', () => {
    const e = ciscoProgram.translate(
      msg('Configured from console by admin on vty0 (10.0.0.10)', '%SYS-5-CONFIG_I', 'web-sw01'),
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({
      'user.name': 'admin',
      'source.ip': '10.0.0.10',
      'event.action': 'changed-configuration',
      'observer.name': 'web-sw01',
    });
  });

  it('reads the hostname and severity from the preamble', () => {
    const e = ciscoProgram.translate(
      msg(
        '1: web-sw01: Oct  1 2026 09:00:01 JST: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/5, changed state to down',
      ),
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({
      'observer.name': 'web-sw01',
      'observer.type': 'switch',
      'observer.ingress.interface.name': 'GigabitEthernet1/0/5',
      'log.level': 'error',
      'event.severity': 3,
      'event.action': 'interface-down',
    });
  });

  it('keeps NX-OS time apart from the host', () => {
    const e = ciscoProgram.translate(
      msg(': 2026 Oct  1 09:00:01 JST: %ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/5 is down (Link failure)'),
      GOLDEN_CONTEXT,
    );
    expect(e).not.toHaveProperty('observer.name');
    expect(e).toMatchObject({ 'event.reason': 'Link failure', 'observer.product': 'NX-OS' });
  });
});

describeGoldenCases(__dirname);
