import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { endpoint, flowSentence, transportName, type FlowWords } from '../_lib/flow';
import { applyRules, ruleTable, sentenceIn, type MessageRule, type RuleResult } from '../_lib/rules';

/**
 * Linux netfilter packet logs from the kernel: the iptables `LOG` target, nftables `log prefix`,
 * ufw (`[UFW BLOCK]`) and firewalld (`filter_IN_public_REJECT:`) all print
 * `<prefix>IN=eth0 OUT= MAC=… SRC=… DST=… LEN=… … PROTO=TCP SPT=… DPT=… …`. The field list is the
 * same for every line; what a line means is the verdict its prefix names, so the rule table is keyed
 * by that verdict.
 */

const UPTIME = /^\[\s*(\d+\.\d+)\]\s*/;

function verdictOf(prefix: string): FlowWords['verdict'] {
  const p = prefix.toUpperCase();
  if (/REJECT/.test(p)) return 'rejected';
  if (/DROP|DENY|DENIED|BLOCK|INVALID|BAD/.test(p)) return p.includes('DROP') ? 'dropped' : 'denied';
  if (/ACCEPT|ALLOW|PASS|PERMIT|\bOK\b/.test(p)) return 'allowed';
  return 'seen';
}

function startOfFields(message: string): number {
  if (message.startsWith('IN=')) return 0;
  const i = message.indexOf(' IN=');
  return i === -1 ? -1 : i + 1;
}

/** One packet line, read: the uptime stamp, the prefix the rule logs with, the fields and bare flags. */
interface Packet {
  uptime?: string;
  prefix: string;
  fields: Record<string, string>;
  flags: string[];
}

interface Ctx {
  pkt: Packet;
  device: string | undefined;
}

function splitUptime(message: string): { uptime?: string; text: string } {
  const up = UPTIME.exec(message);
  return up ? { uptime: up[1], text: message.slice(up[0].length) } : { text: message };
}

/** The line's prefix, its fields and flags; null when it has no `IN=` field list. */
function parsePacket(message: string): Packet | null {
  const { uptime, text } = splitUptime(message);
  const start = startOfFields(text);
  if (start === -1) return null;
  const fields: Record<string, string> = {};
  const flags: string[] = [];
  for (const tok of text.slice(start).split(' ')) {
    if (tok === '') continue;
    const eq = tok.indexOf('=');
    if (eq === -1) {
      flags.push(tok);
    } else {
      const k = tok.slice(0, eq);
      // ICMP errors quote the offending packet in brackets ([SRC=… DST=…]); keep the outer fields.
      if (!(k in fields)) fields[k] = tok.slice(eq + 1);
    }
  }
  return { uptime, prefix: text.slice(0, start).trim(), fields, flags };
}

/** The key of a line: the verdict its prefix names. */
function keyOf(message: string): string | undefined {
  const { text } = splitUptime(message);
  const start = startOfFields(text);
  return start === -1 ? undefined : verdictOf(text.slice(0, start).trim());
}

/** The event of a packet line with the verdict's type, action and outcome; null without SRC and DST. */
function packetEvent(
  c: Ctx,
  verdict: FlowWords['verdict'],
  type: string[],
  action: string,
  outcome: string,
): RuleResult | null {
  const { fields, flags, uptime, prefix } = c.pkt;
  const device = c.device;
  const src = fields.SRC;
  const dst = fields.DST;
  if (!src || !dst) return null;
  const transport = fields.PROTO ? transportName(fields.PROTO) : undefined;
  const spt = fields.SPT !== undefined ? Number(fields.SPT) : undefined;
  const dpt = fields.DPT !== undefined ? Number(fields.DPT) : undefined;
  const len = fields.LEN !== undefined ? Number(fields.LEN) : undefined;
  const trimmed = prefix.replace(/:$/, '').trim();
  // "[UFW BLOCK]" → "UFW BLOCK"; "[nftables] Inbound Denied" stays as it is.
  const ruleName = /^\[[^\]]*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;

  const event: KansaEvent = {
    'event.kind': 'event',
    'event.category': ['network'],
    'event.type': type,
    'event.action': action,
    'event.outcome': outcome,
    'event.module': 'netfilter',
    'event.dataset': 'netfilter.log',
    'kansa.source_type': 'netfilter',
    'observer.type': 'firewall',
    'observer.product': 'netfilter',
    'source.ip': src,
    'destination.ip': dst,
  };
  if (device) event['observer.name'] = device;
  if (ruleName) event['rule.name'] = ruleName;
  if (transport) event['network.transport'] = transport;
  if (spt !== undefined && Number.isInteger(spt)) event['source.port'] = spt;
  if (dpt !== undefined && Number.isInteger(dpt)) event['destination.port'] = dpt;
  if (len !== undefined && Number.isInteger(len)) event['network.bytes'] = len;
  if (fields.IN) event['observer.ingress.interface.name'] = fields.IN;
  if (fields.OUT) event['observer.egress.interface.name'] = fields.OUT;
  if (fields.IN && !fields.OUT) event['network.direction'] = 'ingress';
  if (fields.OUT && !fields.IN) event['network.direction'] = 'egress';
  // MAC= is destination(6) source(6) ethertype(2) bytes, colon-separated.
  const mac = fields.MAC;
  if (mac && mac.length >= 35) {
    event['source.mac'] = mac.slice(18, 35).toUpperCase().replace(/:/g, '-');
  }
  const raw: Record<string, unknown> = { ...fields };
  if (flags.length > 0) raw.flags = flags.join(' ');
  if (uptime) raw.uptime = uptime;
  if (prefix) raw.prefix = prefix;
  event['kansa.raw'] = raw;

  const portless = transport === 'icmp' || transport === 'ipv6-icmp';
  const extraJa: string[] = [];
  const extraEn: string[] = [];
  if (portless && fields.TYPE !== undefined) {
    extraJa.push(`ICMP type ${fields.TYPE}`);
    extraEn.push(`ICMP type ${fields.TYPE}`);
  }
  if (fields.IN) {
    extraJa.push(`受信 IF ${fields.IN}`);
    extraEn.push(`in ${fields.IN}`);
  }
  if (fields.OUT) {
    extraJa.push(`送信 IF ${fields.OUT}`);
    extraEn.push(`out ${fields.OUT}`);
  }
  if (ruleName) {
    extraJa.push(`ルール ${ruleName}`);
    extraEn.push(`rule ${ruleName}`);
  }
  const s = flowSentence({
    verdict,
    source: src,
    destination: endpoint(dst, portless ? undefined : dpt, transport),
    device,
    extraJa,
    extraEn,
  });
  event['kansa.message.ja'] = s.ja;
  event['kansa.message.en'] = s.en;
  return sentenceIn(event);
}

