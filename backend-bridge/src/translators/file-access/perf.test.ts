import type { KansaEvent } from '@kansa/schema';
import { FileAccessCondenser } from '.';

const T0 = Date.parse('2026-10-01T00:30:00.000Z');
function ev(code: string, ms: number, data: Record<string, string>, rights?: string[]): KansaEvent {
  const e: KansaEvent = {
    '@timestamp': new Date(T0 + ms).toISOString(), 'event.code': code, 'event.module': 'windows', 'event.outcome': 'success',
    'host.name': 'FS01', 'user.name': `u${data.u}`, 'winlog.provider_name': 'Microsoft-Windows-Security-Auditing',
    'winlog.event_data': { ObjectType: 'File', ProcessId: '0x4', ...data }, 'event.original': 'x',
  };
  if (rights) e['kansa.access.rights'] = rights;
  return e;
}
it('condenses a dense burst quickly', () => {
  const events: KansaEvent[] = [];
  for (let i = 0; i < 40000; i++) {
    const ms = i * 2; // 500 file opens per second
    const d = { u: String(i % 7), HandleId: `0x${i.toString(16)}`, ObjectName: `C:\\Shares\\d${i % 5}\\f${i % 3000}.docx` };
    events.push(ev('4656', ms, d, ['ReadData']), ev('4663', ms, d, i % 10 === 0 ? ['DELETE'] : ['ReadData']), ev('4658', ms + 1, { ...d }));
  }
  const stage = new FileAccessCondenser();
  const t = process.hrtime.bigint();
  let n = 0;
  for (const e of events) n += stage.push(e).length;
  n += stage.flush().length;
  const secs = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`${events.length} events in ${secs.toFixed(2)} s (${Math.round(events.length / secs)}/s), ${n} records`);
});
