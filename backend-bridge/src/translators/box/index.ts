/**
 * Box enterprise events (source type `box`): `GET /2.0/events?stream_type=admin_logs` pages
 * (`{"chunk_size":…,"next_stream_position":…,"entries":[…]}`) as the API answers and a puller saves
 * them, and single events one per line. See README.md.
 */
import { obj, parseJsonObject, str, type Json } from '../_lib/json';
import { isIp } from '../_lib/network';
import { recordTexts } from '../_lib/records';
import { applyRules, assignFields } from '../_lib/rules';
import { boxRules, keyOf, type Entry } from './rules';
import { parseFailureEvent } from '../../translate/finish';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

function timeOf(v: unknown): string {
  const t = str(v);
  const ms = t && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(t) ? Date.parse(t) : NaN;
  if (Number.isNaN(ms))
    throw new ParseError(`expected created_at such as 2026-10-01T09:00:01+09:00, found ${JSON.stringify(v ?? null)}`);
  return new Date(ms).toISOString();
}

/** The fields every entry has and the entry its rule reads. */
function read(e: Json): { ev: KansaEvent; entry: Entry } {
  const type = str(e.event_type);
  if (!type) throw new ParseError('expected a Box event with event_type');
  const ts = timeOf(e.created_at);
  const by = obj(e.created_by) ?? {};
  const login = str(by.login);
  const name = login?.includes('@') ? login.slice(0, login.indexOf('@')) : login;
  const ip = str(e.ip_address);
  const details = obj(e.additional_details) ?? {};
  const ev: KansaEvent = {
    '@timestamp': ts,
    'event.kind': 'event',
    'event.module': 'box',
    'event.dataset': 'box.events',
    'event.code': type,
    'event.outcome': 'success',
    'kansa.source_type': 'box',
    'observer.vendor': 'Box',
    'observer.product': 'Box',
  };
  const id = str(e.event_id);
  if (id) ev['event.id'] = id;
  if (name) ev['user.name'] = name;
  if (login?.includes('@')) {
    ev['user.email'] = login;
    ev['user.domain'] = login.slice(login.indexOf('@') + 1);
  }
  const full = str(by.name);
  if (full) ev['user.full_name'] = full;
  if (ip && isIp(ip)) ev['source.ip'] = ip;
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(details)) if (str(v) !== undefined) raw[k] = str(v)!;
  const sid = str(e.session_id);
  if (sid) raw.session_id = sid;
  ev['kansa.raw'] = raw;
  const entry: Entry = {
    type,
    src: obj(e.source) ?? {},
    details,
    e,
    ...(name ? { name } : {}),
    who: name ?? 'Box',
    fromJa: ip ? `${ip} から ` : '',
    fromEn: ip ? ` from ${ip}` : '',
  };
  return { ev, entry };
}

const parse = (text: string): Json => parseJsonObject(text, 'a Box event');

export const RULES = boxRules((sample) => read(parse(sample)).entry);

/** Translates one entry's text. */
export function mapBoxEvent(text: string): KansaEvent {
  const r = parse(text);
  const { ev, entry } = read(r);
  // Every entry with an event_type has a key, and every key has a rule.
  const { fields, ja, en } = applyRules(RULES, text, entry, keyOf(r))!.result;
  assignFields(ev, fields);
  ev['kansa.message.ja'] = ja;
  ev['kansa.message.en'] = en;
  return ev;
}

export const boxFormat: Format = {
  id: 'box',
  framing: 'json-values',
  detect(sample: string): number {
    if (/"next_stream_position"\s*:/.test(sample) && /"entries"\s*:/.test(sample)) return 0.97;
    return /"event_type"\s*:\s*"[A-Z_]+"/.test(sample) &&
      /"created_by"\s*:/.test(sample) &&
      /"event_id"\s*:/.test(sample)
      ? 0.95
      : 0;
  },
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    const pieces = recordTexts(record.text, 'entries');
    if (!pieces) return [mapBoxEvent(record.text)];
    // A page: each entry is its own event with its own text as written; one bad or cut entry costs only itself.
    let last = ctx.now.toISOString();
    const out = pieces.map((text, i) => {
      try {
        const ev = mapBoxEvent(text);
        ev['event.original'] = text;
        last = ev['@timestamp'] as string;
        return ev;
      } catch (err) {
        const failed = parseFailureEvent(record, 'box', `entries[${i}]: ${(err as Error).message}`, last);
        failed['event.original'] = text;
        return failed;
      }
    });
    if (out.length === 0) throw new ParseError('the page holds no entries');
    return out;
  },
};
