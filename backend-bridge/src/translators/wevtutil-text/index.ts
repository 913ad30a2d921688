import { zonedToUtc } from '../../translate/time';
import { type Format, ParseError, type TranslateContext } from '../../translate/types';
import { mapWinEvent } from '../_lib/windows/map';
import { auditFromKeywordNames, levelFromWord, parseWinTime, type WinEvent } from '../_lib/windows/model';
import { readSecurityMessage, readSysmonMessage } from './message';

/**
 * `wevtutil qe <log> /f:text`: one event over many lines, framed by its `Event[N]:` header (`Event[N]` without
 * the colon on Windows 11). Two-space-indented `Name: value` header fields (Log Name, Source, Date, Event ID,
 * Task, Level, Opcode, Keyword, User, User Name, Computer), then `Description:` and the rendered message,
 * which `message.ts` reads back into EventData names. Date is local time without a zone on older Windows
 * (read in the configured zone) and UTC with `Z` on newer ones.
 */

const HEADER = /^Event\[\d+\]:?\s*$/;
const FIELD = /^ {2}([A-Za-z][A-Za-z ]*?):\s?(.*)$/;

export function readWevtutilText(text: string, ctx: TranslateContext): WinEvent {
  const lines = text.split('\n');
  if (!HEADER.test(lines[0] ?? ''))
    throw new ParseError(`expected an "Event[N]:" header line, found "${(lines[0] ?? '').slice(0, 40)}"`);
  const fields: Record<string, string> = {};
  let i = 1;
  let description: string[] | undefined;
  for (; i < lines.length; i++) {
    const m = FIELD.exec(lines[i]);
    if (!m) continue;
    if (m[1] === 'Description') {
      description = m[2].trim() ? [m[2].trim(), ...lines.slice(i + 1)] : lines.slice(i + 1);
      break;
    }
    fields[m[1]] ??= m[2].trim();
  }
  const idText = fields['Event ID'] ?? '';
  if (!/^\d{1,5}$/.test(idText)) throw new ParseError(`expected a numeric "Event ID:", found "${idText.slice(0, 20)}"`);
  const date = fields.Date ?? '';
  const time = parseWinTime(date, ctx.timeZone, zonedToUtc);
  if (!time) throw new ParseError(`expected "Date:" as an ISO time, found "${date.slice(0, 40)}"`);
  const eventId = Number(idText);
  const provider = fields.Source ?? '';
  const message = description?.join('\n').trim();
  const sysmon = provider.toLowerCase() === 'microsoft-windows-sysmon';
  const data = !message ? {} : sysmon ? readSysmonMessage(message) : readSecurityMessage(eventId, message);
  const ev: WinEvent = {
    eventId,
    provider,
    channel: fields['Log Name'] ?? '',
    computer: fields.Computer ?? '',
    time,
    timeField: 'Date',
    data,
  };
  const level = levelFromWord(fields.Level);
  if (level !== undefined) ev.level = level;
  const audit = auditFromKeywordNames((fields.Keyword ?? '').split(',').map((k) => k.trim()));
  if (audit) ev.audit = audit;
  if (message) ev.message = message;
  const sid = fields.User;
  const name = fields['User Name'];
  if (sid && sid !== 'N/A') {
    ev.user = { sid };
    if (name && name !== 'N/A') {
      const [domain, user] = name.includes('\\') ? name.split('\\', 2) : [undefined, name];
      ev.user.name = user;
      if (domain) ev.user.domain = domain;
    }
  }
  return ev;
}

export const wevtutilText: Format = {
  id: 'wevtutil-text',
  framing: 'blocks',
  startsBlock: (line) => HEADER.test(line),
  detect(sample: string): number {
    const lines = sample.split('\n', 40).map((l) => l.replace(/\r$/, ''));
    const header = lines.findIndex((l) => HEADER.test(l));
    if (header === -1) return 0;
    const next = lines.slice(header + 1, header + 4);
    return next.some((l) => /^ {2}(Log Name|Source|Date|Event ID):/.test(l)) ? 0.9 : 0;
  },
  translate(record, ctx) {
    return [mapWinEvent(readWevtutilText(record.text, ctx), 'wevtutil-text')];
  },
};
