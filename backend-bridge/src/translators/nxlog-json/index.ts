import { zonedToUtc } from '../../translate/time';
import { type Format, ParseError, type TranslateContext } from '../../translate/types';
import { parseJsonObject } from '../_lib/json';
import { mapWinEvent } from '../_lib/windows/map';
import {
  auditFromKeywords,
  describeTimeCandidates,
  levelFromWord,
  pickWinTime,
  type WinEvent,
} from '../_lib/windows/model';

/**
 * The fields im_msvistalog sets itself (docs.nxlog.co, "Event Log for Windows (im_msvistalog)"), plus
 * the core fields of every NXLog record. Everything else in the object is flattened EventData or
 * UserData.
 */
const SYSTEM_FIELDS = new Set([
  'EventTime',
  'Hostname',
  'Keywords',
  'EventType',
  'SeverityValue',
  'Severity',
  'EventID',
  'SourceName',
  'ProviderGuid',
  'Version',
  'Task',
  'OpcodeValue',
  'RecordNumber',
  'ActivityID',
  'RelatedActivityID',
  'ProcessID',
  'ThreadID',
  'Channel',
  'Domain',
  'AccountName',
  'UserID',
  'AccountType',
  'Message',
  'Category',
  'Opcode',
  'Level',
  'LevelValue',
  'EventReceivedTime',
  // Time fields that Logstash, Kafka pipelines or a differently configured NXLog add or write instead.
  '@timestamp',
  '@version',
  'TimeCreated',
  'SourceModuleName',
  'SourceModuleType',
  'MessageSourceAddress',
  'ERROR_EVT_UNRESOLVED',
]);

/** im_msvistalog's own EventType values; anything else there came from EventData. */
const NXLOG_EVENT_TYPES = new Set([
  'AUDIT_SUCCESS',
  'AUDIT_FAILURE',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'INFO',
  'VERBOSE',
]);

const USER_FIELDS = new Set(['AccountName', 'Domain', 'AccountType']);

/** EventData names that im_msvistalog's own fields shadow: WFP events carry their own ProcessID. */
const SHADOWED_BY_EVENT: Record<number, string[]> = { 5156: ['ProcessID'], 5157: ['ProcessID'] };

