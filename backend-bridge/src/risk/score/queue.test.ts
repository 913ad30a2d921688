import { DEFAULT_SETTINGS } from '../settings';
import { userDay as ud } from '../testing/user-day';
import type { UserDay } from './day';
import { queueBudget, ReviewQueue, storyOf } from './queue';

/** One day of scored users, ranked by score as the scorer returns them. */
const day = (d: number, rows: Array<[string, number, string]>): UserDay[] =>
  rows.map(([u, score, code]) => ud(u, d, score, code)).sort((a, b) => b.score - a.score);
const shown = (list: UserDay[]) => list.map((u) => [u.user, u.case!.story, u.case!.status, u.case!.opened]);

describe('the review queue', () => {
  it("a day's story is its strongest reason that is neither context nor repetition", () => {
    expect(storyOf(ud('a', 1, 60, 'accumulated-personalMailBytes'))).toBe('mail');
    expect(storyOf(ud('a', 1, 60, 'first-mail'))).toBe('mail');
    expect(storyOf(ud('a', 1, 60, 'volume-personalCloudBytes'))).toBe('web');
    expect(storyOf(ud('a', 1, 60, 'first-folder'))).toBe('files');
    expect(storyOf(ud('a', 1, 60, 'accumulated-printPages'))).toBe('print');
    expect(storyOf(ud('a', 1, 60, 'unusual-hours'))).toBe('unusual-hours');
    const quiet = ud('a', 1, 30, 'standing-evidence');
    quiet.reasons[1].baseline = JSON.stringify({ metrics: ['personalMailBytes'] });
    expect(storyOf(quiet)).toBe('mail');
  });

  it('opens 1 % of the users it knows per day, at least one', () => {
    expect([1, 60, 149, 150, 260].map((n) => queueBudget(n))).toEqual([1, 1, 1, 2, 3]);
  });

  it('a leaver on top every day takes one slot; the next day the slot goes to the next user, and the leaver is still shown', () => {
    const q = new ReviewQueue();
    const rows = (leaver: number, admin: number): Array<[string, number, string]> => [
      ['leaver', leaver, 'accumulated-personalMails'],
      ['admin', admin, 'first-folder'],
      ['benign', 20, 'first-share'],
    ];
    expect(shown(q.assign(day(100, rows(95, 80)), 50))).toEqual([['leaver', 'mail', 'new', 100]]);
    const second = day(101, rows(96, 85));
    expect(shown(q.assign(second, 50))).toEqual([
      ['leaver', 'mail', 'open', 100],
      ['admin', 'files', 'new', 101],
    ]);
    expect(second.find((u) => u.user === 'benign')!.case).toBeUndefined();
    // Another story is another case; a day at 0 is never shown, however empty the queue.
    expect(
      shown(
        q.assign(
          day(102, [
            ['leaver', 97, 'first-share'],
            ['admin', 0, 'first-folder'],
          ]),
          50,
        ),
      ),
    ).toEqual([['leaver', 'files', 'new', 102]]);
  });

  it('a case closes caseDays after it was opened', () => {
    const q = new ReviewQueue();
    const opened: number[] = [];
    for (let d = 100; d <= 100 + DEFAULT_SETTINGS.caseDays; d++)
      for (const u of q.assign(day(d, [['leaver', 90, 'accumulated-personalMails']]), 50))
        if (u.case!.status === 'new') opened.push(u.day);
    expect(opened).toEqual([100, 100 + DEFAULT_SETTINGS.caseDays]);
  });

  it('carries on from the cases opened before (as the summaries hold them)', () => {
    const q = new ReviewQueue(DEFAULT_SETTINGS, [
      { user: 'leaver', story: 'mail', opened: 95 },
      { user: 'leaver', story: 'mail', opened: 90 },
    ]);
    const d = day(101, [
      ['leaver', 99, 'accumulated-personalMails'],
      ['admin', 70, 'first-folder'],
    ]);
    expect(shown(q.assign(d, 120))).toEqual([
      ['leaver', 'mail', 'open', 95],
      ['admin', 'files', 'new', 101],
    ]);
  });
});
