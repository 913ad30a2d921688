/**
 * The audit record types as a rule table, keyed by `type=`: one rule per record type Kansa words
 * (logins, sessions, sudo commands, account changes, audit configuration, process records), each
 * with a record as auditd writes it. A type the table does not know becomes `audit-<type>`.
 */
import type { KansaEvent } from '../../translate/types';
import { setSource } from '../_lib/network';
import { ruleTable, sentenceIn, type MessageRule, type RuleResult } from '../_lib/rules';
import { type AuditRecord, parseAuditRecord, SYSCALLS_X86_64 } from './parse';

/**
 * Records as auditd writes them, one per rule: from the golden case audit-log, except DEL_GROUP,
 * GRP_MGMT and GRP_CHAUTHTOK, written in the form shadow-utils' groupdel, groupmod and gpasswd log.
 */
const SAMPLES = {
  USER_LOGIN:
    'type=USER_LOGIN msg=audit(1790812801.160:4527): pid=1234 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=login id=1001 exe="/usr/sbin/sshd" hostname=10.0.1.23 addr=10.0.1.23 terminal=/dev/pts/0 res=success\'',
  USER_AUTH:
    'type=USER_AUTH msg=audit(1790812801.101:4520): pid=1234 uid=0 auid=4294967295 ses=4294967295 subj=unconfined msg=\'op=PAM:authentication grantors=pam_permit,pam_cap acct="tanaka" exe="/usr/sbin/sshd" hostname=10.0.1.23 addr=10.0.1.23 terminal=ssh res=success\'',
  USER_START:
    'type=USER_START msg=audit(1790812801.130:4524): pid=1234 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=PAM:session_open grantors=pam_selinux,pam_loginuid,pam_keyinit,pam_permit,pam_umask,pam_unix,pam_systemd,pam_mail,pam_limits,pam_env,pam_env,pam_selinux,pam_tty_audit acct="tanaka" exe="/usr/sbin/sshd" hostname=10.0.1.23 addr=10.0.1.23 terminal=ssh res=success\'',
  USER_END:
    'type=USER_END msg=audit(1790841600.700:4800): pid=1234 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=PAM:session_close grantors=pam_selinux,pam_loginuid,pam_keyinit,pam_permit,pam_umask,pam_unix,pam_systemd,pam_mail,pam_limits,pam_env,pam_env,pam_selinux,pam_tty_audit acct="tanaka" exe="/usr/sbin/sshd" hostname=10.0.1.23 addr=10.0.1.23 terminal=ssh res=success\'',
  USER_CMD:
    'type=USER_CMD msg=audit(1790813040.500:4560): pid=3010 uid=1001 auid=1001 ses=3 subj=unconfined msg=\'cwd="/home/tanaka" cmd=73797374656D63746C2072657374617274206E67696E78 exe="/usr/bin/sudo" terminal=pts/0 res=success\'',
  ADD_USER:
    'type=ADD_USER msg=audit(1790820824.020:4601): pid=5002 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=add-user acct="backdoor" exe="/usr/sbin/useradd" hostname=web01 addr=? terminal=pts/0 res=success\'',
  DEL_USER:
    'type=DEL_USER msg=audit(1790821140.050:4604): pid=5019 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=delete-user acct="backdoor" exe="/usr/sbin/userdel" hostname=web01 addr=? terminal=pts/0 res=success\'',
  ADD_GROUP:
    'type=ADD_GROUP msg=audit(1790820824.010:4600): pid=5002 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=add-group id=1002 exe="/usr/sbin/useradd" hostname=web01 addr=? terminal=pts/0 res=success\'',
  DEL_GROUP:
    'type=DEL_GROUP msg=audit(1790821150.060:4605): pid=5020 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=delete-group acct="backdoor" exe="/usr/sbin/groupdel" hostname=web01 addr=? terminal=pts/0 res=success\'',
  USER_MGMT:
    'type=USER_MGMT msg=audit(1790820842.030:4602): pid=5004 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=add-user-to-group grp="sudo" acct="backdoor" exe="/usr/sbin/usermod" hostname=web01 addr=? terminal=pts/0 res=success\'',
  GRP_MGMT:
    'type=GRP_MGMT msg=audit(1790821160.070:4606): pid=5021 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=modify-group acct="developers" exe="/usr/sbin/groupmod" hostname=web01 addr=? terminal=pts/0 res=success\'',
  USER_CHAUTHTOK:
    'type=USER_CHAUTHTOK msg=audit(1790820830.040:4603): pid=5003 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=PAM:chauthtok grantors=pam_pwquality,pam_unix acct="backdoor" exe="/usr/bin/passwd" hostname=web01 addr=? terminal=pts/0 res=success\'',
  GRP_CHAUTHTOK:
    'type=GRP_CHAUTHTOK msg=audit(1790821170.080:4607): pid=5022 uid=0 auid=1001 ses=3 subj=unconfined msg=\'op=change-password acct="developers" exe="/usr/bin/gpasswd" hostname=web01 addr=? terminal=pts/0 res=success\'',
  CONFIG_CHANGE:
    'type=CONFIG_CHANGE msg=audit(1790821300.000:4710): auid=1001 ses=3 subj=unconfined op=remove_rule key="log_tamper" list=4 res=1',
  EXECVE: 'type=EXECVE msg=audit(1790821200.600:4700): argc=3 a0="rm" a1="-rf" a2="/var/log/secure"',
  SYSCALL:
    'type=SYSCALL msg=audit(1790821200.600:4700): arch=c000003e syscall=59 success=yes exit=0 a0=55d0c5a3b2f0 a1=55d0c5a3b350 a2=55d0c5a3b370 a3=8 items=2 ppid=2990 pid=3101 auid=1001 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm="rm" exe="/usr/bin/rm" subj=unconfined key="log_tamper"',
  PROCTITLE: 'type=PROCTITLE msg=audit(1790821200.600:4700): proctitle=726D002D7266002F7661722F6C6F672F736563757265',
  PATH: 'type=PATH msg=audit(1790821200.600:4700): item=0 name="/usr/bin/rm" inode=1312 dev=08:01 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
  CWD: 'type=CWD msg=audit(1790821200.600:4700): cwd="/root"',
};

