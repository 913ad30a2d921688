import { RULES } from '.';
import { offHours, offHoursGroups } from './off-hours';
import { defaultSettings } from './settings';
import type { RuleSettings } from './model';

// The rule's Lucene is date math relative to now; this resolves it as OpenSearch does (rounding in UTC, weeks
// from Monday) for one event, so each case says whether a PC event at that moment would be counted.

const DAY = 86400000;

function resolve(expr: string, now: number): number {
  const m = /^now(?:-1([dw]))?\/([dw])(?:([+-]\d+)m)?$/.exec(expr);
  if (!m) {
    return Date.parse(expr);
  }
  const back = m[1] === 'w' ? 7 * DAY : m[1] === 'd' ? DAY : 0;
  let t = now - back;
  t -= t % DAY;
  if (m[2] === 'w') {
    t -= ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  }
  return t + Number(m[3] ?? 0) * 60000;
}

const inRange = (lucene: string, t: number, now: number) => {
  const [, from, to] = /\["(.+)" TO "(.+)"\}$/.exec(lucene)!;
  return resolve(from, now) <= t && t < resolve(to, now);
};

/** Whether a PC event of someone on `calendar` at `jst` (local time) is off-hours, the rule evaluated a minute later. */
function offHoursAt(s: RuleSettings, calendar: string | undefined, jst: string): boolean {
  const t = Date.parse(`${jst}+09:00`);
  const now = t + 60000;
  return offHoursGroups(s, new Date(now)).some((g) => {
    const member = g.who.startsWith('NOT ')
      ? calendar === undefined || !(calendar in s.calendars)
      : g.who === '' || g.who.endsWith(`:${JSON.stringify(calendar)}`);
    return member && g.ranges.some((r) => inRange(r, t, now)) && !g.except.some((r) => inRange(r, t, now));
  });
}

const demo = defaultSettings(RULES);

describe('off-hours by calendar', () => {
  it.each([
    ['a day worker late on a Wednesday', undefined, '2026-10-28T23:30:00', true],
    ['a day worker in the evening', undefined, '2026-10-28T21:00:00', false],
    ['the night shift late on a Wednesday (its shift)', 'jp-night-shift', '2026-10-28T23:30:00', false],
    ['a day worker at 03:00 on a Saturday', undefined, '2026-10-31T03:00:00', true],
    ["the night shift at 03:00 on a Saturday (Friday's shift)", 'jp-night-shift', '2026-10-31T03:00:00', false],
    ["the night shift's overtime until 09:00 on a Saturday", 'jp-night-shift', '2026-10-31T09:00:00', false],
    ['the night shift on Saturday afternoon (a day off)', 'jp-night-shift', '2026-10-31T15:00:00', true],
    ['the night shift on Sunday night (a day off)', 'jp-night-shift', '2026-11-01T23:30:00', true],
    ['the night shift arriving on Monday evening', 'jp-night-shift', '2026-11-02T20:45:00', false],
    ['the night shift on the evening of 文化の日 (a holiday)', 'jp-night-shift', '2026-11-03T21:30:00', true],
    ['a calendar the settings do not define is the company’s', 'jp-standard', '2026-10-28T23:30:00', true],
  ])('%s', (_what, calendar, jst, expected) => {
    expect(offHoursAt(demo, calendar, jst)).toBe(expected);
  });

  it('a late shift keeps the rest of the night off-hours, and a rota works the days it lists', () => {
    const s: RuleSettings = {
      ...demo,
      calendars: {
        late: { shiftStart: '14:00', shiftEnd: '22:30' },
        rota: { shiftStart: '21:00', shiftEnd: '06:00', workingDays: ['2026-10-31'] },
      },
    };
    expect(offHoursAt(s, 'late', '2026-10-28T22:15:00')).toBe(false);
    expect(offHoursAt(s, 'late', '2026-10-28T23:00:00')).toBe(true);
    expect(offHoursAt(s, 'late', '2026-10-29T02:00:00')).toBe(true);
    expect(offHoursAt(s, 'rota', '2026-10-31T23:00:00')).toBe(false);
    expect(offHoursAt(s, 'rota', '2026-11-01T15:00:00')).toBe(true);
  });

  it('without calendars the query is the company’s alone, and a half-defined shift is refused', () => {
    const q = offHours({ ...demo, calendars: {} }, new Date('2026-10-28T00:00:00Z'));
    expect(q).not.toContain('kansa.user.calendar');
    expect(q).toContain('@timestamp:["now/d+780m" TO "now/d+1200m"}');
    expect(() => offHours({ ...demo, calendars: { x: { shiftStart: '21:00' } } })).toThrow(/go together/);
  });
});
