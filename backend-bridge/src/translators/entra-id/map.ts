/** The event of an Entra ID sign-in and of a directory audit; `rules.ts` says which form a record is. */
import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { kebab } from '../_lib/wording';
import { obj, str } from '../_lib/json';
import { isIp } from '../_lib/network';

type Json = Record<string, unknown>;

function timeOf(v: unknown, field: string): string {
  const t = str(v);
  const ms =
    t && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(t) ? Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(t) ? t : `${t}Z`) : NaN;
  if (!t || Number.isNaN(ms))
    throw new ParseError(`expected ${field} such as 2026-10-01T00:00:41Z, found ${JSON.stringify(v ?? null)}`);
  return new Date(ms).toISOString();
}

function setUpn(ev: KansaEvent, upn: string | undefined): string | undefined {
  if (!upn) return undefined;
  const at = upn.indexOf('@');
  if (at > 0) {
    ev['user.email'] = upn;
    ev['user.domain'] = upn.slice(at + 1);
  }
  ev['user.name'] = at > 0 ? upn.slice(0, at) : upn;
  return ev['user.name'] as string;
}

function base(dataset: string): KansaEvent {
  return {
    'event.kind': 'event',
    'event.module': 'entra_id',
    'event.dataset': dataset,
    'kansa.source_type': 'entra-id',
    'observer.vendor': 'Microsoft',
    'observer.product': 'Entra ID',
  };
}

/** A sign-in (Graph `signIn` resource, or the `properties` of a SignInLogs diagnostic record). */
export function mapSignIn(p: Json, category = 'SignInLogs'): KansaEvent {
  const ev = base('entra_id.signinlogs');
  ev['@timestamp'] = timeOf(p.createdDateTime, 'createdDateTime');
  const id = str(p.id);
  if (id) ev['event.id'] = id;
  const who = setUpn(ev, str(p.userPrincipalName)) ?? str(p.servicePrincipalName);
  const full = str(p.userDisplayName);
  if (full) ev['user.full_name'] = full;
  const uid = str(p.userId);
  if (uid) ev['user.id'] = uid;
  const ip = str(p.ipAddress);
  if (ip && isIp(ip)) ev['source.ip'] = ip;
  const ua = str(p.userAgent);
  if (ua) ev['user_agent.original'] = ua;
  const status = obj(p.status) ?? {};
  const code = Number(status.errorCode ?? 0);
  const failed = code !== 0;
  const reason = str(status.failureReason);
  ev['event.code'] = String(code);
  ev['event.category'] = ['authentication'];
  ev['event.type'] = ['start'];
  ev['event.action'] = failed ? 'logon-failed' : 'logged-in';
  ev['event.outcome'] = failed ? 'failure' : 'success';
  if (failed) {
    ev['error.code'] = String(code);
    if (reason) ev['event.reason'] = reason;
  }
  const device = obj(p.deviceDetail) ?? {};
  const loc = obj(p.location) ?? {};
  const app = str(p.appDisplayName) ?? str(p.resourceDisplayName);
  const raw: Record<string, string> = { category };
  const keep: Array<[string, unknown]> = [
    ['appDisplayName', p.appDisplayName],
    ['resourceDisplayName', p.resourceDisplayName],
    ['clientAppUsed', p.clientAppUsed],
    ['conditionalAccessStatus', p.conditionalAccessStatus],
    ['isInteractive', p.isInteractive],
    ['authenticationRequirement', p.authenticationRequirement],
    ['riskLevelDuringSignIn', p.riskLevelDuringSignIn],
    ['riskState', p.riskState],
    ['userType', p.userType],
    ['correlationId', p.correlationId],
    ['deviceName', device.displayName],
    ['operatingSystem', device.operatingSystem],
    ['browser', device.browser],
    ['isCompliant', device.isCompliant],
    ['trustType', device.trustType],
    ['city', loc.city],
    ['countryOrRegion', loc.countryOrRegion],
  ];
  for (const [k, v] of keep) {
    const s = str(v);
    if (s !== undefined) raw[k] = s;
  }
  ev['kansa.raw'] = raw;
  const place = [str(loc.countryOrRegion), str(loc.city)].filter(Boolean).join(' ');
  const fromJa = ip ? `${ip}${place ? `(${place})` : ''} から ` : '';
  const fromEn = ip ? ` from ${ip}${place ? ` (${place})` : ''}` : '';
  const how = [str(p.clientAppUsed), str(device.operatingSystem), str(device.browser)].filter(Boolean).join(', ');
  const mfa = str(p.authenticationRequirement) === 'multiFactorAuthentication';
  const detailJa = [how, mfa ? 'MFA 必須' : '', failed ? `エラー ${code}${reason ? ` ${reason}` : ''}` : '']
    .filter(Boolean)
    .join('、');
  const detailEn = [how, mfa ? 'MFA required' : '', failed ? `error ${code}${reason ? ` ${reason}` : ''}` : '']
    .filter(Boolean)
    .join(', ');
  const target = app ? `${app} ` : 'Entra ID ';
  ev['kansa.message.ja'] =
    `${who ? `${who} が ` : ''}${fromJa}${target}${failed ? 'へのサインインに失敗しました' : 'にサインインしました'}${detailJa ? `(${detailJa})` : ''}`;
  ev['kansa.message.en'] =
    `${who ?? 'Someone'} ${failed ? 'failed to sign in' : 'signed in'} to ${app ?? 'Entra ID'}${fromEn}${detailEn ? ` (${detailEn})` : ''}`;
  return ev;
}

