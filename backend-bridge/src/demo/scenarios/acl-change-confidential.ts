import { subject } from '../logs/windows';
import { FQDN } from '../office';
import type { Scene } from './scene';
import type { ScenarioDef } from './types';

/** The administrator's session on FS02, which admin-reads-hr continues. */
export const ADMIN_LOGON = '0x5e11a0';
const OLD_SD = 'D:PAI(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;S-1-5-21-3623811015-3361044348-30300820-3001)';

/** 18:40 of day 6. */
export function aclChangeAt(scene: Scene, d: number): number {
  return scene.at(d, 18, 40);
}

/** Day 6, 18:40: a privileged admin gives Everyone full control on C:\Shares\人事\機密 (4670 on FS02). */
export default {
  id: 'acl-change-confidential',
  rules: ['insider-acl-change', 'audit-important-folder-changes'],
  days: (plan) => [plan.workDay(6)],
  present: (plan, cast) => [[cast.admin, plan.workDay(6)]],
  play(scene, d) {
    const { admin } = scene.cast;
    const { windows } = scene.logs;
    const t = aclChangeAt(scene, d);
    windows.security(
      'fileServers',
      t,
      `FS02.${FQDN}`,
      4670,
      [
        ...subject(admin, ADMIN_LOGON),
        ['ObjectServer', 'Security'],
        ['ObjectType', 'File'],
        ['ObjectName', 'C:\\Shares\\人事\\機密'],
        ['HandleId', windows.nextHandle()],
        ['OldSd', OLD_SD],
        ['NewSd', `${OLD_SD}(A;OICI;FA;;;WD)`],
        ['ProcessId', '0x4'],
        ['ProcessName', ''],
      ],
      'Permissions on an object were changed.',
      { task: 13570, taskName: 'Authorization Policy Change' },
    );
    scene.record(
      {
        id: 'acl-change-confidential',
        title: 'Everyone given full control on the confidential HR folder',
        who: admin.account,
        what: '4670 on C:\\Shares\\人事\\機密 adds (A;OICI;FA;;;WD)',
        monitoringPoint: 'Insider: ACL change on important folders',
        useCase: '2 insider, 3 audit',
        detections: [
          {
            description: 'permission change on 機密',
            query: 'event.code:4670 AND file.path:*人事\\\\機密*',
            minCount: 1,
          },
        ],
      },
      t,
      t,
    );
  },
} satisfies ScenarioDef;
