import type { Employee } from '../company';
import { ATTACK } from '../office';
import type { Scene } from './scene';
import type { ScenarioDef } from './types';

/** One try per account, this far apart. */
const EVERY_MS = 17_000;

/** When the spray runs and whom it tries; the intrusion that follows it is timed from its end. */
export function sprayWindow(scene: Scene, d: number): { start: number; end: number; targets: Employee[] } {
  const { people } = scene.month;
  const start = scene.at(d, 3, 10);
  const targets = people.filter((p) => !p.privileged).slice(0, Math.min(40, people.length - 5));
  return { start, end: start + targets.length * EVERY_MS + 1000, targets };
}

/** Day 0 of the scenario days, 03:10: 4625 failures from one external IP against 40 accounts, one try each. */
export default {
  id: 'password-spray',
  rules: ['cyber-password-spray'],
  days: (plan) => [plan.workDay(0)],
  play(scene, d, rng) {
    const { start, end, targets } = sprayWindow(scene, d);
    targets.forEach((p, i) => {
      scene.logs.windows.failedLogon(start + i * EVERY_MS + rng.int(0, 900), p.account, ATTACK.spray, '-');
    });
    const detection = {
      description: 'failed logons from the spraying IP',
      query: `event.code:4625 AND source.ip:${ATTACK.spray}`,
      minCount: targets.length,
    };
    scene.record(
      {
        id: 'password-spray',
        title: 'Password spray from one external IP against many accounts',
        who: ATTACK.spray,
        what:
          `4625 failures (NTLM, network logon) against ${targets.length} different accounts, ` +
          'one try each, every ~17 s',
        monitoringPoint: 'Intrusion: mass logon failures',
        useCase: '1 cyber attack',
        detections: [detection],
      },
      start,
      end,
    );
  },
} satisfies ScenarioDef;
