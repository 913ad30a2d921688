import { LocalTime } from './localtime';

describe('LocalTime', () => {
  it('local days and their start in Tokyo', () => {
    const c = new LocalTime('Asia/Tokyo');
    const day = c.dayIndex(Date.parse('2026-10-26T15:30:00Z')); // 00:30 on the 27th in Tokyo
    expect(LocalTime.dateOf(day)).toBe('2026-10-27');
    expect(new Date(c.dayStart(day)).toISOString()).toBe('2026-10-26T15:00:00.000Z');
    expect(c.hour(Date.parse('2026-10-26T15:30:00Z'))).toBe(0);
    expect(LocalTime.weekday(LocalTime.dayOf('2026-10-27'))).toBe(2);
  });

  it('follows daylight saving', () => {
    const c = new LocalTime('Europe/Berlin');
    expect(new Date(c.dayStart(LocalTime.dayOf('2026-07-01'))).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(c.dayStart(LocalTime.dayOf('2026-12-01'))).toISOString()).toBe('2026-11-30T23:00:00.000Z');
  });
});
