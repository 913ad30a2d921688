import type { UserDay } from '../../risk/score/day';
import { ReviewQueue } from '../../risk/score/queue';
import { userDay as ud } from '../../risk/testing/user-day';
import { evaluatePopulation } from './evaluate';
import type { PopulationMeta } from './generate';

/** Days of scored users, each day ranked by score as the scorer returns them and put in the review queue (50 users known). */
const days = (rows: Array<Array<[string, number, string]>>, first = 100): UserDay[][] => {
  const queue = new ReviewQueue();
  return rows.map((r, k) => {
    const d = r.map(([u, score, code]) => ud(u, first + k, score, code)).sort((a, b) => b.score - a.score);
    queue.assign(d, 50);
    return d;
  });
};

describe('the population measures', () => {
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
