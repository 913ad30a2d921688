import type { KansaEvent } from '@kansa/schema';
import { zonedToUtc } from '../../translate/time';
import { type Format, ParseError } from '../../translate/types';

/**
 * Windows DHCP Server audit log (`%windir%\System32\dhcp\DhcpSrvLog-<Day>.log`): a text preamble
 * explaining the event IDs, then the header row, then one comma-separated row per event, local time.
 */
export const DEFAULT_COLUMNS = [
  'ID',
  'Date',
  'Time',
  'Description',
  'IP Address',
  'Host Name',
  'MAC Address',
  'User Name',
  'TransactionID',
  'QResult',
  'Probationtime',
  'CorrelationID',
  'Dhcid',
  'VendorClass(Hex)',
  'VendorClass(ASCII)',
  'UserClass(Hex)',
  'UserClass(ASCII)',
  'RelayAgentInformation',
  'DnsRegError',
];

const ROW = /^(\d{2}),(\d{2})\/(\d{2})\/(\d{2}),(\d{2}):(\d{2}):(\d{2}),/;
const HEADER_START = /^ID,Date,Time,Description,/;

interface DhcpKind {
  action: string;
  type: string[];
  outcome: 'success' | 'failure';
  ja: string;
  en: string;
}

/** {ip} {client} fill in; client is `host (MAC)` or whichever of them the row has. */
const KINDS: Record<string, DhcpKind> = {
  '00': {
    action: 'dhcp-log-started',
    type: ['start'],
    outcome: 'success',
    ja: 'DHCP サーバーの監査ログが開始されました',
    en: 'The DHCP server audit log started',
  },
  '01': {
    action: 'dhcp-log-stopped',
    type: ['end'],
    outcome: 'success',
    ja: 'DHCP サーバーの監査ログが停止されました',
    en: 'The DHCP server audit log stopped',
  },
  '02': {
    action: 'dhcp-log-paused',
    type: ['info'],
    outcome: 'failure',
    ja: 'ディスク容量不足のため DHCP サーバーの監査ログが一時停止されました',
    en: 'The DHCP server audit log paused for lack of disk space',
  },
  '10': {
    action: 'dhcp-lease-assigned',
    type: ['allowed', 'connection'],
    outcome: 'success',
    ja: 'DHCP サーバーが {client} に {ip} を割り当てました',
    en: 'The DHCP server leased {ip} to {client}',
  },
  '11': {
    action: 'dhcp-lease-renewed',
    type: ['allowed', 'connection'],
    outcome: 'success',
    ja: 'DHCP サーバーが {client} の {ip} のリースを更新しました',
    en: 'The DHCP server renewed the lease of {ip} for {client}',
  },
  '12': {
    action: 'dhcp-lease-released',
    type: ['end', 'connection'],
    outcome: 'success',
    ja: 'DHCP サーバーで {client} が {ip} のリースを解放しました',
    en: '{client} released the lease of {ip} on the DHCP server',
  },
  '13': {
    action: 'dhcp-address-conflict',
    type: ['info'],
    outcome: 'failure',
    ja: 'DHCP サーバーが {ip} はネットワーク上で既に使用中であることを検出しました',
    en: 'The DHCP server found {ip} already in use on the network',
  },
  '14': {
    action: 'dhcp-scope-exhausted',
    type: ['denied'],
    outcome: 'failure',
    ja: 'DHCP サーバーのアドレスプールが枯渇し、{client} にリースを割り当てられませんでした',
    en: "The DHCP server could not lease an address to {client}: the scope's pool is exhausted",
  },
  '15': {
    action: 'dhcp-lease-denied',
    type: ['denied'],
    outcome: 'failure',
    ja: 'DHCP サーバーが {client} へのリースを拒否しました({ip})',
    en: 'The DHCP server denied a lease to {client} ({ip})',
  },
  '16': {
    action: 'dhcp-lease-deleted',
    type: ['end'],
    outcome: 'success',
    ja: 'DHCP サーバーが {client} の {ip} のリースを削除しました',
    en: 'The DHCP server deleted the lease of {ip} for {client}',
  },
  '17': {
    action: 'dhcp-lease-expired',
    type: ['end'],
    outcome: 'success',
    ja: 'DHCP サーバーで {client} の {ip} のリースが期限切れになりました(DNS レコードは削除されず)',
    en: 'The lease of {ip} for {client} expired on the DHCP server (DNS records not deleted)',
  },
  '18': {
    action: 'dhcp-lease-expired',
    type: ['end'],
    outcome: 'success',
    ja: 'DHCP サーバーで {client} の {ip} のリースが期限切れになりました(DNS レコードは削除済み)',
    en: 'The lease of {ip} for {client} expired on the DHCP server (DNS records deleted)',
  },
  '20': {
    action: 'dhcp-bootp-assigned',
    type: ['allowed', 'connection'],
    outcome: 'success',
    ja: 'DHCP サーバーが BOOTP で {client} に {ip} を割り当てました',
    en: 'The DHCP server leased {ip} to {client} over BOOTP',
  },
  '21': {
    action: 'dhcp-bootp-assigned',
    type: ['allowed', 'connection'],
    outcome: 'success',
    ja: 'DHCP サーバーが動的 BOOTP で {client} に {ip} を割り当てました',
    en: 'The DHCP server leased {ip} to {client} over dynamic BOOTP',
  },
  '22': {
    action: 'dhcp-bootp-exhausted',
    type: ['denied'],
    outcome: 'failure',
    ja: 'DHCP サーバーの BOOTP 用アドレスプールが枯渇し、{client} に割り当てられませんでした',
    en: 'The DHCP server could not lease a BOOTP address to {client}: the BOOTP pool is exhausted',
  },
  '23': {
    action: 'dhcp-bootp-deleted',
    type: ['end'],
    outcome: 'success',
    ja: 'DHCP サーバーが未使用の BOOTP アドレス {ip} を削除しました',
    en: 'The DHCP server deleted the unused BOOTP address {ip}',
  },
  '24': {
    action: 'dhcp-cleanup-started',
    type: ['start'],
    outcome: 'success',
    ja: 'DHCP サーバーがデータベースのクリーンアップを開始しました',
    en: 'The DHCP server started its database cleanup',
  },
  '25': {
    action: 'dhcp-cleanup-stats',
    type: ['info'],
    outcome: 'success',
    ja: 'DHCP サーバーのクリーンアップ結果: {desc}',
    en: 'DHCP server cleanup: {desc}',
  },
  '30': {
    action: 'dhcp-dns-update-requested',
    type: ['protocol'],
    outcome: 'success',
    ja: 'DHCP サーバーが {client} ({ip}) の DNS 更新を要求しました',
    en: 'The DHCP server requested a DNS update for {client} ({ip})',
  },
  '31': {
    action: 'dhcp-dns-update-failed',
    type: ['protocol'],
    outcome: 'failure',
    ja: 'DHCP サーバーによる {client} ({ip}) の DNS 更新が失敗しました',
    en: 'The DHCP server failed to update DNS for {client} ({ip})',
  },
  '32': {
    action: 'dhcp-dns-update-succeeded',
    type: ['protocol'],
    outcome: 'success',
    ja: 'DHCP サーバーが {client} ({ip}) の DNS 更新に成功しました',
    en: 'The DHCP server updated DNS for {client} ({ip})',
  },
  '33': {
    action: 'dhcp-packet-dropped',
    type: ['denied'],
    outcome: 'failure',
    ja: 'DHCP サーバーが NAP ポリシーにより {client} のパケットを破棄しました',
    en: 'The DHCP server dropped a packet from {client} by NAP policy',
  },
  '34': {
    action: 'dhcp-dns-update-failed',
    type: ['protocol'],
    outcome: 'failure',
    ja: 'DNS 更新要求キューが上限に達し、{client} ({ip}) の DNS 更新が失敗しました',
    en: 'The DNS update for {client} ({ip}) failed: the update queue is full',
  },
  '35': {
    action: 'dhcp-dns-update-failed',
    type: ['protocol'],
    outcome: 'failure',
    ja: 'DHCP サーバーによる {client} ({ip}) の DNS 更新要求が失敗しました',
    en: 'The DNS update request for {client} ({ip}) failed',
  },
  '36': {
    action: 'dhcp-packet-dropped',
    type: ['denied'],
    outcome: 'failure',
    ja: 'DHCP サーバーが {client} のパケットを破棄しました(フェールオーバーの待機側またはクライアント ID のハッシュ不一致)',
    en: 'The DHCP server dropped a packet from {client} (failover standby or client ID hash mismatch)',
  },
};

