import type { ScenarioDef } from './types';

/**
 * A developer works 07:30-21:30 on every working day of the second half (about 5 h over 8 h a day, a lunch lock
 * in between). With the months before the period from the attendance system's export (timesheet-history.ts:
 * 90 h and 94 h of overtime plus Sunday work in the two months before), the 3-month average of overtime plus
 * 法定休日労働 passes 80 h by the month's end, while no month reaches 100 h: art. 36(6)(iii).
 */
export default {
  id: 'agreement36-average',
  rules: ['attendance-agreement36-violation'],
  days: (plan) => [...plan.work],
  replaces: (plan, cast) => plan.work.map((d) => [cast.overworked, d]),
  play(scene, d, rng) {
    const { overworked } = scene.cast;
    scene.workSession(overworked, scene.at(d, 7, 30), scene.at(d, 21, 30), rng.fork('overworked'), {});
    const work = scene.plan.work;
    if (d !== work[work.length - 1]) return; // recorded once, spanning every long day
    scene.record(
      {
        id: 'agreement36-average',
        title: '36協定: a 2–6-month average of overtime and holiday work above 80 h',
        who: overworked.account,
        what: `07:30-21:30 on each of the ${work.length} working days of the second half, after months of 90+ h in the attendance system's export (timesheet.csv)`,
        monitoringPoint: 'Working hours: overtime limits (36協定)',
        useCase: '4 working hours',
        detections: [
          {
            // Ordinary days end before 21:30, so a logoff at 21:30 is the long day's.
            description: 'the logoff at 21:30 on the last long day',
            query: `event.code:4647 AND user.name:${overworked.account} AND ${scene.range(scene.at(d, 21, 30), scene.at(d, 21, 31))}`,
            minCount: 1,
          },
        ],
      },
      scene.at(work[0], 7, 30),
      scene.at(d, 21, 30),
    );
  },
} satisfies ScenarioDef;
