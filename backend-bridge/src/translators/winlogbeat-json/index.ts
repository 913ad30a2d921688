import { zonedToUtc } from '../../translate/time';
import { type Format, ParseError, type TranslateContext } from '../../translate/types';
import { mapWinEvent } from '../_lib/windows/map';
import {
  auditFromKeywordNames,
  describeTimeCandidates,
  levelFromWord,
  pickWinTime,
  type WinEvent,
} from '../_lib/windows/model';
import { parseJsonObject } from '../_lib/json';

/** `a.b.c` from nested objects, or from a flattened `"a.b.c"` key (Logstash or Kafka pipelines flatten). */
function get(o: Record<string, unknown>, path: string): unknown {
  if (path in o) return o[path];
  let cur: unknown = o;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function str(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.join(', ');
  return JSON.stringify(v);
}

function flatten(v: unknown, out: Record<string, string>): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'xml_name') continue;
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) flatten(x, out);
    else {
      const s = str(x);
      if (s !== undefined && !(k in out)) out[k] = s;
    }
  }
}

export function readWinlogbeat(text: string, ctx: TranslateContext): WinEvent {
  const o = parseJsonObject(text, 'Winlogbeat event');
  const idText = (str(get(o, 'winlog.event_id')) ?? str(get(o, 'event.code')) ?? '').trim();
  if (!/^\d{1,5}$/.test(idText))
    throw new ParseError(`expected a numeric winlog.event_id, found "${idText.slice(0, 20)}"`);
  // Beats' own time of the event first; the others are what Logstash or Kafka pipelines keep or add.
  const candidates = [
    ['@timestamp', get(o, '@timestamp')],
    ['winlog.time_created', get(o, 'winlog.time_created')],
    ['timestamp', get(o, 'timestamp')],
    ['event.created', get(o, 'event.created')],
    ['event.ingested', get(o, 'event.ingested')],
  ] as const;
  const picked = pickWinTime(candidates, ctx.timeZone, zonedToUtc);
  if (!picked) throw new ParseError(describeTimeCandidates(candidates));

  const data: Record<string, string> = {};
  flatten(get(o, 'winlog.event_data'), data);
  flatten(get(o, 'winlog.user_data'), data);

  const ev: WinEvent = {
    eventId: Number(idText),
    provider: str(get(o, 'winlog.provider_name')) ?? str(get(o, 'event.provider')) ?? '',
    channel: str(get(o, 'winlog.channel')) ?? '',
    computer: str(get(o, 'winlog.computer_name')) ?? str(get(o, 'host.name')) ?? '',
    time: picked.time,
    timeField: picked.field,
    data,
  };
  const recordId = str(get(o, 'winlog.record_id'));
  if (recordId) ev.recordId = recordId;
  const level = levelFromWord(str(get(o, 'log.level')) ?? str(get(o, 'winlog.level')) ?? str(get(o, 'level')));
  if (level !== undefined) ev.level = level;
  const message = str(get(o, 'message'))?.trim();
  if (message) ev.message = message;
  const pid = get(o, 'winlog.process.pid');
  if (typeof pid === 'number') ev.processId = pid;
  const sid = str(get(o, 'winlog.user.identifier'));
  const name = str(get(o, 'winlog.user.name'));
  const domain = str(get(o, 'winlog.user.domain'));
  if (sid || name) ev.user = { ...(sid ? { sid } : {}), ...(name ? { name } : {}), ...(domain ? { domain } : {}) };
  const keywords = get(o, 'winlog.keywords');
  const audit = Array.isArray(keywords) ? auditFromKeywordNames(keywords.map(String)) : undefined;
  if (audit) ev.audit = audit;
  return ev;
}

/** Winlogbeat 7/8 events as its file, Kafka or Logstash outputs write them: one JSON object per line. */
export const winlogbeatJson: Format = {
  id: 'winlogbeat-json',
  framing: 'lines',
  detect(sample: string): number {
    const lines = sample
      .split('\n')
      .slice(0, 20)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const hits = lines.filter(
      (l) =>
        l.startsWith('{') && (l.includes('"winlog":') || l.includes('"winlog.event_id"')) && l.includes('event_id'),
    ).length;
    return hits > 0 && hits * 2 >= lines.length ? 0.9 : hits > 0 ? 0.6 : 0;
  },
  translate(record, ctx) {
    return [mapWinEvent(readWinlogbeat(record.text, ctx), 'winlogbeat-json')];
  },
};
