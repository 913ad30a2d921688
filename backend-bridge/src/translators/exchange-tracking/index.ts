/**
 * Exchange Server message tracking logs (source type `exchange-tracking`): `MSGTRK*.LOG` files
 * (Exchange 2013–SE, `TransportRoles\Logs\MessageTracking`), CSV after `#Software`/`#Version`/
 * `#Log-type`/`#Date` directives and a `#Fields:` header. One record per event of one message
 * (RECEIVE, SEND, DELIVER, FAIL, …). See README.md.
 */
import { isIp } from '../_lib/network';
import { applyRules, assignFields, ruleTable, type MessageRule } from '../_lib/rules';
import { splitCsvLine } from '../../translate/csv';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

export const FIELDS =
  '#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version';

/** A record's columns by name, read through its file's `#Fields:` header. */
type Columns = Record<string, string>;

function columnsOf(text: string, header: string[]): Columns {
  const values = splitCsvLine(text.replace(/\r$/, ''));
  const f: Columns = {};
  for (let i = 0; i < header.length && i < values.length; i++) if (values[i] !== '') f[header[i]] = values[i];
  return f;
}

const DEFAULT_HEADER = FIELDS.slice(9).split(',');

interface Rule extends MessageRule<Columns> {
  failure: boolean;
}

/** A rule for one event-id: what it says happened to the message (ja follows the mail, en precedes it). */
function rule(
  eventId: string,
  action: string,
  ja: string,
  en: string,
  outcome: 'success' | 'failure',
  sample: string,
): Rule {
  return {
    id: eventId.toLowerCase(),
    sample,
    match: { key: eventId },
    failure: outcome === 'failure',
    build: () => ({ fields: { 'event.type': ['info'], 'event.action': action, 'event.outcome': outcome }, ja, en }),
  };
}

/**
 * What each event-id says happened to the message, keyed by the event-id column, with a record
 * Exchange writes for it (read in the default layout). Other event-ids (DSN, REDIRECT, RESOLVE,
 * TRANSFER, HAREDIRECT, AGENTINFO, …) become mail-<event-id>.
 */
