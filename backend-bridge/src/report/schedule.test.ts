import { nextRun, reportMonth } from './schedule';

describe('report schedule', () => {
  it('runs monthly on the day and local time, strictly after now', () => {
    const s = { every: 'monthly' as const, day: 1, at: '08:00' };
    // 08:00 JST on 1 November is 23:00 UTC on 31 October.
    expect(nextRun(s, new Date('2026-10-15T00:00:00Z'), 'Asia/Tokyo').toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(nextRun(s, new Date('2026-10-31T23:00:00Z'), 'Asia/Tokyo').toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(reportMonth(s, new Date('2026-10-31T23:00:00Z'), 'Asia/Tokyo')).toBe('2026-10');
    expect(reportMonth(s, new Date('2027-01-01T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-12');
  });

  it('runs weekly on the ISO weekday and reports the month so far', () => {
    const s = { every: 'weekly' as const, day: 1, at: '07:30' };
    // 2026-12-07 is a Monday.
    const run = nextRun(s, new Date('2026-12-05T12:00:00Z'), 'Asia/Tokyo');
    expect(run.toISOString()).toBe('2026-12-06T22:30:00.000Z');
    expect(reportMonth(s, run, 'Asia/Tokyo')).toBe('2026-12');
  });

  it('follows a daylight-saving zone', () => {
    const s = { every: 'monthly' as const, day: 1, at: '08:00' };
    expect(nextRun(s, new Date('2026-10-15T00:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-11-01T07:00:00.000Z',
    );
    expect(nextRun(s, new Date('2026-06-15T00:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-07-01T06:00:00.000Z',
    );
  });
});
