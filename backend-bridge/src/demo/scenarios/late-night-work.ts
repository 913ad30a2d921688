import type { ScenarioDef } from './types';

/** Day 8: a 法務 employee works from 09:02 until 23:48 (the ordinary day is replaced by this session). */
export default {
  id: 'late-night-work',
  rules: ['attendance-off-hours'],
  days: (plan) => [plan.workDay(8)],
  replaces: (plan, cast) => [[cast.lateWorker, plan.workDay(8)]],
  play(scene, d, rng) {
    const { lateWorker } = scene.cast;
    const a = scene.at(d, 9, 2);
    const b = scene.at(d, 23, 48);
    scene.workSession(lateWorker, a, b, rng.fork('late'), {});
    const late = scene.range(scene.at(d, 22, 0), scene.at(d, 23, 59));
    scene.record(
      {
        id: 'late-night-work',
        title: 'Late-night work until almost midnight',
        who: lateWorker.account,
        what: `${lateWorker.host} used from 09:02 until 23:48`,
        monitoringPoint: 'Working hours: late-night PC use',
        useCase: '4 working hours',
        detections: [
          {
            description: 'logoff after 22:00 JST',
            query: `event.code:4647 AND user.name:${lateWorker.account} AND ${late}`,
            minCount: 1,
          },
        ],
      },
      a,
      b,
    );
  },
} satisfies ScenarioDef;
