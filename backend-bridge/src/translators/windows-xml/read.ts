import { zonedToUtc } from '../../translate/time';
import { ParseError, type TranslateContext } from '../../translate/types';
import { auditFromKeywordNames, auditFromKeywords, parseWinTime, type WinEvent } from '../_lib/windows/model';
import { child, parseXml, type XmlElement } from './xml';

export const EVENT_NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Reads the leaf elements of a UserData payload (`<LogFileCleared><SubjectUserName>…`) as name → value. */
function flattenUserData(el: XmlElement, out: Record<string, string>): void {
  for (const c of el.children) {
    if (c.children.length === 0) {
      if (!(c.name in out)) out[c.name] = c.text;
    } else {
      flattenUserData(c, out);
    }
  }
}

/** EventData: named Data as name → value, unnamed Data as param1, param2… (as Winlogbeat names them). */
function readEventData(el: XmlElement, out: Record<string, string>): void {
  let unnamed = 0;
  for (const c of el.children) {
    if (c.name === 'Data') {
      const name = c.attrs.Name;
      if (name) out[name] = c.text;
      else out[`param${++unnamed}`] = c.text;
    } else if (c.name === 'Binary') {
      if (c.text.trim()) out.Binary = c.text.trim();
    } else if (c.children.length === 0 && c.text.trim()) {
      out[c.name] = c.text;
    }
  }
}

/** One `<Event>` (with or without its namespace) → the shared Windows model. */
export function readEventXml(text: string, ctx: TranslateContext): WinEvent {
  if (!text.includes('<Event'))
    throw new ParseError('expected an <Event> element, found none (only text, comments or declarations)');
  if (!text.trimEnd().endsWith('</Event>') && !/<Event\b[^>]*\/>\s*$/.test(text)) {
    throw new ParseError('truncated: the <Event> element has no closing </Event>');
  }
  const root = parseXml(text);
  if (root.name !== 'Event') throw new ParseError(`expected an <Event> element, found <${root.name}>`);
  const system = child(root, 'System');
  if (!system) throw new ParseError('expected <System> inside <Event>');
  const idText = child(system, 'EventID')?.text.trim() ?? '';
  if (!/^\d{1,5}$/.test(idText)) throw new ParseError(`expected a numeric <EventID>, found "${idText.slice(0, 20)}"`);
  const provider = child(system, 'Provider');
  const created = child(system, 'TimeCreated')?.attrs.SystemTime;
  const time = created ? parseWinTime(created, ctx.timeZone, zonedToUtc) : undefined;
  if (!time)
    throw new ParseError(
      `expected <TimeCreated SystemTime="…"> with an ISO time, found "${(created ?? '').slice(0, 40)}"`,
    );
  const levelText = child(system, 'Level')?.text.trim();
  const level = levelText && /^\d+$/.test(levelText) ? Number(levelText) : undefined;

  const data: Record<string, string> = {};
  const eventData = child(root, 'EventData');
  if (eventData) readEventData(eventData, data);
  const userData = child(root, 'UserData');
  if (userData) flattenUserData(userData, data);

  const ev: WinEvent = {
    eventId: Number(idText),
    provider: provider?.attrs.Name ?? provider?.attrs.EventSourceName ?? '',
    channel: child(system, 'Channel')?.text.trim() ?? '',
    computer: child(system, 'Computer')?.text.trim() ?? '',
    time,
    data,
  };
  const recordId = child(system, 'EventRecordID')?.text.trim();
  if (recordId) ev.recordId = recordId;
  if (level !== undefined) ev.level = level;
  const pid = child(system, 'Execution')?.attrs.ProcessID;
  if (pid && /^\d+$/.test(pid)) ev.processId = Number(pid);
  const sid = child(system, 'Security')?.attrs.UserID;
  if (sid) ev.user = { sid };

  ev.audit = auditFromKeywords(child(system, 'Keywords')?.text);
  const rendering = child(root, 'RenderingInfo');
  if (rendering) {
    const message = child(rendering, 'Message')?.text.trim();
    if (message) ev.message = message;
    if (!ev.audit) {
      const names = (child(rendering, 'Keywords')?.children ?? []).map((k) => k.text.trim());
      ev.audit = auditFromKeywordNames(names);
    }
  }
  if (!ev.audit) delete ev.audit;
  return ev;
}
