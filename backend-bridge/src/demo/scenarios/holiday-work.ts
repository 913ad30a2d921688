import { jst, jstDate } from '../time';
import type { ScenarioDef } from './types';

/** A holiday of the second half (else a weekend day): the late worker comes in from 10:12 to 16:40. */
export default {
  id: 'holiday-work',
  rules: [],
  days: (plan) => {
    const d = plan.holiday();
    return d >= 0 ? [d] : [];
  },
  play(scene, d, rng) {
    const { lateWorker } = scene.cast;
    const a = scene.at(d, 10, 12);
    const b = scene.at(d, 16, 40);
    scene.workSession(lateWorker, a, b, rng.fork('holiday'), {});
    const name = scene.month.holidays.get(jstDate(a)) ?? (jst(a).dow === 0 ? '日曜日' : '土曜日');
    const host = `host.name:${lateWorker.host}*`;
    scene.record(
      {
        id: 'holiday-work',
        title: `Work on a day off (${jstDate(a)} ${name})`,
        who: lateWorker.account,
        what: `${lateWorker.host} logon 10:12, logoff 16:40 on a weekend/holiday`,
        monitoringPoint: 'Working hours: holiday PC use',
        useCase: '4 working hours',
        detections: [
          {
            description: 'logon on the day off',
            query:
              `event.code:4624 AND user.name:${lateWorker.account} AND ${host} AND ` +
              scene.range(scene.at(d, 0, 0), scene.at(d, 23, 59)),
            minCount: 1,
          },
        ],
      },
      a,
      b,
    );
  },
} satisfies ScenarioDef;
