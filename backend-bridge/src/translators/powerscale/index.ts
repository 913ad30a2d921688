/**
 * Dell PowerScale / Isilon OneFS audit records (source type `powerscale`): protocol audit events (SMB, NFS,
 * HDFS, S3 file access) and config audit events (PAPI requests and their results), one JSON record
 * `{"id","timestamp","payloadType","payload":{…}}` each, as `isi_audit_viewer` prints them
 * (`[N: Thu Oct  1 09:00:01 2026] {…}`), as bare JSON lines, or inside syslog after a `@cee:` / `CEE:`
 * marker (a bare protocol payload there too). See README.md.
 */
import { shareOfLines } from '../../translate/detect';
import {
  ParseError,
  type Format,
  type KansaEvent,
  type SyslogMessage,
  type SyslogProgram,
  type TranslateContext,
} from '../../translate/types';
import { obj, parseJsonObject, str, type Json } from '../_lib/json';
import { setSource } from '../_lib/network';
import { applyRules, assignFields } from '../_lib/rules';
import { parseEnvelope } from '../_lib/syslog';
import { statusOf } from './access';
import { eventTypeOf, fileOf, genericProtocol, protocolRules, type Record_ } from './rules';

/** `[12: Thu Oct  1 09:00:01 2026] ` before each record in isi_audit_viewer's output. */
const VIEWER = /^\[\d+: [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]?\d \d\d:\d\d:\d\d \d{4}\] /;
const MARKER = /(?:@cee|CEE):\s*(?=\{)/;

/** The JSON text of a line in any of the forms, or undefined. */
function jsonPart(line: string): string | undefined {
  const viewer = VIEWER.exec(line);
  if (viewer) return line.slice(viewer[0].length);
  if (line.startsWith('{')) return line;
  const m = MARKER.exec(line);
  return m ? line.slice(m.index + m[0].length) : undefined;
}

/** A OneFS record: the envelope's id and microsecond timestamp with a payload, or a protocol payload. */
function looksLikeOneFs(json: string): boolean {
  return (
    (/^\{"id":"[0-9a-f-]{36}","timestamp":\d{13,17},/.test(json) && json.includes('"payload')) ||
    (topLevel(json, '"eventType"') && (json.includes('"clientIPAddr"') || json.includes('"userSID"')))
  );
}

/** True when `key` is a member of the outermost object (not of one nested in it, as in a normalized event's kansa.raw). */
function topLevel(json: string, key: string): boolean {
  const at = json.indexOf(key);
  if (at < 0) return false;
  let depth = 0;
  for (let i = 0; i < at; i++) {
    const c = json.charCodeAt(i);
    if (c === 123 /* { */) depth++;
    else if (c === 125 /* } */) depth--;
  }
  return depth === 1;
}

function detectLine(line: string): boolean {
  const json = jsonPart(line);
  return json !== undefined && looksLikeOneFs(json);
}

/** Microseconds since the epoch (the envelope's timestamp), or an ISO text; undefined when neither. */
function timeOf(v: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof v === 'number' && Number.isFinite(v)) ms = v > 1e14 ? Math.floor(v / 1000) : v > 1e11 ? v : v * 1000;
  else if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) ms = Date.parse(v);
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return year >= 2000 && year < 2100 ? d.toISOString() : undefined;
}

