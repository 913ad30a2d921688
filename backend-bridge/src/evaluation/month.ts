import { basename, join } from 'node:path';
import { walkTree } from '../import/tree/walk';
import { loadEnricher, translateContext } from '../translate/context';
import { openLogFile } from '../inputs/compressed/open';
import { TranslateStream } from '../translate/engine';
import { FORMATS, STAGES } from '../translators';
import { extract } from '../risk/observe/extract';
import type { Observation } from '../risk/observe/observation';

const NOT_LOGS = new Set([
  'users.csv',
  'assets.csv',
  'holidays.txt',
  'scenarios.json',
  'timesheet.csv',
  '.imported.json',
]);

/** Every log file of a generated demo month (what `kansa demo` imports), walked as `kansa import DIR` walks. */
export function demoLogFiles(dir: string): string[] {
  const tree = walkTree(dir);
  const [bad] = tree.unreadable;
  if (bad) throw new Error(`${bad.path}: ${bad.reason}`);
  return tree.files.filter((p) => !(p === join(dir, basename(p)) && NOT_LOGS.has(basename(p))));
}

/**
 * Translates a demo month's raw files with the same engine and enrichment as `kansa import` and keeps
 * only the observations: the whole month fits in memory this way.
 */
export async function observeDemoMonth(
  dir: string,
  year: number,
  timeZone: string,
  onFile?: (file: string, events: number) => void,
): Promise<Observation[]> {
  const enrich = loadEnricher(join(dir, 'users.csv'), join(dir, 'assets.csv'));
  const ctx = translateContext('kansa risk eval', { year: String(year), tz: timeZone }, new Date());
  const out: Observation[] = [];
  for (const file of demoLogFiles(dir)) {
    for (const member of openLogFile(file, () => undefined)) {
      let events = 0;
      const stream = new TranslateStream(
        {
          source: member.name,
          filePath: member.name,
          format: 'auto',
          ctx,
          formats: FORMATS,
          stages: STAGES.map((m) => m()),
          ...(enrich ? { enrich } : {}),
        },
        (batch) => {
          events += batch.length;
          for (const e of batch) {
            const o = extract(e);
            if (o) out.push(o);
          }
        },
      );
      for await (const chunk of member.stream()) stream.write(chunk as Buffer);
      stream.end();
      onFile?.(member.name, events);
    }
  }
  return out;
}
