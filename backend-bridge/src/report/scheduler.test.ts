import pino from 'pino';
import { Writable } from 'node:stream';

import { configSchema } from '../config/schema';
import { ReportScheduler } from './scheduler';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

describe('report scheduler in kansa serve', () => {
  it('arms every schedule for its next local run and stops cleanly', async () => {
    const { lines, log } = capture();
    const config = configSchema.parse({
      reports: {
        schedules: [
          { kind: 'audit', day: 3, at: '08:00', recipients: ['audit@example.co.jp'] },
          { kind: 'attendance', every: 'weekly', day: 1, recipients: ['hr@example.co.jp'] },
        ],
      },
    });
    const s = new ReportScheduler(config, log);
    s.start();
    await s.stop();
    const armed = lines.filter((l) => l.msg === 'report scheduled');
    expect(armed.map((l) => l.report)).toEqual(['audit', 'attendance']);
    for (const l of armed) expect(Date.parse(String(l.next))).toBeGreaterThan(Date.now());
    // 08:00 in Tokyo on the 3rd is 23:00 UTC on the 2nd.
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Asia/Tokyo',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(String(armed[0].next)));
    expect(local).toMatch(/^03,? 08:00$/);
  });

  it('refuses a weekly schedule on day 8 and a recipient that is not an address', () => {
    expect(() =>
      configSchema.parse({
        reports: { schedules: [{ kind: 'audit', every: 'weekly', day: 8, recipients: ['a@example.co.jp'] }] },
      }),
    ).toThrow(/weekly/);
    expect(() =>
      configSchema.parse({ reports: { schedules: [{ kind: 'audit', recipients: ['not-an-address'] }] } }),
    ).toThrow();
  });
});