const IAM_CATEGORIES = new Set([
  'UserManagement',
  'GroupManagement',
  'RoleManagement',
  'DirectoryManagement',
  'Authentication',
  'UserAuthenticationMethod',
]);

/** A directory audit (Graph `directoryAudit` resource, or the `properties` of an AuditLogs record). */
export function mapAudit(p: Json): KansaEvent {
  const ev = base('entra_id.auditlogs');
  ev['@timestamp'] = timeOf(p.activityDateTime, 'activityDateTime');
  const activity = str(p.activityDisplayName);
  if (!activity) throw new ParseError('expected activityDisplayName in the Entra ID audit record');
  const id = str(p.id);
  if (id) ev['event.id'] = id;
  const initiated = obj(p.initiatedBy) ?? {};
  const user = obj(initiated.user);
  const app = obj(initiated.app);
  const who = setUpn(ev, str(user?.userPrincipalName));
  const actor = who ?? str(app?.displayName);
  const ip = str(user?.ipAddress);
  if (ip && isIp(ip)) ev['source.ip'] = ip;
  const category = str(p.category) ?? '';
  const targets = Array.isArray(p.targetResources) ? p.targetResources.map(obj).filter((t): t is Json => !!t) : [];
  const targetUser = targets.find((t) => str(t.type) === 'User');
  const targetGroup = targets.find((t) => str(t.type) === 'Group');
  const targetRole = targets.find((t) => str(t.type) === 'Role');
  const tUpn = str(targetUser?.userPrincipalName);
  if (tUpn) ev['user.target.name'] = tUpn.includes('@') ? tUpn.slice(0, tUpn.indexOf('@')) : tUpn;
  const gName = str(targetGroup?.displayName);
  if (gName) ev['group.name'] = gName;
  const result = str(p.result);
  ev['event.code'] = activity;
  ev['event.category'] = IAM_CATEGORIES.has(category) ? ['iam'] : ['configuration'];
  const op = str(p.operationType) ?? '';
  ev['event.type'] = [
    op === 'Add'
      ? 'creation'
      : op === 'Delete'
        ? 'deletion'
        : op === 'Assign' || op === 'Update' || op === 'Unassign'
          ? 'change'
          : 'info',
  ];
  ev['event.action'] = kebab(activity);
  ev['event.outcome'] = result === 'success' ? 'success' : result === 'failure' ? 'failure' : 'unknown';
  const reason = str(p.resultReason);
  if (result === 'failure' && reason) ev['event.reason'] = reason;
  const raw: Record<string, string> = {};
  for (const [k, v] of [
    ['category', p.category],
    ['loggedByService', p.loggedByService],
    ['operationType', p.operationType],
    ['correlationId', p.correlationId],
    ['initiatedByApp', app?.displayName],
    ['role', targetRole?.displayName],
  ] as Array<[string, unknown]>) {
    const s = str(v);
    if (s !== undefined) raw[k] = s;
  }
  const changed = targets
    .flatMap((t) => (Array.isArray(t.modifiedProperties) ? t.modifiedProperties : []))
    .map((m) => str(obj(m)?.displayName))
    .filter((x): x is string => !!x);
  if (changed.length) raw.modifiedProperties = changed.join(', ');
  ev['kansa.raw'] = raw;
  const what = [
    tUpn ? `ユーザー ${tUpn}` : '',
    gName ? `グループ ${gName}` : '',
    str(targetRole?.displayName) ? `ロール ${str(targetRole?.displayName)}` : '',
  ]
    .filter(Boolean)
    .join('、');
  const whatEn = [
    tUpn ? `user ${tUpn}` : '',
    gName ? `group ${gName}` : '',
    str(targetRole?.displayName) ? `role ${str(targetRole?.displayName)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const failJa = result === 'failure' ? `、失敗${reason ? `: ${reason}` : ''}` : '';
  const failEn = result === 'failure' ? `, failed${reason ? `: ${reason}` : ''}` : '';
  ev['kansa.message.ja'] =
    `${actor ? `${actor} が ` : ''}${ip ? `${ip} から ` : ''}Entra ID で「${activity}」を実行しました(${what || category}${failJa})`;
  ev['kansa.message.en'] =
    `${actor ?? 'Someone'} did "${activity}" in Entra ID${ip ? ` from ${ip}` : ''} (${whatEn || category}${failEn})`;
  return ev;
}
