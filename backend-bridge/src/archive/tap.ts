import { createHash, randomUUID } from 'node:crypto';
import { loadConfig } from '../config/load';
import type { KansaEvent, TranslateContext } from '../translate/types';
import { openWriter } from './open';
import { partAt } from './parts';
import type { ArchivedRecord } from '../pipeline/raw-archive';
import type { ArchiveWriter } from './writer';

/**
 * `kansa import` archives each file as one stream of parts (the chunks as read), so replay can
 * translate the whole file again exactly as the import did (CSV headers and condensed events span
 * chunks). Events are tagged with the part holding their first byte.
 */
export class StreamTap {
  private readonly parts: Array<{ start: number; record: ArchivedRecord }> = [];
  private readonly streamId: string;

  constructor(
    private readonly writer: ArchiveWriter,
    private readonly meta: { identity: string; source: string; format: string; ctx: TranslateContext },
  ) {
    this.streamId = createHash('sha256').update(`${meta.identity}\0${randomUUID()}`).digest('base64url').slice(0, 22);
  }

  async *wrap(chunks: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
    let offset = 0;
    for await (const c of chunks) {
      const chunk = c as Buffer;
      const record = this.writer.accept(chunk, {
        input: 'import',
        source: this.meta.source,
        identity: this.meta.identity,
        offset,
        format: this.meta.format,
        filePath: this.meta.source,
        ctx: this.meta.ctx,
        stream: { id: this.streamId, part: this.parts.length },
      });
      this.parts.push({ start: offset, record });
      offset += chunk.length;
      yield chunk;
    }
  }

  tag(event: KansaEvent): void {
    const at = typeof event['log.offset'] === 'number' ? event['log.offset'] : Infinity;
    partAt(this.parts, at)?.record.tag(event);
  }
}

/** The archive of the config (--config or $KANSA_CONFIG) when it is enabled there. */
export function importArchive(configFile: string | undefined): ArchiveWriter | undefined {
  const config = loadConfig({ file: configFile });
  return config.archive.enabled ? openWriter(config) : undefined;
}
