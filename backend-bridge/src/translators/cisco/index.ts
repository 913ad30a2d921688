import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { SEVERITY_EN, SEVERITY_JA, SEVERITY_NAMES } from './severity';
import { applyRules, type RuleResult } from '../_lib/rules';
import { keyOfTag, RULES } from './rules';
import { findTag, PROGRAM_TAG, type Parsed } from './tag';

/**
 * Cisco IOS, IOS-XE, NX-OS and ASA messages: `%FACILITY[-SUBFAC]-SEVERITY-MNEMONIC: text`, after
 * whatever the device put before it (a message counter, a hostname, a device timestamp). Mnemonics
 * of the rule table (rules.ts) become specific events; every other one becomes a generic event with
 * its severity.
 */

function fullText(msg: SyslogMessage): string {
  // An RFC 3164 parser may have taken `%LINK-3-UPDOWN` for the program name.
  if (msg.program && PROGRAM_TAG.test(msg.program)) {
    return `${msg.program}: ${msg.message}`;
  }
  // Or a counter such as `12345` (from `12345: Oct  1 …: %LINK…`).
  if (msg.program && /^\d+$/.test(msg.program)) {
    return `${msg.program}: ${msg.message}`;
  }
  return msg.message;
}

interface Preamble {
  sequence?: string;
  hostname?: string;
  deviceTime?: string;
}

