/**
 * Who was behind an address when: bindings learned from DHCP leases and logons, looked up as of an
 * event's time. Bounded: at most MAX_KEYS addresses (and as many hosts) are remembered, each with
 * at most MAX_SPANS time spans; past that the least recently learned key is dropped. A span lasts
 * from the first sighting to the last sighting plus the kind's lifetime (a DHCP lease without a
 * stated length counts for 24 h; a logon for 12 h), so an old lease never names today's user.
 */

export const MAX_KEYS = 65_536;
export const MAX_SPANS = 32;
export const LEASE_MS = 24 * 3600_000;
export const LOGON_MS = 12 * 3600_000;

export interface Span {
  /** host name (leases) or user name (logons) */
  value: string;
  from: number;
  until: number;
  /** event.module of the event that taught it, e.g. dhcpd, windows, sshd */
  source: string;
}

/** key → spans, oldest first. Map order doubles as the eviction order (least recently learned first). */
export class SpanTable {
  private readonly keys = new Map<string, Span[]>();

  constructor(
    private readonly lifetimeMs: number,
    private readonly maxKeys = MAX_KEYS,
    private readonly maxSpans = MAX_SPANS,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  /** `value` seen for `key` at `at`: extends the span it continues, or opens a new one. */
  learn(key: string, value: string, at: number, source: string): void {
    let spans = this.keys.get(key);
    if (spans) this.keys.delete(key);
    else spans = [];
    this.keys.set(key, spans);
    // Files can arrive out of order (import of several files): merge into the span it falls in.
    for (const s of spans) {
      if (s.value === value && at >= s.from - this.lifetimeMs && at <= s.until) {
        s.from = Math.min(s.from, at);
        s.until = Math.max(s.until, at + this.lifetimeMs);
        return;
      }
    }
    // Another value from `at` on ends the spans that were still open then.
    for (const s of spans) if (s.value !== value && s.from <= at && s.until > at) s.until = at;
    spans.push({ value, from: at, until: at + this.lifetimeMs, source });
    spans.sort((a, b) => a.from - b.from);
    if (spans.length > this.maxSpans) spans.splice(0, spans.length - this.maxSpans);
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value as string);
  }

  /** The binding ends at `at` (DHCP release or expiry). */
  end(key: string, at: number): void {
    for (const s of this.keys.get(key) ?? []) if (s.from <= at && s.until > at) s.until = at;
  }

  /** The latest span covering `at`. */
  at(key: string, at: number): Span | undefined {
    const spans = this.keys.get(key);
    if (!spans) return undefined;
    for (let i = spans.length - 1; i >= 0; i--) if (spans[i].from <= at && at < spans[i].until) return spans[i];
    return undefined;
  }
}

/** Host name as a lookup key: lower case, without the DNS domain (DHCP gives PC0007, Windows PC0007.corp.example.co.jp). */
export function hostKey(host: string): string {
  const h = host.toLowerCase();
  const dot = h.indexOf('.');
  return dot > 0 && !/^\d+\.\d+\.\d+\.\d+$/.test(h) ? h.slice(0, dot) : h;
}

/** The process-wide state: every import file, translate input and serve source adds to and reads from it. */
export class AttributionTables {
  /** ip → host (DHCP leases) */
  readonly leases = new SpanTable(LEASE_MS);
  /** ip → user (logons from that address: 4624 source address, sshd accepted from) */
  readonly logonsFrom = new SpanTable(LOGON_MS);
  /** host → user (interactive logons at that host) */
  readonly logonsAt = new SpanTable(LOGON_MS);
  /** host → owner, from the asset list */
  readonly owners = new Map<string, string>();

  useAssets(assets: Array<{ host: string; owner?: string }>): void {
    this.owners.clear();
    for (const a of assets) if (a.owner) this.owners.set(hostKey(a.host), a.owner);
  }
}

export const SHARED = new AttributionTables();
