import { describeGoldenCases } from '../../translate/testing/golden';
import type { SyslogMessage } from '../../translate/types';
import { dhcpd } from '.';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

function msg(message: string): SyslogMessage {
  return { timestamp: '2026-10-01T09:00:01+09:00', host: 'dhcp01', program: 'dhcpd', message, format: 'rfc3164' };
}

describe('dhcpd', () => {
  it('reads DHCPACK with host name and normalises the MAC', () => {
    expect(dhcpd.translate(msg('DHCPACK on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0'), ctx)).toMatchObject({
      'event.action': 'dhcp-ack',
      'source.ip': '10.0.1.23',
      'source.mac': '00-11-22-33-44-55',
      'source.domain': 'PC-TANAKA',
    });
  });
  it('reads DHCPREQUEST with a server id', () => {
    const ev = dhcpd.translate(
      msg('DHCPREQUEST for 10.0.1.23 (10.0.0.2) from 00:11:22:33:44:55 (PC-TANAKA) via eth0'),
      ctx,
    ) as Record<string, unknown>;
    expect((ev['kansa.raw'] as Record<string, string>).server_id).toBe('10.0.0.2');
  });
  it('returns null for other dhcpd lines', () => {
    expect(dhcpd.translate(msg('Abandoning IP address 10.0.1.60: declined.'), ctx)).toBeNull();
  });
});

describeGoldenCases(__dirname);