const TIME_LIKE = /\d:\d\d|^\d+[ywdh]\d+[dhm]$/;
const HOST_LIKE = /^[A-Za-z][A-Za-z0-9._-]*$/;
const NXOS_TIME_HOST =
  /^(\d{4} [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d(?:\.\d+)?(?: [A-Z]{2,5})?) ([A-Za-z][A-Za-z0-9._-]*)$/;

/** `12345: web-sw01: *Oct  1 00:00:01.123 JST: ` → counter, hostname, device time. */
function parsePreamble(preamble: string): Preamble {
  const out: Preamble = {};
  const segments = preamble.trim().replace(/:$/, '').split(/: +/);
  for (const raw of segments) {
    const seg = raw.trim();
    if (seg === '') continue;
    if (/^\d+$/.test(seg)) {
      out.sequence ??= seg;
      continue;
    }
    const nx = NXOS_TIME_HOST.exec(seg);
    if (nx && !/^[A-Z]{2,5}$/.test(nx[2])) {
      out.deviceTime = nx[1];
      out.hostname = nx[2];
      continue;
    }
    if (TIME_LIKE.test(seg)) {
      out.deviceTime = seg;
      continue;
    }
    if (HOST_LIKE.test(seg) && !out.hostname) {
      out.hostname = seg;
    }
  }
  return out;
}

const FIREWALL_FACILITIES = new Set(['ASA', 'FTD', 'FWSM', 'PIX']);
const NXOS_FACILITIES = new Set([
  'ETHPORT',
  'ETH_PORT_CHANNEL',
  'VSHD',
  'VPC',
  'VDC_MGR',
  'ETHPM',
  'SYSMGR',
  'PLATFORM',
  'MODULE',
  'FEX',
]);
const SWITCH_FACILITIES = new Set([
  'SPANTREE',
  'SW_VLAN',
  'SW_MATM',
  'PM',
  'PORT_SECURITY',
  'STORM_CONTROL',
  'ILPOWER',
  'CDP',
  'EC',
  'UDLD',
  'DOT1X',
  'MAB',
  'AUTHMGR',
  'SW_DAI',
  'DHCP_SNOOPING',
  'STACKMGR',
  'ETHPORT',
  'ETH_PORT_CHANNEL',
  'VPC',
  'ETHPM',
  'FEX',
]);
const ROUTER_FACILITIES = new Set([
  'OSPF',
  'OSPFV3',
  'DUAL',
  'BGP',
  'EIGRP',
  'ISIS',
  'RIP',
  'HSRP',
  'VRRP',
  'CRYPTO',
  'IPSEC',
  'ISAKMP',
  'PPP',
  'BFD',
]);

function observerType(facility: string, text: string): string | undefined {
  const base = facility.split('-')[0];
  if (FIREWALL_FACILITIES.has(base)) return 'firewall';
  if (base.startsWith('DOT11') || base === 'CAPWAP' || base === 'LWAPP' || base === 'DTLS') return 'wireless';
  if (SWITCH_FACILITIES.has(base)) return 'switch';
  if (ROUTER_FACILITIES.has(base)) return 'router';
  // Stackable switches number their ports switch/module/port (GigabitEthernet1/0/5).
  if ((base === 'LINK' || base === 'LINEPROTO') && /Interface [A-Za-z-]+\d+\/\d+\/\d+/.test(text)) return 'switch';
  return undefined;
}

function observerProduct(facility: string): string | undefined {
  const base = facility.split('-')[0];
  if (base === 'ASA') return 'ASA';
  if (base === 'FTD') return 'Firepower Threat Defense';
  if (NXOS_FACILITIES.has(base)) return 'NX-OS';
  return undefined;
}

/** Interface names that generic messages mention, for the failure timeline. */
const IFACE_IN_TEXT =
  /\b((?:GigabitEthernet|FastEthernet|TenGigabitEthernet|TwentyFiveGigE|FortyGigabitEthernet|HundredGigE|Ethernet|Serial|Port-channel|port-channel|Vlan|Tunnel|Gi|Fa|Te|Eth|Po)\d+(?:\/\d+)*(?:\.\d+)?)\b/;

function generic(p: Parsed, device: string | undefined): RuleResult {
  const sev = p.severity;
  const code = `${p.facility}-${sev}-${p.mnemonic}`;
  const event: KansaEvent = {
    'event.category': ['host'],
    'event.type': [sev <= 3 ? 'error' : 'info'],
    'event.action': `${p.facility}-${p.mnemonic}`.toLowerCase().replace(/_/g, '-'),
    'event.outcome': 'unknown',
  };
  const iface = IFACE_IN_TEXT.exec(p.text);
  if (iface) event['observer.ingress.interface.name'] = iface[1];
  const dev = device ?? 'Cisco 機器';
  return {
    fields: event,
    ja: `${dev} が${SEVERITY_JA[sev]}を報告しました(${code}): ${p.text}`,
    en: `${device ?? 'The Cisco device'} reported ${SEVERITY_EN[sev]} (${code}): ${p.text}`,
  };
}

export const ciscoProgram: SyslogProgram = {
  id: 'cisco',
  matches(msg: SyslogMessage): boolean {
    if (PROGRAM_TAG.test(msg.program)) return true;
    const text = msg.message;
    const pct = text.indexOf('%');
    if (pct === -1 || pct > 160) return false;
    return findTag(fullText(msg)) !== null;
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    void _ctx;
    const text = fullText(msg);
    const p = findTag(text);
    if (!p) return null;
    const pre = parsePreamble(p.preamble);
    // A counter or uptime stamp is not a host name, whatever an envelope made of it.
    const envHost = msg.host && !/^\d+$/.test(msg.host) && !TIME_LIKE.test(msg.host) ? msg.host : undefined;
    const device = pre.hostname ?? envHost;
    const s = applyRules(RULES, text, { p, device }, keyOfTag(p))?.result ?? generic(p, device);
    const sev = p.severity;
    const base = p.facility.split('-')[0];
    const raw: Record<string, unknown> = {
      facility: p.facility,
      severity: String(sev),
      mnemonic: p.mnemonic,
      text: p.text,
      ...(pre.sequence ? { sequence: pre.sequence } : {}),
      ...(pre.deviceTime ? { device_time: pre.deviceTime } : {}),
    };
    const existingRaw = s.fields['kansa.raw'] as Record<string, unknown> | undefined;
    const event: KansaEvent = {
      'event.kind': 'event',
      ...s.fields,
      'event.code': `${p.facility}-${sev}-${p.mnemonic}`,
      'event.module': 'cisco',
      'event.dataset':
        base === 'ASA' || base === 'FTD' ? 'cisco.asa' : NXOS_FACILITIES.has(base) ? 'cisco.nxos' : 'cisco.ios',
      'event.severity': sev,
      'log.level': SEVERITY_NAMES[sev],
      'log.syslog.severity.code': sev,
      'log.syslog.severity.name': SEVERITY_NAMES[sev],
      'observer.vendor': 'Cisco',
      'kansa.source_type': 'cisco',
      'kansa.message.ja': s.ja,
      'kansa.message.en': s.en,
      'kansa.raw': { ...raw, ...(existingRaw ?? {}) },
      message: p.text,
    };
    if (device) event['observer.name'] = device;
    const type = observerType(p.facility, p.text);
    if (type) event['observer.type'] = type;
    const product = observerProduct(p.facility);
    if (product) event['observer.product'] = product;
    return event;
  },
};

export default ciscoProgram;
