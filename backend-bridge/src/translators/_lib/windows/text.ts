import type { KansaEvent } from '@kansa/schema';
import { isIp, unmappedIpv4 } from '../network';

/** `FS01.corp.example.co.jp` → `FS01` for sentences; IP addresses stay whole. */
export function shortHost(computer: string): string {
  if (computer === '' || isIp(computer)) return computer;
  const dot = computer.indexOf('.');
  return dot > 0 ? computer.slice(0, dot) : computer;
}

/** The last path segment of a Windows or POSIX path. */
export function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i >= 0 ? path.slice(i + 1) : path;
}

export function dirName(path: string): string | undefined {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i > 0 ? path.slice(0, i) : undefined;
}

const WS = /\s+/g;

/** Collapses whitespace and cuts to `max` characters with an ellipsis, for sentences. */
export function oneLine(text: string, max = 160): string {
  const s = text.replace(WS, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** `CORP\yamada` → { domain: CORP, name: yamada }; `yamada@corp` and bare names too. */
export function splitAccount(account: string | undefined): { name?: string; domain?: string } {
  if (!account) return {};
  const s = account.trim();
  if (s === '' || s === '-') return {};
  const bs = s.indexOf('\\');
  if (bs >= 0) return { domain: s.slice(0, bs) || undefined, name: s.slice(bs + 1) || undefined };
  return { name: s };
}

/** An address field as an IP for source.ip: `::ffff:10.0.0.5` → `10.0.0.5`; `-` and names → undefined. */
export function ipOf(v: string | undefined): string | undefined {
  if (!v) return undefined;
  let s = unmappedIpv4(v.trim());
  const pct = s.indexOf('%');
  if (pct > 0 && s.includes(':')) s = s.slice(0, pct);
  return isIp(s) ? s : undefined;
}

export function portOf(v: string | undefined): number | undefined {
  if (!v || !/^\d{1,5}$/.test(v.trim())) return undefined;
  const n = Number(v.trim());
  return n > 0 && n <= 65535 ? n : undefined;
}

/** `ip:port`, with brackets for IPv6. */
export function endpoint(ip: string, port: number | undefined): string {
  const host = ip.includes(':') ? `[${ip}]` : ip;
  return port !== undefined ? `${host}:${port}` : host;
}

const SERVICE_NAMES = new Set([
  'system',
  'local service',
  'network service',
  'anonymous logon',
  'ローカル サービス',
  'ネットワーク サービス',
]);
const SERVICE_SIDS = new Set(['S-1-5-18', 'S-1-5-19', 'S-1-5-20', 'S-1-5-7']);

/** A person's account, as opposed to a computer account (`WS01$`), SYSTEM, DWM-1, UMFD-0, … */
export function isPersonAccount(name: string | undefined, sid?: string): boolean {
  if (!name) return false;
  if (name.endsWith('$')) return false;
  if (sid && SERVICE_SIDS.has(sid.toUpperCase())) return false;
  if (SERVICE_NAMES.has(name.toLowerCase())) return false;
  if (/^(DWM|UMFD)-\d+$/i.test(name)) return false;
  return true;
}

/** Fills user.name/domain/id from the values that say something. */
export function setUser(out: KansaEvent, name?: string, domain?: string, sid?: string): void {
  if (name) out['user.name'] = name;
  if (domain) out['user.domain'] = domain;
  if (sid && sid !== 'S-1-0-0') out['user.id'] = sid;
}

export function say(out: KansaEvent, ja: string, en: string): void {
  out['kansa.message.ja'] = ja;
  out['kansa.message.en'] = en;
}

/** Japanese list, English list of at most `max` items with a count of the rest. */
export function listWords(items: readonly string[], max: number): { ja: string; en: string } {
  if (items.length <= max) return { ja: items.join('、'), en: items.join(', ') };
  const head = items.slice(0, max);
  const rest = items.length - max;
  return { ja: `${head.join('、')} ほか ${rest} 件`, en: `${head.join(', ')} and ${rest} more` };
}

/** Hex or decimal process ids (`0x1a2c`, `6700`) as a number. */
export function pidOf(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const s = v.trim();
  if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s.slice(2), 16);
  if (/^\d+$/.test(s)) return Number(s);
  return undefined;
}

/** Splits a path into the ECS file fields. */
export function setFile(out: KansaEvent, path: string, type?: 'file' | 'dir'): void {
  out['file.path'] = path;
  const name = baseName(path);
  if (name) out['file.name'] = name;
  const dir = dirName(path);
  if (dir) out['file.directory'] = dir;
  const dot = name.lastIndexOf('.');
  if (type !== 'dir' && dot > 0 && dot < name.length - 1) out['file.extension'] = name.slice(dot + 1).toLowerCase();
  if (type) out['file.type'] = type;
}

/** 127.0.0.1 and ::1: a local logon, not worth naming as a source in a sentence. */
export function isLoopback(ip: string | undefined): boolean {
  return ip === '127.0.0.1' || ip === '::1';
}
