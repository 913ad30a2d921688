import { deniedInboundLine, forwardTrafficLine } from '../render/fortigate';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

const LAN_TO_WAN = { id: 1, name: 'LAN-to-WAN' };

export interface Session {
  src: string;
  dst: string;
  port: number;
  service: string;
  sent: number;
  received: number;
  action: string;
  user?: string;
  hostname?: string;
  policy?: { id: number; name: string };
}

/** The FortiGate's traffic log, with its session counter. */
export class FirewallLog {
  private session = 8000;

  constructor(private readonly out: Outputs) {}

  /** A session from the LAN to the Internet (policy LAN-to-WAN unless another is named). */
  forward(t: number, s: Session, rng: Rng): void {
    const srcPort = rng.int(49152, 65000);
    const duration = rng.int(1, 600);
    const line = forwardTrafficLine({
      t,
      src: s.src,
      srcPort,
      dst: s.dst,
      dstPort: s.port,
      session: ++this.session,
      action: s.action,
      policy: s.policy ?? LAN_TO_WAN,
      user: s.user,
      service: s.service,
      hostname: s.hostname,
      duration,
      sent: s.sent,
      received: s.received,
    });
    this.out.firewall.add(t, line);
  }

  /** A probe from the Internet that policy 0 denies; logged 50 ms after the second it names. */
  deniedInbound(t: number, src: string, rng: Rng): void {
    const srcPort = rng.int(30000, 65000);
    const dstPort = rng.pick([23, 445, 3389, 8080]);
    this.out.firewall.add(
      t + 50,
      deniedInboundLine({ t, eventTime: t + 50, src, srcPort, dstPort, session: ++this.session }),
    );
  }
}
