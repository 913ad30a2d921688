import { MONTHS, zonedToUtc } from '../../translate/time';
import type { SyslogMessage, TranslateContext } from '../../translate/types';

export const FACILITIES = [
  'kern',
  'user',
  'mail',
  'daemon',
  'auth',
  'syslog',
  'lpr',
  'news',
  'uucp',
  'cron',
  'authpriv',
  'ftp',
  'ntp',
  'security',
  'console',
  'solaris-cron',
  'local0',
  'local1',
  'local2',
  'local3',
  'local4',
  'local5',
  'local6',
  'local7',
];
export const SEVERITY_NAMES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'info', 'debug'];

export interface Envelope extends SyslogMessage {
  /** Text after the priority when no header could be read, for formats that ride on bare syslog. */
  headerless?: string;
}

const UTC_ZONES = new Set(['UTC', 'GMT', 'Z']);

/** Parses an RFC 3164 / RFC 5424 line, including the Cisco header variants. Returns null if no header. */
export function parseEnvelope(line: string, ctx: TranslateContext): Envelope | null {
  let pos = 0;
  let priority: number | undefined;
  if (line.charCodeAt(0) === 60 /* < */) {
    const close = line.indexOf('>', 1);
    if (close > 1 && close <= 4) {
      const pri = Number(line.slice(1, close));
      if (Number.isInteger(pri) && pri >= 0 && pri <= 191) {
        priority = pri;
        pos = close + 1;
      }
    }
  }
  const base = priorityFields(priority);
  if (line.startsWith('1 ', pos)) {
    const rfc5424 = parse5424(line, pos + 2, ctx);
    if (rfc5424) return { ...base, ...rfc5424 };
  }
  // Cisco: "<189>12345: " sequence number (empty on NX-OS), optionally "host: ", then a timestamp ending in ": ".
  const seq = line.startsWith(': ', pos) && priority !== undefined ? pos + 2 : leadingSequence(line, pos);
  if (seq > pos) {
    return parseCisco(line, seq, ctx, base, undefined);
  }
  const ts = parseTimestamp(line, pos, ctx);
  if (!ts) {
    return pos > 0
      ? { ...base, timestamp: '', program: '', message: '', format: 'rfc3164', headerless: line.slice(pos) }
      : null;
  }
  if (line.startsWith(': ', ts.end)) {
    // ASA without a host name: "Oct 01 2026 09:00:01: %ASA-6-302013: …"
    return { ...base, timestamp: ts.iso, program: '', message: line.slice(ts.end + 2), format: 'rfc3164' };
  }
  pos = skipSpaces(line, ts.end);
  let host: string | undefined;
  const firstEnd = tokenEnd(line, pos);
  const first = line.slice(pos, firstEnd);
  if (!isTag(first)) {
    host = first;
    pos = skipSpaces(line, firstEnd);
  }
  const seqAfterHost = leadingSequence(line, pos);
  if (seqAfterHost > pos) {
    // A relay put its own header in front of a Cisco line: keep the relay's time and host.
    const inner = parseCisco(line, seqAfterHost, ctx, base, host);
    return { ...inner, timestamp: ts.iso };
  }
  const tag = parseTag(line, pos);
  return {
    ...base,
    timestamp: ts.iso,
    ...(host ? { host } : {}),
    program: tag.program,
    ...(tag.pid !== undefined ? { pid: tag.pid } : {}),
    message: line.slice(tag.end),
    format: 'rfc3164',
  };
}

function priorityFields(priority: number | undefined): Pick<SyslogMessage, 'priority' | 'facility' | 'severity'> {
  if (priority === undefined) return {};
  return { priority, facility: FACILITIES[priority >> 3], severity: priority & 7 };
}

function skipSpaces(s: string, pos: number): number {
  while (s.charCodeAt(pos) === 32) pos++;
  return pos;
}

function tokenEnd(s: string, pos: number): number {
  const sp = s.indexOf(' ', pos);
  return sp === -1 ? s.length : sp;
}

function isTag(token: string): boolean {
  return token.endsWith(':') || token.includes('[');
}

function leadingSequence(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  return i > pos && s.startsWith(': ', i) ? i + 2 : pos;
}

