import { isoJst } from '../time';
import type { ScenarioDef } from './types';

/** An accountant logs off at 23:55 and on again at 07:50 the next morning: about 8 hours of rest, under 11 h. */
export default {
  id: 'rest-interval-short',
  rules: [],
  days: (plan) => [plan.restDay()],
  replaces: (plan, cast) => {
    const d = plan.restDay();
    return [
      [cast.restUser, d],
      [cast.restUser, d + 1],
    ];
  },
  play(scene, d, rng) {
    const { restUser } = scene.cast;
    const a = scene.at(d, 9, 10);
    const b = scene.at(d, 23, 55);
    scene.workSession(restUser, a, b, rng.fork('rest1'), {});
    const next = scene.at(d + 1, 7, 50);
    const end = scene.at(d + 1, 17, 30);
    if (d + 1 < scene.month.opts.days) scene.workSession(restUser, next, end, rng.fork('rest2'), {});
    const user = `user.name:${restUser.account}`;
    scene.record(
      {
        id: 'rest-interval-short',
        title: 'Rest interval of about 8 hours (under 11 h)',
        who: restUser.account,
        what: `logoff ${isoJst(b)}, next logon ${isoJst(next)}`,
        monitoringPoint: 'Working hours: 勤務間インターバル',
        useCase: '4 working hours',
        detections: [
          {
            description: 'the late logoff',
            query: `event.code:4647 AND ${user} AND ${scene.range(scene.at(d, 23, 0), scene.at(d, 23, 59))}`,
            minCount: 1,
          },
          {
            description: 'the early logon the next morning',
            query:
              `event.code:4624 AND ${user} AND host.name:${restUser.host}* AND ` +
              scene.range(scene.at(d + 1, 7, 0), scene.at(d + 1, 8, 0)),
            minCount: 1,
          },
        ],
      },
      b,
      next,
    );
  },
} satisfies ScenarioDef;
