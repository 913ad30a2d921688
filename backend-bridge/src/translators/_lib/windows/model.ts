/**
 * The one model every Windows rendering (Event XML, NXLog JSON, Winlogbeat JSON) is read into, so the
 * event-ID mappers see the same thing whatever the collector was.
 */
export interface WinEvent {
  eventId: number;
  provider: string;
  channel: string;
  /** The computer that wrote the event, as the event says (often an FQDN). */
  computer: string;
  recordId?: string;
  time: Date;
  /** Windows level: 0 log-always, 1 critical, 2 error, 3 warning, 4 information, 5 verbose. */
  level?: number;
  /** From the Audit Success / Audit Failure keyword bits, when the event has them. */
  audit?: 'success' | 'failure';
  /** EventData (named Data, unnamed Data as param1…) and UserData leaves, name → value. */
  data: Record<string, string>;
  /** The rendered message when the rendering carries one (RenderingInfo, NXLog, Winlogbeat). */
  message?: string;
  /** The account in the System/Security element, resolved to a name by NXLog and Winlogbeat. */
  user?: { sid?: string; name?: string; domain?: string };
  processId?: number;
  /** The field the time was read from, when the rendering offers several (kansa.parse.time_field). */
  timeField?: string;
}

/** A value that says something: not empty and not the `-` placeholder of Security events. */
export function val(data: Record<string, string>, key: string): string | undefined {
  const v = data[key];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' || t === '-' ? undefined : t;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses `2026-10-01T00:00:03.1234567Z` (7-digit fractions from Windows), `2026-10-01 09:00:03`
 * (NXLog, local time) and offsets. Times without an offset are wall-clock times in `localZone`.
 */
export function parseWinTime(
  text: string,
  localZone: string,
  zonedToUtc: (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, tz: string) => Date,
): Date | undefined {
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  if (!m[8]) return zonedToUtc(y, mo, d, h, mi, s, ms, localZone);
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMin * 60_000);
}

type ZonedToUtc = Parameters<typeof parseWinTime>[2];

const DOTNET_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
/** Epoch times as pipelines write them: 10 digits of seconds or 13 of milliseconds. */
const EPOCH = /^(\d{10}|\d{13})(?:\.\d+)?$/;
/** 2000-01-01 and 2100-01-01: an epoch number outside them is a counter, not a time. */
const EPOCH_RANGE: [number, number] = [946_684_800_000, 4_102_444_800_000];

/**
 * One time value in any of the shapes Windows shippers write: ISO 8601 or NXLog's local
 * `YYYY-MM-DD hh:mm:ss`, .NET's `/Date(ms)/` (ConvertTo-Json), epoch seconds or milliseconds
 * (Kafka Connect), or an object holding `SystemTime` (XML converted to JSON).
 */
export function parseAnyWinTime(v: unknown, localZone: string, zonedToUtc: ZonedToUtc): Date | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    return parseAnyWinTime(o.SystemTime ?? o['@SystemTime'] ?? o.DateTime, localZone, zonedToUtc);
  }
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  if (text === '') return undefined;
  const dotnet = DOTNET_DATE.exec(text);
  const epoch = dotnet
    ? Number(dotnet[1])
    : EPOCH.test(text)
      ? Number(text) * (text.split('.')[0].length === 10 ? 1000 : 1)
      : undefined;
  if (epoch !== undefined)
    return epoch >= EPOCH_RANGE[0] && epoch < EPOCH_RANGE[1] ? new Date(Math.floor(epoch)) : undefined;
  return parseWinTime(text, localZone, zonedToUtc);
}

/**
 * The first usable time among `candidates` (field name, value), in the rendering's order of
 * preference, and which field it was. A record with any usable time field never fails for lack of one.
 */
export function pickWinTime(
  candidates: ReadonlyArray<readonly [string, unknown]>,
  localZone: string,
  zonedToUtc: ZonedToUtc,
): { time: Date; field: string } | undefined {
  for (const [field, v] of candidates) {
    const time = parseAnyWinTime(v, localZone, zonedToUtc);
    if (time) return { time, field };
  }
  return undefined;
}

/** What a record without a usable time says, naming every field that was looked at. */
export function describeTimeCandidates(candidates: ReadonlyArray<readonly [string, unknown]>): string {
  const seen = candidates.filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (seen.length === 0) return `expected a time in one of ${candidates.map(([f]) => f).join(', ')}, found none`;
  return `expected a time in one of ${candidates.map(([f]) => f).join(', ')}, found ${seen
    .map(([f, v]) => `${f} "${(typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 40)}"`)
    .join(', ')}`;
}

/** Audit outcome from the 64-bit Keywords mask, given as `0x8020000000000000` or a signed decimal. */
export function auditFromKeywords(keywords: string | undefined): 'success' | 'failure' | undefined {
  if (!keywords) return undefined;
  let n: bigint;
  try {
    const s = keywords.trim();
    n = BigInt(s);
    if (n < 0n) n += 1n << 64n;
  } catch {
    return undefined;
  }
  if ((n & 0x20000000000000n) !== 0n) return 'success';
  if ((n & 0x10000000000000n) !== 0n) return 'failure';
  return undefined;
}

/** Keyword names (Winlogbeat's list, or RenderingInfo's, in English or Japanese). */
export function auditFromKeywordNames(names: readonly string[]): 'success' | 'failure' | undefined {
  for (const k of names) {
    if (k === 'Audit Success' || k === '成功の監査') return 'success';
    if (k === 'Audit Failure' || k === '失敗の監査') return 'failure';
  }
  return undefined;
}

const LEVEL_WORDS: Record<string, number> = {
  critical: 1,
  error: 2,
  warning: 3,
  information: 4,
  informational: 4,
  info: 4,
  verbose: 5,
  debug: 5,
};

export function levelFromWord(word: string | undefined): number | undefined {
  return word ? LEVEL_WORDS[word.trim().toLowerCase()] : undefined;
}
