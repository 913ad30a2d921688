import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TranslateStream } from '../../translate/engine';
import type { KansaEvent } from '../../translate/types';
import { FORMATS } from '../../translators';
import { openLogFile } from '../compressed/open';
import { evtxXmlStream } from './read';
import { recordFromXml } from './testing/from-xml';
import { type RecordSpec, type Template, writeEvtx } from './testing/write';
import { T } from './values';

const ctx = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };
const dir = mkdtempSync(join(tmpdir(), 'kansa-evtx-'));
const FIXTURES = ['wevtutil-logon-crlf', 'wevtutil-concatenated-multiline', 'wfp-privilege-frequent'].map((c) =>
  join(__dirname, '../../translators/windows-xml/testdata', c, 'case.input'),
);

/** The <Event> elements of a wevtutil export, one string each. */
function eventsOf(path: string): string[] {
  return readFileSync(path, 'utf8').match(/<Event[\s>][\s\S]*?<\/Event>/g) ?? [];
}

function translate(text: string): { events: KansaEvent[]; failures: Record<string, number> } {
  const events: KansaEvent[] = [];
  const s = new TranslateStream({ source: 't', format: 'auto', ctx, formats: FORMATS }, (e) => events.push(...e));
  s.write(Buffer.from(text));
  s.end();
  return { events, failures: s.summary.toJSON().parseFailures as Record<string, number> };
}

async function readAll(path: string): Promise<string> {
  let out = '';
  for await (const c of evtxXmlStream(path)) out += String(c);
  return out;
}

/** What the translator makes of a record, without where the record sat in its file. */
function comparable(e: KansaEvent): Record<string, unknown> {
  const { ['log.offset']: _o, ['log.line']: _l, ['event.original']: _r, ...rest } = e as Record<string, unknown>;
  return rest;
}

