import { fortiDateTime } from '../time';

const DEVICE = 'devname="FGT60F" devid="FGT60FTK20012345"';

export interface ForwardTraffic {
  t: number;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  session: number;
  action: string;
  policy: { id: number; name: string };
  user?: string;
  service: string;
  hostname?: string;
  duration: number;
  sent: number;
  received: number;
}

/** A FortiGate 60F forward-traffic log (key=value), from the LAN out through source NAT. */
export function forwardTrafficLine(r: ForwardTraffic): string {
  const { date, time } = fortiDateTime(r.t);
  return [
    `date=${date} time=${time} ${DEVICE} eventtime=${r.t}000000 tz="+0900" logid="0000000013"`,
    'type="traffic" subtype="forward" level="notice" vd="root"',
    `srcip=${r.src} srcport=${r.srcPort} srcintf="internal" srcintfrole="lan"`,
    `dstip=${r.dst} dstport=${r.dstPort} dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="Japan"`,
    `sessionid=${r.session} proto=6 action="${r.action}" policyid=${r.policy.id} policytype="policy"`,
    `policyname="${r.policy.name}"${r.user ? ` user="${r.user}"` : ''} service="${r.service}"`,
    `trandisp="snat" transip=198.51.100.7 transport=${r.srcPort}${r.hostname ? ` hostname="${r.hostname}"` : ''}`,
    `duration=${r.duration} sentbyte=${r.sent} rcvdbyte=${r.received}`,
    `sentpkt=${Math.ceil(r.sent / 1400) + 1} rcvdpkt=${Math.ceil(r.received / 1400) + 1} appcat="unscanned"`,
  ].join(' ');
}

export interface DeniedInbound {
  /** The second the log names (date, time); eventtime may fall a few ms later. */
  t: number;
  eventTime: number;
  src: string;
  srcPort: number;
  dstPort: number;
  session: number;
}

/** Inbound traffic from the Internet that the implicit deny policy (0) drops at the WAN address. */
export function deniedInboundLine(r: DeniedInbound): string {
  const { date, time } = fortiDateTime(r.t);
  return [
    `date=${date} time=${time} ${DEVICE} eventtime=${r.eventTime}000000 tz="+0900" logid="0000000013"`,
    'type="traffic" subtype="forward" level="notice" vd="root"',
    `srcip=${r.src} srcport=${r.srcPort} srcintf="wan1" srcintfrole="wan"`,
    `dstip=198.51.100.7 dstport=${r.dstPort} dstintf="internal" dstintfrole="lan"`,
    `sessionid=${r.session} proto=6 action="deny" policyid=0 policytype="policy" service="tcp"`,
    'duration=0 sentbyte=0 rcvdbyte=0',
  ].join(' ');
}
