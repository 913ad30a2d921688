import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KansaEvent } from '@kansa/schema';
import { FIELD_TYPES } from '@kansa/schema';
import { nxlogJson } from '../../nxlog-json';
import { winlogbeatJson } from '../../winlogbeat-json';
import { windowsXml } from '../../windows-xml';
import { decodeEntities, parseXml } from '../../windows-xml/xml';
import { decodeAccess } from './codes';
import { mappedEventKeys } from './map';
import { auditFromKeywords, parseWinTime } from './model';
import { zonedToUtc } from '../../../translate/time';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const dir = join(__dirname, 'testdata-equivalence');

function records(file: string, split: 'lines' | 'events'): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  if (split === 'lines') return text.split('\n').filter((l) => l.trim() !== '');
  return text
    .split('</Event>')
    .map((t) => t.trim())
    .filter((t) => t.startsWith('<Event'))
    .map((t) => `${t}</Event>`);
}

function translateAll(format: typeof windowsXml, texts: string[]): KansaEvent[] {
  return texts.map((text, i) => format.translate({ text, origin: { source: 'eq', line: i + 1, offset: 0 } }, ctx)[0]);
}

/** What may differ between renderings: who translated, the rendered message, sub-second time (NXLog). */
function comparable(e: KansaEvent): Record<string, unknown> {
  // Which time field was read is rendering-specific (XML has only TimeCreated).
  const { 'kansa.source_type': _s, 'kansa.parse.time_field': _t, message: _m, '@timestamp': ts, ...rest } = e;
  void _s;
  void _t;
  void _m;
  return { ...rest, '@timestamp': String(ts).slice(0, 19) };
}

describe('the three Windows renderings', () => {
  const xml = translateAll(windowsXml, records('events.xml', 'events'));
  const nxlog = translateAll(nxlogJson, records('events.nxlog.ndjson', 'lines'));
  const beat = translateAll(winlogbeatJson, records('events.winlogbeat.ndjson', 'lines'));

  it('have the same number of events', () => {
    expect(xml.length).toBeGreaterThan(40);
    expect(nxlog.length).toBe(xml.length);
    expect(beat.length).toBe(xml.length);
  });

  it('map to the same normalized events', () => {
    for (let i = 0; i < xml.length; i++) {
      expect(comparable(nxlog[i])).toEqual(comparable(xml[i]));
      const b = comparable(beat[i]);
      const x = comparable(xml[i]);
      // Winlogbeat leaves empty EventData values out, as the real one does.
      const nonEmpty = (d: unknown): Record<string, string> =>
        Object.fromEntries(Object.entries((d ?? {}) as Record<string, string>).filter(([, v]) => v !== ''));
      expect({ ...b, 'winlog.event_data': nonEmpty(b['winlog.event_data']) }).toEqual({
        ...x,
        'winlog.event_data': nonEmpty(x['winlog.event_data']),
      });
    }
  });

  it('only emit registered fields, with their registered types', () => {
    expect(fieldProblems([...xml, ...nxlog, ...beat])).toEqual([]);
  });
});

/** Every field registered, every value of its registered type, every sentence starting with the user. */
function fieldProblems(events: readonly KansaEvent[]): string[] {
  const problems: string[] = [];
  for (const e of events) {
    for (const [k, v] of Object.entries(e)) {
      const type = (FIELD_TYPES as Record<string, string>)[k];
      if (type === undefined) {
        problems.push(`${k}: not in the registry`);
        continue;
      }
      const want =
        type === 'long' || type === 'float' || type === 'integer'
          ? 'number'
          : type === 'flat_object'
            ? 'object'
            : type === 'boolean'
              ? 'boolean'
              : 'string';
      for (const one of Array.isArray(v) ? v : [v])
        if (typeof one !== want) problems.push(`${k}: ${typeof one}, expected ${want}`);
    }
    // "tanaka が …", or for Sysmon's process events "tanaka の excel.exe が …".
    const ja = String(e['kansa.message.ja']);
    if (e['user.name'] && !ja.startsWith(`${e['user.name']} が `) && !ja.startsWith(`${e['user.name']} の `))
      problems.push(`ja sentence does not start with the user: ${e['kansa.message.ja']}`);
    if (e['kansa.parse.status'] !== 'failed') {
      for (const k of [
        '@timestamp',
        'event.kind',
        'event.category',
        'event.type',
        'event.action',
        'event.outcome',
        'event.module',
        'event.dataset',
        'kansa.source_type',
        'kansa.message.ja',
        'kansa.message.en',
      ]) {
        if (e[k as keyof KansaEvent] === undefined) problems.push(`${e['event.code']}: ${k} missing`);
      }
    }
  }
  return [...new Set(problems)];
}

