import type { Employee } from '../company';
import { BUSINESS } from '../office';
import { accessLine } from '../render/squid';
import type { Rng } from '../rng';
import type { FirewallLog } from './firewall';
import type { Outputs } from './outputs';
import type { ZeekLog } from './zeek';

/**
 * Web browsing through the proxy: Squid's access log, now and then the DNS lookup, Zeek's view of the PC's
 * connection to the proxy, and sometimes the proxy's own session through the firewall.
 */
export class WebLog {
  constructor(
    private readonly out: Outputs,
    private readonly zeek: ZeekLog,
    private readonly firewall: FirewallLog,
    /** Domains per URL category, from the Squid translator's category lists. */
    private readonly categories: Map<string, string[]>,
  ) {}

  browse(p: Employee, t: number, rng: Rng, category: string, bytesOut?: number, bytesIn?: number): void {
    const host = this.domainOf(category, rng);
    const serverIp = `203.0.113.${10 + ((host.length * 7) % 120)}`;
    const https = rng.chance(0.8);
    const elapsed = rng.int(20, 3000);
    const down = bytesIn ?? (category === 'video' ? rng.int(2_000_000, 80_000_000) : rng.int(800, 400_000));
    const up = bytesOut ?? rng.int(300, 4000);
    this.out.proxy.add(
      t,
      accessLine({ t, elapsed, client: p.ip, user: p.account, host, https, bytes: down + up, serverIp }),
    );
    if (rng.chance(0.3)) this.zeek.dnsLookup(t - 40, p.ip, host, rng);
    const toProxy = { src: p.ip, dst: '10.0.0.3', port: 3128, service: 'http', duration: elapsed / 1000 };
    this.zeek.conn(t, { ...toProxy, sent: up + 200, received: down + 300 }, rng);
    if (rng.chance(0.2)) {
      const session = { src: '10.0.0.3', dst: serverIp, port: 443, service: 'HTTPS', sent: up, received: down };
      this.firewall.forward(t + elapsed, { ...session, action: 'accept', hostname: host }, rng);
    }
  }

  private domainOf(category: string, rng: Rng): string {
    const list =
      category === 'business'
        ? [...BUSINESS, ...(this.categories.get('business') ?? [])]
        : (this.categories.get(category) ?? BUSINESS);
    const d = rng.pick(list.length > 0 ? list : BUSINESS);
    return rng.chance(0.5) && !d.startsWith('www.') && d.split('.').length === 2 ? `www.${d}` : d;
  }
}
