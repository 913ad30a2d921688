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
 * plus `: network 10.0.1.0/24: no free leases` and similar tails.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isIp } from '../_lib/network';

const LINE =
  /^(DHCP[A-Z]+) (on|for|of|from|to) (\S+)(?: \(([^)]*)\))?(?: (?:to|from) (\S+)(?: \(([^)]*)\))?)? via (\S+?)(?::? (.*))?$/;

const WORDS: Record<string, { ja: string; en: string; action: string; outcome: string }> = {
  DHCPDISCOVER: {
    ja: 'がアドレスを探しています',
    en: 'is looking for an address',
    action: 'dhcp-discover',
    outcome: 'unknown',
  },
  DHCPOFFER: { ja: 'にアドレスを提示しました', en: 'offered', action: 'dhcp-offer', outcome: 'success' },
  DHCPREQUEST: { ja: 'がアドレスを要求しました', en: 'requested', action: 'dhcp-request', outcome: 'unknown' },
  DHCPACK: { ja: 'にアドレスを割り当てました', en: 'leased', action: 'dhcp-ack', outcome: 'success' },
  DHCPNAK: { ja: 'へのアドレス割り当てを拒否しました', en: 'refused', action: 'dhcp-nak', outcome: 'failure' },
  DHCPRELEASE: { ja: 'がアドレスを解放しました', en: 'released', action: 'dhcp-release', outcome: 'success' },
  DHCPINFORM: {
    ja: 'が設定情報を問い合わせました',
    en: 'asked for configuration',
    action: 'dhcp-inform',
    outcome: 'unknown',
  },
  DHCPDECLINE: {
    ja: 'がアドレスを辞退しました(重複の可能性)',
    en: 'declined',
    action: 'dhcp-decline',
    outcome: 'failure',
  },
};

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

export function translateDhcpd(msg: SyslogMessage): KansaEvent | null {
  const text = msg.message.trim();
  const m = LINE.exec(text);
  if (!m) return null;
  const [, kind, , first, firstParen, second, secondParen, via, rawTail] = m;
  const tail = rawTail?.replace(/^\((.*)\)$/, 'lease $1').replace(/\.$/, '');
  const w = WORDS[kind];
  if (!w) return null;
  let ip: string | undefined;
  let mac: string | undefined;
  let name: string | undefined;
  let serverId: string | undefined;
  if (isIp(first)) {
    ip = first;
    if (isMac(firstParen))
      mac = firstParen; // DHCPACK to IP (MAC)
    else if (firstParen && isIp(firstParen)) serverId = firstParen; // DHCPREQUEST for IP (server-id)
    if (isMac(second)) {
      mac = second;
      name = secondParen;
    }
  } else if (isMac(first)) {
    mac = first;
    name = firstParen;
  }
  const host = msg.host;
  const h = host ?? 'DHCP サーバー';
  const hEn = host ?? 'The DHCP server';
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'dhcpd',
    'event.dataset': 'dhcpd.log',
    'event.category': ['network'],
    'event.type': ['protocol'],
    'event.action': w.action,
    'event.outcome': w.outcome,
    'event.code': kind,
    'network.protocol': 'dhcp',
    'network.transport': 'udp',
    'observer.type': 'dhcp',
    'observer.product': 'ISC DHCP',
    'kansa.source_type': 'dhcpd',
  };
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
  const client =
    name && mac ? `${name} (${ev['source.mac']})` : mac ? (ev['source.mac'] as string) : (name ?? ip ?? '?');
  const viaJa = isIp(via) ? `中継 ${via} 経由` : `${via} 経由`;
  const viaEn = isIp(via) ? `via relay ${via}` : `via ${via}`;
  const tailJa = (kind === 'DHCPDECLINE' ? '、アドレス重複の可能性' : '') + (tail ? `、${tail}` : '');
  const tailEn = (kind === 'DHCPDECLINE' ? ', possible address conflict' : '') + (tail ? `, ${tail}` : '');
  let ja: string;
  let en: string;
  switch (kind) {
    case 'DHCPOFFER':
    case 'DHCPACK':
      ja =
        ip && (mac || name)
          ? `${h} が ${client} に ${ip} を${kind === 'DHCPACK' ? '割り当てました' : '提示しました'}`
          : `${h} が ${ip ?? client} に設定情報を返しました`;
      en =
        ip && (mac || name)
          ? `${hEn} ${w.en} ${ip} to ${client}`
          : `${hEn} answered ${ip ?? client} with configuration`;
      break;
    case 'DHCPNAK':
      ja = `${h} が ${client} への ${ip ?? '?'} の割り当てを拒否しました`;
      en = `${hEn} refused ${ip ?? '?'} to ${client}`;
      break;
    case 'DHCPREQUEST':
      ja = `${h} で ${client} が ${ip ?? '?'} を要求しました`;
      en = `${client} requested ${ip ?? '?'} from ${hEn}`;
      break;
    case 'DHCPRELEASE':
      ja = `${h} で ${client} が ${ip ?? '?'} を解放しました`;
      en = `${client} released ${ip ?? '?'} on ${hEn}`;
      break;
    case 'DHCPDECLINE':
      ja = `${h} で ${client} が ${ip ?? '?'} を辞退しました`;
      en = `${client} declined ${ip ?? '?'} on ${hEn}`;
      break;
    case 'DHCPINFORM':
      ja = `${h} で ${ip ?? client} が設定情報を問い合わせました`;
      en = `${ip ?? client} asked ${hEn} for configuration`;
      break;
    default:
      ja = `${h} で ${client} ${w.ja}`;
      en = `${client} ${w.en} on ${hEn}`;
  }
  ev['kansa.message.ja'] = `${ja}(${viaJa}${tailJa})`;
  ev['kansa.message.en'] = `${en} (${viaEn}${tailEn})`;
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
