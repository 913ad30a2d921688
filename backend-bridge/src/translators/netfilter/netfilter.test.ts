import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { netfilterProgram } from './index';
import { flowSentence, formatBytes } from '../_lib/flow';

function msg(message: string, program = 'kernel'): SyslogMessage {
  return { timestamp: '2026-10-01T00:00:01.000Z', host: 'gw01', program, message, format: 'rfc3164' };
}

describe('netfilter', () => {
  it('reads a drop with any prefix', () => {
    const e = netfilterProgram.translate(
      msg('[1.0] my drop prefix: IN=eth0 OUT= SRC=203.0.113.9 DST=10.0.0.5 LEN=60 PROTO=TCP SPT=4242 DPT=22 SYN'),
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({
      'rule.name': 'my drop prefix',
      'source.ip': '203.0.113.9',
      'destination.port': 22,
      'network.transport': 'tcp',
      'event.action': 'connection-denied',
      'event.outcome': 'failure',
    });
  });

  it('ignores other kernel lines', () => {
    expect(netfilterProgram.matches(msg('e1000e: eth0 NIC Link is Down'))).toBe(false);
    expect(netfilterProgram.matches(msg('IN=eth0 SRC=1.2.3.4 DST=5.6.7.8 PROTO=TCP', 'sshd'))).toBe(false);
  });

  it('words bytes and flows', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1258291)).toBe('1.2 MB');
    expect(formatBytes(3482)).toBe('3.4 KB');
    expect(
      flowSentence({
        verdict: 'allowed',
        source: '10.0.1.23',
        destination: '203.0.113.50:8443/tcp',
        sent: 1258291,
        received: 3482,
      }),
    ).toEqual({
      ja: '10.0.1.23 から 203.0.113.50:8443/tcp への通信を許可しました(送信 1.2 MB、受信 3.4 KB)',
      en: 'Allowed 10.0.1.23 → 203.0.113.50:8443/tcp (sent 1.2 MB, received 3.4 KB)',
    });
  });
});

describeGoldenCases(__dirname);
