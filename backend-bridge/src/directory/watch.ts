import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { Client } from '@opensearch-project/opensearch';
import type { Logger } from 'pino';
import type { Asset, DirectoryUser } from '../translate/directory';
import { readDirectoryFiles, type DirectoryFiles } from './files';
import { loadDirectory, type DirectoryLoad } from './store';

export interface DirectoryWatchOptions {
  client: Client;
  log: Logger;
  /** How often the files' size and mtime are checked (stat polling: works when an editor replaces the file). */
  intervalMs?: number;
  replicas?: number;
  /** Called with the parsed directory after every load that succeeded, e.g. to swap the bridge's enricher. */
  onLoaded?: (users: DirectoryUser[], assets: Asset[], load: DirectoryLoad) => void;
}

/**
 * Keeps the directory index in step with the files: one load at start, then one per change. At most one
 * load runs and at most one waits, however often the files change; a file that does not parse or a load
 * that fails is logged and leaves the previous directory (index and enricher) in place.
 */
export class DirectoryWatch {
  private running?: Promise<void>;
  private pending = false;
  private stopped = false;
  private readonly paths: string[];

  constructor(
    private readonly files: DirectoryFiles,
    private readonly options: DirectoryWatchOptions,
  ) {
    this.paths = [files.users, files.assets].filter((p): p is string => !!p);
  }

  /** Loads once and starts watching; resolves when the first load has finished (or failed and been logged). */
  async start(): Promise<void> {
    for (const path of this.paths) {
      watchFile(path, { interval: this.options.intervalMs ?? 2000, persistent: false }, (cur: Stats, prev: Stats) => {
        if (cur.mtimeMs !== prev.mtimeMs || cur.size !== prev.size) void this.reload();
      });
    }
    await this.reload();
  }

  /** Resolves when no load runs nor waits: what the files held at the call is in the index. */
  async reload(): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.pending = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.pending = false;
        await this.loadOnce();
      } while (this.pending && !this.stopped);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  private async loadOnce(): Promise<void> {
    const { client, log } = this.options;
    try {
      const { users, assets } = readDirectoryFiles(this.files);
      const load = await loadDirectory(client, users, assets, new Date(), this.options.replicas);
      for (const w of load.warnings) log.warn({ directory: this.files.users }, w);
      log.info({ index: load.index, users: load.users, assets: load.assets }, 'directory loaded');
      this.options.onLoaded?.(users, assets, load);
    } catch (err) {
      log.error({ err: (err as Error).message, files: this.paths }, 'directory not reloaded; the previous one stays');
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const path of this.paths) unwatchFile(path);
    await this.running;
  }
}