/** The parsed sample a rule's test reads, logged on a named host. */
function sampleContext(sample: string): Ctx {
  const pkt = parsePacket(sample);
  if (!pkt) throw new Error(`not a netfilter line: ${sample}`);
  return { pkt, device: 'gw01' };
}

function rule(
  verdict: FlowWords['verdict'],
  sample: string,
  type: string[],
  action: string,
  outcome: string,
): MessageRule<Ctx> {
  return {
    id: verdict,
    sample,
    match: { key: verdict },
    sampleContext: sampleContext(sample),
    build: (_g, c) => packetEvent(c, verdict, type, action, outcome),
  };
}

export const RULES = ruleTable<Ctx>(
  'netfilter',
  sampleContext(
    '[12345.678901] IPTABLES-DROP: IN=eth0 OUT= MAC=52:54:00:12:34:56:00:1b:21:aa:bb:cc:08:00 SRC=203.0.113.9 DST=10.0.0.5 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=54321 DF PROTO=TCP SPT=4242 DPT=22 WINDOW=29200 RES=0x00 SYN URGP=0',
  ),
  [
    rule(
      'rejected',
      'filter_IN_public_REJECT: IN=eth0 OUT= MAC=00:50:56:00:00:01:00:50:56:00:00:02:08:00 SRC=10.0.3.15 DST=10.0.0.8 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=999 DF PROTO=TCP SPT=49152 DPT=111 WINDOW=29200 RES=0x00 SYN URGP=0 ',
      ['connection', 'denied'],
      'connection-rejected',
      'failure',
    ),
    rule(
      'dropped',
      '[12345.678901] IPTABLES-DROP: IN=eth0 OUT= MAC=52:54:00:12:34:56:00:1b:21:aa:bb:cc:08:00 SRC=203.0.113.9 DST=10.0.0.5 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=54321 DF PROTO=TCP SPT=4242 DPT=22 WINDOW=29200 RES=0x00 SYN URGP=0',
      ['connection', 'denied'],
      'connection-denied',
      'failure',
    ),
    rule(
      'denied',
      '[ 8123.445566] [UFW BLOCK] IN=ens3 OUT= MAC=fa:16:3e:00:00:01:fa:16:3e:00:00:02:08:00 SRC=192.0.2.44 DST=10.0.0.7 LEN=40 TOS=0x00 PREC=0x00 TTL=245 ID=32122 PROTO=TCP SPT=61000 DPT=5900 WINDOW=1024 RES=0x00 SYN URGP=0 ',
      ['connection', 'denied'],
      'connection-denied',
      'failure',
    ),
    rule(
      'allowed',
      '[12346.001122] IPTABLES-ACCEPT: IN=eth1 OUT=eth0 MAC=52:54:00:ab:cd:ef:00:1b:21:11:22:33:08:00 SRC=10.0.1.23 DST=203.0.113.50 LEN=52 TOS=0x00 PREC=0x00 TTL=127 ID=4321 DF PROTO=TCP SPT=52344 DPT=8443 WINDOW=64240 RES=0x00',
      ['connection', 'allowed'],
      'connection-allowed',
      'success',
    ),
    // A prefix that names no verdict (LOG-IN, or none at all): the packet was logged, nothing more is known.
    rule(
      'seen',
      '[12348.000000] LOG-IN: IN=eth0 OUT= MAC=52:54:00:12:34:56:00:1b:21:aa:bb:cc:08:00 SRC=10.0.9.9 DST=10.0.0.5 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=1 PROTO=TCP SPT=1234 DPT=445 WINDOW=1024 RES=0x00 ACK RST URGP=0 ',
      ['connection'],
      'packet-logged',
      'unknown',
    ),
  ],
  keyOf,
);

export const netfilterProgram: SyslogProgram = {
  id: 'netfilter',
  matches(msg: SyslogMessage): boolean {
    if (msg.program !== 'kernel' && msg.program !== '') return false;
    const i = startOfFields(msg.message);
    return i !== -1 && msg.message.includes(' SRC=', i) && msg.message.includes(' PROTO=', i);
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    void _ctx;
    const pkt = parsePacket(msg.message);
    if (!pkt) return null;
    return applyRules(RULES, msg.message, { pkt, device: msg.host })?.result.fields ?? null;
  },
};

export default netfilterProgram;
