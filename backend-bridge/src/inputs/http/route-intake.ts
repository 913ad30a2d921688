import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Intake, IntakeContext } from '../intake';
import { badRequest } from './errors';
import { refusal as refusalOf, type Exchange, type HttpFront, type Route } from './front';

/** What the HTTP intakes accept per request (README, HTTP limits). */
export interface RequestLimits {
  /** Records (lines, array elements, bulk items) per request; more get 413. */
  maxRecords: number;
  /** Format ids a sender may name (`?format=`, `X-Kansa-Format`), besides auto. */
  formats: readonly string[];
}

/**
 * An intake served by routes on the shared HttpFront: start registers them (and starts the
 * server once), stop unregisters them and waits for the requests already being read, so what a
 * sender was acknowledged for is in the queue when stop resolves.
 */
export abstract class RouteIntake implements Intake {
  abstract readonly name: string;
  private readonly inflight = new Set<Promise<void>>();
  private registered: Route[] = [];

  constructor(
    protected readonly ctx: IntakeContext,
    protected readonly front: HttpFront,
    protected readonly limits: RequestLimits,
  ) {}

  protected abstract routes(): Route[];

  async start(): Promise<AddressInfo> {
    this.registered = this.routes().map((r) => ({
      ...r,
      handle: (x: Exchange, m: RegExpExecArray | undefined) => this.track(r.handle(x, m)),
    }));
    for (const r of this.registered) this.front.route(r);
    return this.front.listen();
  }

  async stop(): Promise<void> {
    for (const r of this.registered.splice(0)) this.front.unroute(r);
    await Promise.allSettled([...this.inflight]);
  }

  private track(work: Promise<void> | void): Promise<void> {
    const p = Promise.resolve(work);
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p)).catch(() => undefined);
    return p;
  }

  /** The format a sender named, checked against the known ids. */
  protected format(x: Exchange): string {
    const format = x.url.searchParams.get('format') ?? String(x.req.headers['x-kansa-format'] ?? 'auto');
    if (format !== 'auto' && !this.limits.formats.includes(format)) {
      throw badRequest(
        `${this.name}: unknown format "${format}"; expected auto or one of: ${this.limits.formats.join(', ')}`,
      );
    }
    return format;
  }

  protected refuseWhenFull(): void {
    const r = this.ctx.refusing();
    if (r) throw refusalOf(this.name, r);
  }
}

export const sha256 = (body: Buffer) => createHash('sha256').update(body).digest('base64url');