describe('the XML reader', () => {
  it('decodes the five entities and numeric references', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#26085;&#x672C; &unknown; &#xZZ;')).toBe(
      '<a> & "b" \'c\' 日本 &unknown; &#xZZ;',
    );
  });

  it('reads attributes in either quote, CDATA and comments', () => {
    const el = parseXml(
      '<?xml version="1.0"?><!-- c --><Event a=\'1\' b="2"><Data Name="x"><![CDATA[<raw> & stuff]]></Data><Empty/></Event>',
    );
    expect(el.attrs).toEqual({ a: '1', b: '2' });
    expect(el.children[0].text).toBe('<raw> & stuff');
    expect(el.children[1].name).toBe('Empty');
  });

  it('refuses DTDs, mismatched tags and unterminated input', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY e "boom">]><Event>&e;</Event>')).toThrow(/DTD/);
    expect(() => parseXml('<Event><Data></Dat></Event>')).toThrow(/expected <\/Data>/);
    expect(() => parseXml('<Event><Data>')).toThrow(/truncated/);
  });

  it('accepts an event without its namespace', () => {
    const [e] = windowsXml.translate(
      {
        text: "<Event><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4800</EventID><TimeCreated SystemTime='2026-10-01T03:01:44.1180000Z'/><Channel>Security</Channel><Computer>WS01</Computer></System><EventData><Data Name='TargetUserName'>tanaka</Data></EventData></Event>",
        origin: { source: 't', line: 1, offset: 0 },
      },
      ctx,
    );
    expect(e).toMatchObject({
      'event.action': 'workstation-locked',
      'user.name': 'tanaka',
      '@timestamp': '2026-10-01T03:01:44.118Z',
    });
  });
});

describe('decoding', () => {
  it('decodes AccessList codes, falling back to the mask for localized lists', () => {
    expect(decodeAccess('%%4416\n\t\t\t\t%%1537\n\t\t\t\t', '0x10001')).toEqual(['ReadData', 'DELETE']);
    expect(decodeAccess('ReadData (または ListDirectory)', '0x1')).toEqual(['ReadData']);
    expect(decodeAccess(undefined, '0x40000')).toEqual(['WRITE_DAC']);
  });

  it('reads 7-digit fractions and local NXLog times', () => {
    expect(parseWinTime('2026-10-01T00:00:03.1234567Z', 'Asia/Tokyo', zonedToUtc)?.toISOString()).toBe(
      '2026-10-01T00:00:03.123Z',
    );
    expect(parseWinTime('2026-10-01 09:00:03', 'Asia/Tokyo', zonedToUtc)?.toISOString()).toBe(
      '2026-10-01T00:00:03.000Z',
    );
    expect(parseWinTime('2026-10-01T09:00:03+09:00', 'UTC', zonedToUtc)?.toISOString()).toBe(
      '2026-10-01T00:00:03.000Z',
    );
    expect(parseWinTime('yesterday', 'UTC', zonedToUtc)).toBeUndefined();
  });

  it('reads the audit bits of Keywords in hex and signed decimal', () => {
    expect(auditFromKeywords('0x8020000000000000')).toBe('success');
    expect(auditFromKeywords('-9214364837600034816')).toBe('success');
    expect(auditFromKeywords('0x8010000000000000')).toBe('failure');
    expect(auditFromKeywords('0x80000000000000')).toBeUndefined();
  });
});