export const RULES = ruleTable<Columns, Rule>(
  'exchange-tracking',
  {},
  [
    rule(
      'RECEIVE',
      'mail-received',
      'を受信しました',
      'received',
      'success',
      '2026-10-01T00:10:00.123Z,203.0.113.90,mx.partner.example,10.2.0.30,EX01,08DCE1F2A3B4C5D6;2026-10-01T00:10:00.001Z;0,EX01\\Default Frontend EX01,SMTP,RECEIVE,40102030405060,<CAF1234@mail.partner.example>,5f1e2d3c-0000-4000-8000-000000000001,suzuki@example.co.jp,,8812,1,,,見積のご依頼,sales@partner.example,sales@partner.example,,Incoming,,203.0.113.90,10.2.0.30,,Email,5f1e2d3c-0000-4000-8000-0000000000a1,15.02.1544.004',
    ),
    rule(
      'SUBMIT',
      'mail-submitted',
      'を送信に回しました',
      'submitted',
      'success',
      '2026-10-01T00:20:00.200Z,10.1.20.15,,10.2.0.30,EX01,"MDB:1a2b3c4d-0000-4000-8000-000000000010, Mailbox:5e6f7a8b-0000-4000-8000-000000000012, Event:123500, MessageClass:IPM.Note, CreationTime:2026-10-01T00:20:00.100Z, ClientType:OWA, SubmissionAssistant:MailboxTransportSubmissionEmailAssistant",,STOREDRIVER,SUBMIT,0,<TY2PR01MB1234@example.co.jp>,,,,,0,,,顧客リスト,tanaka@example.co.jp,tanaka@example.co.jp,,Originating,,10.1.20.15,,,Email,,15.02.1544.004',
    ),
    rule(
      'SEND',
      'mail-sent',
      'を送信しました',
      'sent',
      'success',
      '2026-10-01T00:20:02.402Z,10.2.0.30,EX01,198.51.100.25,aspmx.l.google.com,;250 2.0.0 OK;ClientSubmitTime:2026-10-01T00:20:00.100Z,Internet Send Connector,SMTP,SEND,40102030405099,<TY2PR01MB1234@example.co.jp>,5f1e2d3c-0000-4000-8000-000000000002,tanaka.private@gmail.com,250 2.0.0 OK,5242880,1,,,顧客リスト,tanaka@example.co.jp,tanaka@example.co.jp,,Originating,,10.1.20.15,10.2.0.30,,Email,5f1e2d3c-0000-4000-8000-0000000000a2,15.02.1544.004',
    ),
    rule(
      'DELIVER',
      'mail-delivered',
      'をメールボックスに配信しました',
      'delivered',
      'success',
      '2026-10-01T00:10:00.456Z,,,10.2.0.30,EX01,"MDB:1a2b3c4d-0000-4000-8000-000000000010, Mailbox:5e6f7a8b-0000-4000-8000-000000000011, Event:123456, MessageClass:IPM.Note, CreationTime:2026-10-01T00:10:00.123Z, ClientType:StoreDriver",,STOREDRIVER,DELIVER,40102030405060,<CAF1234@mail.partner.example>,5f1e2d3c-0000-4000-8000-000000000001,suzuki@example.co.jp,,8812,1,,,見積のご依頼,sales@partner.example,sales@partner.example,2026-10-01T00:10:00.120Z;SRV=EX01.example.co.jp:TOTAL-SUB=0.010,Incoming,,203.0.113.90,10.2.0.30,,Email,,15.02.1544.004',
    ),
    rule(
      'FAIL',
      'mail-failed',
      'の配信に失敗しました',
      'failed to deliver',
      'failure',
      '2026-10-01T00:40:00.000Z,,,10.2.0.30,EX01,,,DSN,FAIL,40102030405102,<TY2PR01MB9999@example.co.jp>,,nobody@partner.example,550 5.1.1 RESOLVER.ADR.RecipNotFound; not found,20480,1,,,Re: 納期,suzuki@example.co.jp,,,Originating,,10.1.20.16,,,Email,,15.02.1544.004',
    ),
    rule(
      'DEFER',
      'mail-deferred',
      'の配信を延期しました',
      'deferred',
      'failure',
      '2026-10-01T00:41:00.000Z,,,10.2.0.30,EX01,,,SMTP,DEFER,40102030405103,<TY2PR01MB7777@example.co.jp>,,info@slow.example,451 4.4.0 DNS query failed,4096,1,,,ご案内,ito@example.co.jp,,,Originating,,10.1.20.40,,,Email,,15.02.1544.004',
    ),
    rule(
      'EXPAND',
      'mail-expanded',
      'の宛先グループを展開しました',
      'expanded the group recipients of',
      'success',
      '2026-10-01T00:30:00.000Z,,,10.2.0.30,EX01,,,ROUTING,EXPAND,40102030405101,<TY2PR01MB5678@example.co.jp>,,sato@example.co.jp;kato@example.co.jp;ito@example.co.jp,,,3,all-sales@example.co.jp,,"10月の目標, 確認お願いします",yamada@example.co.jp,,,Originating,,10.1.20.33,,,Email,,15.02.1544.004',
    ),
  ],
  (text) => columnsOf(text, DEFAULT_HEADER)['event-id'],
);

const dash = (s: string | undefined): string | undefined => (s === undefined || s === '' || s === '-' ? undefined : s);
const local = (a: string): string => a.slice(0, Math.max(0, a.indexOf('@'))) || a;
const domainOf = (a: string | undefined): string | undefined =>
  a && a.includes('@') ? a.slice(a.indexOf('@') + 1).toLowerCase() : undefined;

