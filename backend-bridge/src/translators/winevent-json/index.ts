import { zonedToUtc } from '../../translate/time';
import { type Format, ParseError, type TranslateContext } from '../../translate/types';
import { parseJsonObject } from '../_lib/json';
import { mapWinEvent } from '../_lib/windows/map';
import {
  auditFromKeywordNames,
  auditFromKeywords,
  describeTimeCandidates,
  pickWinTime,
  type WinEvent,
} from '../_lib/windows/model';
import { TEMPLATES } from '../_lib/windows/templates';

/**
 * PowerShell's own rendering: `Get-WinEvent … | ForEach-Object { $_ | ConvertTo-Json -Compress }`, one
 * EventLogRecord per line, or `Get-WinEvent … | ConvertTo-Json` as it prints by default (one array,
 * each record over many lines; UTF-16LE with BOM when Windows PowerShell 5.1 redirects it with `>`),
 * cut record by record by the `json-values` framing. Keys: Id, ProviderName, LogName, MachineName,
 * TimeCreated (`/Date(ms)/` in Windows PowerShell, ISO 8601 in PowerShell 7), Properties as unnamed
 * values, Message.
 */

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // A SecurityIdentifier serializes as { BinaryLength, AccountDomainSid, Value }.
  if (typeof v === 'object' && !Array.isArray(v) && 'Value' in (v as object))
    return str((v as { Value: unknown }).Value);
  return JSON.stringify(v);
}

/** The template names for this many values, when the provider and ID are known; else param1…N. */
function namesFor(provider: string, id: number, count: number): string[] | undefined {
  const p = provider.toLowerCase();
  const table =
    p === 'microsoft-windows-security-auditing'
      ? TEMPLATES.security
      : p === 'microsoft-windows-sysmon'
        ? TEMPLATES.sysmon
        : undefined;
  return table?.[id]?.find((names) => names.length === count);
}

const LEVELS: Record<string, number> = { '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5 };

export function readWinEventJson(text: string, ctx: TranslateContext): WinEvent {
  const o = parseJsonObject(text, 'Get-WinEvent record');
  const idText = str(o.Id)?.trim() ?? '';
  if (!/^\d{1,5}$/.test(idText)) throw new ParseError(`expected a numeric Id, found "${idText.slice(0, 20)}"`);
  const eventId = Number(idText);
  const candidates = [['TimeCreated', o.TimeCreated]] as const;
  const picked = pickWinTime(candidates, ctx.timeZone, zonedToUtc);
  if (!picked) throw new ParseError(describeTimeCandidates(candidates));
  const provider = str(o.ProviderName) ?? '';
  const values = Array.isArray(o.Properties)
    ? o.Properties.map(
        (p) => str(p !== null && typeof p === 'object' && 'Value' in p ? (p as { Value: unknown }).Value : p) ?? '',
      )
    : [];
  const names = namesFor(provider, eventId, values.length);
  const data: Record<string, string> = {};
  values.forEach((v, i) => {
    data[names?.[i] ?? `param${i + 1}`] = v;
  });
  const ev: WinEvent = {
    eventId,
    provider,
    channel: str(o.LogName) ?? str(o.ContainerLog) ?? '',
    computer: str(o.MachineName) ?? '',
    time: picked.time,
    timeField: picked.field,
    data,
  };
  const recordId = str(o.RecordId);
  if (recordId) ev.recordId = recordId;
  const level = LEVELS[str(o.Level) ?? ''];
  if (level !== undefined) ev.level = level;
  const message = str(o.Message)?.trim();
  if (message) ev.message = message;
  const pid = o.ProcessId;
  if (typeof pid === 'number') ev.processId = pid;
  const sid = str(o.UserId);
  if (sid) ev.user = { sid };
  const audit = Array.isArray(o.KeywordsDisplayNames)
    ? auditFromKeywordNames(o.KeywordsDisplayNames.map(String))
    : undefined;
  // Keywords is a signed 64-bit number; its digits are read raw, as for NXLog.
  const kw = audit ?? auditFromKeywords(/"Keywords"\s*:\s*(-?\d+)/.exec(text)?.[1]);
  if (kw) ev.audit = kw;
  return ev;
}

export const wineventJson: Format = {
  id: 'winevent-json',
  framing: 'json-values',
  detect(sample: string): number {
    const lines = sample
      .split('\n')
      .slice(0, 20)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const hits = lines.filter(
      (l) => l.startsWith('{') && l.includes('"Id"') && l.includes('"ProviderName"') && l.includes('"TimeCreated"'),
    ).length;
    if (hits > 0) return hits * 2 >= lines.length ? 0.9 : 0.6;
    // Pretty-printed: `[` or `{` alone on the first line, the record's keys on lines of their own.
    const pretty =
      (lines[0] === '[' || lines[0] === '{') &&
      /^\s*"Id":\s*\d/m.test(sample) &&
      /^\s*"ProviderName":/m.test(sample) &&
      /^\s*"TimeCreated":/m.test(sample);
    return pretty ? 0.9 : 0;
  },
  translate(record, ctx) {
    return [mapWinEvent(readWinEventJson(record.text, ctx), 'winevent-json')];
  },
};
