import type { Client } from '@opensearch-project/opensearch';
import type { Logger } from 'pino';
import type { KansaConfig } from '../config/schema';
import { archiveSetup, type ArchiveSetup, type ArchiveWriter, openWriter, writeDigest } from '../archive';
import { runRetention } from '../retention/job';

/**
 * The archive and the daily job inside `kansa serve`: segments sealed by age on a timer; once a day
 * the open segment is sealed, the chain-head digest written, and retention enforced.
 */
export class StorageService {
  readonly archive?: ArchiveWriter;
  private readonly setup?: ArchiveSetup;
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly config: KansaConfig,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (config.archive.enabled) {
      this.setup = archiveSetup(config);
      this.archive = openWriter(config, this.setup, clock);
    }
  }

  start(client: Client): void {
    if (this.archive) {
      const roll = setInterval(() => this.archive!.rollIfDue(), 10_000);
      roll.unref();
      this.timers.push(roll);
    }
    if (this.archive || this.config.retention.enabled) this.schedule(client);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.archive?.close();
  }

  /** The daily run: seal, digest, retention. Also `kansa retention run`. */
  async daily(client: Client | undefined): Promise<void> {
    const now = this.clock();
    if (this.archive && this.setup) {
      this.archive.sealOpen();
      try {
        const d = await writeDigest(
          this.setup.dir,
          this.setup.sealer,
          this.setup.digestFile,
          now,
          client,
          this.setup.digestIndex || undefined,
        );
        this.log.info({ seq: d.seq, head: d.head }, 'archive chain-head digest written');
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'archive digest failed');
      }
    }
    if (!this.config.retention.enabled) return;
    const report = await runRetention({ retention: this.config.retention, client, archive: this.setup, now });
    for (const d of report.deletions)
      this.log.info({ action: d.action, what: d.what, count: d.count, policy: d.policy }, 'retention deletion');
    for (const k of report.kept) this.log.warn({ kept: k }, 'retention kept data');
    for (const e of report.errors) this.log.error({ err: e }, 'retention error');
  }

  private schedule(client: Client): void {
    const [h, m] = this.config.retention.runAt.split(':').map(Number);
    const now = this.clock();
    let next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), h, m);
    if (next <= now.getTime()) next += 86_400_000;
    const t = setTimeout(() => {
      this.running = this.daily(client).finally(() => {
        this.running = undefined;
        this.schedule(client);
      });
    }, next - now.getTime());
    t.unref();
    this.timers.push(t);
  }

  /** Waits for a daily run in progress (shutdown). */
  async idle(): Promise<void> {
    await this.running;
  }
}
