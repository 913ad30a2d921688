import { subject } from '../logs/windows';
import { ATTACK, DC, DOMAIN } from '../office';
import { MINUTE } from '../time';
import { sprayWindow } from './password-spray';
import type { Scene } from './scene';
import type { ScenarioDef } from './types';

/** The logon id of the victim's session from the attacker's address, which the whole intrusion runs in. */
export const INTRUDER_LOGON = '0x7a1f00';

/** The spray hits: the victim's account logs on from the attacker's IP four minutes after the spray ends. */
export function intrusionStart(scene: Scene, d: number): number {
  return sprayWindow(scene, d).end + 4 * MINUTE;
}

/** After password-spray: the sprayed account logs on from the attacker (4624, 4672), joins Domain Admins (4728). */
export default {
  id: 'escalation-domain-admins',
  rules: ['cyber-admin-escalation'],
  days: (plan) => [plan.workDay(0)],
  play(scene, d) {
    const { victim } = scene.cast;
    const { windows } = scene.logs;
    const t = intrusionStart(scene, d);
    const lid = INTRUDER_LOGON;
    windows.logon('dc', t, 'DC01', victim, 3, ATTACK.spray, lid);
    const privileges = 'SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeDebugPrivilege';
    windows.security(
      'dc',
      t + 100,
      DC,
      4672,
      [...subject(victim, lid), ['PrivilegeList', privileges]],
      'Special privileges assigned to new logon.',
      { task: 12548, taskName: 'Special Logon' },
    );
    windows.security(
      'dc',
      t + 60_000,
      DC,
      4728,
      [
        ['MemberName', `CN=${victim.romaji},OU=営業部,DC=corp,DC=example,DC=co,DC=jp`],
        ['MemberSid', victim.sid],
        ['TargetUserName', 'Domain Admins'],
        ['TargetDomainName', DOMAIN],
        ['TargetSid', 'S-1-5-21-3623811015-3361044348-30300820-512'],
        ...subject(victim, lid),
        ['PrivilegeList', '-'],
      ],
      'A member was added to a security-enabled global group.',
      { task: 13826, taskName: 'Security Group Management' },
    );
    scene.record(
      {
        id: 'escalation-domain-admins',
        title: 'A compromised sales account adds itself to Domain Admins',
        who: victim.account,
        what: `logon from ${ATTACK.spray} right after the spray, 4672 special logon, then 4728 into Domain Admins`,
        monitoringPoint: 'Intrusion: escalation to admin rights',
        useCase: '1 cyber attack',
        detections: [
          {
            description: 'member added to Domain Admins',
            query: 'event.code:4728 AND group.name:"Domain Admins"',
            minCount: 1,
          },
          {
            description: 'the victim logged on from the attacker IP',
            query: `event.code:4624 AND user.name:${victim.account} AND source.ip:${ATTACK.spray}`,
            minCount: 1,
          },
        ],
      },
      t,
      t + 60_000,
    );
  },
} satisfies ScenarioDef;
