import { FORMATS } from '../translators';
import { TranslateStream } from './engine';
import { allGoldenCases } from './testing/corpus';
import { GOLDEN_CONTEXT } from './testing/golden';
import type { KansaEvent } from './types';

/** A small deterministic PRNG, so a failing mutation can be replayed from its seed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = ['"', '\\', '{', '}', '<', '>', '=', ':', ',', '|', ' ', '\t', '\r', '\u0000', '%%', '0x', '-', '[', ']', '\uFFFD', 'あ', '\uFEFF'];

function mutateLine(line: string, rnd: () => number): string {
  let out = line;
  const edits = 1 + Math.floor(rnd() * 4);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(rnd() * (out.length + 1));
    switch (Math.floor(rnd() * 5)) {
      case 0:
        out = out.slice(0, at); // truncate
        break;
      case 1:
        out = out.slice(0, at) + INTERESTING[Math.floor(rnd() * INTERESTING.length)] + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rnd() * 8));
        break;
      case 3:
        out = out.slice(0, at) + out.slice(Math.floor(rnd() * out.length), Math.floor(rnd() * out.length)) + out.slice(at);
        break;
      default:
        out = out.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + out.slice(at);
    }
  }
  return out.replace(/\n/g, ' ');
}

const TARGET_RECORDS = 100_000;

describe('fuzzed fixtures', () => {
  const seeds = allGoldenCases().filter((c) => c.input.toString('utf8').includes('\n'));
  const lineCases = seeds
    .map((c) => ({ c, lines: c.input.toString('utf8').split('\n').filter((l) => l.trim() !== '') }))
    .filter((x) => x.lines.length > 0);

  it(`translates ${TARGET_RECORDS} mutated records without a throw, one or more events each, originals kept`, () => {
    expect(lineCases.length).toBeGreaterThan(5);
    const rnd = prng(20261128);
    let records = 0;
    let events = 0;
    let round = 0;
    while (records < TARGET_RECORDS) {
      for (const { c, lines } of lineCases) {
        const format = c.options.format ?? detectedFormat(c.input);
        // XML and JSON-object framing cut records across lines, so per-line bookkeeping does not apply to them.
        const framing = FORMATS.find((f) => f.id === format)?.framing;
        const lineFramed = framing !== 'xml-events' && framing !== 'json-values';
        const mutated = lines.map((l) => mutateLine(l, rnd));
        // The engine strips a line's CR and the input's byte-order mark, as a reader of the file would.
        const originals = new Set(mutated.map((l, i) => (i === 0 ? l.replace(/^\uFEFF/, '') : l).replace(/\r$/, '')));
        const batches: KansaEvent[][] = [];
        const stream = new TranslateStream(
          { source: `fuzz/${c.translator}/${c.name}#${round}`, format, formats: FORMATS, stages: [], ctx: { ...GOLDEN_CONTEXT } },
          (out) => batches.push(out),
        );
        stream.write(Buffer.from(mutated.join('\n'), 'utf8'));
        stream.end();
        if (lineFramed) {
          expect(batches.length).toBe(stream.summary.records);
        }
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          for (const e of batch) {
            const original = e['event.original'];
            expect(typeof original).toBe('string');
            if (lineFramed && e['kansa.parse.status'] !== 'partial' && !originals.has(original as string)) {
              throw new Error(`event.original not among the input lines: ${JSON.stringify(original).slice(0, 300)} (${c.translator}/${c.name})`);
            }
          }
          events += batch.length;
        }
        records += stream.summary.records;
      }
      round++;
    }
    expect(events).toBeGreaterThanOrEqual(records);
  });
});

function detectedFormat(input: Buffer): string {
  const probe = new TranslateStream({ source: 'probe', formats: FORMATS, stages: [], ctx: { ...GOLDEN_CONTEXT } }, () => undefined);
  probe.write(input);
  probe.end();
  return probe.format!.id;
}
