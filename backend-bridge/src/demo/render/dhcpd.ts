import { syslogLine, type TimedLine } from './syslog';

/** ISC dhcpd renewing a PC's lease at boot: DHCPREQUEST, then DHCPACK. */
export function leaseLines(t: number, pc: { ip: string; mac: string; host: string }): TimedLine[] {
  const tag = 'dhcpd[812]';
  return [
    [t, syslogLine(t, 'dhcp01', tag, `DHCPREQUEST for ${pc.ip} (10.0.0.2) from ${pc.mac} (${pc.host}) via eth0`)],
    [t + 20, syslogLine(t + 20, 'dhcp01', tag, `DHCPACK on ${pc.ip} to ${pc.mac} (${pc.host}) via eth0`)],
  ];
}
