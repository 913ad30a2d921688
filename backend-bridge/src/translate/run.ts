import { FORMATS, STAGES } from '../translators';
import { TranslateStream, type EngineOptions } from './engine';
import type { KansaEvent, TranslateContext } from './types';

/** Translates a whole buffer with the registered formats and stages; for tests and small inputs. */
export function translateBuffer(
  input: Buffer,
  options: { source: string; ctx: TranslateContext; format?: string; enrich?: EngineOptions['enrich'] },
): { events: KansaEvent[]; stream: TranslateStream } {
  const events: KansaEvent[] = [];
  const stream = new TranslateStream({ ...options, formats: FORMATS, stages: STAGES.map((make) => make()) }, (out) => {
    for (const e of out) events.push(e);
  });
  stream.write(input);
  stream.end();
  return { events, stream };
}