const UNSET = new Set(['4294967295', '-1', 'unset']);
const INTERACTIVE_EXE = /\/(?:sshd|sshd-session|login|gdm-session-worker|lightdm|sddm-helper|xrdp-sesman)$/;

export function clean(v: string | undefined): string | undefined {
  if (v === undefined || v === '' || v === '?' || v === '(none)' || v === '(unknown)' || v === 'unknown')
    return undefined;
  return v;
}

function ok(res: string | undefined): boolean | undefined {
  if (res === undefined) return undefined;
  if (res === 'success' || res === 'yes' || res === '1') return true;
  if (res === 'failed' || res === 'no' || res === '0' || res === 'fail') return false;
  return undefined;
}

interface Actor {
  name?: string;
  id?: string;
}

/** The person behind the record: the enriched AUID name, else the login uid (auid), else uid. */
function actorOf(r: AuditRecord): Actor {
  const f = r.fields;
  const e = r.enriched;
  if (f.auid !== undefined && !UNSET.has(f.auid)) {
    return { name: clean(e.AUID), id: f.auid };
  }
  if (f.uid !== undefined) {
    return { name: clean(e.UID), id: f.uid };
  }
  return {};
}

function who(a: Actor): string {
  if (a.name) return a.name;
  if (a.id) return `uid ${a.id}`;
  return '';
}

function setActor(ev: KansaEvent, a: Actor): void {
  if (a.name) ev['user.name'] = a.name;
  if (a.id) ev['user.id'] = a.id;
}

