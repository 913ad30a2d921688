import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { wirelessApProgram } from './index';

function msg(message: string, program = 'hostapd'): SyslogMessage {
  return { timestamp: '2026-10-01T00:00:01.000Z', host: 'ap1', program, message, format: 'rfc3164' };
}

describe('wireless-ap', () => {
  it('reads an association', () => {
    const e = wirelessApProgram.translate(
      msg('wlan0: STA aa:bb:cc:dd:ee:ff IEEE 802.11: associated (aid 1)'),
      GOLDEN_CONTEXT,
    );
    expect(e).toMatchObject({
      'source.mac': 'AA-BB-CC-DD-EE-FF',
      'observer.type': 'wireless',
      'observer.ingress.interface.name': 'wlan0',
      'event.action': 'wireless-associated',
    });
  });

  it('marks radar and a disabled AP for failure investigation', () => {
    expect(
      wirelessApProgram.translate(msg('wlan1: DFS-RADAR-DETECTED freq=5260 ht_enabled=1'), GOLDEN_CONTEXT),
    ).toMatchObject({ 'log.level': 'warning' });
    expect(wirelessApProgram.translate(msg('wlan1: AP-DISABLED'), GOLDEN_CONTEXT)).toMatchObject({
      'log.level': 'error',
      'event.outcome': 'failure',
    });
  });

  it('finds hostapd inside a UniFi message and leaves other programs', () => {
    expect(wirelessApProgram.matches(msg('hostapd: ath0: AP-ENABLED', 'U6Pro,245a4c0e1234,v6.5.28'))).toBe(true);
    expect(wirelessApProgram.matches(msg('started', 'dnsmasq'))).toBe(false);
  });
});

describeGoldenCases(__dirname);
