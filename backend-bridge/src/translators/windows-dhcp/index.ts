import type { KansaEvent } from '@kansa/schema';
import { zonedToUtc } from '../../translate/time';
import { type Format, ParseError } from '../../translate/types';
import { applyRules, ruleTable, type MessageRule } from '../_lib/rules';
import { isIp } from '../_lib/network';

/**
 * Windows DHCP Server audit log (`%windir%\System32\dhcp\DhcpSrvLog-<Day>.log`): a text preamble
 * explaining the event IDs, then the header row, then one comma-separated row per event, local time.
 * The events are a rule table (`RULES`) keyed by the event ID column, a real row each.
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

/** The lease row (event 10) in the golden case, the table's sample. */
const SAMPLE =
  '10,10/01/26,08:48:12,Assign,10.0.10.21,WS01.corp.example.co.jp,0050569A1B2C,,2838234871,0,,,,0x4D53465420352E30,MSFT 5.0,,,0x0100000001,0';

/** One row, read: the columns by name and the words the sentences are filled with. */
interface Row {
  id: string;
  row: Record<string, string>;
  ip?: string;
  desc: string;
  /** `host (MAC)` or whichever of them (or the IP) the row has, in each language. */
  client: string;
  clientEn: string;
}

interface Rule extends MessageRule<Row> {
  action: string;
  type: string[];
  outcome: 'success' | 'failure';
}

/** {ip} {client} {desc} {id} fill in; client is `host (MAC)` or whichever of them the row has. */
function fill(t: string, r: Row, who: string): string {
  return t
    .replace('{client}', who)
    .replace('{ip}', r.ip ?? '?')
    .replace('{desc}', r.desc)
    .replace('{id}', r.id);
}

/** A rule for one event ID (or, with a regex, a range of them); the sample is read as the translator reads it. */
function rule({ ja, en, ...r }: Omit<Rule, 'build' | 'sampleContext'> & { ja: string; en: string }): Rule {
  return {
    ...r,
    sampleContext: readRow(r.sample, DEFAULT_COLUMNS),
    build: (_g, row) => ({ fields: {}, ja: fill(ja, row, row.client), en: fill(en, row, row.clientEn) }),
  };
}

/**
 * The audit events, keyed by the event ID column, each with a row as the server writes it (the
 * preamble the log opens with lists the IDs; 50 and above are rogue server detection). An ID the
 * table does not know is kept as dhcp-event-<ID>.
 */