/** One record, read: what the rules word their sentences with. */
export interface Rec {
  r: AuditRecord;
  f: Record<string, string>;
  host?: string;
  /** The host in each language: `このホスト` and `` (no ` on …`) when the record names none. */
  h: string;
  hEn: string;
  exe?: string;
  exeName?: string;
  result: boolean | undefined;
  actor: Actor;
  acct?: string;
  addr?: string;
  terminal?: string;
  detailJa: string;
  detailEn: string;
}

export function readRec(r: AuditRecord, hostFallback?: string): Rec {
  const f = r.fields;
  const host = r.node ?? hostFallback;
  const exe = clean(f.exe);
  const exeName = exe ? exe.slice(exe.lastIndexOf('/') + 1) : undefined;
  const terminal = clean(f.terminal);
  return {
    r,
    f,
    host,
    h: host ?? 'このホスト',
    hEn: host ? ` on ${host}` : '',
    exe,
    exeName,
    result: ok(f.res ?? f.success),
    actor: actorOf(r),
    acct: clean(f.acct) ?? clean(r.enriched.ID),
    addr: clean(f.addr) ?? clean(f.hostname),
    terminal,
    detailJa: [exeName, terminal ? `端末 ${terminal}` : ''].filter(Boolean).join('、'),
    detailEn: [exeName, terminal ? `terminal ${terminal}` : ''].filter(Boolean).join(', '),
  };
}

/** USER_LOGIN and USER_AUTH: a login or an authentication, from where, by whom. */
function logon(c: Rec, login: boolean): RuleResult {
  const { f, host, h, hEn, result, acct: name, addr, detailJa, detailEn } = c;
  const ev: KansaEvent = {};
  if (name) ev['user.name'] = name;
  else if (f.id && !UNSET.has(f.id)) ev['user.id'] = f.id;
  if (f.addr && clean(f.addr)) setSource(ev, f.addr);
  else if (clean(f.hostname) && f.hostname !== host) setSource(ev, f.hostname);
  ev['event.category'] = ['authentication'];
  ev['event.type'] = ['start'];
  ev['event.action'] = login
    ? result
      ? 'logged-in'
      : 'logon-failed'
    : result
      ? 'user-authenticated'
      : 'authentication-failed';
  if (login && result) ev['kansa.session.transition'] = 'start';
  if (!result) ev['event.reason'] = login ? 'login failed' : 'authentication failed';
  const fromJa = addr ? `${addr} から ` : '';
  const fromEn = addr ? ` from ${addr}` : '';
  const subject = name ?? (f.id && !UNSET.has(f.id) ? `uid ${f.id}` : undefined);
  const detail = login ? detailJa : [f.op, detailJa].filter(Boolean).join('、');
  const detailE = login ? detailEn : [f.op, detailEn].filter(Boolean).join(', ');
  const verbJa = `${login ? 'へのログイン' : 'での認証'}に${result ? '成功しました' : '失敗しました'}(${detail || '監査'})`;
  ev['kansa.message.ja'] = name
    ? `${name} が ${fromJa}${h} ${verbJa}`
    : `${h} で ${subject ?? '不明なユーザー'} が ${fromJa}${verbJa.replace(/^(へのログイン|での認証)/, (v) => (v === 'へのログイン' ? 'ログイン' : '認証'))}`;
  ev['kansa.message.en'] = login
    ? `${subject ?? 'An unknown user'} ${result ? 'logged in to' : 'failed to log in to'} ${host ?? 'this host'}${fromEn} (${detailE || 'audit'})`
    : `${subject ?? 'An unknown user'} ${result ? 'authenticated' : 'failed to authenticate'}${hEn}${fromEn} (${detailE || 'audit'})`;
  return sentenceIn(ev);
}

