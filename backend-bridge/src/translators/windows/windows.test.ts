import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KansaEvent } from '@kansa/schema';
import { FIELD_TYPES } from '@kansa/schema';
import { nxlogJson } from '../nxlog-json';
import { winlogbeatJson } from '../winlogbeat-json';
import { windowsXml } from '../windows-xml';
import { decodeEntities, parseXml } from '../windows-xml/xml';
import { decodeAccess } from './codes';
import { auditFromKeywords, parseWinTime } from './model';
import { zonedToUtc } from '../../translate/time';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const dir = join(__dirname, 'testdata-equivalence');

function records(file: string, split: 'lines' | 'events'): string[] {
  const text = readFileSync(join(dir, file), 'utf8');
  if (split === 'lines') return text.split('\n').filter((l) => l.trim() !== '');
  return text.split('</Event>').map((t) => t.trim()).filter((t) => t.startsWith('<Event')).map((t) => `${t}</Event>`);
}

function translateAll(format: typeof windowsXml, texts: string[]): KansaEvent[] {
  return texts.map((text, i) => format.translate({ text, origin: { source: 'eq', line: i + 1, offset: 0 } }, ctx)[0]);
}

/** What may differ between renderings: who translated, the rendered message, sub-second time (NXLog). */
function comparable(e: KansaEvent): Record<string, unknown> {
  const { 'kansa.source_type': _s, message: _m, '@timestamp': ts, ...rest } = e;
  void _s;
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
      const nonEmpty = (d: unknown): Record<string, string> => Object.fromEntries(Object.entries((d ?? {}) as Record<string, string>).filter(([, v]) => v !== ''));
      expect({ ...b, 'winlog.event_data': nonEmpty(b['winlog.event_data']) }).toEqual({ ...x, 'winlog.event_data': nonEmpty(x['winlog.event_data']) });
    }
  });

  it('only emit registered fields, with their registered types', () => {
    for (const e of [...xml, ...nxlog, ...beat]) {
      for (const [k, v] of Object.entries(e)) {
        const type = (FIELD_TYPES as Record<string, string>)[k];
        expect([k, type === undefined ? 'unregistered' : 'ok']).toEqual([k, 'ok']);
        const values = Array.isArray(v) ? v : [v];
        for (const one of values) {
          if (type === 'long' || type === 'integer' || type === 'float') expect([k, typeof one]).toEqual([k, 'number']);
          else if (type === 'flat_object') expect([k, typeof one]).toEqual([k, 'object']);
          else if (type === 'boolean') expect([k, typeof one]).toEqual([k, 'boolean']);
          else expect([k, typeof one]).toEqual([k, 'string']);
        }
      }
      expect(String(e['kansa.message.ja']).length).toBeGreaterThan(5);
      if (e['user.name']) expect(String(e['kansa.message.ja']).startsWith(`${e['user.name']} が `)).toBe(true);
    }
  });
});

describe('the XML reader', () => {
  it('decodes the five entities and numeric references', () => {
    expect(decodeEntities('&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#26085;&#x672C; &unknown; &#xZZ;')).toBe('<a> & "b" \'c\' 日本 &unknown; &#xZZ;');
  });

  it('reads attributes in either quote, CDATA and comments', () => {
    const el = parseXml('<?xml version="1.0"?><!-- c --><Event a=\'1\' b="2"><Data Name="x"><![CDATA[<raw> & stuff]]></Data><Empty/></Event>');
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
      { text: "<Event><System><Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4800</EventID><TimeCreated SystemTime='2026-10-01T03:01:44.1180000Z'/><Channel>Security</Channel><Computer>WS01</Computer></System><EventData><Data Name='TargetUserName'>tanaka</Data></EventData></Event>", origin: { source: 't', line: 1, offset: 0 } },
      ctx,
    );
    expect(e).toMatchObject({ 'event.action': 'workstation-locked', 'user.name': 'tanaka', '@timestamp': '2026-10-01T03:01:44.118Z' });
  });
});

describe('decoding', () => {
  it('decodes AccessList codes, falling back to the mask for localized lists', () => {
    expect(decodeAccess('%%4416\n\t\t\t\t%%1537\n\t\t\t\t', '0x10001')).toEqual(['ReadData', 'DELETE']);
    expect(decodeAccess('ReadData (または ListDirectory)', '0x1')).toEqual(['ReadData']);
    expect(decodeAccess(undefined, '0x40000')).toEqual(['WRITE_DAC']);
  });

  it('reads 7-digit fractions and local NXLog times', () => {
    expect(parseWinTime('2026-10-01T00:00:03.1234567Z', 'Asia/Tokyo', zonedToUtc)?.toISOString()).toBe('2026-10-01T00:00:03.123Z');
    expect(parseWinTime('2026-10-01 09:00:03', 'Asia/Tokyo', zonedToUtc)?.toISOString()).toBe('2026-10-01T00:00:03.000Z');
    expect(parseWinTime('2026-10-01T09:00:03+09:00', 'UTC', zonedToUtc)?.toISOString()).toBe('2026-10-01T00:00:03.000Z');
    expect(parseWinTime('yesterday', 'UTC', zonedToUtc)).toBeUndefined();
  });

  it('reads the audit bits of Keywords in hex and signed decimal', () => {
    expect(auditFromKeywords('0x8020000000000000')).toBe('success');
    expect(auditFromKeywords('-9214364837600034816')).toBe('success');
    expect(auditFromKeywords('0x8010000000000000')).toBe('failure');
    expect(auditFromKeywords('0x80000000000000')).toBeUndefined();
  });
});