export function translateTracking(text: string, header: string[] | undefined): KansaEvent {
  if (!header) throw new ParseError('expected a #Fields: line before the first message tracking record');
  const f = columnsOf(text, header);
  const t = f['date-time'];
  const ms = t && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms))
    throw new ParseError(`expected date-time such as 2026-10-01T00:10:00.123Z, found ${JSON.stringify(t ?? null)}`);
  const eventId = f['event-id'];
  if (!eventId) throw new ParseError('expected an event-id in the message tracking record');
  // The event-id was read through this file's header; the table's own keyOf reads the default layout.
  const applied = applyRules(RULES, text, f, eventId);
  const failed = applied?.rule.failure === true;
  const sender = dash(f['sender-address']);
  const recipients = (f['recipient-address'] ?? '').split(';').filter((r) => r !== '');
  const dir = f.directionality;
  const senderDomain = domainOf(sender);
  const outside = recipients.filter((r) => domainOf(r) && domainOf(r) !== senderDomain);
  const direction =
    dir === 'Incoming' ? 'inbound' : dir === 'Originating' ? (outside.length > 0 ? 'outbound' : 'internal') : undefined;

  const ev: KansaEvent = {
    '@timestamp': new Date(ms).toISOString(),
    'event.kind': 'event',
    'event.module': 'exchange',
    'event.dataset': 'exchange.message_tracking',
    'event.category': ['email'],
    'event.type': ['info'],
    'event.action': `mail-${eventId.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    'event.outcome': 'success',
    'event.code': eventId,
    'kansa.source_type': 'exchange-tracking',
    'observer.vendor': 'Microsoft',
    'observer.product': 'Exchange Server',
  };
  if (applied) assignFields(ev, applied.result.fields);
  const mid = dash(f['message-id']);
  if (mid) ev['email.message_id'] = mid;
  if (sender) ev['email.from.address'] = sender;
  if (recipients.length > 0) ev['email.to.address'] = recipients;
  const subject = dash(f['message-subject']);
  if (subject) ev['email.subject'] = subject;
  if (direction) ev['email.direction'] = direction;
  // The person: who sent a message leaving the organisation, whose mailbox received an incoming one.
  if (sender && dir === 'Originating' && domainOf(sender)) ev['user.name'] = local(sender);
  if (dir === 'Incoming' && recipients.length === 1) ev['user.target.name'] = local(recipients[0]);
  const cip = f['original-client-ip'] ?? f['client-ip'];
  if (cip && isIp(cip)) ev['source.ip'] = cip;
  const sip = f['server-ip'];
  if (sip && isIp(sip)) ev['destination.ip'] = sip;
  // On SEND the server columns name the next hop and the client columns this Exchange server.
  const server = (eventId === 'SEND' ? f['client-hostname'] : f['server-hostname']) ?? 'Exchange';
  if (server !== 'Exchange') ev['host.name'] = server;
  const count = Number(f['recipient-count']);
  if (Number.isInteger(count) && count > 0) ev['kansa.count'] = count;
  const status = dash(f['recipient-status']);
  if (status && failed) ev['event.reason'] = status;
  const raw: Record<string, string> = {};
  for (const k of [
    'source',
    'source-context',
    'connector-id',
    'internal-message-id',
    'network-message-id',
    'recipient-status',
    'total-bytes',
    'related-recipient-address',
    'return-path',
    'client-hostname',
    'message-info',
    'directionality',
    'transport-traffic-type',
    'schema-version',
  ]) {
    if (dash(f[k])) raw[k] = f[k];
  }
  ev['kansa.raw'] = raw;

  const bytes = Number(f['total-bytes']);
  const size =
    Number.isFinite(bytes) && bytes > 0
      ? bytes >= 1048576
        ? `${(bytes / 1048576).toFixed(1)} MB`
        : bytes >= 1024
          ? `${Math.round(bytes / 1024)} KB`
          : `${bytes} B`
      : undefined;
  const to =
    recipients.length > 2
      ? `${recipients.slice(0, 2).join(', ')} ほか ${recipients.length - 2} 件`
      : recipients.join(', ');
  const toEn =
    recipients.length > 2
      ? `${recipients.slice(0, 2).join(', ')} and ${recipients.length - 2} more`
      : recipients.join(', ');
  const partsJa = [subject && `件名「${subject}」`, size, f.source, status && failed ? status : undefined]
    .filter(Boolean)
    .join('、');
  const partsEn = [subject && `subject "${subject}"`, size, f.source, status && failed ? status : undefined]
    .filter(Boolean)
    .join(', ');
  ev['kansa.message.ja'] =
    `${server} が ${sender ?? '(差出人なし)'} から ${to || '(宛先なし)'} 宛てのメール${applied?.result.ja ?? `について ${eventId} を記録しました`}${partsJa ? `(${partsJa})` : ''}`;
  ev['kansa.message.en'] =
    `${server} ${applied?.result.en ?? `logged ${eventId} for`} a mail from ${sender ?? '(no sender)'} to ${toEn || '(no recipient)'}${partsEn ? ` (${partsEn})` : ''}`;
  return ev;
}

export const exchangeTrackingFormat: Format = {
  id: 'exchange-tracking',
  framing: 'csv',
  detect(sample: string): number {
    if (/^#Log-type: Message Tracking Log/m.test(sample)) return 0.97;
    return /^#Fields: date-time,client-ip,.*event-id/m.test(sample) ? 0.95 : 0;
  },
  isHeader(line: string): string[] | null {
    return line.startsWith('#Fields: ') ? line.slice(9).replace(/\r$/, '').trim().split(',') : null;
  },
  isPreamble(line: string): boolean {
    return line.startsWith('#') && !line.startsWith('#Fields: ');
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [translateTracking(record.text, record.header)];
  },
};