/** USER_START and USER_END: a PAM session opened or closed. */
function session(c: Rec, start: boolean): RuleResult {
  const { f, h, hEn, exe, exeName, result, acct, terminal, detailJa, detailEn } = c;
  const ev: KansaEvent = {};
  if (acct) ev['user.name'] = acct;
  if (clean(f.addr)) setSource(ev, f.addr);
  ev['event.category'] = ['session'];
  ev['event.type'] = [start ? 'start' : 'end'];
  ev['event.action'] = start ? 'session-opened' : 'session-closed';
  if (!start && exe && INTERACTIVE_EXE.test(exe) && result) ev['kansa.session.transition'] = 'end';
  ev['kansa.message.ja'] = acct
    ? `${acct} が ${h} で ${exeName ?? ''} のセッションを${start ? '開始' : '終了'}しました${result ? '' : '(失敗)'}${detailJa ? `(${terminal ? `端末 ${terminal}` : detailJa})` : ''}`
    : `${h} で ${exeName ?? ''} のセッションが${start ? '開始' : '終了'}しました${detailJa ? `(${detailJa})` : ''}`;
  ev['kansa.message.en'] =
    `${acct ?? 'A user'} ${start ? 'opened' : 'closed'} a ${exeName ?? ''} session${hEn}${detailEn ? ` (${detailEn})` : ''}`.replace(
      'a  session',
      'a session',
    );
  return sentenceIn(ev);
}

/** What an account record did: its action, the verb in each language, its event.type. */
interface AccountAct {
  action: string;
  ja: string;
  en: string;
  type: string[];
}

const PAST: Record<string, string> = {
  create: 'created',
  delete: 'deleted',
  add: 'added',
  remove: 'removed',
  change: 'changed',
  modify: 'modified',
};

/** ADD_USER … GRP_CHAUTHTOK: an account or group change by the actor; `act` words it from the target. */
function account(c: Rec, act: (t: string, c: Rec, group: boolean) => AccountAct): RuleResult {
  const { r, f, h, hEn, result, actor, acct, exeName, terminal, detailEn } = c;
  const ev: KansaEvent = {};
  setActor(ev, actor);
  const target = acct ?? clean(f.grp) ?? (f.id && !UNSET.has(f.id) ? `id ${f.id}` : undefined);
  const group = r.type.includes('GROUP') || r.type.startsWith('GRP');
  if (group) {
    if (clean(f.grp) ?? acct) ev['group.name'] = (clean(f.grp) ?? acct) as string;
    if (f.id && !UNSET.has(f.id)) ev['group.id'] = f.id;
  } else {
    if (acct) ev['user.target.name'] = acct;
    if (f.id && !UNSET.has(f.id)) ev['user.target.id'] = f.id;
    if (clean(f.grp)) ev['group.name'] = f.grp;
  }
  ev['event.category'] = ['iam'];
  const { action, ja, en, type } = act(target ?? '?', c, group);
  ev['event.type'] = type;
  ev['event.action'] = result === false ? `${action}-failed` : action;
  const w = who(actor);
  const detail = [exeName, terminal ? `端末 ${terminal}` : ''].filter(Boolean).join('、');
  ev['kansa.message.ja'] =
    `${actor.name ? `${actor.name} が ${h} で ` : `${h} で ${w ? `${w} が ` : ''}`}${ja}${result === false ? 'しようとして失敗しました' : 'しました'}${detail ? `(${detail})` : ''}`;
  ev['kansa.message.en'] =
    `${w || 'Someone'} ${result === false ? `failed to ${en}` : en.replace(/^(\w+)/, (v) => PAST[v] ?? v)}${hEn}${detailEn ? ` (${detailEn})` : ''}`;
  return sentenceIn(ev);
}

/** USER_MGMT and GRP_MGMT: a member added to or removed from a group, else the account modified (op says how). */
function management(t: string, c: Rec, group: boolean): AccountAct {
  const { f, r, acct } = c;
  const op = f.op ?? '';
  if (/add.*to-group|add-user-to-group/.test(op))
    return {
      action: 'added-member-to-group',
      ja: `${acct ?? t} をグループ ${f.grp ?? '?'} に追加`,
      en: `add ${acct ?? t} to group ${f.grp ?? '?'}`,
      type: ['group', 'change'],
    };
  if (/(delete|remove).*from-group|delete-user-from-group/.test(op))
    return {
      action: 'removed-member-from-group',
      ja: `${acct ?? t} をグループ ${f.grp ?? '?'} から削除`,
      en: `remove ${acct ?? t} from group ${f.grp ?? '?'}`,
      type: ['group', 'change'],
    };
  return {
    action: group ? 'modified-group-account' : 'modified-user-account',
    ja: `${group ? 'グループ' : 'ユーザー'} ${t} を変更(${op || r.type})`,
    en: `modify ${group ? 'group' : 'user'} ${t} (${op || r.type})`,
    type: [group ? 'group' : 'user', 'change'],
  };
}

