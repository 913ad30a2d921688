import { subject, type EventData } from '../logs/windows';
import { EXTS, FQDN, SHARE_FILES } from '../office';
import type { ScenarioDef } from './types';

const FILES = 300;
const EXE = 'C:\\Users\\Public\\svch0st.exe';
const FILE_SYSTEM = { task: 12800, taskName: 'File System' };
const T = '\n\t\t\t\t';

/**
 * Day 3, 02:14: from the victim's session, svch0st.exe renames 300 files on the 総務 share to *.lockbit in about
 * two minutes. A rename as the Security log writes it: DELETE on the file, WriteData on its folder, then the new name.
 */
export default {
  id: 'ransomware-rename-burst',
  rules: ['cyber-mass-renames'],
  days: (plan) => [plan.workDay(3)],
  present: (plan, cast) => [[cast.ransom, plan.workDay(3)]],
  play(scene, d, rng) {
    const { ransom } = scene.cast;
    const { windows } = scene.logs;
    const t = scene.at(d, 2, 14);
    const comp = `FS02.${FQDN}`;
    const base = subject(ransom, '0x1c93a0e');
    const process: EventData = [
      ['ProcessId', '0x2b1c'],
      ['ProcessName', EXE],
    ];
    const handle = (path: string, h: string, list: string, mask: string): EventData => [
      ...base,
      ['ObjectServer', 'Security'],
      ['ObjectType', 'File'],
      ['ObjectName', path],
      ['HandleId', h],
      ['TransactionId', '{00000000-0000-0000-0000-000000000000}'],
      ['AccessList', list],
      ['AccessReason', '-'],
      ['AccessMask', mask],
      ['PrivilegeList', '-'],
      ['RestrictedSidCount', '0'],
      ...process,
      ['ResourceAttributes', 'S:AI'],
    ];
    const access = (path: string, h: string, list: string, mask: string): EventData => [
      ...base,
      ['ObjectServer', 'Security'],
      ['ObjectType', 'File'],
      ['ObjectName', path],
      ['HandleId', h],
      ['AccessList', list],
      ['AccessMask', mask],
      ...process,
      ['ResourceAttributes', 'S:AI'],
    ];
    const close = (h: string): EventData => [...base, ['ObjectServer', 'Security'], ['HandleId', h], ...process];
    const requested = 'A handle to an object was requested.';
    const attempted = 'An attempt was made to access an object.';
    const closed = 'The handle to an object was closed.';
    const opened = { version: 1, ...FILE_SYSTEM };
    let u = t;
    for (let i = 0; i < FILES; i++) {
      const dir = `C:\\Shares\\総務\\${rng.pick(['規程', '契約', '備品', '2026年度'])}`;
      const path = `${dir}\\${rng.pick(SHARE_FILES)}_${i + 1}${rng.pick(EXTS)}`;
      const h1 = windows.nextHandle();
      windows.security(
        'fileServers',
        u,
        comp,
        4656,
        handle(path, h1, `%%1537${T}%%1541${T}%%4423${T}`, '0x110080'),
        requested,
        opened,
      );
      windows.security('fileServers', u + 2, comp, 4663, access(path, h1, `%%1537${T}`, '0x10000'), attempted, opened);
      const h2 = windows.nextHandle();
      windows.security('fileServers', u + 3, comp, 4663, access(dir, h2, `%%4417${T}`, '0x2'), attempted, opened);
      windows.security('fileServers', u + 5, comp, 4658, close(h1), closed, FILE_SYSTEM);
      const h3 = windows.nextHandle();
      const renamed = `${path}.lockbit`;
      windows.security(
        'fileServers',
        u + 7,
        comp,
        4656,
        handle(renamed, h3, `%%1541${T}%%4424${T}`, '0x100100'),
        requested,
        opened,
      );
      windows.security('fileServers', u + 8, comp, 4663, access(renamed, h3, `%%4424${T}`, '0x100'), attempted, opened);
      windows.security('fileServers', u + 9, comp, 4658, close(h3), closed, FILE_SYSTEM);
      u += rng.int(250, 450);
    }
    scene.record(
      {
        id: 'ransomware-rename-burst',
        title: 'Ransomware-like burst of renames on the 総務 share',
        who: ransom.account,
        what: `${FILES} files renamed to *.lockbit by ${EXE} in about 2 minutes at night`,
        monitoringPoint: 'Information gathering: mass renames (ransomware)',
        useCase: '1 cyber attack',
        detections: [
          {
            description: 'renames by the victim account',
            query: `event.action:renamed-file AND user.name:${ransom.account}`,
            minCount: Math.floor(FILES * 0.9),
          },
        ],
      },
      t,
      u,
    );
  },
} satisfies ScenarioDef;