export const RULES = ruleTable<Row, Rule>(
  'windows-dhcp',
  readRow(SAMPLE, DEFAULT_COLUMNS),
  [
    rule({
      id: 'log-started',
      match: { key: '00' },
      action: 'dhcp-log-started',
      type: ['start'],
      outcome: 'success',
      ja: 'DHCP サーバーの監査ログが開始されました',
      en: 'The DHCP server audit log started',
      sample: '00,10/01/26,00:00:01,Started,,,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'log-stopped',
      match: { key: '01' },
      action: 'dhcp-log-stopped',
      type: ['end'],
      outcome: 'success',
      ja: 'DHCP サーバーの監査ログが停止されました',
      en: 'The DHCP server audit log stopped',
      sample: '01,10/01/26,23:59:59,Stopped,,,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'log-paused',
      match: { key: '02' },
      action: 'dhcp-log-paused',
      type: ['info'],
      outcome: 'failure',
      ja: 'ディスク容量不足のため DHCP サーバーの監査ログが一時停止されました',
      en: 'The DHCP server audit log paused for lack of disk space',
      sample: '02,10/01/26,12:00:00,Log Paused,,,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'lease-assigned',
      match: { key: '10' },
      action: 'dhcp-lease-assigned',
      type: ['allowed', 'connection'],
      outcome: 'success',
      ja: 'DHCP サーバーが {client} に {ip} を割り当てました',
      en: 'The DHCP server leased {ip} to {client}',
      sample: SAMPLE,
    }),
    rule({
      id: 'lease-renewed',
      match: { key: '11' },
      action: 'dhcp-lease-renewed',
      type: ['allowed', 'connection'],
      outcome: 'success',
      ja: 'DHCP サーバーが {client} の {ip} のリースを更新しました',
      en: 'The DHCP server renewed the lease of {ip} for {client}',
      sample:
        '11,10/01/26,08:55:40,Renew,10.0.20.15,LAPTOP-YAMADA.corp.example.co.jp,9C2DCD41A7F0,,1920374655,0,,,,0x4D53465420352E30,MSFT 5.0,,,,0',
    }),
    rule({
      id: 'lease-released',
      match: { key: '12' },
      action: 'dhcp-lease-released',
      type: ['end', 'connection'],
      outcome: 'success',
      ja: 'DHCP サーバーで {client} が {ip} のリースを解放しました',
      en: '{client} released the lease of {ip} on the DHCP server',
      sample:
        '12,10/01/26,18:46:03,Release,10.0.10.21,WS01.corp.example.co.jp,0050569A1B2C,,3011224455,0,,,,0x4D53465420352E30,MSFT 5.0,,,,0',
    }),
    rule({
      id: 'address-conflict',
      match: { key: '13' },
      action: 'dhcp-address-conflict',
      type: ['info'],
      outcome: 'failure',
      ja: 'DHCP サーバーが {ip} はネットワーク上で既に使用中であることを検出しました',
      en: 'The DHCP server found {ip} already in use on the network',
      sample: '13,10/01/26,09:10:02,Conflict,10.0.10.55,BAD_ADDRESS,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'scope-exhausted',
      match: { key: '14' },
      action: 'dhcp-scope-exhausted',
      type: ['denied'],
      outcome: 'failure',
      ja: 'DHCP サーバーのアドレスプールが枯渇し、{client} にリースを割り当てられませんでした',
      en: "The DHCP server could not lease an address to {client}: the scope's pool is exhausted",
      sample: '14,10/01/26,09:12:45,Scope Full,10.0.40.0,,F0D5BF1A9C03,,3344112301,0,,,,,,,,,0',
    }),
    rule({
      id: 'lease-denied',
      match: { key: '15' },
      action: 'dhcp-lease-denied',
      type: ['denied'],
      outcome: 'failure',
      ja: 'DHCP サーバーが {client} へのリースを拒否しました({ip})',
      en: 'The DHCP server denied a lease to {client} ({ip})',
      sample: '15,10/01/26,09:12:44,NACK,10.0.30.80,,A4BB6D1C22E9,,3344112200,0,,,,,,,,,0',
    }),
    rule({
      id: 'lease-deleted',
      match: { key: '16' },
      action: 'dhcp-lease-deleted',
      type: ['end'],
      outcome: 'success',
      ja: 'DHCP サーバーが {client} の {ip} のリースを削除しました',
      en: 'The DHCP server deleted the lease of {ip} for {client}',
      sample: '16,10/01/26,10:02:11,Deleted,10.0.10.61,PRN-2F.corp.example.co.jp,3C2AF45B0D11,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'lease-expired-dns-kept',
      match: { key: '17' },
      action: 'dhcp-lease-expired',
      type: ['end'],
      outcome: 'success',
      ja: 'DHCP サーバーで {client} の {ip} のリースが期限切れになりました(DNS レコードは削除されず)',
      en: 'The lease of {ip} for {client} expired on the DHCP server (DNS records not deleted)',
      sample: '17,10/01/26,00:00:05,Expired,10.0.10.88,LAPTOP-KATO.corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'lease-expired-dns-deleted',
      match: { key: '18' },
      action: 'dhcp-lease-expired',
      type: ['end'],
      outcome: 'success',
      ja: 'DHCP サーバーで {client} の {ip} のリースが期限切れになりました(DNS レコードは削除済み)',
      en: 'The lease of {ip} for {client} expired on the DHCP server (DNS records deleted)',
      sample: '18,10/01/26,00:00:05,Expired,10.0.10.87,LAPTOP-OLD.corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'bootp-assigned',
      match: { key: '20' },
      action: 'dhcp-bootp-assigned',
      type: ['allowed', 'connection'],
      outcome: 'success',
      ja: 'DHCP サーバーが BOOTP で {client} に {ip} を割り当てました',
      en: 'The DHCP server leased {ip} to {client} over BOOTP',
      sample: '20,10/01/26,07:30:00,BOOTP Assign,10.0.60.5,TERM-01,00A0C9123456,,1122334455,0,,,,,,,,,0',
    }),
    rule({
      id: 'dynamic-bootp-assigned',
      match: { key: '21' },
      action: 'dhcp-bootp-assigned',
      type: ['allowed', 'connection'],
      outcome: 'success',
      ja: 'DHCP サーバーが動的 BOOTP で {client} に {ip} を割り当てました',
      en: 'The DHCP server leased {ip} to {client} over dynamic BOOTP',
      sample: '21,10/01/26,07:31:00,Dynamic BOOTP Assign,10.0.60.6,TERM-02,00A0C9123457,,1122334456,0,,,,,,,,,0',
    }),
    rule({
      id: 'bootp-exhausted',
      match: { key: '22' },
      action: 'dhcp-bootp-exhausted',
      type: ['denied'],
      outcome: 'failure',
      ja: 'DHCP サーバーの BOOTP 用アドレスプールが枯渇し、{client} に割り当てられませんでした',
      en: 'The DHCP server could not lease a BOOTP address to {client}: the BOOTP pool is exhausted',
      sample: '22,10/01/26,07:32:00,BOOTP Scope Full,10.0.60.0,,00A0C9123458,,1122334457,0,,,,,,,,,0',
    }),
    rule({
      id: 'bootp-deleted',
      match: { key: '23' },
      action: 'dhcp-bootp-deleted',
      type: ['end'],
      outcome: 'success',
      ja: 'DHCP サーバーが未使用の BOOTP アドレス {ip} を削除しました',
      en: 'The DHCP server deleted the unused BOOTP address {ip}',
      sample: '23,10/01/26,00:00:05,BOOTP Deleted,10.0.60.7,,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'cleanup-started',
      match: { key: '24' },
      action: 'dhcp-cleanup-started',
      type: ['start'],
      outcome: 'success',
      ja: 'DHCP サーバーがデータベースのクリーンアップを開始しました',
      en: 'The DHCP server started its database cleanup',
      sample: '24,10/01/26,00:00:05,Database Cleanup Begin,,,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'cleanup-stats',
      match: { key: '25' },
      action: 'dhcp-cleanup-stats',
      type: ['info'],
      outcome: 'success',
      ja: 'DHCP サーバーのクリーンアップ結果: {desc}',
      en: 'DHCP server cleanup: {desc}',
      sample: '25,10/01/26,00:00:05,0 leases expired and 2 leases deleted,,,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'dns-update-requested',
      match: { key: '30' },
      action: 'dhcp-dns-update-requested',
      type: ['protocol'],
      outcome: 'success',
      ja: 'DHCP サーバーが {client} ({ip}) の DNS 更新を要求しました',
      en: 'The DHCP server requested a DNS update for {client} ({ip})',
      sample: '30,10/01/26,08:48:12,DNS Update Request,10.0.10.21,WS01.corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'dns-update-failed',
      match: { key: '31' },
      action: 'dhcp-dns-update-failed',
      type: ['protocol'],
      outcome: 'failure',
      ja: 'DHCP サーバーによる {client} ({ip}) の DNS 更新が失敗しました',
      en: 'The DHCP server failed to update DNS for {client} ({ip})',
      sample: '31,10/01/26,09:20:01,DNS Update Failed,10.0.10.33,WS03.corp.example.co.jp,,,0,6,,,,,,,,,10054',
    }),
    rule({
      id: 'dns-update-succeeded',
      match: { key: '32' },
      action: 'dhcp-dns-update-succeeded',
      type: ['protocol'],
      outcome: 'success',
      ja: 'DHCP サーバーが {client} ({ip}) の DNS 更新に成功しました',
      en: 'The DHCP server updated DNS for {client} ({ip})',
      sample: '32,10/01/26,08:48:13,DNS Update Successful,10.0.10.21,WS01.corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'nap-packet-dropped',
      match: { key: '33' },
      action: 'dhcp-packet-dropped',
      type: ['denied'],
      outcome: 'failure',
      ja: 'DHCP サーバーが NAP ポリシーにより {client} のパケットを破棄しました',
      en: 'The DHCP server dropped a packet from {client} by NAP policy',
      sample: '33,10/01/26,09:30:00,Packet dropped due to NAP policy.,10.0.70.12,GUEST-PC,D8BBC1A0B2C3,,0,2,,,,,,,,,0',
    }),
    rule({
      id: 'dns-update-queue-full',
      match: { key: '34' },
      action: 'dhcp-dns-update-failed',
      type: ['protocol'],
      outcome: 'failure',
      ja: 'DNS 更新要求キューが上限に達し、{client} ({ip}) の DNS 更新が失敗しました',
      en: 'The DNS update for {client} ({ip}) failed: the update queue is full',
      sample:
        '34,10/01/26,09:31:00,DNS update request failed.as the DNS update request queue limit exceeded,10.0.10.34,WS04.corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'dns-update-request-failed',
      match: { key: '35' },
      action: 'dhcp-dns-update-failed',
      type: ['protocol'],
      outcome: 'failure',
      ja: 'DHCP サーバーによる {client} ({ip}) の DNS 更新要求が失敗しました',
      en: 'The DNS update request for {client} ({ip}) failed',
      sample: '35,10/01/26,09:32:00,DNS update request failed,10.0.10.35,WS05.corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'failover-packet-dropped',
      match: { key: '36' },
      action: 'dhcp-packet-dropped',
      type: ['denied'],
      outcome: 'failure',
      ja: 'DHCP サーバーが {client} のパケットを破棄しました(フェールオーバーの待機側またはクライアント ID のハッシュ不一致)',
      en: 'The DHCP server dropped a packet from {client} (failover standby or client ID hash mismatch)',
      sample:
        '36,10/01/26,09:21:00,Packet dropped because of Client ID hash mismatch or standby server.,10.0.50.0,,76691ED45C90,,0,6,,,,,,,,,0',
    }),
    rule({
      id: 'rogue-detection',
      match: /^[5-9]\d,/,
      action: 'dhcp-rogue-detection',
      type: ['info'],
      outcome: 'success',
      ja: 'DHCP サーバーの不正サーバー検出: {desc}',
      en: 'DHCP rogue server detection: {desc}',
      sample: '55,10/01/26,19:00:00,Authorized(servicing),,corp.example.co.jp,,,0,6,,,,,,,,,0',
    }),
  ],
  (text) => ROW.exec(text)?.[1],
);

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

