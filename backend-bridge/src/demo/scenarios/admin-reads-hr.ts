import { fileAccess } from '../logs/file-access';
import { pgauditMessage } from '../render/postgres';
import { MINUTE } from '../time';
import { ADMIN_LOGON, aclChangeAt } from './acl-change-confidential';
import type { ScenarioDef } from './types';

const SECRET = 'C:\\Shares\\人事\\機密';
const HR_TABLES = ['employees', 'salaries', 'evaluations', 'addresses'];

/**
 * Day 6, right after acl-change-confidential: the admin reads 40 files under 人事\機密 on FS02, then runs 120
 * `select *` on the HR database from psql.
 */
export default {
  id: 'admin-reads-hr',
  rules: ['insider-server-mass-reads'],
  days: (plan) => [plan.workDay(6)],
  present: (plan, cast) => [[cast.admin, plan.workDay(6)]],
  play(scene, d, rng) {
    const { admin } = scene.cast;
    const { windows, hrdb } = scene.logs;
    const t = aclChangeAt(scene, d);
    let u = t + 5 * MINUTE;
    for (let i = 0; i < 40; i++) {
      const path = i === 0 ? `${SECRET}\\給与一覧_2026.xlsx` : `${SECRET}\\人事評価_${i}.xlsx`;
      u = fileAccess(windows, u + rng.int(3000, 20_000), 'FS02', admin, ADMIN_LOGON, path, 'read');
    }
    const tdb = u + 2 * MINUTE;
    const pid = hrdb.nextPid();
    const who = `${admin.account}@hrdb`;
    hrdb.line(tdb, pid, '[unknown]@[unknown]', `connection received: host=${admin.ip} port=52344`);
    hrdb.line(tdb + 20, pid, who, `connection authorized: user=${admin.account} database=hrdb application_name=psql`);
    let v = tdb + 1000;
    for (let i = 0; i < 120; i++) {
      const table = HR_TABLES[i % 4];
      hrdb.line(
        v,
        pid,
        who,
        pgauditMessage(i + 1, 'READ', 'SELECT', table, `select * from ${table} offset ${i * 5000} limit 5000`),
      );
      v += rng.int(800, 4000);
    }
    scene.record(
      {
        id: 'admin-reads-hr',
        title: 'A privileged admin reads HR files and bulk-selects the HR database',
        who: admin.account,
        what: '40 files under 人事\\機密 read on FS02, then 120 SELECT * on hrdb from psql',
        monitoringPoint: 'Insider: privileged use (file reads, DB operations)',
        useCase: '2 insider, 3 audit',
        detections: [
          {
            description: 'admin file reads in 人事',
            query: `event.action:read-file AND user.name:${admin.account} AND file.path:*人事*`,
            minCount: 40,
          },
          {
            description: 'bulk SELECTs on hrdb by the admin',
            query: `user.name:${admin.account} AND event.action:db-read`,
            minCount: 100,
          },
        ],
      },
      t,
      v,
    );
  },
} satisfies ScenarioDef;
