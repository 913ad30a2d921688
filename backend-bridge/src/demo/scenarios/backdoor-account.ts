import { subject, type EventData } from '../logs/windows';
import { DC, DOMAIN, FQDN } from '../office';
import { MINUTE } from '../time';
import { INTRUDER_LOGON, intrusionStart } from './escalation-domain-admins';
import type { Scene } from './scene';
import type { ScenarioDef } from './types';

const BACKDOOR = { sid: 'S-1-5-21-3623811015-3361044348-30300820-4242', account: 'svc_backup2' };
const ACCOUNT_MANAGEMENT = { task: 13824, taskName: 'User Account Management' };
const NOT_SET = '%%1793';

/** Six minutes after the intruder's logon. */
export function backdoorStart(scene: Scene, d: number): number {
  return intrusionStart(scene, d) + 6 * MINUTE;
}

/** After escalation-domain-admins: 4720 creates svc_backup2, 4722 enables it, 4724 sets its password, 4732 admin. */
export default {
  id: 'backdoor-account',
  rules: ['cyber-account-created'],
  days: (plan) => [plan.workDay(0)],
  play(scene, d) {
    const { victim } = scene.cast;
    const { windows } = scene.logs;
    const t = backdoorStart(scene, d);
    const by = subject(victim, INTRUDER_LOGON);
    const target: EventData = [
      ['TargetUserName', BACKDOOR.account],
      ['TargetDomainName', DOMAIN],
      ['TargetSid', BACKDOOR.sid],
    ];
    const created: EventData = [
      ...target,
      ...by,
      ['PrivilegeList', '-'],
      ['SamAccountName', BACKDOOR.account],
      ['DisplayName', NOT_SET],
      ['UserPrincipalName', `${BACKDOOR.account}@${FQDN}`],
      ['HomeDirectory', NOT_SET],
      ['HomePath', NOT_SET],
      ['ScriptPath', NOT_SET],
      ['ProfilePath', NOT_SET],
      ['UserWorkstations', NOT_SET],
      ['PasswordLastSet', '%%1794'],
      ['AccountExpires', '%%1794'],
      ['PrimaryGroupId', '513'],
      ['AllowedToDelegateTo', '-'],
      ['OldUacValue', '0x0'],
      ['NewUacValue', '0x15'],
      ['UserAccountControl', '\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084'],
      ['UserParameters', NOT_SET],
      ['SidHistory', '-'],
      ['LogonHours', '%%1797'],
    ];
    windows.security('dc', t, DC, 4720, created, 'A user account was created.', ACCOUNT_MANAGEMENT);
    windows.security('dc', t + 2000, DC, 4722, [...target, ...by], 'A user account was enabled.', ACCOUNT_MANAGEMENT);
    const reset = "An attempt was made to reset an account's password.";
    windows.security('dc', t + 3000, DC, 4724, [...target, ...by], reset, ACCOUNT_MANAGEMENT);
    const added: EventData = [
      ['MemberName', '-'],
      ['MemberSid', BACKDOOR.sid],
      ['TargetUserName', 'Administrators'],
      ['TargetDomainName', 'Builtin'],
      ['TargetSid', 'S-1-5-32-544'],
      ...by,
      ['PrivilegeList', '-'],
    ];
    windows.security('dc', t + 9000, DC, 4732, added, 'A member was added to a security-enabled local group.', {
      task: 13826,
      taskName: 'Security Group Management',
    });
    scene.record(
      {
        id: 'backdoor-account',
        title: 'A backdoor account is created and made an administrator',
        who: victim.account,
        what:
          `4720 creates ${BACKDOOR.account}, 4722 enables it, 4724 resets its password, ` +
          '4732 adds it to Administrators',
        monitoringPoint: 'Intrusion: account creation',
        useCase: '1 cyber attack, 3 audit',
        detections: [
          {
            description: 'account created',
            query: `event.code:4720 AND user.target.name:${BACKDOOR.account}`,
            minCount: 1,
          },
          {
            description: 'added to Administrators',
            query: 'event.code:4732 AND group.name:Administrators',
            minCount: 1,
          },
        ],
      },
      t,
      t + 9000,
    );
  },
} satisfies ScenarioDef;
