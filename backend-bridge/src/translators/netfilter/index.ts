import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { endpoint, flowSentence, transportName, type FlowWords } from '../_lib/flow';

/**
 * Linux netfilter packet logs from the kernel: the iptables `LOG` target, nftables `log prefix`,
 * ufw (`[UFW BLOCK]`) and firewalld (`filter_IN_public_REJECT:`) all print
 * `<prefix>IN=eth0 OUT= MAC=… SRC=… DST=… LEN=… … PROTO=TCP SPT=… DPT=… …`.
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

export const netfilterProgram: SyslogProgram = {
  id: 'netfilter',
  matches(msg: SyslogMessage): boolean {
    if (msg.program !== 'kernel' && msg.program !== '') return false;
    const i = startOfFields(msg.message);
    return i !== -1 && msg.message.includes(' SRC=', i) && msg.message.includes(' PROTO=', i);
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    void _ctx;
    let text = msg.message;
    let uptime: string | undefined;
    const up = UPTIME.exec(text);
    if (up) {
      uptime = up[1];
      text = text.slice(up[0].length);
    }
    const start = startOfFields(text);
    if (start === -1) return null;
    const prefix = text.slice(0, start).trim();
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
    const verdict = verdictOf(prefix);
    const device = msg.host;

    const event: KansaEvent = {
      'event.kind': 'event',
      'event.category': ['network'],
      'event.type':
        verdict === 'allowed'
          ? ['connection', 'allowed']
          : verdict === 'seen'
            ? ['connection']
            : ['connection', 'denied'],
      'event.action':
        verdict === 'allowed'
          ? 'connection-allowed'
          : verdict === 'seen'
            ? 'packet-logged'
            : verdict === 'rejected'
              ? 'connection-rejected'
              : 'connection-denied',
      'event.outcome': verdict === 'allowed' ? 'success' : verdict === 'seen' ? 'unknown' : 'failure',
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
    return event;
  },
};

export default netfilterProgram;
