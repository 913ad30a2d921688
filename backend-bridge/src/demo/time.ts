/** Time formatting for the demo company, which lives in Japan (JST = UTC+9, no daylight saving). */
export const JST_OFFSET_MS = 9 * 3600_000;
export const MINUTE = 60_000;
export const HOUR = 3600_000;
export const DAY = 86_400_000;

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const p2 = (n: number): string => String(n).padStart(2, '0');
const p3 = (n: number): string => String(n).padStart(3, '0');

interface Parts {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  dow: number;
}

function parts(t: number, offsetMs: number): Parts {
  const x = new Date(t + offsetMs);
  return {
    y: x.getUTCFullYear(),
    mo: x.getUTCMonth() + 1,
    d: x.getUTCDate(),
    h: x.getUTCHours(),
    mi: x.getUTCMinutes(),
    s: x.getUTCSeconds(),
    ms: x.getUTCMilliseconds(),
    dow: x.getUTCDay(),
  };
}

export const jst = (t: number): Parts => parts(t, JST_OFFSET_MS);

/** Midnight JST of a YYYY-MM-DD date, as epoch ms. */
export function jstMidnight(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`expected a date as YYYY-MM-DD, got "${date}"`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - JST_OFFSET_MS;
}

export function jstDate(t: number): string {
  const p = jst(t);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)}`;
}

/** 2026-10-01T09:00:01.123+09:00 */
export function isoJst(t: number): string {
  const p = jst(t);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)}T${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.ms)}+09:00`;
}

/** 2026-10-01T00:00:01.123Z */
export function isoUtc(t: number): string {
  return new Date(t).toISOString();
}

/** Windows SystemTime: 2026-10-01T00:29:20.1230000Z */
export function winSystemTime(t: number): string {
  return new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** RFC 3164 syslog stamp in JST: "Oct  1 09:00:01" */
export function syslogStamp(t: number): string {
  const p = jst(t);
  return `${MON[p.mo - 1]} ${String(p.d).padStart(2, ' ')} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}

/** Cisco IOS stamp with msecs: "Oct  1 09:00:01.123 JST" */
export function ciscoStamp(t: number): string {
  const p = jst(t);
  return `${MON[p.mo - 1]} ${String(p.d).padStart(2, ' ')} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.ms)} JST`;
}

/** NXLog EventTime, local: "2026-10-01 09:00:01" */
export function localStamp(t: number): string {
  const p = jst(t);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}

/** PostgreSQL log_line_prefix %m: "2026-10-01 09:00:01.123 JST" */
export function pgStamp(t: number): string {
  const p = jst(t);
  return `${p.y}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.ms)} JST`;
}

/** BIND querylog: "01-Oct-2026 09:00:01.123" */
export function bindStamp(t: number): string {
  const p = jst(t);
  return `${p2(p.d)}-${MON[p.mo - 1]}-${p.y} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.ms)}`;
}

/** CUPS / Apache: "[01/Oct/2026:09:00:01 +0900]" */
export function clfStamp(t: number): string {
  const p = jst(t);
  return `[${p2(p.d)}/${MON[p.mo - 1]}/${p.y}:${p2(p.h)}:${p2(p.mi)}:${p2(p.s)} +0900]`;
}

/** Door reader CSV: "2026/10/01 08:52:13" */
export function doorStamp(t: number): string {
  const p = jst(t);
  return `${p.y}/${p2(p.mo)}/${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`;
}

/** FortiGate: date=2026-10-01 time=09:00:01 */
export function fortiDateTime(t: number): { date: string; time: string } {
  const p = jst(t);
  return { date: `${p.y}-${p2(p.mo)}-${p2(p.d)}`, time: `${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}` };
}

/** Unix seconds with millisecond decimals: "1790812801.123" */
export function epochSeconds(t: number, digits = 3): string {
  const s = Math.floor(t / 1000);
  const frac = String(t % 1000).padStart(3, '0');
  return digits === 3 ? `${s}.${frac}` : `${s}.${frac}${'0'.repeat(digits - 3)}`;
}
