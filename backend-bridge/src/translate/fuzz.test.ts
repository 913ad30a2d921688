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

const INTERESTING = [
  '"',
  '\\',
  '{',
  '}',
  '<',
  '>',
  '=',
  ':',
  ',',
  '|',
  ' ',
  '\t',
  '\r',
  '\u0000',
  '%%',
  '0x',
  '-',
  '[',
  ']',
  '\uFFFD',
  'あ',
  '\uFEFF',
];

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
        out =
          out.slice(0, at) + out.slice(Math.floor(rnd() * out.length), Math.floor(rnd() * out.length)) + out.slice(at);
        break;
      default:
        out = out.slice(0, at) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + out.slice(at);
    }
  }
  return out.replace(/\n/g, ' ');
}

const TARGET_RECORDS = 100_000;

/** The Windows renderings (wevtutil text too) and Sysmon: each must be among the fuzzed cases (the corpus could lose them unnoticed). */
const MUST_FUZZ_FORMATS = ['windows-xml', 'nxlog-json', 'winlogbeat-json', 'winevent-json', 'wevtutil-text'];
const MUST_FUZZ_TRANSLATORS = ['sysmon', 'windows-xml', 'winevent-json', 'wevtutil-text'];

/** A case's text and how to write mutated text back: UTF-16LE with its BOM (PowerShell 5.1's `>`) stays UTF-16LE. */
function decodeCase(input: Buffer): { text: string; encoding: 'utf8' | 'utf16le'; encode: (text: string) => Buffer } {
  if (input[0] === 0xff && input[1] === 0xfe) {
    return {
      text: input.subarray(2).toString('utf16le'),
      encoding: 'utf16le',
      encode: (t) => Buffer.concat([input.subarray(0, 2), Buffer.from(t, 'utf16le')]),
    };
  }
  return { text: input.toString('utf8'), encoding: 'utf8', encode: (t) => Buffer.from(t, 'utf8') };
}

describe('fuzzed fixtures', () => {
  const seeds = allGoldenCases().filter((c) => decodeCase(c.input).text.includes('\n'));
  const lineCases = seeds
    .map((c) => {
      const { text, encoding, encode } = decodeCase(c.input);
      return {
        c,
        encoding,
        encode,
        format: c.options.format ?? detectedFormat(c.input),
        lines: text.split('\n').filter((l) => l.trim() !== ''),
      };
    })
    .filter((x) => x.lines.length > 0);

  it('fuzzes every Windows rendering and Sysmon', () => {
    expect(MUST_FUZZ_FORMATS.filter((f) => !lineCases.some((x) => x.format === f))).toEqual([]);
    expect(MUST_FUZZ_TRANSLATORS.filter((t) => !lineCases.some((x) => x.c.translator === t))).toEqual([]);
  });

  it(`translates ${TARGET_RECORDS} mutated records without a throw, one or more events each, originals kept`, () => {
    expect(lineCases.length).toBeGreaterThan(5);
    const rnd = prng(20261128);
    let records = 0;
    let events = 0;
    let round = 0;
    while (records < TARGET_RECORDS) {
      for (const { c, encoding, encode, format, lines } of lineCases) {
        // XML, JSON-object and block framings cut records across lines: their originals are checked against the whole input.
        const framing = FORMATS.find((f) => f.id === format)?.framing;
        const lineFramed = framing === 'lines' || framing === 'csv';
        const mutated = lines.map((l) => mutateLine(l, rnd));
        const joined = mutated.join('\n');
        // Block framing joins whole lines, each without its CR, as the line framer hands them over.
        const input = framing === 'blocks' ? mutated.map((l) => l.replace(/\r$/, '')).join('\n') : joined;
        // The engine strips a line's CR and the input's byte-order mark, as a reader of the file would.
        const originals = new Set(mutated.map((l, i) => (i === 0 ? l.replace(/^\uFEFF/, '') : l).replace(/\r$/, '')));
        const batches: KansaEvent[][] = [];
        const stream = new TranslateStream(
          {
            source: `fuzz/${c.translator}/${c.name}#${round}`,
            format,
            formats: FORMATS,
            stages: [],
            ctx: { ...GOLDEN_CONTEXT },
          },
          (out) => batches.push(out),
        );
        stream.write(encode(joined));
        stream.end();
        if (lineFramed) {
          expect(batches.length).toBe(stream.summary.records);
        }
        for (const batch of batches) {
          expect(batch.length).toBeGreaterThan(0);
          for (const e of batch) {
            const original = e['event.original'];
            expect(typeof original).toBe('string');
            if (e['kansa.parse.status'] === 'partial') continue;
            // A mutation can make the sniffer pick another encoding (NULs read as UTF-16): then the text differs by design.
            const kept = lineFramed
              ? originals.has(original as string)
              : stream.encoding !== encoding || input.includes(original as string);
            if (!kept) {
              throw new Error(
                `event.original not in the input: ${JSON.stringify(original).slice(0, 300)} (${c.translator}/${c.name})`,
              );
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
  const probe = new TranslateStream(
    { source: 'probe', formats: FORMATS, stages: [], ctx: { ...GOLDEN_CONTEXT } },
    () => undefined,
  );
  probe.write(input);
  probe.end();
  return probe.format!.id;
}

/** Issue 17's new sources: each must keep a multi-line golden case, so the fuzzing above reaches it. */
const MUST_FUZZ_NEW_SOURCES = [
  'mssql-audit',
  'cloudtrail',
  'm365-audit',
  'entra-id',
  'google-workspace',
  'panos',
  'suricata',
  'web-access',
  'iis',
  'exchange-tracking',
  'oracle-audit',
  'yamaha-rtx',
  'i-filter',
  'box',
  'powerscale',
];

describe('fuzz corpus holds the new sources', () => {
  it('has a multi-line golden case for each', () => {
    const fuzzed = new Set(
      allGoldenCases()
        .filter((c) => decodeCase(c.input).text.includes('\n'))
        .map((c) => c.translator),
    );
    expect(MUST_FUZZ_NEW_SOURCES.filter((t) => !fuzzed.has(t))).toEqual([]);
  });
});