function writeFile(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('EVTX reader', () => {
  const xml = FIXTURES.flatMap(eventsOf);
  const templates = new Map<string, Template>();
  const records = xml.map((x) => recordFromXml(x, templates));

  it('renders every record as the XML it was written from, and translates to the same events', async () => {
    expect(xml.length).toBeGreaterThan(40);
    expect(templates.size).toBeLessThan(xml.length); // templates are shared between records
    const path = writeFile('fixtures.evtx', writeEvtx(records));
    const rendered = await readAll(path);
    const fromEvtx = translate(rendered);
    const fromXml = translate(xml.join('\n'));
    expect(fromEvtx.failures).toEqual({});
    expect(fromEvtx.events.length).toBe(fromXml.events.length);
    expect(fromEvtx.events.map(comparable)).toEqual(fromXml.events.map(comparable));
  });

  it('reads many chunks with templates reused inside each chunk', async () => {
    const many: RecordSpec[] = [];
    for (let i = 0; i < 3000; i++) many.push(records[i % records.length]);
    const bytes = writeEvtx(many);
    expect((bytes.length - 4096) / 65536).toBeGreaterThan(3);
    const rendered = await readAll(writeFile('many.evtx', bytes));
    expect(rendered.match(/<\/Event>/g)?.length).toBe(3000);
    expect(translate(rendered).failures).toEqual({});
  });

  it('skips a chunk with a bad checksum, counting its records as failures with its offset', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => records[i % records.length]);
    const bytes = writeEvtx(many);
    const second = 4096 + 65536;
    const inSecond = Number(bytes.readBigUInt64LE(second + 16) - bytes.readBigUInt64LE(second + 8)) + 1;
    bytes[second + 1000] ^= 0xff; // inside the records of chunk 2
    const rendered = await readAll(writeFile('bad-chunk.evtx', bytes));
    const { events, failures } = translate(rendered);
    expect(Object.values(failures).reduce((a, b) => a + b, 0)).toBe(inSecond);
    expect(rendered).toContain(`chunk at file offset ${second}: event records checksum mismatch; skipped`);
    expect(events.length).toBe(1500);
    expect(events.filter((e) => e['event.code'] !== undefined).length).toBe(1500 - inSecond);
  });

  it('reports a truncated file and keeps the records before the cut', async () => {
    const many = Array.from({ length: 1500 }, (_, i) => records[i % records.length]);
    const bytes = writeEvtx(many);
    const chunks = (bytes.length - 4096) / 65536;
    const cut = bytes.subarray(0, bytes.length - 30000);
    const rendered = await readAll(writeFile('truncated.evtx', cut));
    expect(rendered).toContain(
      `chunk at file offset ${4096 + (chunks - 1) * 65536}: truncated (35536 of 65536 bytes); skipped`,
    );
    expect(rendered.match(/<\/Event>/g)?.length).toBe(1500);
    const read = rendered.match(/<\/System>/g)?.length ?? 0;
    expect(read).toBeGreaterThan(1000);
    expect(read).toBeLessThan(1500);
  });

  it('renders every value type as the Windows XML rendering does', async () => {
    const t: Template = {
      id: 1,
      root: {
        name: 'Event',
        children: [
          {
            name: 'System',
            children: [
              { name: 'EventID', children: [{ sub: 0 }] },
              { name: 'TimeCreated', attrs: [['SystemTime', { sub: 1 }]] },
            ],
          },
          {
            name: 'EventData',
            children: Array.from({ length: 17 }, (_, i) => ({
              name: 'Data',
              attrs: [['Name', `v${i}`]] as Array<[string, string]>,
              children: [{ sub: i + 2, optional: true }],
            })),
          },
        ],
      },
    };
    const values: RecordSpec['values'] = [
      { type: T.UInt16, value: 4624 },
      { type: T.FileTime, value: new Date('2026-10-01T00:00:00.123Z') },
      { type: T.String, value: 'a<b & "c"' },
      { type: T.Int8, value: -5 },
      { type: T.Int32, value: -70000 },
      { type: T.UInt64, value: 18446744073709551615n },
      { type: T.Guid, value: '{54849625-5478-4994-a5ba-3e3b0328c30d}' },
      { type: T.Sid, value: 'S-1-5-21-3623811015-3361044348-30300820-1105' },
      { type: T.SystemTime, value: new Date('2026-10-01T09:08:07.654Z') },
      { type: T.HexInt32, value: 0x3e7 },
      { type: T.HexInt64, value: 0x8020000000000000n },
      { type: T.Binary, value: Buffer.from([0xde, 0xad, 0x01]) },
      { type: T.Bool, value: true },
      { type: T.String | T.Array, value: ['x', 'y'] },
      { type: T.UInt32 | T.Array, value: [1, 2, 3] },
      { type: T.AnsiString, value: 'ansi' },
      { type: T.Real64, value: 1.5 },
      null,
      { type: T.Int64, value: -1n },
    ];
    const line = (await readAll(writeFile('types.evtx', writeEvtx([{ template: t, values }])))).trim();
    const data = [...line.matchAll(/<Data Name='v(\d+)'(?:\/>|>(.*?)<\/Data>)/g)].map((m) => m[2] ?? '');
    expect(line).toContain("<TimeCreated SystemTime='2026-10-01T00:00:00.1230000Z'/>");
    expect(data).toEqual([
      'a&lt;b &amp; &quot;c&quot;',
      '-5',
      '-70000',
      '18446744073709551615',
      '{54849625-5478-4994-a5ba-3e3b0328c30d}',
      'S-1-5-21-3623811015-3361044348-30300820-1105',
      '2026-10-01T09:08:07.654Z',
      '0x3e7',
      '0x8020000000000000',
      'DEAD01',
      'true',
      'x,y',
      '1,2,3',
      'ansi',
      '1.5',
      '',
      '-1',
    ]);
  });

  it('is opened by openLogFile as Event XML, so kansa import reads .evtx', async () => {
    const path = writeFile('open.evtx', writeEvtx(records.slice(0, 10)));
    const members = openLogFile(path, () => undefined);
    expect(members.length).toBe(1);
    let text = '';
    for await (const c of members[0].stream()) text += String(c);
    expect(translate(text).events.length).toBe(10);
  });
});
