import type { KansaEvent, Stage } from '../types';
import { type AttributionTables, hostKey, SHARED } from './table';

/**
 * People behind addresses: network events (firewall, proxy, Zeek, netfilter…) that carry an IP but
 * no user get `user.name` (and the client host as `source.domain`, and as `host.name` where the
 * event has none) from what was true at the event's time:
 *   1. a logon from that address (Windows 4624 source address, sshd "Accepted … from"),
 *   2. the DHCP lease of that address → its host → who was logged on interactively at that host,
 *   3. the DHCP lease → its host → the host's owner in the asset list.
 * `kansa.attribution.method` says which, `.source` which log taught it, `.ip` the address used.
 * The stage learns from every event going through it and passes every event on unchanged in number.
 */

const LEASE_START = new Set(['dhcp-ack', 'dhcp-lease-assigned', 'dhcp-lease-renewed', 'dhcp-bootp-assigned']);
const LEASE_END = new Set(['dhcp-release', 'dhcp-lease-released', 'dhcp-lease-expired', 'dhcp-lease-deleted']);
const AT_HOST_LOGONS = new Set([
  'Interactive',
  'RemoteInteractive',
  'CachedInteractive',
  'CachedRemoteInteractive',
  'Unlock',
]);
const NOT_PEOPLE = /\$$|^(anonymous logon|system|local service|network service|-|)$/i;
const NOT_ADDRESSES = /^(127\.|::1$|-$|0\.0\.0\.0$)/;

function str(e: KansaEvent, field: string): string | undefined {
  const v = (e as Record<string, unknown>)[field];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function hasCategory(e: KansaEvent, c: string): boolean {
  const v = e['event.category'];
  return Array.isArray(v) ? v.includes(c) : v === c;
}

export class AttributionStage implements Stage {
  readonly counts = { in: 0, out: 0 };

  constructor(private readonly t: AttributionTables = SHARED) {}

  push(e: KansaEvent): KansaEvent[] {
    const ts = str(e, '@timestamp');
    const at = ts ? Date.parse(ts) : NaN;
    if (Number.isNaN(at)) return [e];
    if (!this.learn(e, at)) this.attribute(e, at);
    return [e];
  }

  flush(): KansaEvent[] {
    return [];
  }

  /** True when the event is itself evidence (a lease or a logon): those are never attributed. */
  private learn(e: KansaEvent, at: number): boolean {
    const action = str(e, 'event.action');
    const ip = str(e, 'source.ip');
    const source = str(e, 'event.module') ?? str(e, 'kansa.source_type') ?? 'unknown';
    if (action && ip && LEASE_START.has(action)) {
      const host = str(e, 'source.domain');
      if (host) this.t.leases.learn(ip, host, at, source);
      return true;
    }
    if (action && ip && LEASE_END.has(action)) {
      this.t.leases.end(ip, at);
      return true;
    }
    // The rest of the DHCP conversation (discover, request, inform) is the host talking, not a person.
    if (e['network.protocol'] === 'dhcp') return true;
    if (action === 'logged-in' && e['event.outcome'] === 'success') {
      const user = str(e, 'user.name');
      if (!user || NOT_PEOPLE.test(user)) return true;
      if (ip && !NOT_ADDRESSES.test(ip)) this.t.logonsFrom.learn(ip, user, at, source);
      const host = str(e, 'host.name');
      const type = str(e, 'winlog.logon.type');
      if (host && type && AT_HOST_LOGONS.has(type)) this.t.logonsAt.learn(hostKey(host), user, at, source);
      return true;
    }
    return false;
  }

  private attribute(e: KansaEvent, at: number): void {
    if (!hasCategory(e, 'network') && !hasCategory(e, 'web')) return;
    // Mail server records are parts of a message: the risk scorer joins them by queue id to the
    // message's authenticated sender, and reads a record without user.name as such a part.
    if (e['event.module'] === 'postfix') return;
    // A Windows record is the host's own telemetry (WFP, Sysmon 3): its translator names the process's user when
    // Windows logs one, and a logon from the host's address says nothing about which of its processes connected.
    if (e['event.module'] === 'windows') return;
    const ip = str(e, 'source.ip');
    if (!ip || str(e, 'user.name')) return;
    const logon = this.t.logonsFrom.at(ip, at);
    const lease = this.t.leases.at(ip, at);
    let user: string | undefined;
    let method: string;
    let source: string;
    if (logon) {
      user = logon.value;
      method = 'logon-from-address';
      source = logon.source;
    } else if (lease) {
      const atHost = this.t.logonsAt.at(hostKey(lease.value), at);
      const owner = this.t.owners.get(hostKey(lease.value));
      user = atHost?.value ?? owner;
      method = atHost ? 'dhcp-lease+logon-at-host' : owner ? 'dhcp-lease+asset-owner' : 'dhcp-lease';
      source = atHost ? `${lease.source}+${atHost.source}` : owner ? `${lease.source}+assets` : lease.source;
    } else {
      return;
    }
    if (user) e['user.name'] = user;
    if (lease) {
      // host.name of a syslog line is the device that logged it (the gateway): keep it; the client
      // host goes to source.domain, and to host.name only where the source left it empty (FortiGate, Zeek).
      e['source.domain'] ??= lease.value;
      e['host.name'] ??= lease.value;
    }
    e['kansa.attribution.method'] = method;
    e['kansa.attribution.source'] = source;
    e['kansa.attribution.ip'] = ip;
    if (user) {
      const related = Array.isArray(e['related.user']) ? (e['related.user'] as string[]) : [];
      if (!related.includes(user)) e['related.user'] = [...related, user];
    }
  }
}

/** The registered stage: one per input stream, all sharing the process's tables. */
export function createAttributionStage(): Stage {
  return new AttributionStage();
}
