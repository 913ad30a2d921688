import { ATTACK } from '../office';
import { MINUTE } from '../time';
import type { ScenarioDef } from './types';

/** Day 5, 10:30: a factory PC holds 30 sessions to an Internet host on TCP 4444; 6 more to 6667 are denied. */
export default {
  id: 'non-permitted-port',
  rules: ['cyber-non-permitted-ports'],
  days: (plan) => [plan.workDay(5)],
  present: (plan, cast) => [[cast.portUser, plan.workDay(5)]],
  play(scene, d, rng) {
    const { portUser } = scene.cast;
    const { firewall } = scene.logs;
    const t = scene.at(d, 10, 30);
    const to = { src: portUser.ip, dst: ATTACK.c2, user: portUser.account };
    for (let i = 0; i < 30; i++) {
      const sent = rng.int(2000, 9000);
      const received = rng.int(2000, 9000);
      firewall.forward(
        t + i * 60_000,
        { ...to, port: 4444, service: 'tcp/4444', sent, received, action: 'accept' },
        rng,
      );
    }
    const policy = { id: 9, name: 'Block-Unlisted-Ports' };
    for (let i = 0; i < 6; i++) {
      const denied = { ...to, port: 6667, service: 'tcp/6667', sent: 0, received: 0, action: 'deny', policy };
      firewall.forward(t + i * 5 * MINUTE + 30_000, denied, rng);
    }
    scene.record(
      {
        id: 'non-permitted-port',
        title: 'A factory PC talks to the Internet on TCP 4444 and 6667',
        who: portUser.account,
        what: '30 allowed sessions to 198.51.100.99:4444 and 6 denied to :6667',
        monitoringPoint: 'Exfiltration: non-permitted ports',
        useCase: '1 cyber attack',
        detections: [
          {
            description: 'sessions to port 4444',
            query: `destination.port:4444 AND source.ip:${portUser.ip}`,
            minCount: 30,
          },
        ],
      },
      t,
      t + 30 * MINUTE,
    );
  },
} satisfies ScenarioDef;