/** A password change of a user (USER_CHAUTHTOK) or a group (GRP_CHAUTHTOK). */
function chauthtok(t: string, _c: Rec, group: boolean): AccountAct {
  return {
    action: 'changed-password',
    ja: `${t} のパスワードを変更`,
    en: `change ${t}'s password`,
    type: [group ? 'group' : 'user', 'change'],
  };
}

/** Any other record: its type and what it names (the command line, the path, the directory). */
export function generic(c: Rec, detail: string | undefined): RuleResult {
  const { r, h, hEn, result, actor, acct } = c;
  const ev: KansaEvent = {};
  setActor(ev, actor);
  if (acct) ev['user.target.name'] = acct;
  ev['event.category'] = r.type.startsWith('CRED') || r.type === 'USER_ACCT' ? ['authentication'] : ['host'];
  ev['event.type'] = ['info'];
  ev['event.action'] = `audit-${r.type.toLowerCase().replace(/_/g, '-')}`;
  if (r.type === 'PROCTITLE' && detail) ev['process.command_line'] = detail;
  if (r.type === 'PATH' && detail) ev['file.path'] = detail;
  const w = actor.name ?? (actor.id ? `uid ${actor.id}` : '');
  ev['kansa.message.ja'] =
    `${actor.name ? `${actor.name} が ${h} で ` : `${h} で `}監査レコード ${r.type} が記録されました${detail ? `(${detail}${result === false ? '、失敗' : ''})` : result === false ? '(失敗)' : ''}`;
  ev['kansa.message.en'] =
    `Audit record ${r.type}${w ? ` for ${w}` : ''}${hEn}${detail ? ` (${detail}${result === false ? ', failed' : ''})` : result === false ? ' (failed)' : ''}`;
  return sentenceIn(ev);
}

/** The detail a record of an unruled type shows: its operation, account and program. */
export function otherDetail(c: Rec): string {
  return [c.f.op, c.acct, c.exeName].filter(Boolean).join(' ');
}

/** The key of a record line: its type (the translator passes `type=TYPE` for a record already read). */
export function typeOf(text: string): string | undefined {
  return /^(?:node=\S+ )?type=(\S+)/.exec(text)?.[1];
}

/** A rule keyed by its sample's record type; the sample is read as the translator reads it. */
const rule = (id: string, sample: string, build: MessageRule<Rec>['build']): MessageRule<Rec> => ({
  id,
  sample,
  match: { key: typeOf(sample)! },
  sampleContext: readRec(parseAuditRecord(sample)!),
  build,
});

