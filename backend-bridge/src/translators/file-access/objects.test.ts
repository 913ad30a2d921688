import type { KansaEvent } from '@kansa/schema';
import { FileAccessCondenser } from '.';

const T0 = Date.parse('2026-10-01T00:30:00.000Z');

function ev(code: string, ms: number, data: Record<string, string>, rights?: string[]): KansaEvent {
  const e: KansaEvent = {
    '@timestamp': new Date(T0 + ms).toISOString(),
    'event.code': code,
    'event.module': 'windows',
    'event.outcome': 'success',
    'host.name': 'WS01',
    'user.name': 'tanaka',
    'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
    'winlog.event_data': { ProcessId: '0x2b1c', ...data },
    'event.original': `${code}@${ms}`,
  };
  if (rights) e['kansa.access.rights'] = rights;
  return e;
}

function run(events: KansaEvent[]): KansaEvent[] {
  const stage = new FileAccessCondenser();
  return [...events.flatMap((e) => stage.push(e)), ...stage.flush()];
}

const KEY = {
  ObjectType: 'Key',
  ObjectName: '\\REGISTRY\\MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  HandleId: '0x1a4',
};
const FILE = { ObjectType: 'File', ObjectName: 'C:\\Shares\\開発\\企画書.docx', HandleId: '0x1a4' };

describe('handles on objects other than files', () => {
  it('joins a registry key handle into one record, its close included', () => {
    const out = run([
      ev('4656', 0, KEY, ['QueryValue', 'SetValue']),
      ev('4663', 0, KEY, ['SetValue']),
      ev('4658', 1000, { HandleId: '0x1a4' }),
    ]);
    expect(out.map((e) => [e['event.action'], e['kansa.count'], e['registry.path']])).toEqual([
      ['modified-registry-key', 3, KEY.ObjectName],
    ]);
    expect(out[0]['kansa.message.en']).toBe(`tanaka modified the registry key ${KEY.ObjectName} on WS01`);
  });

  it('does not give a registry close to a file record that had the same handle value before', () => {
    const out = run([
      ev('4656', 0, FILE, ['ReadData']),
      ev('4663', 0, FILE, ['ReadData']),
      ev('4658', 0, { HandleId: '0x1a4' }),
      ev('4656', 1000, KEY, ['QueryValue']),
      ev('4658', 1000, { HandleId: '0x1a4' }),
    ]);
    // File records wait for their rename partners, so the registry record may come out first.
    expect(out.map((e) => [e['event.action'], e['kansa.count']]).sort()).toEqual([
      ['opened-registry-key-without-access', 2],
      ['read-file', 3],
    ]);
  });
});

describe('a file handle closed without access', () => {
  it('is not an access: its own operation, counted, not a read or a write', () => {
    const out = run([ev('4656', 0, FILE, ['ReadData', 'WriteData']), ev('4658', 0, { HandleId: '0x1a4' })]);
    expect(out.map((e) => [e['event.action'], e['kansa.access.operation'], e['kansa.count']])).toEqual([
      ['opened-file-without-access', 'open', 2],
    ]);
  });
});
