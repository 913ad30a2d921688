import { subject } from '../logs/windows';
import { DC, DOMAIN } from '../office';
import { MINUTE } from '../time';
import { backdoorStart } from './backdoor-account';
import { INTRUDER_LOGON } from './escalation-domain-admins';
import type { ScenarioDef } from './types';

/** After backdoor-account: 4719 turns logon auditing off on DC01, 1102 clears the Security log 90 s later. */
export default {
  id: 'audit-policy-and-log-clear',
  rules: ['cyber-policy-change'],
  days: (plan) => [plan.workDay(0)],
  play(scene, d) {
    const { victim } = scene.cast;
    const { windows } = scene.logs;
    const t = backdoorStart(scene, d) + 5 * MINUTE;
    const lid = INTRUDER_LOGON;
    windows.security(
      'dc',
      t,
      DC,
      4719,
      [
        ...subject(victim, lid),
        ['CategoryId', '%%8276'],
        ['SubcategoryId', '%%12544'],
        ['SubcategoryGuid', '{0cce9215-69ae-11d9-bed3-505054503030}'],
        ['AuditPolicyChanges', '%%8448, %%8450'],
      ],
      'System audit policy was changed.',
      { task: 13568, taskName: 'Audit Policy Change' },
    );
    windows.event('dc', {
      t: t + 90_000,
      id: 1102,
      provider: 'Microsoft-Windows-Eventlog',
      channel: 'Security',
      computer: DC,
      audit: 'success',
      task: 104,
      data: [
        ['SubjectUserSid', victim.sid],
        ['SubjectUserName', victim.account],
        ['SubjectDomainName', DOMAIN],
        ['SubjectLogonId', lid],
      ],
      userData: { element: 'LogFileCleared', ns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' },
      message: 'The audit log was cleared.',
    });
    scene.record(
      {
        id: 'audit-policy-and-log-clear',
        title: 'Audit policy weakened, then the Security log cleared',
        who: victim.account,
        what: '4719 removes logon auditing on DC01, 1102 clears the Security log 90 s later',
        monitoringPoint: 'Intrusion: policy change',
        useCase: '1 cyber attack, 3 audit',
        detections: [
          { description: 'audit policy changed', query: 'event.code:4719', minCount: 1 },
          { description: 'security log cleared', query: 'event.code:1102', minCount: 1 },
        ],
      },
      t,
      t + 90_000,
    );
  },
} satisfies ScenarioDef;