export const RULES = ruleTable<Rec>(
  'auditd',
  readRec(parseAuditRecord(SAMPLES.USER_LOGIN)!),
  [
    rule('user-login', SAMPLES.USER_LOGIN, (_g, c) => logon(c, true)),
    rule('user-auth', SAMPLES.USER_AUTH, (_g, c) => logon(c, false)),
    rule('user-start', SAMPLES.USER_START, (_g, c) => session(c, true)),
    rule('user-end', SAMPLES.USER_END, (_g, c) => session(c, false)),
    rule('user-cmd', SAMPLES.USER_CMD, (_g, c) => {
      // sudo's record of a command: cmd (hex when it has spaces), cwd and terminal.
      const { f, h, hEn, result, actor, exeName, terminal } = c;
      const ev: KansaEvent = {};
      setActor(ev, actor);
      const cmd = clean(f.cmd) ?? '(不明なコマンド)';
      ev['process.command_line'] = cmd;
      ev['event.category'] = ['process'];
      ev['event.type'] = ['start'];
      ev['event.action'] = result === false ? 'user-command-failed' : 'user-command';
      const cwdJa = clean(f.cwd) ? `作業ディレクトリ ${f.cwd}` : '';
      const cwdEn = clean(f.cwd) ? `in ${f.cwd}` : '';
      const w = who(actor);
      const partsJa = [exeName, terminal ? `端末 ${terminal}` : '', cwdJa].filter(Boolean).join('、');
      const partsEn = [exeName, terminal ? `terminal ${terminal}` : '', cwdEn].filter(Boolean).join(', ');
      ev['kansa.message.ja'] =
        `${actor.name ? `${actor.name} が ` : `${h} で ${w || '不明なユーザー'} が `}${actor.name ? `${h} で ` : ''}${cmd} を実行${result === false ? 'しようとして失敗しました' : 'しました'}(${partsJa})`;
      ev['kansa.message.en'] =
        `${w || 'A user'} ${result === false ? 'failed to run' : 'ran'} ${cmd}${hEn} (${partsEn})`;
      return sentenceIn(ev);
    }),
    rule('add-user', SAMPLES.ADD_USER, (_g, c) =>
      account(c, (t) => ({
        action: 'added-user-account',
        ja: `ユーザー ${t} を作成`,
        en: `create user ${t}`,
        type: ['user', 'creation'],
      })),
    ),
    rule('del-user', SAMPLES.DEL_USER, (_g, c) =>
      account(c, (t) => ({
        action: 'deleted-user-account',
        ja: `ユーザー ${t} を削除`,
        en: `delete user ${t}`,
        type: ['user', 'deletion'],
      })),
    ),
    rule('add-group', SAMPLES.ADD_GROUP, (_g, c) =>
      account(c, (t) => ({
        action: 'added-group-account',
        ja: `グループ ${t} を作成`,
        en: `create group ${t}`,
        type: ['group', 'creation'],
      })),
    ),
    rule('del-group', SAMPLES.DEL_GROUP, (_g, c) =>
      account(c, (t) => ({
        action: 'deleted-group-account',
        ja: `グループ ${t} を削除`,
        en: `delete group ${t}`,
        type: ['group', 'deletion'],
      })),
    ),
    rule('user-mgmt', SAMPLES.USER_MGMT, (_g, c) => account(c, management)),
    rule('grp-mgmt', SAMPLES.GRP_MGMT, (_g, c) => account(c, management)),
    rule('user-chauthtok', SAMPLES.USER_CHAUTHTOK, (_g, c) => account(c, chauthtok)),
    rule('grp-chauthtok', SAMPLES.GRP_CHAUTHTOK, (_g, c) => account(c, chauthtok)),
    rule('config-change', SAMPLES.CONFIG_CHANGE, (_g, c) => {
      // auditctl rule changes (op, key, list) or settings (audit_enabled=0 turns auditing off).
      const { f, h, hEn, actor } = c;
      const ev: KansaEvent = {};
      setActor(ev, actor);
      ev['event.category'] = ['configuration'];
      ev['event.type'] = ['change'];
      ev['event.action'] = 'changed-audit-config';
      const what = f.op
        ? `${f.op}${clean(f.key) ? ` key=${f.key}` : ''}${f.list ? ` list=${f.list}` : ''}`
        : Object.keys(f)
            .filter((k) => /^audit_|^backlog|^rate_limit|^enabled/.test(k))
            .map((k) => `${k}=${f[k]}${f.old !== undefined ? ` (old ${f.old})` : ''}`)
            .join(', ');
      const disabled = f.audit_enabled === '0';
      if (disabled) ev['event.reason'] = 'auditing disabled';
      const w = who(actor);
      ev['kansa.message.ja'] =
        `${actor.name ? `${actor.name} が ${h} で ` : `${h} で ${w ? `${w} が ` : ''}`}監査設定を変更しました(${what || 'CONFIG_CHANGE'}${disabled ? '、監査を無効化' : ''})`;
      ev['kansa.message.en'] =
        `${w || 'Someone'} changed the audit configuration${hEn} (${what || 'CONFIG_CHANGE'}${disabled ? ', auditing disabled' : ''})`;
      return sentenceIn(ev);
    }),
    rule('execve', SAMPLES.EXECVE, (_g, c) => {
      // The arguments of an execution (a0…, hex when unsafe), part of the SYSCALL event it follows.
      const { f, h, hEn } = c;
      const argc = Number(f.argc ?? '0');
      const args: string[] = [];
      for (let i = 0; i < argc && i < 4096; i++) {
        const a = f[`a${i}`];
        if (a === undefined) break;
        args.push(a);
      }
      const cmd = args.join(' ');
      const ev: KansaEvent = {};
      if (cmd) ev['process.command_line'] = cmd;
      if (args[0]) ev['process.name'] = args[0].slice(args[0].lastIndexOf('/') + 1);
      ev['event.category'] = ['process'];
      ev['event.type'] = ['start'];
      ev['event.action'] = 'created-process';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${h} で ${cmd || '(引数なし)'} が実行されました(監査 EXECVE、引数 ${argc} 個)`;
      ev['kansa.message.en'] = `${cmd || '(no arguments)'} was executed${hEn} (audit EXECVE, ${argc} arguments)`;
      return sentenceIn(ev);
    }),
    rule('syscall', SAMPLES.SYSCALL, (_g, c) => {
      // A watched system call: its name (enriched, else the x86_64 table), result, terminal and rule key.
      const { r, f, h, hEn, exe, actor } = c;
      const ev: KansaEvent = {};
      setActor(ev, actor);
      if (f.euid !== undefined && r.enriched.EUID) ev['user.effective.name'] = r.enriched.EUID;
      const name =
        r.enriched.SYSCALL ??
        (f.arch === 'c000003e' ? SYSCALLS_X86_64[f.syscall ?? ''] : undefined) ??
        `syscall ${f.syscall ?? '?'}`;
      ev['event.category'] = ['process'];
      ev['event.type'] = ['info'];
      ev['event.action'] = name === 'execve' ? 'created-process' : `syscall-${name.replace(/\s+/g, '-')}`;
      if (clean(f.key)) ev['rule.name'] = f.key;
      const w = who(actor);
      const keyJa = clean(f.key) ? `、ルール ${f.key}` : '';
      const keyEn = clean(f.key) ? `, rule ${f.key}` : '';
      const res = f.success === 'yes' ? '成功' : f.success === 'no' ? `失敗 exit=${f.exit}` : '';
      const resEn = f.success === 'yes' ? 'succeeded' : f.success === 'no' ? `failed exit=${f.exit}` : '';
      ev['kansa.message.ja'] =
        `${actor.name ? `${actor.name} が ${h} で ` : `${h} で ${w ? `${w} が ` : ''}`}${exe ?? f.comm ?? '?'} から ${name} を呼び出しました(${[res, f.tty && f.tty !== '(none)' ? `端末 ${f.tty}` : ''].filter(Boolean).join('、')}${keyJa})`.replace(
          '(、',
          '(',
        );
      ev['kansa.message.en'] =
        `${w || 'A process'} called ${name} from ${exe ?? f.comm ?? '?'}${hEn} (${[resEn, f.tty && f.tty !== '(none)' ? `terminal ${f.tty}` : ''].filter(Boolean).join(', ')}${keyEn})`.replace(
          '(, ',
          '(',
        );
      return sentenceIn(ev);
    }),
    rule('proctitle', SAMPLES.PROCTITLE, (_g, c) => generic(c, clean(c.f.proctitle))),
    rule('path', SAMPLES.PATH, (_g, c) => generic(c, clean(c.f.name))),
    rule('cwd', SAMPLES.CWD, (_g, c) => generic(c, clean(c.f.cwd))),
  ],
  typeOf,
);
