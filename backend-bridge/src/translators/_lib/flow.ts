/**
 * Small helpers shared by the network flow translators (netfilter, fortigate, zeek, squid): byte
 * sizes in words, protocol numbers, endpoints and the flow sentence.
 */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1234 → "1.2 KB", 512 → "512 B" (binary multiples, the way Japanese admin tools print them). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) {
    return `${n} B`;
  }
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const text = v >= 100 ? Math.round(v).toString() : v.toFixed(1).replace(/\.0$/, '');
  return `${text} ${UNITS[u]}`;
}

const TRANSPORTS: Record<string, string> = {
  '1': 'icmp',
  '2': 'igmp',
  '6': 'tcp',
  '17': 'udp',
  '41': 'ipv6',
  '47': 'gre',
  '50': 'esp',
  '51': 'ah',
  '58': 'ipv6-icmp',
  '89': 'ospf',
  '112': 'vrrp',
  '132': 'sctp',
};

/** IANA protocol number or name → the ECS network.transport value (lowercase name). */
export function transportName(proto: string): string {
  const known = TRANSPORTS[proto];
  if (known) return known;
  const lower = proto.toLowerCase();
  return lower === 'icmpv6' ? 'ipv6-icmp' : lower;
}

/** "10.0.0.5:22/tcp", "[2001:db8::1]:443/tcp", "10.0.0.5/icmp". */
export function endpoint(ip: string, port: number | undefined, transport: string | undefined): string {
  const host = ip.includes(':') && port !== undefined ? `[${ip}]` : ip;
  const withPort = port !== undefined ? `${host}:${port}` : host;
  return transport ? `${withPort}/${transport}` : withPort;
}

export function parseIntOrUndefined(text: string | undefined): number | undefined {
  if (text === undefined || text === '' || text === '-') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

export interface FlowWords {
  /** allowed | denied | dropped | rejected | seen (a flow record with no verdict, e.g. Zeek) */
  verdict: 'allowed' | 'denied' | 'dropped' | 'rejected' | 'seen';
  user?: string;
  source: string;
  destination: string;
  /** Device that made the decision, e.g. the firewall's name. */
  device?: string;
  sent?: number;
  received?: number;
  /** Extra words after the bytes, already in each language. */
  extraJa?: string[];
  extraEn?: string[];
}

const VERB_JA: Record<FlowWords['verdict'], string> = {
  allowed: '許可しました',
  denied: '拒否しました',
  dropped: '破棄しました',
  rejected: '拒否しました',
  seen: '記録しました',
};
const VERB_EN: Record<FlowWords['verdict'], string> = {
  allowed: 'Allowed',
  denied: 'Denied',
  dropped: 'Dropped',
  rejected: 'Rejected',
  seen: 'Connection',
};
const USER_VERB_JA: Record<FlowWords['verdict'], string> = {
  allowed: 'へ通信しました',
  denied: 'への通信を拒否されました',
  dropped: 'への通信を破棄されました',
  rejected: 'への通信を拒否されました',
  seen: 'へ通信しました',
};
const USER_VERB_EN: Record<FlowWords['verdict'], string> = {
  allowed: 'connected',
  denied: 'was denied connecting',
  dropped: 'had a connection dropped',
  rejected: 'was rejected connecting',
  seen: 'connected',
};

function paren(parts: string[], sep: string): string {
  return parts.length > 0 ? `(${parts.join(sep)})` : '';
}

/**
 * 「10.0.1.23 から 203.0.113.50:8443/tcp への通信を許可しました(FGT60F、送信 1.2 MB、受信 3.4 KB)」
 * "Allowed 10.0.1.23 → 203.0.113.50:8443/tcp on FGT60F (sent 1.2 MB, received 3.4 KB)".
 * With a user the Japanese sentence starts with the user: 「tanaka が 10.0.1.23 から … へ通信しました(許可、…)」.
 */
export function flowSentence(w: FlowWords): { ja: string; en: string } {
  const ja: string[] = [];
  const en: string[] = [];
  if (w.sent !== undefined) {
    ja.push(`送信 ${formatBytes(w.sent)}`);
    en.push(`sent ${formatBytes(w.sent)}`);
  }
  if (w.received !== undefined) {
    ja.push(`受信 ${formatBytes(w.received)}`);
    en.push(`received ${formatBytes(w.received)}`);
  }
  ja.push(...(w.extraJa ?? []));
  en.push(...(w.extraEn ?? []));
  if (w.user) {
    const jaParts = [...(w.verdict === 'allowed' ? ['許可'] : []), ...(w.device ? [w.device] : []), ...ja];
    const enParts = [...(w.verdict === 'allowed' ? ['allowed'] : []), ...(w.device ? [`on ${w.device}`] : []), ...en];
    return {
      ja: `${w.user} が ${w.source} から ${w.destination} ${USER_VERB_JA[w.verdict]}${paren(jaParts, '、')}`,
      en: `${w.user} ${USER_VERB_EN[w.verdict]} from ${w.source} to ${w.destination}${enParts.length > 0 ? ` ${paren(enParts, ', ')}` : ''}`,
    };
  }
  const jaParts = [...(w.device ? [w.device] : []), ...ja];
  const jaText = `${w.source} から ${w.destination} への通信を${VERB_JA[w.verdict]}${paren(jaParts, '、')}`;
  const enText = `${VERB_EN[w.verdict]} ${w.source} → ${w.destination}${w.device ? ` on ${w.device}` : ''}${en.length > 0 ? ` (${en.join(', ')})` : ''}`;
  return { ja: jaText, en: enText };
}
