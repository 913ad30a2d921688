import { HOUR, MINUTE } from '../time';
import type { ScenarioDef } from './types';

/** Day 5, 13:00: one factory PC downloads ~40 GB in an hour (Zeek conn), about 90 Mbit/s. No rule: a panel finds it. */
export default {
  id: 'uplink-saturation',
  rules: [],
  days: (plan) => [plan.workDay(5)],
  present: (plan, cast) => [[cast.saturator, plan.workDay(5)]],
  play(scene, d, rng) {
    const { saturator } = scene.cast;
    const t = scene.at(d, 13, 0);
    for (let i = 0; i < 60; i++) {
      const sent = rng.int(40_000, 90_000);
      const received = rng.int(600_000_000, 750_000_000);
      const download = {
        src: saturator.ip,
        dst: `203.0.113.${200 + (i % 5)}`,
        port: 443,
        service: 'ssl',
        duration: 59.5,
      };
      scene.logs.zeek.conn(t + i * MINUTE, { ...download, sent, received }, rng);
    }
    scene.record(
      {
        id: 'uplink-saturation',
        title: 'One PC saturates the Internet uplink for an hour',
        who: saturator.account,
        what: `${saturator.ip} downloads ~40 GB in 60 minutes (Zeek conn), about 90 Mbit/s`,
        monitoringPoint: 'Failure investigation: communication bottlenecks',
        useCase: '5 failure investigation',
        detections: [
          {
            description: 'large Zeek connections from the PC',
            query: `source.ip:${saturator.ip} AND destination.bytes:>=500000000`,
            minCount: 60,
          },
        ],
      },
      t,
      t + HOUR,
    );
  },
} satisfies ScenarioDef;
