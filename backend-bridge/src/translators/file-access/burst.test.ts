import type { KansaEvent } from '@kansa/schema';
import { FileAccessCondenser } from '.';

const T0 = Date.parse('2026-10-01T00:30:00.000Z');

function ev(code: string, ms: number, data: Record<string, string>, rights?: string[]): KansaEvent {
  const e: KansaEvent = {
    '@timestamp': new Date(T0 + ms).toISOString(),
    'event.code': code,
    'event.module': 'windows',
    'event.outcome': 'success',
    'host.name': 'FS01',
    'user.name': `u${data.u}`,
    'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
    'winlog.event_data': { ObjectType: 'File', ProcessId: '0x4', ...data },
    'event.original': 'x',
  };
  if (rights) e['kansa.access.rights'] = rights;
  return e;
}

it('condenses a dense burst (500 opens a second, thousands buffered) without losing anything', () => {
  const events: KansaEvent[] = [];
  for (let i = 0; i < 5000; i++) {
    const d = {
      u: String(i % 7),
      HandleId: `0x${i.toString(16)}`,
      ObjectName: `C:\\Shares\\d${i % 5}\\f${i % 3000}.docx`,
    };
    events.push(
      ev('4656', i * 2, d, ['ReadData']),
      ev('4663', i * 2, d, i % 10 === 0 ? ['DELETE'] : ['ReadData']),
      ev('4658', i * 2 + 1, d),
    );
  }
  const stage = new FileAccessCondenser();
  let raw = 0;
  for (const e of events) for (const out of stage.push(e)) raw += out['kansa.count'] as number;
  for (const out of stage.flush()) raw += out['kansa.count'] as number;
  expect(raw).toBe(events.length);
  expect(stage.counts.in).toBe(events.length);
});
