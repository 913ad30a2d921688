import { MINUTE } from '../time';
import type { ScenarioDef } from './types';

/** Day 10, 11:20: the Cisco AP ap-3f-02 logs 80 radio errors (RX buffer full, max retries) in 10 minutes. */
export default {
  id: 'ap-error-storm',
  rules: ['failure-ap-errors'],
  days: (plan) => [plan.workDay(10)],
  play(scene, d, rng) {
    const { devices } = scene.logs;
    const t = scene.at(d, 11, 20);
    for (let i = 0; i < 80; i++) {
      const u = t + i * 7000 + rng.int(0, 2000);
      if (i % 3 === 0) {
        const full = '%DOT11-3-RADIO_RX_BUF_FULL: Interface Dot11Radio1, Radio receive buffer full';
        devices.cisco('ap', u, 187, 'ap-3f-02', full);
      } else {
        const client = `3c22.fb${rng.hex(2)}.${rng.hex(4)}`;
        const retries = `%DOT11-4-MAXRETRIES: Packet to client ${client} reached max retries, removing the client`;
        devices.cisco('ap', u, 188, 'ap-3f-02', retries);
      }
    }
    scene.record(
      {
        id: 'ap-error-storm',
        title: 'Wireless AP error storm',
        who: 'ap-3f-02',
        what: '80 radio errors (RX buffer full, max retries) in 10 minutes',
        monitoringPoint: 'Failure investigation: wireless AP errors',
        useCase: '5 failure investigation',
        detections: [{ description: 'AP errors', query: 'host.name:ap-3f-02 AND event.severity:<=4', minCount: 80 }],
      },
      t,
      t + 10 * MINUTE,
    );
  },
} satisfies ScenarioDef;
