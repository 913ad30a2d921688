/**
 * ISC dhcpd through syslog:
 *   `DHCPDISCOVER from 00:11:22:33:44:55 (PC-TANAKA) via eth0`
 *   `DHCPOFFER on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0`
 *   `DHCPREQUEST for 10.0.1.23 (10.0.0.2) from 00:11:22:33:44:55 (PC-TANAKA) via eth0`
 *   `DHCPACK on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0`
 *   `DHCPNAK on 10.0.1.99 to 00:11:22:33:44:55 via 10.0.1.1`
 *   `DHCPRELEASE of 10.0.1.23 from 00:11:22:33:44:55 (PC-TANAKA) via eth0 (found)`
 *   `DHCPINFORM from 10.0.1.23 via eth0`, `DHCPACK to 10.0.1.23 (00:11:22:33:44:55) via eth0`
 *   `DHCPDECLINE of 10.0.1.50 from 00:11:22:33:44:55 via eth0: abandoned`
 * plus `: network 10.0.1.0/24: no free leases` and similar tails. The message types are a rule table
 * (`RULES`) keyed by the type, one rule and real line each.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isIp } from '../_lib/network';
import { applyRules, assignFields, ruleTable, type MessageRule } from '../_lib/rules';

const LINE =
  /^(DHCP[A-Z]+) (on|for|of|from|to) (\S+)(?: \(([^)]*)\))?(?: (?:to|from) (\S+)(?: \(([^)]*)\))?)? via (\S+?)(?::? (.*))?$/;

function isMac(s: string | undefined): s is string {
  return !!s && /^[0-9a-fA-F]{1,2}(?::[0-9a-fA-F]{1,2}){5,}$/.test(s);
}

/** ECS form: upper case, hyphen-separated, two digits per byte. */
function ecsMac(s: string): string {
  return s
    .split(':')
    .map((b) => b.padStart(2, '0').toUpperCase())
    .join('-');
}

/** One dhcpd line, read: the parts every rule words its sentence from. */
interface Lease {
  kind: string;
  ip?: string;
  mac?: string;
  name?: string;
  serverId?: string;
  via: string;
  tail?: string;
  /** `name (MAC)`, or whichever of MAC, name, IP the line has. */
  client: string;
  /** The server as the syslog header names it, in each language. */
  h: string;
  hEn: string;
}

function readLease(text: string, host: string | undefined): Lease | null {
  const m = LINE.exec(text);
  if (!m) return null;
  const [, kind, , first, firstParen, second, secondParen, via, rawTail] = m;
  const r: Lease = {
    kind,
    via,
    tail: rawTail?.replace(/^\((.*)\)$/, 'lease $1').replace(/\.$/, ''),
    client: '?',
    h: host ?? 'DHCP サーバー',
    hEn: host ?? 'The DHCP server',
  };
  if (isIp(first)) {
    r.ip = first;
    if (isMac(firstParen))
      r.mac = firstParen; // DHCPACK to IP (MAC)
    else if (firstParen && isIp(firstParen)) r.serverId = firstParen; // DHCPREQUEST for IP (server-id)
    if (isMac(second)) {
      r.mac = second;
      r.name = secondParen;
    }
  } else if (isMac(first)) {
    r.mac = first;
    r.name = firstParen;
  }
  const mac = r.mac && ecsMac(r.mac);
  r.client = r.name && mac ? `${r.name} (${mac})` : (mac ?? r.name ?? r.ip ?? '?');
  return r;
}

interface Rule extends MessageRule<Lease> {
  action: string;
  outcome: string;
  /** Said after the interface in the parenthesis, e.g. why a client declines. */
  note?: { ja: string; en: string };
}

/** Keyed by the message type; each sample is read with the server named `dhcp01`, as in the golden case. */
const rule = (r: Omit<Rule, 'match' | 'sampleContext'>): Rule => {
  const kind = r.sample.slice(0, r.sample.indexOf(' '));
  return { ...r, match: { key: kind }, sampleContext: readLease(r.sample, 'dhcp01')! };
};

/** OFFER and ACK: an address given to a client, or only configuration to a client that has one (INFORM). */
function gave(r: Lease, ja: string, en: string) {
  const named = r.ip && (r.mac || r.name);
  return {
    fields: {},
    ja: named ? `${r.h} が ${r.client} に ${r.ip} を${ja}` : `${r.h} が ${r.ip ?? r.client} に設定情報を返しました`,
    en: named ? `${r.hEn} ${en} ${r.ip} to ${r.client}` : `${r.hEn} answered ${r.ip ?? r.client} with configuration`,
  };
}

