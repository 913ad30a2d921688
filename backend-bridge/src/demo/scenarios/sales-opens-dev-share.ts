import { fileAccess } from '../logs/file-access';
import { EXTS, SHARE_FILES } from '../office';
import type { ScenarioDef } from './types';

/** Day 7, 15:10: a sales user reads 25 files on the 開発 share, never touched before (no rule: the risk score). */
export default {
  id: 'sales-opens-dev-share',
  rules: [],
  days: (plan) => [plan.workDay(7)],
  present: (plan, cast) => [[cast.explorer, plan.workDay(7)]],
  play(scene, d, rng) {
    const { explorer } = scene.cast;
    const t = scene.at(d, 15, 10);
    let u = t;
    for (let i = 0; i < 25; i++) {
      const at = u + rng.int(5000, 40_000);
      const folder = rng.pick(['ソースコード', '製品設計', '仕様書']);
      const path = `C:\\Shares\\開発\\${folder}\\${rng.pick(SHARE_FILES)}_${i + 1}${rng.pick(EXTS)}`;
      u = fileAccess(scene.logs.windows, at, 'FS01', explorer, '0x6b0c2a', path, 'read');
    }
    scene.record(
      {
        id: 'sales-opens-dev-share',
        title: 'A sales user opens development shares never touched before',
        who: explorer.account,
        what: '25 files under C:\\Shares\\開発 read, after weeks of 営業-only access',
        monitoringPoint: 'Insider: unusual behaviour (risk score)',
        useCase: '2 insider',
        detections: [
          {
            description: 'reads of 開発 by the sales user',
            query: `user.name:${explorer.account} AND file.path:*\\\\開発\\\\*`,
            minCount: 25,
          },
        ],
      },
      t,
      u,
    );
  },
} satisfies ScenarioDef;