function parseTag(s: string, pos: number): { program: string; pid?: number; end: number } {
  let i = pos;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 91 /* [ */ || c === 58 /* : */ || c === 32) break;
    i++;
  }
  const program = s.slice(pos, i);
  let pid: number | undefined;
  if (s.charCodeAt(i) === 91) {
    const close = s.indexOf(']', i);
    if (close !== -1) {
      const n = Number(s.slice(i + 1, close));
      if (Number.isInteger(n)) pid = n;
      i = close + 1;
    }
  }
  if (s.charCodeAt(i) === 58) {
    i++;
    if (s.charCodeAt(i) === 32) i++;
    return { program, ...(pid !== undefined ? { pid } : {}), end: i };
  }
  // No "tag:": the whole rest is the message.
  return { program: '', end: pos };
}

const UPTIME = /^(\d+[ywdh]\d+[ywdhms]?|\d\d:\d\d:\d\d(\.\d+)?)$/;

function parseCisco(
  line: string,
  pos: number,
  ctx: TranslateContext,
  base: Partial<SyslogMessage>,
  relayHost: string | undefined,
): Envelope {
  let host = relayHost;
  let at = pos;
  // `service sequence-numbers` adds a second counter after the syslog one.
  for (let next = leadingSequence(line, at); next > at; next = leadingSequence(line, at)) at = next;
  let timestamp = ctx.now.toISOString();
  const firstEnd = line.indexOf(': ', at);
  const candidate = firstEnd === -1 ? '' : line.slice(at, firstEnd);
  if (UPTIME.test(candidate)) {
    // An uptime stamp ("1w2d", "00:01:23") is no wall-clock time: the receive time is the best we have.
    return {
      ...base,
      timestamp,
      ...(host ? { host } : {}),
      program: '',
      message: line.slice(firstEnd + 2),
      format: 'rfc3164',
    };
  }
  if (
    candidate &&
    !candidate.includes(' ') &&
    !candidate.startsWith('%') &&
    !MONTHS[candidate.replace(/^[*.]/, '').slice(0, 3)]
  ) {
    host ??= candidate;
    at = firstEnd + 2;
  }
  const marker = line.charCodeAt(at);
  const tsStart = marker === 42 /* * */ || marker === 46 /* . */ ? at + 1 : at;
  const ts = parseTimestamp(line, tsStart, ctx);
  if (ts && line.startsWith(': ', ts.end)) {
    // "*" marks a clock that was never synchronised (often 1 March after boot): keep the receive time.
    if (marker !== 42) timestamp = ts.iso;
    at = ts.end + 2;
  }
  return { ...base, timestamp, ...(host ? { host } : {}), program: '', message: line.slice(at), format: 'rfc3164' };
}

interface ParsedTime {
  iso: string;
  end: number;
}

/** "Oct  1 09:00:01", "Oct 1 2026 09:00:01.123 JST", or an ISO 8601 stamp (rsyslog's high-precision form). */
export function parseTimestamp(s: string, pos: number, ctx: TranslateContext): ParsedTime | null {
  const c = s.charCodeAt(pos);
  if (c >= 48 && c <= 57) {
    const yearFirst = /^(\d{4}) [A-Z][a-z]{2} /.exec(s.slice(pos, pos + 9));
    // NX-OS writes "2026 Oct  1 09:00:01 JST".
    if (yearFirst) return parseTimestamp(s, pos + 5, { ...ctx, year: Number(yearFirst[1]) });
    return parseIso(s, pos, ctx);
  }
  const month = MONTHS[s.slice(pos, pos + 3)];
  if (!month || s.charCodeAt(pos + 3) !== 32) return null;
  let i = pos + 4;
  if (s.charCodeAt(i) === 32) i++;
  const day = readInt(s, i, 2);
  if (!day) return null;
  i = day.end;
  if (s.charCodeAt(i) !== 32) return null;
  i++;
  let year = ctx.year;
  const maybeYear = readInt(s, i, 4);
  if (maybeYear && maybeYear.end - i === 4 && s.charCodeAt(maybeYear.end) === 32) {
    year = maybeYear.value;
    i = maybeYear.end + 1;
  }
  const clock = parseClock(s, i);
  if (!clock) return null;
  i = clock.end;
  let zone = ctx.timeZone;
  const zoneEnd = s.indexOf(' ', i + 1);
  const zoneToken = s.charCodeAt(i) === 32 ? s.slice(i + 1, zoneEnd === -1 ? s.length : zoneEnd).replace(/:$/, '') : '';
  if (/^[A-Z]{3,4}$/.test(zoneToken)) {
    if (UTC_ZONES.has(zoneToken)) zone = 'UTC';
    i += 1 + zoneToken.length;
  }
  const date = zonedToUtc(year, month, day.value, clock.h, clock.m, clock.s, clock.ms, zone);
  if (Number.isNaN(date.getTime())) return null;
  return { iso: date.toISOString(), end: i };
}