/** A member kept in kansa.raw: scalars as text, objects and arrays as their JSON. */
function rawOf(p: Json, into: Record<string, string>): void {
  for (const [k, v] of Object.entries(p)) {
    if (v === null || v === undefined || v === '') continue;
    into[k.replace(/[\s.]+/g, '_')] = typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

function addDetail(details: Record_['details'], ja: string, en: string): void {
  details.ja.push(ja);
  details.en.push(en);
}

/** `EXAMPLE\tanaka` → tanaka in EXAMPLE. */
function setUser(ev: KansaEvent, name: string | undefined): string | undefined {
  if (!name) return undefined;
  const bs = name.indexOf('\\');
  const user = bs >= 0 ? name.slice(bs + 1) : name;
  if (bs > 0) ev['user.domain'] = name.slice(0, bs);
  if (user) ev['user.name'] = user;
  return user || undefined;
}

/** A record's own fields and the context its rule reads; `host` is the syslog header's, when there was one. */
function read(json: Json, host: string | undefined): { ev: KansaEvent; r: Record_; eventType?: string } {
  const payload = json.payload;
  const p: Json = obj(payload) ?? (typeof payload === 'string' ? { text: payload } : json);
  const raw: Record<string, string> = {};
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'powerscale',
    'kansa.source_type': 'powerscale',
    'observer.vendor': 'Dell',
    'observer.product': 'PowerScale OneFS',
    'observer.type': 'file-server',
  };
  const ts = timeOf(json.timestamp) ?? (p !== json ? timeOf(p.timestamp) : undefined);
  if (ts) ev['@timestamp'] = ts;
  if (host) {
    ev['host.name'] = host;
    ev['observer.name'] = host;
  }
  const id = str(json.id);
  if (id) raw.id = id;
  if (str(json.payloadType)) raw.payloadType = str(json.payloadType)!;
  const eventType = typeof p.eventType === 'string' ? p.eventType : undefined;
  const details: Record_['details'] = { ja: [], en: [] };
  let actor: Record_['actor'];
  let path: string | undefined;
  if (eventType !== undefined) {
    // Protocol audit: the file, the person, the client.
    ev['event.dataset'] = 'powerscale.protocol';
    ev['event.code'] = eventType;
    if (id) ev['event.id'] = id;
    const protocol = str(p.protocol);
    if (protocol) ev['network.protocol'] = protocol.toLowerCase();
    path = fileOf(ev, p);
    const user = setUser(ev, str(p.userName));
    const sid = str(p.userSID);
    if (sid) ev['user.id'] = sid;
    const uid = str(p.userID);
    const ip = str(p.clientIPAddr) ?? str(p.clientIP);
    setSource(ev, ip);
    const zone = str(p.zoneName);
    if (zone) addDetail(details, `ゾーン ${zone}`, `zone ${zone}`);
    if (protocol) addDetail(details, protocol, protocol);
    if (ip) addDetail(details, `${ip} から`, `from ${ip}`);
    actor = user
      ? { ja: user, en: user }
      : uid
        ? { ja: `UID ${uid}`, en: `UID ${uid}` }
        : sid
          ? { ja: sid, en: sid }
          : { ja: '(不明なユーザー)', en: 'An unknown user' };
  } else {
    // Config audit: the PAPI caller's token, the URI and method.
    ev['event.dataset'] = 'powerscale.config';
    const token = obj(obj(p.user)?.token);
    const sid = str(token?.SID)?.replace(/^SID:/, '');
    const uid = str(token?.UID);
    const client = str(token?.client);
    if (sid) ev['user.id'] = sid;
    setSource(ev, client);
    if (client) addDetail(details, `${client} から`, `from ${client}`);
    if (token) rawOf(token, raw);
    const method = str(p.method);
    if (method) ev['http.request.method'] = method.toUpperCase();
    actor = uid
      ? { ja: `UID ${uid}`, en: `UID ${uid}` }
      : sid
        ? { ja: sid, en: sid }
        : { ja: '(不明な利用者)', en: 'Someone' };
  }
  rawOf(Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'user')), raw);
  const status = statusOf(p.ntStatus);
  if (eventType !== undefined) {
    ev['event.outcome'] = status.ok ? 'success' : 'failure';
    if (!status.ok) {
      ev['event.reason'] = status.name;
      raw.ntStatusHex = status.hex!;
    }
  }
  ev['kansa.raw'] = raw;
  return { ev, r: { p, host: host ?? 'PowerScale', status, actor, path, details }, eventType };
}

/** Reads a sample the way a record is read, for the rule table's own test. */
function readSample(text: string): Record_ {
  return read(parseJsonObject(text, 'a OneFS audit record'), 'isilon01').r;
}

export const RULES = protocolRules(readSample);

/** Translates one record's JSON; `fallback` is the syslog header's time for a payload that carries none. */
export function translateOneFs(json: string, host: string | undefined, fallback: string | undefined): KansaEvent {
  const parsed = parseJsonObject(json, 'a OneFS audit record: {"id","timestamp","payload":{…}} or a protocol payload');
  if (obj(parsed.payload) === undefined && typeof parsed.payload !== 'string' && parsed.eventType === undefined)
    throw new ParseError('expected a OneFS audit record with a "payload" or a protocol payload with an "eventType"');
  const { ev, r, eventType } = read(parsed, host);
  if (!ev['@timestamp']) {
    if (!fallback) throw new ParseError('expected a "timestamp" (microseconds since 1970) in the OneFS audit record');
    ev['@timestamp'] = fallback;
  }
  const applied = applyRules(RULES, json, r);
  const built = applied?.result ?? (eventType !== undefined ? genericProtocol(r, eventType) : null);
  if (!built)
    throw new ParseError('expected a OneFS protocol event (eventType) or a config audit request, result or message');
  assignFields(ev, built.fields);
  ev['kansa.message.ja'] = built.ja;
  ev['kansa.message.en'] = built.en;
  return ev;
}

export const powerscaleFormat: Format = {
  id: 'powerscale',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(sample, detectLine, 0.96);
  },
  translate(record, ctx) {
    const line = record.text;
    const direct = VIEWER.test(line) || line.startsWith('{') ? jsonPart(line) : undefined;
    if (direct !== undefined) return [translateOneFs(direct, undefined, undefined)];
    const env = parseEnvelope(line, ctx);
    const json = env ? jsonPart(env.headerless ?? env.message) : undefined;
    if (!env || json === undefined)
      throw new ParseError(
        'expected a OneFS audit record: isi_audit_viewer "[N: date] {…}", a JSON line, or syslog with "@cee: {…}"',
      );
    return [translateOneFs(json, env.host, env.timestamp)];
  },
};

/** The same records arriving through the bridge's syslog intake. */
export const powerscaleSyslog: SyslogProgram = {
  id: 'powerscale',
  matches(msg: SyslogMessage): boolean {
    const json = jsonPart(msg.message);
    return json !== undefined && (looksLikeOneFs(json) || eventTypeOf(json) !== undefined);
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent {
    return translateOneFs(jsonPart(msg.message)!, msg.host, msg.timestamp);
  },
};
