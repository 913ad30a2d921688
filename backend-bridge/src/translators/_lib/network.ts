/** Addresses: one test for a literal IP, and setting source.* from an address a log names. */
import { isIP } from 'node:net';
import type { KansaEvent } from '../../translate/types';

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** True for a literal IPv4 or IPv6 address (not a host name, not a MAC address). */
export function isIp(s: string): boolean;
export function isIp(s: string | undefined): s is string;
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

/** An IPv4-mapped IPv6 address (`::ffff:10.0.0.5`, any case) as the IPv4 address it carries; others as they are. */
export function unmappedIpv4(addr: string): string {
  if (addr.charCodeAt(0) !== 58 || addr.length < 14 || addr.slice(0, 7).toLowerCase() !== '::ffff:') return addr;
  const v4 = addr.slice(7);
  return IPV4.test(v4) ? v4 : addr;
}

/** Sets source.ip when `addr` is an IP, else source.domain (UseDNS, rhost=host.example). */
export function setSource(ev: KansaEvent, addr: string | undefined, port?: string | number): void {
  if (!addr || addr === '?' || addr === '-') {
    return;
  }
  const a = unmappedIpv4(addr);
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