const KEYWORDS_RAW = /"Keywords"\s*:\s*("?)(-?(?:0x)?[0-9A-Fa-f]+)\1/;

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Keys Logstash, Beats or Kafka pipelines add beside the record: never EventData (which is PascalCase). */
const PIPELINE_FIELDS = new Set([
  'tags',
  'type',
  'host',
  'path',
  'message',
  'log',
  'event',
  'ecs',
  'agent',
  'input',
  'fields',
  'topic',
  'partition',
  'offset',
]);

/**
 * The im_msvistalog record itself: the object, or the one a pipeline wrapped without parsing it —
 * Logstash's `message` string, a Kafka Connect `payload` — with the wrapper's @timestamp kept as a
 * last time to fall back on.
 */
function unwrap(o: Record<string, unknown>): { o: Record<string, unknown>; outerTime?: unknown } {
  if (o.EventID !== undefined) return { o };
  const inner =
    typeof o.message === 'string' && o.message.trimStart().startsWith('{')
      ? parseJsonObject(o.message, 'NXLog record inside message')
      : o.payload;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return { o };
  return { o: inner as Record<string, unknown>, outerTime: o['@timestamp'] };
}

export function readNxlog(text: string, ctx: TranslateContext): WinEvent {
  const { o, outerTime } = unwrap(parseJsonObject(text, 'NXLog im_msvistalog record'));
  const idText = str(o.EventID)?.trim() ?? '';
  if (!/^\d{1,5}$/.test(idText)) throw new ParseError(`expected a numeric EventID, found "${idText.slice(0, 20)}"`);
  const eventId = Number(idText);
  // When the event happened first (EventTime, or the TimeCreated some configurations write instead),
  // then when a pipeline saw it (@timestamp), then when NXLog received it.
  const candidates: Array<readonly [string, unknown]> = [
    ['EventTime', o.EventTime],
    ['TimeCreated', o.TimeCreated],
    ['@timestamp', o['@timestamp']],
    ['EventReceivedTime', o.EventReceivedTime],
  ];
  if (outerTime !== undefined) candidates.push(['wrapper @timestamp', outerTime]);
  const picked = pickWinTime(candidates, ctx.timeZone, zonedToUtc);
  if (!picked) throw new ParseError(describeTimeCandidates(candidates));

  const data: Record<string, string> = {};
  // AccountName and Domain are im_msvistalog's resolved UserID; without a UserID they are EventData (4778/4779).
  const hasUser = o.UserID !== undefined && o.UserID !== null && o.UserID !== '';
  // for-in, not Object.entries: no pair array per field of every record (JSON.parse objects have no inherited keys).
  for (const k in o) {
    if (SYSTEM_FIELDS.has(k) && (hasUser || !USER_FIELDS.has(k))) continue;
    if (k.startsWith('@') || PIPELINE_FIELDS.has(k)) continue;
    const s = str(o[k]);
    if (s !== undefined) data[k] = s;
  }
  for (const k of SHADOWED_BY_EVENT[eventId] ?? []) {
    const s = str(o[k]);
    if (s !== undefined && !(k in data)) data[k] = s;
  }

  const ev: WinEvent = {
    eventId,
    provider: str(o.SourceName) ?? '',
    channel: str(o.Channel) ?? '',
    computer: str(o.Hostname) ?? '',
    time: picked.time,
    timeField: picked.field,
    data,
  };
  if (eventId === 104 && ev.provider.toLowerCase() === 'microsoft-windows-eventlog') {
    // UserData <Channel> (the log that was cleared) overwrites im_msvistalog's $Channel; 104 is always in System.
    data.Channel = ev.channel;
    ev.channel = 'System';
  }
  const recordId = str(o.RecordNumber);
  if (recordId) ev.recordId = recordId;
  const level = levelFromWord(str(o.Severity));
  if (level !== undefined) ev.level = level;
  const message = str(o.Message)?.trim();
  if (message) ev.message = message;
  const pid = str(o.ProcessID);
  if (pid && /^\d+$/.test(pid) && !SHADOWED_BY_EVENT[eventId]) ev.processId = Number(pid);
  const name = hasUser ? str(o.AccountName) : undefined;
  const sid = str(o.UserID);
  if (name || sid)
    ev.user = {
      ...(sid ? { sid } : {}),
      ...(name ? { name } : {}),
      ...(hasUser && str(o.Domain) ? { domain: str(o.Domain) } : {}),
    };

  const type = str(o.EventType);
  // Sysmon's own EventData EventType (CreateKey, SetValue, CreatePipe…) lands on im_msvistalog's field.
  if (type && !NXLOG_EVENT_TYPES.has(type)) data.EventType = type;
  if (type === 'AUDIT_SUCCESS') ev.audit = 'success';
  else if (type === 'AUDIT_FAILURE') ev.audit = 'failure';
  else {
    // The raw digits: a signed 64-bit Keywords value does not survive JSON.parse as a double.
    const audit = auditFromKeywords(KEYWORDS_RAW.exec(text)?.[2]);
    if (audit) ev.audit = audit;
  }
  return ev;
}

/** NXLog im_msvistalog records written as one JSON object per line (xm_json to_json()). */
export const nxlogJson: Format = {
  id: 'nxlog-json',
  framing: 'lines',
  detect(sample: string): number {
    const lines = sample
      .split('\n')
      .slice(0, 20)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    // Also a record a pipeline wrapped as a JSON string (`\"EventID\"`).
    const hits = lines.filter(
      (l) => l.startsWith('{') && /\\?"EventID\\?"/.test(l) && /\\?"(SourceName|EventTime|TimeCreated)\\?"/.test(l),
    ).length;
    return hits > 0 && hits * 2 >= lines.length ? 0.9 : hits > 0 ? 0.6 : 0;
  },
  translate(record, ctx) {
    return [mapWinEvent(readNxlog(record.text, ctx), 'nxlog-json')];
  },
};
