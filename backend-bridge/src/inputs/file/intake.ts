import { join } from 'node:path';
import type { KansaConfig } from '../../config/schema';
import type { Intake, IntakeContext } from '../intake';
import { FileTailer } from './tail';

/** Tailed log files as an intake: a read the queue refuses is read again on the next poll. */
export class FileIntake implements Intake {
  readonly name = 'file';
  private tailer?: FileTailer;

  constructor(
    private readonly files: KansaConfig['files'],
    private readonly queueDir: string,
    private readonly ctx: IntakeContext,
  ) {}

  async start(): Promise<undefined> {
    this.tailer = new FileTailer(
      this.files.sources,
      join(this.queueDir, 'file-checkpoints.json'),
      (data, src) => {
        const r = this.ctx.enqueue(this.name, [
          {
            data,
            src: {
              source: src.path,
              identity: src.identity,
              baseOffset: src.baseOffset,
              format: src.format,
              filePath: src.path,
            },
          },
        ]);
        return { ok: r.ok, format: r.ok ? r.formats[0] : undefined };
      },
      this.files.pollMs,
      (path, err) => this.ctx.log.warn({ input: this.name, path, err: err.message }, 'cannot tail file'),
    );
    this.tailer.start();
    return undefined;
  }

  async stop(): Promise<void> {
    this.tailer?.stop();
  }
}