const QRESULT: Record<string, string> = {
  '0': 'NoQuarantine',
  '1': 'Quarantine',
  '2': 'Drop Packet',
  '3': 'Probation',
  '6': 'No Quarantine Information',
};

/** `0050569A1B2C` → `00-50-56-9A-1B-2C` (ECS MAC notation); anything else stays as written. */
export function macOf(v: string): string | undefined {
  const s = v.trim();
  if (/^[0-9a-f]{12}$/i.test(s)) return s.toUpperCase().match(/../g)!.join('-');
  if (/^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(s)) return s.toUpperCase().replace(/:/g, '-');
  return undefined;
}

function normalizeColumn(c: string): string {
  return c.trim().replace(/\.$/, '');
}

export function isHeader(line: string): string[] | null {
  return HEADER_START.test(line.trim()) ? line.trim().split(',').map(normalizeColumn) : null;
}

/** Every line before the header that is not a data row: the title, the event ID table, QResult notes. */
export function isPreamble(line: string, headerSeen: boolean): boolean {
  return !headerSeen && !ROW.test(line) && !HEADER_START.test(line.trim());
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function translate(record: { text: string; header?: string[] }, ctx: { timeZone: string }): KansaEvent[] {
  const m = ROW.exec(record.text);
  if (!m) throw new ParseError('expected a DHCP audit row: ID,MM/DD/YY,hh:mm:ss,Description,…');
  const cells = record.text.split(',');
  const columns = record.header && record.header.length >= 4 ? record.header : DEFAULT_COLUMNS;
  const row: Record<string, string> = {};
  columns.forEach((name, i) => {
    const v = cells[i]?.trim();
    if (v) row[name] = v;
  });
  // Extra cells past the header (a Description with commas is the usual cause) stay with the row.
  if (cells.length > columns.length) row.Extra = cells.slice(columns.length).join(',');
  const [, id, mo, d, yy, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new ParseError(`expected a valid date and time, found ${mo}/${d}/${yy} ${h}:${mi}:${s}`);
  }
  const time = zonedToUtc(2000 + Number(yy), month, day, Number(h), Number(mi), Number(s), 0, ctx.timeZone);

  const ip = row['IP Address'];
  const hostName = row['Host Name'];
  const mac = row['MAC Address'] ? macOf(row['MAC Address']) : undefined;
  const desc = row.Description ?? '';
  const e: KansaEvent = {
    '@timestamp': time.toISOString(),
    'event.kind': 'event',
    'event.category': ['network'],
    'event.code': id,
    'event.module': 'windows-dhcp',
    'event.dataset': 'windows-dhcp.audit',
    // As dhcpd's: the server's records are the DHCP conversation, which attribution reads and never attributes.
    'network.protocol': 'dhcp',
  };
  const num = Number(id);
  const kind: DhcpKind =
    KINDS[id] ??
    (num >= 50
      ? {
          action: 'dhcp-rogue-detection',
          type: ['info'],
          outcome: 'success',
          ja: 'DHCP サーバーの不正サーバー検出: {desc}',
          en: 'DHCP rogue server detection: {desc}',
        }
      : {
          action: `dhcp-event-${id}`,
          type: ['info'],
          outcome: 'success',
          ja: 'DHCP サーバーのイベント {id}: {desc}',
          en: 'DHCP server event {id}: {desc}',
        });
  e['event.type'] = kind.type;
  e['event.action'] = kind.action;
  e['event.outcome'] = kind.outcome;
  e['event.timezone'] = ctx.timeZone;
  e['observer.type'] = 'dhcp';
  e['observer.vendor'] = 'Microsoft';
  e['observer.product'] = 'Windows DHCP Server';
  if (ip && IPV4.test(ip)) e['source.ip'] = ip;
  if (hostName) e['source.domain'] = hostName;
  if (mac) e['source.mac'] = mac;
  const dnsError = row.DnsRegError;
  if (dnsError && dnsError !== '0') e['error.code'] = dnsError;
  const client = hostName && mac ? `${hostName} (${mac})` : (hostName ?? mac ?? ip ?? '不明なクライアント');
  const clientEn = hostName && mac ? `${hostName} (${mac})` : (hostName ?? mac ?? ip ?? 'an unknown client');
  const fill = (t: string, who: string): string =>
    t
      .replace('{client}', who)
      .replace('{ip}', ip ?? '?')
      .replace('{desc}', desc)
      .replace('{id}', id);
  let ja = fill(kind.ja, client);
  let en = fill(kind.en, clientEn);
  if (e['error.code']) {
    ja += `(エラー ${e['error.code']})`;
    en += ` (error ${e['error.code']})`;
  }
  e['kansa.message.ja'] = ja;
  e['kansa.message.en'] = en;
  e['kansa.source_type'] = 'windows-dhcp';
  const raw: Record<string, string> = { ...row };
  if (row.QResult && QRESULT[row.QResult]) raw.QResultDescription = QRESULT[row.QResult];
  e['kansa.raw'] = raw;
  return [e];
}

export const windowsDhcp: Format & { isHeader: typeof isHeader; isPreamble: typeof isPreamble } = {
  id: 'windows-dhcp',
  framing: 'csv',
  detect(sample: string): number {
    if (sample.includes('Microsoft DHCP Service Activity Log')) return 0.95;
    const lines = sample.split('\n');
    if (lines.some((l) => HEADER_START.test(l.trim()) && l.includes('IP Address'))) return 0.95;
    const rows = lines.filter((l) => ROW.test(l)).length;
    return rows > 0 && rows >= lines.filter((l) => l.trim() !== '').length / 2 ? 0.7 : 0;
  },
  translate,
  isHeader,
  isPreamble,
};