export const RULES = ruleTable<Lease, Rule>(
  'dhcpd',
  readLease('DHCPACK on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0', 'dhcp01')!,
  [
    rule({
      id: 'discover',
      sample: 'DHCPDISCOVER from 00:11:22:33:44:55 (PC-TANAKA) via eth0',
      action: 'dhcp-discover',
      outcome: 'unknown',
      build: (_g, r) => ({
        fields: {},
        ja: `${r.h} で ${r.client} がアドレスを探しています`,
        en: `${r.client} is looking for an address on ${r.hEn}`,
      }),
    }),
    rule({
      id: 'offer',
      sample: 'DHCPOFFER on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0',
      action: 'dhcp-offer',
      outcome: 'success',
      build: (_g, r) => gave(r, '提示しました', 'offered'),
    }),
    rule({
      id: 'request',
      sample: 'DHCPREQUEST for 10.0.1.23 (10.0.0.2) from 00:11:22:33:44:55 (PC-TANAKA) via eth0',
      action: 'dhcp-request',
      outcome: 'unknown',
      build: (_g, r) => ({
        fields: {},
        ja: `${r.h} で ${r.client} が ${r.ip ?? '?'} を要求しました`,
        en: `${r.client} requested ${r.ip ?? '?'} from ${r.hEn}`,
      }),
    }),
    rule({
      id: 'ack',
      sample: 'DHCPACK on 10.0.1.23 to 00:11:22:33:44:55 (PC-TANAKA) via eth0',
      action: 'dhcp-ack',
      outcome: 'success',
      build: (_g, r) => gave(r, '割り当てました', 'leased'),
    }),
    rule({
      id: 'nak',
      sample: 'DHCPNAK on 192.168.1.10 to 00:11:22:33:44:66 via eth0',
      action: 'dhcp-nak',
      outcome: 'failure',
      build: (_g, r) => ({
        fields: {},
        ja: `${r.h} が ${r.client} への ${r.ip ?? '?'} の割り当てを拒否しました`,
        en: `${r.hEn} refused ${r.ip ?? '?'} to ${r.client}`,
      }),
    }),
    rule({
      id: 'release',
      sample: 'DHCPRELEASE of 10.0.1.23 from 00:11:22:33:44:55 (PC-TANAKA) via eth0 (found)',
      action: 'dhcp-release',
      outcome: 'success',
      build: (_g, r) => ({
        fields: {},
        ja: `${r.h} で ${r.client} が ${r.ip ?? '?'} を解放しました`,
        en: `${r.client} released ${r.ip ?? '?'} on ${r.hEn}`,
      }),
    }),
    rule({
      id: 'inform',
      sample: 'DHCPINFORM from 10.0.1.50 via eth0',
      action: 'dhcp-inform',
      outcome: 'unknown',
      build: (_g, r) => ({
        fields: {},
        ja: `${r.h} で ${r.ip ?? r.client} が設定情報を問い合わせました`,
        en: `${r.ip ?? r.client} asked ${r.hEn} for configuration`,
      }),
    }),
    rule({
      id: 'decline',
      sample: 'DHCPDECLINE of 10.0.1.60 from 00:11:22:33:44:99 (PRN-3F) via eth0: abandoned',
      action: 'dhcp-decline',
      outcome: 'failure',
      note: { ja: 'アドレス重複の可能性', en: 'possible address conflict' },
      build: (_g, r) => ({
        fields: {},
        ja: `${r.h} で ${r.client} が ${r.ip ?? '?'} を辞退しました`,
        en: `${r.client} declined ${r.ip ?? '?'} on ${r.hEn}`,
      }),
    }),
  ],
  (text) => LINE.exec(text)?.[1],
);

export function translateDhcpd(msg: SyslogMessage): KansaEvent | null {
  const text = msg.message.trim();
  const r = readLease(text, msg.host);
  if (!r) return null;
  const applied = applyRules(RULES, text, r);
  if (!applied) return null;
  const { rule: w, result } = applied;
  const { ip, mac, name, serverId, via, tail } = r;
  const host = msg.host;
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'dhcpd',
    'event.dataset': 'dhcpd.log',
    'event.category': ['network'],
    'event.type': ['protocol'],
    'event.action': w.action,
    'event.outcome': w.outcome,
    'event.code': r.kind,
    'network.protocol': 'dhcp',
    'network.transport': 'udp',
    'observer.type': 'dhcp',
    'observer.product': 'ISC DHCP',
    'kansa.source_type': 'dhcpd',
  };
  assignFields(ev, result.fields);
  if (host) ev['observer.name'] = host;
  if (ip) ev['source.ip'] = ip;
  if (mac) ev['source.mac'] = ecsMac(mac);
  if (name) ev['source.domain'] = name;
  const raw: Record<string, string> = { via };
  if (serverId) raw.server_id = serverId;
  if (tail) raw.detail = tail;
  ev['kansa.raw'] = raw;
  if (tail) {
    ev['event.reason'] = tail.replace(/\.$/, '');
    if (/no free leases|wrong network|unavailable|abandon|not found|unknown lease|duplicate/.test(tail))
      ev['event.outcome'] = 'failure';
  }
  const viaJa = isIp(via) ? `中継 ${via} 経由` : `${via} 経由`;
  const viaEn = isIp(via) ? `via relay ${via}` : `via ${via}`;
  const tailJa = (w.note ? `、${w.note.ja}` : '') + (tail ? `、${tail}` : '');
  const tailEn = (w.note ? `, ${w.note.en}` : '') + (tail ? `, ${tail}` : '');
  ev['kansa.message.ja'] = `${result.ja}(${viaJa}${tailJa})`;
  ev['kansa.message.en'] = `${result.en} (${viaEn}${tailEn})`;
  return ev;
}

export const dhcpd: SyslogProgram = {
  id: 'dhcpd',
  matches(msg: SyslogMessage): boolean {
    return msg.program === 'dhcpd';
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateDhcpd(msg);
  },
};

export default dhcpd;
