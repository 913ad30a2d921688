import type { UserDay } from '../../risk/score/day';
import { analystQueue, CASE_DAYS, evaluatePopulation, storyOf } from './evaluate';
import type { PopulationMeta } from './generate';

const reason = (code: string, contribution: number) => ({ code, en: code, ja: code, contribution, baseline: '{}' });
const ud = (user: string, day: number, score: number, code: string): UserDay => ({
  user,
  info: { department: 'D', privileged: false, watchlist: false },
  day,
  score,
  confidence: 1,
  reasons: [reason('context-watchlist', score / 3), reason(code, score / 2), reason('persistent-evidence', score / 6)],
  events: 1,
  marks: [],
  lastSeen: 0,
});
/** Days of scored users, each day ranked by score as the scorer returns them. */
const days = (rows: Array<Array<[string, number, string]>>, first = 100): UserDay[][] =>
  rows.map((r, k) => r.map(([u, score, code]) => ud(u, first + k, score, code)).sort((a, b) => b.score - a.score));

describe('the analyst queue (open cases)', () => {
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

  it('a leaver on top every day takes one slot; the next day the slot goes to the next user, and the leaver is still shown', () => {
    const d = days([
      [
        ['leaver', 95, 'accumulated-personalMails'],
        ['admin', 80, 'first-folder'],
        ['benign', 20, 'first-share'],
      ],
      [
        ['leaver', 96, 'accumulated-personalMails'],
        ['admin', 85, 'first-folder'],
        ['benign', 20, 'first-share'],
      ],
      [
        ['leaver', 97, 'first-share'],
        ['admin', 30, 'first-folder'],
      ],
    ]);
    const q = analystQueue(d, 1);
    expect(q.get('leaver')).toEqual([
      { day: 100, story: 'mail', opened: true },
      { day: 101, story: 'mail', opened: false },
      // Another story is another case.
      { day: 102, story: 'files', opened: true },
    ]);
    expect(q.get('admin')).toEqual([{ day: 101, story: 'files', opened: true }]);
    expect(q.has('benign')).toBe(false);
  });

  it('a case closes CASE_DAYS after it was opened', () => {
    const rows = Array.from({ length: CASE_DAYS + 1 }, (): Array<[string, number, string]> => [
      ['leaver', 90, 'accumulated-personalMails'],
      ['other', 10, 'first-share'],
    ]);
    const q = analystQueue(days(rows), 1);
    expect(
      q
        .get('leaver')!
        .filter((c) => c.opened)
        .map((c) => c.day),
    ).toEqual([100, 100 + CASE_DAYS]);
    expect(q.get('other')!.map((c) => c.day)).toEqual(Array.from({ length: CASE_DAYS - 1 }, (_, k) => 101 + k));
  });

  it('both measures side by side: ranked within the budget, and caught as a case', () => {
    const meta: PopulationMeta = {
      population: 'p',
      seed: 1,
      heldBack: true,
      start: '1970-04-11',
      days: 3,
      timeZone: 'UTC',
      year: 1970,
      users: 50,
      insiders: ['leaver', 'admin'].map((who) => ({
        id: who,
        kind: who === 'leaver' ? 'leaver-private-mail' : 'admin-reads-compensation',
        style: 'spread',
        who,
        department: 'D',
        start: '1970-04-11',
        end: '1970-04-12',
        useCase: 'insider',
        what: who,
      })),
    };
    const d = days([
      [
        ['leaver', 95, 'accumulated-personalMails'],
        ['admin', 80, 'first-folder'],
        ['benign', 20, 'first-share'],
      ],
      [
        ['leaver', 96, 'accumulated-personalMails'],
        ['admin', 85, 'first-folder'],
        ['benign', 20, 'first-share'],
      ],
    ]);
    const r = evaluatePopulation(d, meta, 50);
    const admin = r.insiders.find((i) => i.insider.who === 'admin')!;
    expect(admin).toMatchObject({ caught: false, bestRank: 2, caughtAsCase: true, caseDay: '1970-04-12' });
    // Against ordinary people only, the admin is on top: the slot went to the other insider.
    expect(admin).toMatchObject({ caughtAlone: true, bestRankAlone: 1 });
    expect(r.insiders.find((i) => i.insider.who === 'leaver')).toMatchObject({ caught: true, caughtAsCase: true });
    expect(r.benignCasesPerDay).toBe(0);
  });

  it('alone: a benign user scoring as high as the insider ranks above them, and a day at 0 is no rank', () => {
    const meta: PopulationMeta = {
      population: 'p',
      seed: 1,
      heldBack: true,
      start: '1970-04-11',
      days: 2,
      timeZone: 'UTC',
      year: 1970,
      users: 50,
      insiders: [
        {
          id: 'cloud',
          kind: 'cloud-exfiltration',
          style: 'disguised',
          who: 'cloud',
          department: 'D',
          start: '1970-04-11',
          end: '1970-04-12',
          useCase: 'insider',
          what: 'cloud',
        },
      ],
    };
    const tied = evaluatePopulation(
      days([
        [
          ['benign', 40, 'first-share'],
          ['cloud', 40, 'volume-personalCloudBytes'],
        ],
        [['cloud', 0, 'volume-personalCloudBytes']],
      ]),
      meta,
      50,
    );
    expect(tied.insiders[0]).toMatchObject({ caughtAlone: false, bestRankAlone: 2 });
    const never = evaluatePopulation(days([[['cloud', 0, 'volume-personalCloudBytes']]]), meta, 50);
    expect(never.insiders[0]).toMatchObject({ caughtAlone: false, bestRankAlone: null });
  });
});
