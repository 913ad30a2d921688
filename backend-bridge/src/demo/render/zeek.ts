import { epochSeconds } from '../time';

export interface ZeekConn {
  t: number;
  uid: string;
  src: string;
  srcPort: number;
  dst: string;
  dstPort: number;
  service: string;
  /** Seconds. */
  duration: number;
  sent: number;
  received: number;
}

/** Zeek conn.log as JSON (LogAscii::use_json): a finished TCP connection. */
export function connLine(c: ZeekConn): string {
  const origPkts = Math.ceil(c.sent / 1400) + 2;
  const respPkts = Math.ceil(c.received / 1400) + 2;
  return JSON.stringify({
    ts: Number(epochSeconds(c.t, 6)),
    uid: c.uid,
    'id.orig_h': c.src,
    'id.orig_p': c.srcPort,
    'id.resp_h': c.dst,
    'id.resp_p': c.dstPort,
    proto: 'tcp',
    service: c.service,
    duration: Math.round(c.duration * 1000) / 1000,
    orig_bytes: c.sent,
    resp_bytes: c.received,
    conn_state: 'SF',
    local_orig: true,
    local_resp: c.dst.startsWith('10.'),
    missed_bytes: 0,
    history: 'ShADadFf',
    orig_pkts: origPkts,
    orig_ip_bytes: c.sent + 40 * origPkts,
    resp_pkts: respPkts,
    resp_ip_bytes: c.received + 40 * respPkts,
  });
}

export interface ZeekDns {
  t: number;
  uid: string;
  client: string;
  clientPort: number;
  transId: number;
  query: string;
}

/** Zeek dns.log as JSON: an A query the internal resolver answered. */
export function dnsLine(q: ZeekDns): string {
  return JSON.stringify({
    ts: Number(epochSeconds(q.t, 6)),
    uid: q.uid,
    'id.orig_h': q.client,
    'id.orig_p': q.clientPort,
    'id.resp_h': '10.0.0.53',
    'id.resp_p': 53,
    proto: 'udp',
    trans_id: q.transId,
    rtt: 0.0012,
    query: q.query,
    qclass: 1,
    qclass_name: 'C_INTERNET',
    qtype: 1,
    qtype_name: 'A',
    rcode: 0,
    rcode_name: 'NOERROR',
    AA: false,
    TC: false,
    RD: true,
    RA: true,
    Z: 0,
    answers: ['203.0.113.10'],
    TTLs: [300.0],
    rejected: false,
  });
}

const UID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Zeek's connection uid look (C + 17 base62 characters), from a counter: unique and repeatable. */
export function zeekUid(n: number): string {
  let s = 'C';
  let x = (n * 2654435761) >>> 0;
  for (let i = 0; i < 17; i++) {
    s += UID_ALPHABET[(x + i * n) % UID_ALPHABET.length];
    x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) >>> 0;
  }
  return s;
}
