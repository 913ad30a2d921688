import { LOGON_TYPES } from './codes';
import type { MapCtx, Mapper } from './map';
import { val } from './model';
import { baseName, listWords, pidOf, say, setUser } from './text';

/**
 * Frequent Security events about tokens, privileges and handles (4627, 4673, 4690, 4703): individually
 * routine, in bulk most of a Security log; each gets its meaning and a specific action.
 */

function subject(c: MapCtx): string {
  const name = val(c.d, 'SubjectUserName');
  setUser(c.out, name, val(c.d, 'SubjectDomainName'), val(c.d, 'SubjectUserSid'));
  const logonId = val(c.d, 'SubjectLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  return name ?? '(unknown)';
}

function processOf(c: MapCtx, pidKey = 'ProcessId'): string | undefined {
  const pid = pidOf(val(c.d, pidKey));
  if (pid !== undefined) c.out['process.pid'] = pid;
  const exe = val(c.d, 'ProcessName');
  if (!exe) return undefined;
  c.out['process.executable'] = exe;
  c.out['process.name'] = baseName(exe);
  return baseName(exe);
}

function privileges(v: string | undefined): string[] {
  return (v ?? '').split(/\s+/).filter((x) => x !== '' && x !== '-');
}

/** 4627: the groups of a new logon's token; one per logon, next to its 4624. */
const groupMembership: Mapper = (c) => {
  subject(c);
  const target = val(c.d, 'TargetUserName');
  const domain = val(c.d, 'TargetDomainName');
  if (target) setUser(c.out, target, domain, val(c.d, 'TargetUserSid'));
  const logonId = val(c.d, 'TargetLogonId');
  if (logonId) c.out['winlog.logon.id'] = logonId;
  const type = LOGON_TYPES[val(c.d, 'LogonType') ?? ''];
  if (type) c.out['winlog.logon.type'] = type.name;
  const groups = (val(c.d, 'GroupMembership') ?? '').split(/\s+/).filter(Boolean).length;
  c.out['event.category'] = ['authentication', 'iam'];
  c.out['event.type'] = ['info', 'group'];
  c.out['event.action'] = 'logon-group-membership';
  c.out['event.outcome'] = 'success';
  const u = target ?? '(unknown)';
  say(
    c.out,
    `${u} が ${c.host} にログオンした際のグループメンバーシップが記録されました(${groups} グループ${type ? `、${type.ja}` : ''})`,
    `${u}'s group membership was recorded at logon to ${c.host} (${groups} groups${type ? `, ${type.en}` : ''})`,
  );
};

/** 4673: a privileged service was called; failures are privilege use that was refused. */
const privilegedService: Mapper = (c) => {
  const u = subject(c);
  const exe = processOf(c);
  const privs = privileges(val(c.d, 'PrivilegeList'));
  const list = listWords(privs, 3);
  const service = val(c.d, 'Service');
  const ok = c.ev.audit !== 'failure';
  c.out['event.category'] = ['iam'];
  c.out['event.type'] = ok ? ['access', 'admin'] : ['access', 'denied'];
  c.out['event.action'] = 'called-privileged-service';
  c.out['event.outcome'] = ok ? 'success' : 'failure';
  const via = [exe, service].filter(Boolean) as string[];
  const tailJa = via.length ? `、${via.join('、')} から` : '';
  const tailEn = via.length ? `, from ${via.join(', ')}` : '';
  say(
    c.out,
    `${u} が ${c.host} で特権サービスを${ok ? '呼び出しました' : '呼び出そうとして拒否されました'}(${list.ja || '特権不明'}${tailJa})`,
    `${u} ${ok ? 'called' : 'was refused calling'} a privileged service on ${c.host} (${list.en || 'unknown privilege'}${tailEn})`,
  );
};

/** 4690: a handle was duplicated into another process (the handle's target is elsewhere, in 4656). */
const handleDuplicated: Mapper = (c) => {
  const u = subject(c);
  const from = pidOf(val(c.d, 'SourceProcessId'));
  const to = pidOf(val(c.d, 'TargetProcessId'));
  if (from !== undefined) c.out['process.pid'] = from;
  c.out['event.category'] = ['process'];
  c.out['event.type'] = ['access'];
  c.out['event.action'] = 'duplicated-object-handle';
  c.out['event.outcome'] = 'success';
  const h = val(c.d, 'SourceHandleId') ?? '?';
  say(
    c.out,
    `${u} が ${c.host} でハンドル ${h} をプロセス ${from ?? '?'} から ${to ?? '?'} へ複製しました`,
    `${u} duplicated the handle ${h} from process ${from ?? '?'} to ${to ?? '?'} on ${c.host}`,
  );
};

/** 4703: privileges enabled or disabled in a token (services do this all day). */
const rightAdjusted: Mapper = (c) => {
  const u = subject(c);
  const exe = processOf(c);
  const target = val(c.d, 'TargetUserName');
  if (target && target !== u) c.out['user.target.name'] = target;
  const on = privileges(val(c.d, 'EnabledPrivilegeList'));
  const off = privileges(val(c.d, 'DisabledPrivilegeList'));
  c.out['event.category'] = ['iam'];
  c.out['event.type'] = ['change', 'admin'];
  c.out['event.action'] = 'adjusted-token-privileges';
  c.out['event.outcome'] = 'success';
  const ja = [
    on.length ? `有効化: ${listWords(on, 3).ja}` : '',
    off.length ? `無効化: ${listWords(off, 3).ja}` : '',
    exe ? `プロセス ${exe}` : '',
  ].filter(Boolean);
  const en = [
    on.length ? `enabled ${listWords(on, 3).en}` : '',
    off.length ? `disabled ${listWords(off, 3).en}` : '',
    exe ? `process ${exe}` : '',
  ].filter(Boolean);
  const whose = target && target !== u ? { ja: ` ${target} の`, en: ` of ${target}` } : { ja: '', en: '' };
  say(
    c.out,
    `${u} が ${c.host} で${whose.ja}トークンの特権を調整しました${ja.length ? `(${ja.join('、')})` : ''}`,
    `${u} adjusted the token privileges${whose.en} on ${c.host}${en.length ? ` (${en.join(', ')})` : ''}`,
  );
};

export const PRIVILEGE_MAPPERS: Array<[number, Mapper]> = [
  // <Data Name='TargetUserName'>tanaka</Data><Data Name='LogonType'>2</Data><Data Name='GroupMembership'>%{S-1-5-21-…-513} %{S-1-1-0}</Data>
  [4627, groupMembership],
  // <Data Name='Service'>-</Data><Data Name='PrivilegeList'>SeTcbPrivilege</Data><Data Name='ProcessName'>C:\Windows\System32\lsass.exe</Data>
  [4673, privilegedService],
  // <Data Name='SourceHandleId'>0x5e8</Data><Data Name='SourceProcessId'>0x2f0</Data><Data Name='TargetProcessId'>0x4</Data>
  [4690, handleDuplicated],
  // <Data Name='EnabledPrivilegeList'>SeBackupPrivilege SeRestorePrivilege</Data><Data Name='DisabledPrivilegeList'>-</Data>
  [4703, rightAdjusted],
];
