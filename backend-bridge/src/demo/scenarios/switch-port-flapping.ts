import { MINUTE } from '../time';
import type { ScenarioDef } from './types';

const PORT = 'GigabitEthernet1/0/17';

/** Day 10, 11:02: Gi1/0/17 on floor3-sw01 goes down and up 24 times in 10 minutes (LINK-3 and LINEPROTO-5). */
export default {
  id: 'switch-port-flapping',
  rules: ['failure-network-errors'],
  days: (plan) => [plan.workDay(10)],
  play(scene, d, rng) {
    const { devices } = scene.logs;
    const t = scene.at(d, 11, 2);
    for (let i = 0; i < 24; i++) {
      const u = t + i * 25_000 + rng.int(0, 3000);
      const state = i % 2 === 0 ? 'down' : 'up';
      devices.cisco('switch', u, 187, 'floor3-sw01', `%LINK-3-UPDOWN: Interface ${PORT}, changed state to ${state}`);
      const protocol = `%LINEPROTO-5-UPDOWN: Line protocol on Interface ${PORT}, changed state to ${state}`;
      devices.cisco('switch', u + 1000, 189, 'floor3-sw01', protocol);
    }
    scene.record(
      {
        id: 'switch-port-flapping',
        title: 'Switch port Gi1/0/17 flapping',
        who: 'floor3-sw01',
        what: '24 link up/down changes in 10 minutes',
        monitoringPoint: 'Failure investigation: network device errors',
        useCase: '5 failure investigation',
        detections: [
          {
            description: 'link state changes on the port',
            query: `host.name:floor3-sw01 AND observer.ingress.interface.name:"${PORT}"`,
            minCount: 24,
          },
        ],
      },
      t,
      t + 10 * MINUTE,
    );
  },
} satisfies ScenarioDef;
