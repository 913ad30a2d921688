import { queryLine } from '../render/bind';
import { connLine, dnsLine, zeekUid } from '../render/zeek';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

export interface Connection {
  src: string;
  dst: string;
  port: number;
  service: string;
  /** Seconds. */
  duration: number;
  sent: number;
  received: number;
}

/** Zeek on the core switch's mirror port (conn.log, dns.log) and BIND's query log, with Zeek's uid counter. */
export class ZeekLog {
  private uids = 0;

  constructor(private readonly out: Outputs) {}

  conn(t: number, c: Connection, rng: Rng): void {
    const uid = this.nextUid();
    const srcPort = rng.int(49152, 65000);
    const { src, dst, service, duration, sent, received } = c;
    this.out.zeekConn.add(
      t,
      connLine({ t, uid, src, srcPort, dst, dstPort: c.port, service, duration, sent, received }),
    );
  }

  /** A PC's A query to the internal resolver: BIND logs it, Zeek sees it. */
  dnsLookup(t: number, ip: string, name: string, rng: Rng): void {
    const port = rng.int(49152, 65000);
    this.out.bind.add(t, queryLine(t, rng.hex(6), ip, port, name));
    const uid = this.nextUid();
    this.out.zeekDns.add(t, dnsLine({ t, uid, client: ip, clientPort: port, transId: rng.int(1, 65535), query: name }));
  }

  private nextUid(): string {
    return zeekUid(++this.uids);
  }
}
