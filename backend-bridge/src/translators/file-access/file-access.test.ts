import type { KansaEvent } from '@kansa/schema';
import { describeGoldenCases } from '../../translate/testing/golden';
import { FileAccessCondenser } from '.';

const T0 = Date.parse('2026-10-01T00:30:00.000Z');

/** A Security object event the way the Windows translators emit it. */
function ev(
  code: string,
  ms: number,
  data: Record<string, string>,
  rights?: string[],
  outcome = 'success',
): KansaEvent {
  const e: KansaEvent = {
    '@timestamp': new Date(T0 + ms).toISOString(),
    'event.code': code,
    'event.module': 'windows',
    'event.outcome': outcome,
    'host.name': 'FS01.corp.example.co.jp',
    'user.name': 'yamada',
    'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
    'winlog.event_data': { ObjectType: 'File', ProcessId: '0x4', SubjectUserName: 'yamada', ...data },
    'kansa.source_type': 'windows-xml',
    'event.original': `<raw ${code} at ${ms}>`,
  };
  if (rights) e['kansa.access.rights'] = rights;
  return e;
}

function run(stage: FileAccessCondenser, events: KansaEvent[]): KansaEvent[] {
  const out: KansaEvent[] = [];
  for (const e of events) out.push(...stage.push(e));
  out.push(...stage.flush());
  return out;
}

function read(ms: number, handle: string, path = 'C:\\Shares\\開発\\仕様書.pdf'): KansaEvent[] {
  return [
    ev('4656', ms, { ObjectName: path, HandleId: handle }, ['ReadData', 'ReadAttributes']),
    ev('4663', ms + 1, { ObjectName: path, HandleId: handle }, ['ReadData']),
    ev('4658', ms + 2, { HandleId: handle }),
  ];
}

describe('file-access condenser', () => {
  it('passes other events through untouched and in order', () => {
    const other: KansaEvent = {
      '@timestamp': new Date(T0).toISOString(),
      'event.code': '4624',
      'event.module': 'windows',
    };
    const stage = new FileAccessCondenser();
    expect(stage.push(other)).toEqual([other]);
    expect(stage.push(other)[0]).toBe(other);
    expect(stage.counts).toEqual({ in: 0, out: 0 });
  });

  it('joins open, access and close into one record', () => {
    const out = run(new FileAccessCondenser(), read(0, '0x1e4'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      'event.action': 'read-file',
      'kansa.access.operation': 'read',
      'kansa.count': 3,
      'file.path': 'C:\\Shares\\開発\\仕様書.pdf',
      'file.extension': 'pdf',
      'kansa.message.ja': 'yamada が FS01 上の C:\\Shares\\開発\\仕様書.pdf を読み取りました',
    });
    expect(out[0]['event.original']).toBe('<raw 4656 at 0>\n<raw 4663 at 1>\n<raw 4658 at 2>');
  });

  it('merges repeated reads within 5 seconds, and not across a longer gap', () => {
    const events = [
      ...Array.from({ length: 12 }, (_, i) => read(i * 400, `0x${(0x300 + i * 4).toString(16)}`)).flat(),
      ...read(4402 + 5001, '0x400'),
    ];
    const stage = new FileAccessCondenser();
    const out = run(stage, events);
    expect(out).toHaveLength(2);
    expect(out[0]['kansa.count']).toBe(36);
    expect(out[0]['kansa.message.en']).toBe('yamada read C:\\Shares\\開発\\仕様書.pdf on FS01 (12 times)');
    expect(out[0]['kansa.access.first']).toBe('2026-10-01T00:30:00.000Z');
    expect(out[0]['kansa.access.last']).toBe('2026-10-01T00:30:04.402Z');
    expect(stage.counts).toEqual({ in: 39, out: 2 });
  });

  it('emits a close without its open as it came, and an open without its close at the end', () => {
    const lone = ev('4658', 0, { HandleId: '0x1d8' });
    const stage = new FileAccessCondenser();
    const out = run(stage, [lone, ...read(10, '0x1e4').slice(0, 2)]);
    expect(out[0]).toBe(lone);
    expect(out[1]).toMatchObject({ 'event.action': 'read-file', 'kansa.count': 2 });
    expect(stage.counts).toEqual({ in: 3, out: 2 });
  });

  it('keeps memory bounded: the oldest open handles go out as partial records', () => {
    const stage = new FileAccessCondenser({ maxOpenHandles: 2 });
    const opens = Array.from({ length: 5 }, (_, i) =>
      ev('4656', i, { ObjectName: `C:\\d\\f${i}.txt`, HandleId: `0x${i + 1}` }, ['ReadData']),
    );
    const out: KansaEvent[] = [];
    for (const e of opens) out.push(...stage.push(e));
    // Three evicted (and still waiting for rename/merge partners), two open.
    out.push(...stage.flush());
    expect(out.map((e) => e['file.name'])).toEqual(['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt', 'f4.txt']);
    expect(stage.counts).toEqual({ in: 5, out: 5 });
  });

  it('finalizes handles seen only through 4663 after the merge window', () => {
    const stage = new FileAccessCondenser();
    expect(stage.push(ev('4663', 0, { ObjectName: 'C:\\d\\a.txt', HandleId: '0x9' }, ['ReadData']))).toEqual([]);
    const later = stage.push({
      '@timestamp': new Date(T0 + 10_001).toISOString(),
      'event.code': '1',
      'event.module': 'windows',
    });
    expect(later.map((e) => e['event.action'] ?? e['event.code'])).toEqual(['read-file', '1']);
  });

  it('turns a denied handle request into a denied access record', () => {
    const out = run(new FileAccessCondenser(), [
      ev('4656', 0, { ObjectName: 'C:\\Shares\\人事\\評価.xlsx', HandleId: '0x0' }, ['ReadData'], 'failure'),
    ]);
    expect(out[0]).toMatchObject({
      'event.outcome': 'failure',
      'event.type': ['access', 'denied'],
      'kansa.message.ja': 'yamada が FS01 上の C:\\Shares\\人事\\評価.xlsx の読み取りを拒否されました',
    });
  });
});

describeGoldenCases(__dirname);
