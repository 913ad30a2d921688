/**
 * Small helpers shared by the Linux syslog program translators (sshd, pam, sudo, su, shadow-utils,
 * logind, auditd, …). Pure functions, no state.
 */
import { isIP } from 'node:net';
import type { KansaEvent } from '../../translate/types';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** True for a literal IPv4 or IPv6 address (not a host name, not a MAC address). */
export function isIp(s: string | undefined): boolean {
  if (!s) {
    return false;
  }
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57 && s.length <= 15 && s.indexOf(':') < 0) {
    return isIPv4(s);
  }
  return isIP(s) !== 0;
}

/** Dotted quad without regex: four 0–255 parts, no leading zeros beyond a single 0. */
function isIPv4(s: string): boolean {
  let parts = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && value === 0) return false;
      value = value * 10 + (c - 48);
      digits++;
      if (digits > 3) return false;
    } else {
      return false;
    }
  }
  return parts === 4;
}

/** Sets source.ip when `addr` is an IP, else source.domain (UseDNS, rhost=host.example). */
export function setSource(ev: KansaEvent, addr: string | undefined, port?: string | number): void {
  if (!addr || addr === '?' || addr === '-') {
    return;
  }
  let a = addr;
  if (a.charCodeAt(0) === 58 && a.startsWith('::ffff:') && IPV4.test(a.slice(7))) {
    a = a.slice(7);
  }
  if (isIp(a)) {
    ev['source.ip'] = a;
  } else {
    ev['source.domain'] = a;
  }
  if (port !== undefined && port !== '') {
    const n = typeof port === 'number' ? port : Number(port);
    if (Number.isInteger(n) && n >= 0 && n <= 65535) {
      ev['source.port'] = n;
    }
  }
}

/**
 * rsyslog's repeat compression: `message repeated 3 times: [ Failed password for …]`. Returns the
 * inner message and the count (1 when the message is not a repeat line).
 */
export function unwrapRepeated(message: string): { text: string; count: number } {
  if (!message.startsWith('message repeated ')) {
    return { text: message, count: 1 };
  }
  const timesAt = message.indexOf(' times: [', 17);
  if (timesAt < 0) {
    return { text: message, count: 1 };
  }
  const count = Number(message.slice(17, timesAt));
  if (!Number.isInteger(count) || count < 1) {
    return { text: message, count: 1 };
  }
  let inner = message.slice(timesAt + 9);
  if (inner.endsWith(']')) {
    inner = inner.slice(0, -1);
  }
  return { text: inner.trim(), count };
}

/** `on web01` / `web01 上で` fragments; empty when the host is unknown. */
export function hostEn(host: string | undefined): string {
  return host ? ` on ${host}` : '';
}

/** The ja sentence's opening when no user acts: the host, or the program. */
export function subjectJa(host: string | undefined, fallback: string): string {
  return host ? host : fallback;
}

/** Sets user.name only when it is a real, non-empty account name. */
export function setUser(ev: KansaEvent, name: string | undefined, field: 'user.name' | 'user.target.name' | 'user.effective.name' = 'user.name'): void {
  if (name !== undefined && name !== '' && name !== '?' && name !== '(unknown)') {
    ev[field] = name;
  }
}

/** Adds a count suffix part: `3 回` / `3 times` when the line stands for several. */
export function countParts(count: number): { ja: string; en: string } | null {
  return count > 1 ? { ja: `${count} 回`, en: `${count} times` } : null;
}

/** Joins reason parts into `(a、b)` / ` (a, b)`; empty parts dropped. */
export function paren(parts: Array<string | undefined | null>, lang: 'ja' | 'en'): string {
  const sep = lang === 'ja' ? '、' : ', ';
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const x = parts[i];
    if (x) {
      out = out === '' ? x : out + sep + x;
    }
  }
  if (out === '') {
    return '';
  }
  return lang === 'ja' ? `(${out})` : ` (${out})`;
}

/**
 * Parses `key=value key2="quoted value" key3='x'` pairs (PAM, audit, postfix). Values without
 * quotes end at the next space. Keys may contain letters, digits, `_`, `-` and `.`.
 */
export function parseKv(s: string, out: Record<string, string> = {}): Record<string, string> {
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) {
      i++;
    }
    const eq = s.indexOf('=', i);
    if (eq < 0) {
      break;
    }
    const sp = s.indexOf(' ', i);
    if (sp >= 0 && sp < eq) {
      // A bare word without '=' (e.g. "authentication failure;"): skip it.
      i = sp + 1;
      continue;
    }
    const key = s.slice(i, eq);
    let j = eq + 1;
    let value: string;
    const q = s.charCodeAt(j);
    if (q === 34 || q === 39) {
      const end = s.indexOf(q === 34 ? '"' : "'", j + 1);
      if (end < 0) {
        value = s.slice(j + 1);
        j = n;
      } else {
        value = s.slice(j + 1, end);
        j = end + 1;
      }
    } else {
      let end = s.indexOf(' ', j);
      if (end < 0) {
        end = n;
      }
      value = s.slice(j, end);
      j = end;
    }
    if (key.length > 0) {
      out[key] = value;
    }
    i = j;
  }
  return out;
}

/** Decodes an even-length hex string as UTF-8; null when it is not hex. */
export function hexDecode(s: string): string | null {
  if (s.length === 0 || s.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(s)) {
    return null;
  }
  return Buffer.from(s, 'hex').toString('utf8');
}

/** Syslog-side base fields every Linux program event carries. */
export function baseEvent(sourceType: string, module: string, dataset: string): KansaEvent {
  return {
    'event.kind': 'event',
    'event.module': module,
    'event.dataset': dataset,
    'kansa.source_type': sourceType,
  };
}