function parseClock(s: string, i: number): { h: number; m: number; s: number; ms: number; end: number } | null {
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return null;
  for (const k of [0, 1, 3, 4, 6, 7]) {
    const c = s.charCodeAt(i + k);
    if (!(c >= 48 && c <= 57)) return null;
  }
  const h = Number(s.slice(i, i + 2));
  const m = Number(s.slice(i + 3, i + 5));
  const sec = Number(s.slice(i + 6, i + 8));
  if (!(h <= 23 && m <= 59 && sec <= 60)) return null;
  let end = i + 8;
  let ms = 0;
  if (s.charCodeAt(end) === 46) {
    const frac = readInt(s, end + 1, 9);
    if (frac) {
      const digits = s.slice(end + 1, frac.end);
      ms = Math.floor(Number(digits.padEnd(3, '0').slice(0, 3)));
      end = frac.end;
    }
  }
  return { h, m, s: sec, ms, end };
}

function readInt(s: string, i: number, maxDigits: number): { value: number; end: number } | null {
  let j = i;
  while (j < s.length && j - i < maxDigits && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
  return j === i ? null : { value: Number(s.slice(i, j)), end: j };
}

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:?\d\d)?/;

function parseIso(s: string, pos: number, ctx: TranslateContext): ParsedTime | null {
  const m = ISO.exec(s.slice(pos, pos + 40));
  if (!m) return null;
  const ms = m[7] ? Number(m[7].padEnd(3, '0').slice(0, 3)) : 0;
  let date: Date;
  if (m[8]) {
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${String(ms).padStart(3, '0')}${m[8] === 'Z' ? 'Z' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8]}`;
    date = new Date(iso);
  } else {
    date = zonedToUtc(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], ms, ctx.timeZone);
  }
  if (Number.isNaN(date.getTime())) return null;
  return { iso: date.toISOString(), end: pos + m[0].length };
}

function parse5424(line: string, pos: number, ctx: TranslateContext): Envelope | null {
  const fields: string[] = [];
  let i = pos;
  for (let k = 0; k < 5; k++) {
    const sp = line.indexOf(' ', i);
    if (sp === -1) return null;
    fields.push(line.slice(i, sp));
    i = sp + 1;
  }
  const [stamp, hostname, app, procid] = fields;
  let timestamp = ctx.now.toISOString();
  if (stamp !== '-') {
    const ts = parseIso(stamp, 0, ctx);
    if (!ts) return null;
    timestamp = ts.iso;
  }
  let structuredData: Record<string, Record<string, string>> | undefined;
  if (line.charCodeAt(i) === 45 /* - */) {
    i += 1;
  } else if (line.charCodeAt(i) === 91 /* [ */) {
    const sd = parseStructuredData(line, i);
    if (!sd) return null;
    structuredData = sd.data;
    i = sd.end;
  } else {
    return null;
  }
  if (line.charCodeAt(i) === 32) i++;
  let message = line.slice(i);
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  const pid = Number(procid);
  return {
    timestamp,
    ...(hostname !== '-' ? { host: hostname } : {}),
    program: app === '-' ? '' : app,
    ...(procid !== '-' && Number.isInteger(pid) ? { pid } : {}),
    message,
    format: 'rfc5424',
    ...(structuredData ? { structuredData } : {}),
  };
}

function parseStructuredData(
  line: string,
  start: number,
): { data: Record<string, Record<string, string>>; end: number } | null {
  const data: Record<string, Record<string, string>> = {};
  let i = start;
  while (line.charCodeAt(i) === 91) {
    const idEnd = line.slice(i + 1).search(/[ \]]/);
    if (idEnd === -1) return null;
    const id = line.slice(i + 1, i + 1 + idEnd);
    const params: Record<string, string> = {};
    i = i + 1 + idEnd;
    while (line.charCodeAt(i) === 32) {
      const eq = line.indexOf('="', i);
      if (eq === -1) return null;
      const name = line.slice(i + 1, eq);
      let j = eq + 2;
      let value = '';
      while (j < line.length && line.charCodeAt(j) !== 34) {
        if (line.charCodeAt(j) === 92 && j + 1 < line.length) j++;
        value += line[j];
        j++;
      }
      if (j >= line.length) return null;
      params[name] = value;
      i = j + 1;
    }
    if (line.charCodeAt(i) !== 93) return null;
    data[id] = params;
    i++;
  }
  return { data, end: i };
}
