import type { KansaEvent } from '@kansa/schema';
import { val } from '../model';
import { baseName, ipOf, oneLine, pidOf, portOf, setFile, setUser, splitAccount } from '../text';

/** Field setters shared by the Sysmon rules; each reads the EventData names Sysmon prints. */

type Data = Record<string, string>;

/** `User` (DOMAIN\name, or SYSTEM as `NT AUTHORITY\SYSTEM`) → user.*; returns the name for sentences. */
export function user(out: KansaEvent, d: Data, key = 'User'): string | undefined {
  const { name, domain } = splitAccount(val(d, key));
  if (name) setUser(out, name, domain);
  return name;
}

/** Image/ProcessId → process.*; returns the executable's base name. */
export function proc(out: KansaEvent, d: Data, imageKey = 'Image', pidKey = 'ProcessId'): string {
  const image = val(d, imageKey);
  if (image && image !== '<unknown process>') {
    out['process.executable'] = image;
    out['process.name'] = baseName(image);
  }
  const pid = pidOf(val(d, pidKey));
  if (pid !== undefined) out['process.pid'] = pid;
  return image ? baseName(image) : '(unknown process)';
}

/** `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` → the SHA-256 (lower case). */
export function sha256(d: Data, key = 'Hashes'): string | undefined {
  const m = /(?:^|,)\s*SHA256=([0-9A-Fa-f]{64})/.exec(val(d, key) ?? '');
  return m ? m[1].toLowerCase() : undefined;
}

export function file(out: KansaEvent, path: string | undefined): string {
  if (!path) return '(unknown file)';
  setFile(out, path);
  return path;
}

export function cmd(v: string | undefined): string {
  return v ? oneLine(v, 200) : '';
}

/** Registry paths as Sysmon prints them: `HKLM\…`, `HKU\S-1-5-21-…\…`. */
export function registry(out: KansaEvent, d: Data): string {
  const target = val(d, 'TargetObject') ?? '(unknown key)';
  if (target !== '(unknown key)') out['registry.path'] = target;
  return target;
}

/** 3: Initiated true = outbound from this host, so Source* is the local end. */
export function connection(out: KansaEvent, d: Data): { from: string; to: string; outbound: boolean } {
  const outbound = (val(d, 'Initiated') ?? 'true').toLowerCase() === 'true';
  out['network.direction'] = outbound ? 'outbound' : 'inbound';
  const proto = val(d, 'Protocol')?.toLowerCase();
  if (proto) out['network.transport'] = proto;
  const sip = ipOf(d.SourceIp);
  const sport = portOf(d.SourcePort);
  const dip = ipOf(d.DestinationIp);
  const dport = portOf(d.DestinationPort);
  if (sip) out['source.ip'] = sip;
  if (sport) out['source.port'] = sport;
  if (dip) out['destination.ip'] = dip;
  if (dport) out['destination.port'] = dport;
  const sname = val(d, 'SourceHostname');
  const dname = val(d, 'DestinationHostname');
  if (sname) out['source.domain'] = sname;
  if (dname) out['destination.domain'] = dname;
  const at = (ip: string | undefined, port: number | undefined, name: string | undefined): string => {
    const host = name ?? (ip ? (ip.includes(':') ? `[${ip}]` : ip) : '?');
    return port !== undefined ? `${host}:${port}` : host;
  };
  return { from: at(sip, sport, sname), to: at(dip, dport, dname), outbound };
}

/** 22: `type:  5 example.com;::ffff:93.184.216.34;` → the addresses among the results. */
export function resolved(results: string | undefined): string[] {
  const out: string[] = [];
  for (const part of (results ?? '').split(';')) {
    const ip = ipOf(part.trim());
    if (ip && !out.includes(ip)) out.push(ip);
  }
  return out;
}