describe('golden outputs of the Windows translators', () => {
  const { readdirSync, existsSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const folders = [
    'windows-xml',
    'nxlog-json',
    'winlogbeat-json',
    'winevent-json',
    'wevtutil-text',
    'windows-dhcp',
    'file-access',
    'sysmon',
  ];
  const events: KansaEvent[] = [];
  for (const f of folders) {
    const root = join(__dirname, '..', '..', f, 'testdata');
    if (!existsSync(root)) continue;
    for (const c of readdirSync(root)) {
      const p = join(root, c, 'case.expected.ndjson');
      if (!existsSync(p)) continue;
      for (const line of readFileSync(p, 'utf8').split('\n')) if (line) events.push(JSON.parse(line));
    }
  }

  it('use registered fields only, with their types, and a sentence that starts with the user', () => {
    expect(events.length).toBeGreaterThan(100);
    expect(fieldProblems(events)).toEqual([]);
  });
});

describe('robustness', () => {
  /** A small deterministic generator, so failures reproduce. */
  function rng(seed: number): () => number {
    let x = seed >>> 0;
    return () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 0x100000000;
    };
  }

  function mutate(text: string, r: () => number): string {
    const chars = [...text];
    const edits = 1 + Math.floor(r() * 4);
    for (let i = 0; i < edits && chars.length > 0; i++) {
      const at = Math.floor(r() * chars.length);
      const kind = r();
      if (kind < 0.3) chars.splice(at, 1 + Math.floor(r() * 20));
      else if (kind < 0.6) chars.splice(at, 0, '<>&"\'{}[],:\\\u0000é%'[Math.floor(r() * 15)]);
      else if (kind < 0.8) chars.length = at;
      else chars[at] = String.fromCharCode(Math.floor(r() * 0x3000));
    }
    return chars.join('');
  }

  it.each([
    ['windows-xml', windowsXml, records('events.xml', 'events')],
    ['nxlog-json', nxlogJson, records('events.nxlog.ndjson', 'lines')],
    ['winlogbeat-json', winlogbeatJson, records('events.winlogbeat.ndjson', 'lines')],
  ] as const)('%s: mutated records give events or a ParseError, never a crash', (_name, format, texts) => {
    const r = rng(0x5eed);
    for (let i = 0; i < 3000; i++) {
      const text = mutate(texts[i % texts.length], r);
      try {
        const out = format.translate({ text, origin: { source: 'fuzz', line: 1, offset: 0 } }, ctx);
        expect(out.length).toBeGreaterThan(0);
        expect(typeof out[0]['kansa.message.en']).toBe('string');
        expect(Number.isNaN(Date.parse(String(out[0]['@timestamp'])))).toBe(false);
      } catch (err) {
        if ((err as Error).name !== 'ParseError') throw new Error(`${(err as Error).stack}\non: ${text}`);
      }
    }
  });
});

describe('the event-id tables', () => {
  it('have a golden sample for every event they map', () => {
    const translators = join(__dirname, '..', '..');
    const seen = new Set<string>();
    for (const source of readdirSync(translators)) {
      let cases: string[];
      try {
        cases = readdirSync(join(translators, source, 'testdata'));
      } catch {
        continue; // a folder without golden cases
      }
      for (const c of cases) {
        const path = join(translators, source, 'testdata', c, 'case.expected.ndjson');
        if (!existsSync(path)) continue; // a shared fixture file beside the cases
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (line === '') continue;
          const e = JSON.parse(line) as KansaEvent;
          if (e['event.provider'] && e['event.code'])
            seen.add(`${e['event.provider'].toLowerCase()}:${e['event.code']}`);
        }
      }
    }
    const keys = mappedEventKeys();
    expect(keys.length).toBeGreaterThan(60);
    expect(keys.filter((k) => !seen.has(k))).toEqual([]);
  });
});
