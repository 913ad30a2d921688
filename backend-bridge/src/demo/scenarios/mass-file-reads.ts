import { fileAccess } from '../logs/file-access';
import type { ScenarioDef } from './types';

const FILES = 600;

/** Day 2, 19:05: one developer reads 600 design files under 開発\製品設計 on FS01 in about 15 minutes. */
export default {
  id: 'mass-file-reads',
  rules: ['cyber-mass-file-reads'],
  days: (plan) => [plan.workDay(2)],
  present: (plan, cast) => [[cast.devReader, plan.workDay(2)]],
  play(scene, d, rng) {
    const { devReader } = scene.cast;
    const t = scene.at(d, 19, 5);
    let u = t;
    for (let i = 0; i < FILES; i++) {
      const path = `C:\\Shares\\開発\\製品設計\\図面_${String(i + 1).padStart(4, '0')}.dwg`;
      u = fileAccess(scene.logs.windows, u + rng.int(400, 2200), 'FS01', devReader, '0xd00d01', path, 'read');
    }
    scene.record(
      {
        id: 'mass-file-reads',
        title: 'One developer reads 600 design files in 15 minutes',
        who: devReader.account,
        what: `${FILES} distinct files under C:\\Shares\\開発\\製品設計 read from FS01`,
        monitoringPoint: 'Information gathering / insider: mass file reads',
        useCase: '1 cyber attack, 2 insider',
        detections: [
          {
            description: 'read records for the design folder',
            query: `event.action:read-file AND user.name:${devReader.account} AND file.path:*製品設計*`,
            minCount: FILES,
          },
        ],
      },
      t,
      u,
    );
  },
} satisfies ScenarioDef;
