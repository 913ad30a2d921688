import { auditSubcategory, AUDIT_CATEGORIES, decodeMessageCodes, isAdminGroup } from './codes';
import type { MapCtx, Mapper } from './map';
import { val } from './model';
import { listWords, say, setUser } from './text';

function subject(c: MapCtx): string {
  const name = val(c.d, 'SubjectUserName');
  setUser(c.out, name, val(c.d, 'SubjectDomainName'), val(c.d, 'SubjectUserSid'));
  const logonId = val(c.d, 'SubjectLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  return name ?? '(unknown)';
}

function targetAccount(c: MapCtx): string {
  const name = val(c.d, 'TargetUserName') ?? val(c.d, 'SamAccountName');
  if (name) c.out['user.target.name'] = name;
  const domain = val(c.d, 'TargetDomainName');
  if (domain) c.out['user.target.domain'] = domain;
  const sid = val(c.d, 'TargetSid');
  if (sid) c.out['user.target.id'] = sid;
  return name ?? sid ?? '(unknown)';
}

/** `%%2080` style UserAccountControl changes of 4738, in words. */
const UAC_CODES: Record<string, [string, string]> = {
  '2048': ['アカウント有効化', 'account enabled'],
  '2080': ['アカウント無効化', 'account disabled'],
  '2050': ['パスワード不要を解除', "'password not required' off"],
  '2082': ['パスワード不要を設定', "'password not required' on"],
  '2057': ['パスワード無期限を解除', "'password never expires' off"],
  '2089': ['パスワード無期限を設定', "'password never expires' on"],
  '2064': ['事前認証不要を解除', "'no pre-authentication' off"],
  '2096': ['事前認証不要を設定', "'no pre-authentication' on"],
  '2061': ['委任の信頼を解除', "'trusted for delegation' off"],
  '2093': ['委任の信頼を設定', "'trusted for delegation' on"],
  '2060': ['スマートカード必須を解除', "'smart card required' off"],
  '2092': ['スマートカード必須を設定', "'smart card required' on"],
};

/** 4738 attributes whose value is not `-` (or `%%1793`, "<value not set>") were changed. */
const USER_ATTRIBUTES = [
  'SamAccountName',
  'DisplayName',
  'UserPrincipalName',
  'HomeDirectory',
  'HomePath',
  'ScriptPath',
  'ProfilePath',
  'UserWorkstations',
  'PasswordLastSet',
  'AccountExpires',
  'PrimaryGroupId',
  'AllowedToDelegateTo',
  'UserParameters',
  'SidHistory',
  'LogonHours',
];

function changedUserAttributes(c: MapCtx): { ja: string[]; en: string[] } {
  const ja: string[] = [];
  const en: string[] = [];
  for (const key of USER_ATTRIBUTES) {
    const v = val(c.d, key);
    if (v && v !== '%%1793') {
      ja.push(key);
      en.push(key);
    }
  }
  const uac = val(c.d, 'UserAccountControl');
  if (uac) {
    for (const m of uac.matchAll(/%%(\d+)/g)) {
      const w = UAC_CODES[m[1]];
      ja.push(w ? w[0] : `UserAccountControl %%${m[1]}`);
      en.push(w ? w[1] : `UserAccountControl %%${m[1]}`);
    }
  }
  return { ja, en };
}

function userAccount(action: string, type: string, ja: string, en: string): Mapper {
  return (c) => {
    c.out['event.category'] = ['iam'];
    c.out['event.type'] = ['user', type];
    c.out['event.action'] = action;
    c.out['event.outcome'] = c.ev.audit ?? 'success';
    const u = subject(c);
    const t = targetAccount(c);
    let detailJa = '';
    let detailEn = '';
    if (c.ev.eventId === 4738) {
      const changed = changedUserAttributes(c);
      if (changed.en.length) {
        detailJa = `(変更: ${listWords(changed.ja, 6).ja})`;
        detailEn = ` (changed: ${listWords(changed.en, 6).en})`;
      }
    }
    say(
      c.out,
      `${u} が ${c.host} で${ja.replace('{t}', t)}${detailJa}`,
      `${u} ${en.replace('{t}', t).replace('{host}', c.host)}${detailEn}`,
    );
  };
}

const GROUP_KINDS: Record<number, [string, string]> = {
  4728: ['グローバルセキュリティグループ', 'global security group'],
  4729: ['グローバルセキュリティグループ', 'global security group'],
  4732: ['ローカルセキュリティグループ', 'local security group'],
  4733: ['ローカルセキュリティグループ', 'local security group'],
  4756: ['ユニバーサルセキュリティグループ', 'universal security group'],
  4757: ['ユニバーサルセキュリティグループ', 'universal security group'],
};

/** `CN=Sato Hanako,OU=Users,DC=corp,DC=example` → `Sato Hanako`. */
function memberName(dn: string | undefined): string | undefined {
  if (!dn) return undefined;
  const m = /^CN=((?:\\,|[^,])+)/i.exec(dn);
  return m ? m[1].replace(/\\,/g, ',') : dn;
}

function groupMember(added: boolean): Mapper {
  return (c) => {
    c.out['event.category'] = ['iam'];
    c.out['event.action'] = added ? 'added-member-to-group' : 'removed-member-from-group';
    c.out['event.outcome'] = c.ev.audit ?? 'success';
    const u = subject(c);
    const memberSid = val(c.d, 'MemberSid');
    const member = memberName(val(c.d, 'MemberName')) ?? memberSid ?? '(unknown)';
    if (member !== '(unknown)') c.out['user.target.name'] = member;
    if (memberSid) c.out['user.target.id'] = memberSid;
    const group = val(c.d, 'TargetUserName') ?? '(unknown)';
    const groupSid = val(c.d, 'TargetSid');
    c.out['group.name'] = group;
    const groupDomain = val(c.d, 'TargetDomainName');
    if (groupDomain) c.out['group.domain'] = groupDomain;
    if (groupSid) c.out['group.id'] = groupSid;
    const admin = isAdminGroup(group, groupSid);
    c.out['event.type'] = admin ? ['group', 'change', 'admin'] : ['group', 'change'];
    const kind = GROUP_KINDS[c.ev.eventId] ?? ['セキュリティグループ', 'security group'];
    const ja = admin ? `${kind[0]}、管理者グループ` : kind[0];
    const en = admin ? `${kind[1]}, an admin group` : kind[1];
    if (added) {
      say(
        c.out,
        `${u} が ${c.host} で ${member} をグループ ${group} に追加しました(${ja})`,
        `${u} added ${member} to the group ${group} on ${c.host} (${en})`,
      );
    } else {
      say(
        c.out,
        `${u} が ${c.host} で ${member} をグループ ${group} から削除しました(${ja})`,
        `${u} removed ${member} from the group ${group} on ${c.host} (${en})`,
      );
    }
  };
}

const auditPolicyChanged: Mapper = (c) => {
  c.out['event.category'] = ['iam', 'configuration'];
  c.out['event.type'] = ['admin', 'change'];
  c.out['event.action'] = 'changed-audit-config';
  c.out['event.outcome'] = 'success';
  const u = subject(c);
  const sub = auditSubcategory(val(c.d, 'SubcategoryGuid'));
  const catCode = /%%(\d+)/.exec(val(c.d, 'CategoryId') ?? '')?.[1];
  const category = sub?.[1] ?? (catCode ? AUDIT_CATEGORIES[catCode] : undefined);
  const what = [category, sub?.[0]].filter(Boolean).join(' / ');
  const changesJa = decodeMessageCodes(val(c.d, 'AuditPolicyChanges'), 'ja');
  const changesEn = decodeMessageCodes(val(c.d, 'AuditPolicyChanges'), 'en');
  const ja = [what, changesJa].filter(Boolean).join(': ');
  const en = [what, changesEn].filter(Boolean).join(': ');
  say(
    c.out,
    `${u} が ${c.host} の監査ポリシーを変更しました${ja ? `(${ja})` : ''}`,
    `${u} changed the audit policy on ${c.host}${en ? ` (${en})` : ''}`,
  );
};

const DOMAIN_POLICY_FIELDS = [
  'MinPasswordAge',
  'MaxPasswordAge',
  'ForceLogoff',
  'LockoutThreshold',
  'LockoutObservationWindow',
  'LockoutDuration',
  'PasswordProperties',
  'MinPasswordLength',
  'PasswordHistoryLength',
  'MachineAccountQuota',
  'MixedDomainMode',
  'DomainBehaviorVersion',
  'OemInformation',
];

const NEVER: Record<string, string> = { '%%1794': '<never>', '%%1793': '<value not set>' };

const domainPolicyChanged: Mapper = (c) => {
  c.out['event.category'] = ['configuration'];
  c.out['event.type'] = ['change'];
  c.out['event.action'] = 'domain-policy-changed';
  c.out['event.outcome'] = 'success';
  const u = subject(c);
  const policy = val(c.d, 'DomainPolicyChanged') ?? 'Domain Policy';
  const domain = val(c.d, 'DomainName') ?? c.host;
  const changes = DOMAIN_POLICY_FIELDS.flatMap((k) => {
    const v = val(c.d, k);
    return v ? [`${k}=${NEVER[v] ?? v}`] : [];
  });
  const list = listWords(changes, 5);
  say(
    c.out,
    `${u} が ドメイン ${domain} の ${policy} を変更しました${changes.length ? `(${list.ja})` : ''}`,
    `${u} changed the ${policy} of the domain ${domain}${changes.length ? ` (${list.en})` : ''}`,
  );
};

const kerberosPolicyChanged: Mapper = (c) => {
  c.out['event.category'] = ['configuration'];
  c.out['event.type'] = ['change'];
  c.out['event.action'] = 'kerberos-policy-changed';
  c.out['event.outcome'] = 'success';
  const u = subject(c);
  const change = val(c.d, 'KerberosPolicyChange');
  say(
    c.out,
    `${u} が ${c.host} で Kerberos ポリシーを変更しました${change ? `(${change})` : ''}`,
    `${u} changed the Kerberos policy on ${c.host}${change ? ` (${change})` : ''}`,
  );
};

function userRight(assigned: boolean): Mapper {
  return (c) => {
    c.out['event.category'] = ['iam', 'configuration'];
    c.out['event.type'] = ['admin', 'change'];
    c.out['event.action'] = assigned ? 'user-right-assigned' : 'user-right-removed';
    c.out['event.outcome'] = 'success';
    const u = subject(c);
    const to = val(c.d, 'TargetSid') ?? '(unknown)';
    if (to !== '(unknown)') c.out['user.target.id'] = to;
    const privs = (val(c.d, 'PrivilegeList') ?? '').split(/\s+/).filter(Boolean);
    const list = listWords(privs, 4);
    if (assigned) {
      say(
        c.out,
        `${u} が ${c.host} で ${to} にユーザー権利 ${list.ja} を割り当てました`,
        `${u} assigned the user right ${list.en} to ${to} on ${c.host}`,
      );
    } else {
      say(
        c.out,
        `${u} が ${c.host} で ${to} からユーザー権利 ${list.ja} を削除しました`,
        `${u} removed the user right ${list.en} from ${to} on ${c.host}`,
      );
    }
  };
}

export const ACCOUNT_MAPPERS: Array<[number, Mapper]> = [
  [
    4720,
    userAccount(
      'added-user-account',
      'creation',
      'ユーザーアカウント {t} を作成しました',
      'created the user account {t} on {host}',
    ),
  ],
  [
    4722,
    userAccount(
      'enabled-user-account',
      'change',
      'ユーザーアカウント {t} を有効にしました',
      'enabled the user account {t} on {host}',
    ),
  ],
  [
    4724,
    userAccount(
      'reset-password',
      'change',
      ' {t} のパスワードをリセットしました',
      'reset the password of {t} on {host}',
    ),
  ],
  [
    4725,
    userAccount(
      'disabled-user-account',
      'deletion',
      'ユーザーアカウント {t} を無効にしました',
      'disabled the user account {t} on {host}',
    ),
  ],
  [
    4726,
    userAccount(
      'deleted-user-account',
      'deletion',
      'ユーザーアカウント {t} を削除しました',
      'deleted the user account {t} on {host}',
    ),
  ],
  [
    4738,
    userAccount(
      'modified-user-account',
      'change',
      'ユーザーアカウント {t} を変更しました',
      'changed the user account {t} on {host}',
    ),
  ],
  [4728, groupMember(true)],
  [4729, groupMember(false)],
  [4732, groupMember(true)],
  [4733, groupMember(false)],
  [4756, groupMember(true)],
  [4757, groupMember(false)],
  [4719, auditPolicyChanged],
  [4739, domainPolicyChanged],
  [4713, kerberosPolicyChanged],
  [4704, userRight(true)],
  [4705, userRight(false)],
];
