/** One Reports API activity: its events, each with the fields every event has and the rule of its form. */
import { isIp } from '../_lib/network';
import { obj, parseJsonObject, str, type Json } from '../_lib/json';
import { applyRules } from '../_lib/rules';
import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { googleWorkspaceRules, keyOf, localPart, type GwEvent } from './rules';

/** An event's `parameters` as name → text: value, boolValue, intValue, or multiValue joined with ", ". */
function params(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(v)) return out;
  for (const item of v) {
    const o = obj(item);
    const name = o && str(o.name);
    if (!o || !name) continue;
    const multi = Array.isArray(o.multiValue)
      ? o.multiValue
          .map(str)
          .filter((x): x is string => !!x)
          .join(', ')
      : undefined;
    const value = str(o.value) ?? str(o.boolValue) ?? str(o.intValue) ?? (multi || undefined);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The activity's header: its application, time and actor, and its events. */
function readActivity(a: Json) {
  const id = obj(a.id) ?? {};
  const app = str(id.applicationName);
  const time = str(id.time);
  const ms = time && /^\d{4}-\d\d-\d\dT/.test(time) ? Date.parse(time) : NaN;
  if (!app || Number.isNaN(ms))
    throw new ParseError(
      `expected an activity with id.time such as 2026-10-01T00:00:00.000Z and id.applicationName, found ${JSON.stringify(a.id ?? null)}`,
    );
  const events = Array.isArray(a.events) ? a.events.map(obj).filter((e): e is Json => !!e) : [];
  if (events.length === 0) throw new ParseError('expected an activity with at least one event');
  const actor = obj(a.actor) ?? {};
  const email = str(actor.email);
  const ipText = str(a.ipAddress);
  const ip = ipText && isIp(ipText) ? ipText : undefined;
  return { id, app, ms, events, actor, email, ip };
}

/** The event a rule reads, from one element of `events`. */
function readEvent(raw: Json, app: string, email: string | undefined, ip: string | undefined): GwEvent {
  return {
    app,
    name: str(raw.name)!,
    type: str(raw.type),
    p: params(raw.parameters),
    who: email ? localPart(email) : undefined,
    fromEn: ip ? ` from ${ip}` : '',
    fromJa: ip ? `${ip} から ` : '',
  };
}

export const RULES = googleWorkspaceRules((sample) => {
  const { app, events, email, ip } = readActivity(parseJsonObject(sample, 'a Reports API activity'));
  return readEvent(events[0], app, email, ip);
});

/**
 * Maps one Reports API activity (an `activities.list` item) to one Kansa event per element of its
 * `events` array: a Drive activity can record a visibility change and the access-scope change it
 * implies together.
 */
export function mapActivity(text: string): KansaEvent[] {
  const a = parseJsonObject(text, 'a Reports API activity');
  const { id, app, ms, events, actor, email, ip } = readActivity(a);
  const uq = str(id.uniqueQualifier);
  // The table reads an activity holding the event: the activity's own text when the event is its only
  // element, else the activity's id with that event alone.
  const single = Array.isArray(a.events) && a.events.length === 1 && events.length === 1;

  return events.map((raw, i) => {
    const name = str(raw.name);
    if (!name) throw new ParseError(`expected events[${i}].name in the ${app} activity`);
    const e = readEvent(raw, app, email, ip);
    const ev: KansaEvent = {
      '@timestamp': new Date(ms).toISOString(),
      'event.kind': 'event',
      'event.module': 'google_workspace',
      'event.dataset': `google_workspace.${app}`,
      'event.provider': app,
      'event.code': name,
      'event.action': name.replace(/_/g, '-').toLowerCase(),
      'event.outcome': 'success',
      'kansa.source_type': 'google-workspace',
      'observer.vendor': 'Google',
      'observer.product': 'Google Workspace',
    };
    // uniqueQualifier is shared by the events of one activity: the index keeps them apart.
    if (uq) ev['event.id'] = events.length > 1 ? `${uq}-${i}` : uq;
    if (email) {
      ev['user.email'] = email;
      ev['user.name'] = localPart(email);
      if (email.includes('@')) ev['user.domain'] = email.slice(email.indexOf('@') + 1);
    }
    if (ip) ev['source.ip'] = ip;
    const rawFields: Record<string, string> = { ...e.p };
    if (e.type) rawFields.type = e.type;
    const callerType = str(actor.callerType);
    if (callerType) rawFields.callerType = callerType;
    const customer = str(id.customerId);
    if (customer) rawFields.customerId = customer;
    ev['kansa.raw'] = rawFields;
    // Every event with a name has a key, and every key has a rule.
    const built = applyRules(RULES, text, e, keyOf(single ? a : { id: a.id, events: [raw] }))!.result;
    Object.assign(ev, built.fields);
    ev['kansa.message.ja'] = built.ja;
    ev['kansa.message.en'] = built.en;
    return ev;
  });
}