/** The row's cells by column name; extra cells past the header (a Description with commas) stay as Extra. */
function readRow(text: string, columns: string[]): Row {
  const cells = text.split(',');
  const row: Record<string, string> = {};
  columns.forEach((name, i) => {
    const v = cells[i]?.trim();
    if (v) row[name] = v;
  });
  if (cells.length > columns.length) row.Extra = cells.slice(columns.length).join(',');
  const ip = row['IP Address'];
  const hostName = row['Host Name'];
  const mac = row['MAC Address'] ? macOf(row['MAC Address']) : undefined;
  return {
    id: cells[0],
    row,
    ip,
    desc: row.Description ?? '',
    client: hostName && mac ? `${hostName} (${mac})` : (hostName ?? mac ?? ip ?? '不明なクライアント'),
    clientEn: hostName && mac ? `${hostName} (${mac})` : (hostName ?? mac ?? ip ?? 'an unknown client'),
  };
}

function translate(record: { text: string; header?: string[] }, ctx: { timeZone: string }): KansaEvent[] {
  const m = ROW.exec(record.text);
  if (!m) throw new ParseError('expected a DHCP audit row: ID,MM/DD/YY,hh:mm:ss,Description,…');
  const r = readRow(record.text, record.header && record.header.length >= 4 ? record.header : DEFAULT_COLUMNS);
  const { row, ip } = r;
  const [, id, mo, d, yy, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    throw new ParseError(`expected a valid date and time, found ${mo}/${d}/${yy} ${h}:${mi}:${s}`);
  }
  const time = zonedToUtc(2000 + Number(yy), month, day, Number(h), Number(mi), Number(s), 0, ctx.timeZone);

  const hostName = row['Host Name'];
  const mac = row['MAC Address'] ? macOf(row['MAC Address']) : undefined;
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
  const applied = applyRules(RULES, record.text, r);
  const kind = applied?.rule;
  e['event.type'] = kind?.type ?? ['info'];
  e['event.action'] = kind?.action ?? `dhcp-event-${id}`;
  e['event.outcome'] = kind?.outcome ?? 'success';
  e['event.timezone'] = ctx.timeZone;
  e['observer.type'] = 'dhcp';
  e['observer.vendor'] = 'Microsoft';
  e['observer.product'] = 'Windows DHCP Server';
  if (isIp(ip)) e['source.ip'] = ip;
  if (hostName) e['source.domain'] = hostName;
  if (mac) e['source.mac'] = mac;
  const dnsError = row.DnsRegError;
  if (dnsError && dnsError !== '0') e['error.code'] = dnsError;
  let ja = applied?.result.ja ?? fill('DHCP サーバーのイベント {id}: {desc}', r, r.client);
  let en = applied?.result.en ?? fill('DHCP server event {id}: {desc}', r, r.clientEn);
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
