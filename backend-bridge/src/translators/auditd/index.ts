/**
 * Linux audit (auditd) records, one line each, from /var/log/audit/audit.log (a Format) or through
 * syslog (audispd / audisp-syslog plugins, and journald's `audit[pid]: TYPE …` lines).
 * Multi-record events (SYSCALL + EXECVE + CWD + PATH + PROCTITLE sharing a serial) are translated
 * record by record; event.id carries `EPOCH.MS:SERIAL` so they can be grouped.
 */
import type {
  Format,
  KansaEvent,
  RawRecord,
  SyslogMessage,
  SyslogProgram,
  TranslateContext,
} from '../../translate/types';
import { ParseError } from '../../translate/types';
import { setSource } from '../_lib/network';
import { type AuditRecord, parseAuditRecord, SYSCALLS_X86_64 } from './parse';
import { shareOfLines } from '../../translate/detect';

const UNSET = new Set(['4294967295', '-1', 'unset']);
const INTERACTIVE_EXE = /\/(?:sshd|sshd-session|login|gdm-session-worker|lightdm|sddm-helper|xrdp-sesman)$/;

function clean(v: string | undefined): string | undefined {
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

export function translateAudit(r: AuditRecord, hostFallback?: string): KansaEvent {
  const f = r.fields;
  const host = r.node ?? hostFallback;
  const ev: KansaEvent = {
    '@timestamp': new Date(r.time).toISOString(),
    'event.kind': 'event',
    'event.module': 'auditd',
    'event.dataset': 'auditd.log',
    'event.code': r.type,
    'event.id': r.id,
    'kansa.source_type': 'auditd',
  };
  if (r.time === 0) delete ev['@timestamp'];
  if (r.node) ev['host.name'] = r.node;
  const raw: Record<string, string> = { type: r.type, ...f };
  for (const [k, v] of Object.entries(r.enriched)) raw[`enriched.${k}`] = v;
  ev['kansa.raw'] = raw;
  if (f.pid && /^\d+$/.test(f.pid)) ev['process.pid'] = Number(f.pid);
  if (f.ppid && /^\d+$/.test(f.ppid)) ev['process.parent.pid'] = Number(f.ppid);
  const exe = clean(f.exe);
  if (exe) {
    ev['process.executable'] = exe;
    ev['process.name'] = exe.slice(exe.lastIndexOf('/') + 1);
  } else if (clean(f.comm)) {
    ev['process.name'] = f.comm;
  }
  const result = ok(f.res ?? f.success);
  ev['event.outcome'] = result === undefined ? 'unknown' : result ? 'success' : 'failure';
  const h = host ?? 'このホスト';
  const hEn = host ? ` on ${host}` : '';
  const actor = actorOf(r);
  const acct = clean(f.acct) ?? clean(r.enriched.ID);
  const addr = clean(f.addr) ?? clean(f.hostname);
  const terminal = clean(f.terminal);
  const exeName = exe ? exe.slice(exe.lastIndexOf('/') + 1) : undefined;
  const detailJa = [exeName, terminal ? `端末 ${terminal}` : ''].filter(Boolean).join('、');
  const detailEn = [exeName, terminal ? `terminal ${terminal}` : ''].filter(Boolean).join(', ');
  const setActor = (a: Actor) => {
    if (a.name) ev['user.name'] = a.name;
    if (a.id) ev['user.id'] = a.id;
  };
  const failJa = result ? '' : '失敗';

  switch (r.type) {
    case 'USER_LOGIN':
    case 'USER_AUTH': {
      const login = r.type === 'USER_LOGIN';
      const name = acct;
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
      return ev;
    }
    case 'USER_START':
    case 'USER_END': {
      const start = r.type === 'USER_START';
      if (acct) ev['user.name'] = acct;
      if (clean(f.addr)) setSource(ev, f.addr);
      ev['event.category'] = ['session'];
      ev['event.type'] = [start ? 'start' : 'end'];
      ev['event.action'] = start ? 'session-opened' : 'session-closed';
      if (!start && exe && INTERACTIVE_EXE.test(exe) && result) ev['kansa.session.transition'] = 'end';
      ev['kansa.message.ja'] = acct
        ? `${acct} が ${h} で ${exeName ?? ''} のセッションを${start ? '開始' : '終了'}しました${failJa ? '(失敗)' : ''}${detailJa ? `(${terminal ? `端末 ${terminal}` : detailJa})` : ''}`
        : `${h} で ${exeName ?? ''} のセッションが${start ? '開始' : '終了'}しました${detailJa ? `(${detailJa})` : ''}`;
      ev['kansa.message.en'] =
        `${acct ?? 'A user'} ${start ? 'opened' : 'closed'} a ${exeName ?? ''} session${hEn}${detailEn ? ` (${detailEn})` : ''}`.replace(
          'a  session',
          'a session',
        );
      return ev;
    }
    case 'USER_CMD': {
      setActor(actor);
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
      return ev;
    }
    case 'ADD_USER':
    case 'DEL_USER':
    case 'ADD_GROUP':
    case 'DEL_GROUP':
    case 'USER_MGMT':
    case 'GRP_MGMT':
    case 'USER_CHAUTHTOK':
    case 'GRP_CHAUTHTOK': {
      setActor(actor);
      const target = acct ?? clean(f.grp) ?? (f.id && !UNSET.has(f.id) ? `id ${f.id}` : undefined);
      const op = f.op ?? '';
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
      let action: string;
      let ja: string;
      let en: string;
      const t = target ?? '?';
      if (r.type === 'ADD_USER') {
        action = 'added-user-account';
        ja = `ユーザー ${t} を作成`;
        en = `create user ${t}`;
        ev['event.type'] = ['user', 'creation'];
      } else if (r.type === 'DEL_USER') {
        action = 'deleted-user-account';
        ja = `ユーザー ${t} を削除`;
        en = `delete user ${t}`;
        ev['event.type'] = ['user', 'deletion'];
      } else if (r.type === 'ADD_GROUP') {
        action = 'added-group-account';
        ja = `グループ ${t} を作成`;
        en = `create group ${t}`;
        ev['event.type'] = ['group', 'creation'];
      } else if (r.type === 'DEL_GROUP') {
        action = 'deleted-group-account';
        ja = `グループ ${t} を削除`;
        en = `delete group ${t}`;
        ev['event.type'] = ['group', 'deletion'];
      } else if (r.type === 'USER_CHAUTHTOK' || r.type === 'GRP_CHAUTHTOK') {
        action = 'changed-password';
        ja = `${t} のパスワードを変更`;
        en = `change ${t}'s password`;
        ev['event.type'] = [group ? 'group' : 'user', 'change'];
      } else if (/add.*to-group|add-user-to-group/.test(op)) {
        action = 'added-member-to-group';
        ja = `${acct ?? t} をグループ ${f.grp ?? '?'} に追加`;
        en = `add ${acct ?? t} to group ${f.grp ?? '?'}`;
        ev['event.type'] = ['group', 'change'];
      } else if (/(delete|remove).*from-group|delete-user-from-group/.test(op)) {
        action = 'removed-member-from-group';
        ja = `${acct ?? t} をグループ ${f.grp ?? '?'} から削除`;
        en = `remove ${acct ?? t} from group ${f.grp ?? '?'}`;
        ev['event.type'] = ['group', 'change'];
      } else {
        action = group ? 'modified-group-account' : 'modified-user-account';
        ja = `${group ? 'グループ' : 'ユーザー'} ${t} を変更(${op || r.type})`;
        en = `modify ${group ? 'group' : 'user'} ${t} (${op || r.type})`;
        ev['event.type'] = [group ? 'group' : 'user', 'change'];
      }
      ev['event.action'] = result === false ? `${action}-failed` : action;
      const w = who(actor);
      const detail = [exeName, terminal ? `端末 ${terminal}` : ''].filter(Boolean).join('、');
      ev['kansa.message.ja'] =
        `${actor.name ? `${actor.name} が ${h} で ` : `${h} で ${w ? `${w} が ` : ''}`}${ja}${result === false ? 'しようとして失敗しました' : 'しました'}${detail ? `(${detail})` : ''}`;
      ev['kansa.message.en'] =
        `${w || 'Someone'} ${result === false ? `failed to ${en}` : en.replace(/^(\w+)/, (v) => (({ create: 'created', delete: 'deleted', add: 'added', remove: 'removed', change: 'changed', modify: 'modified' }) as Record<string, string>)[v] ?? v)}${hEn}${detailEn ? ` (${detailEn})` : ''}`;
      return ev;
    }
    case 'CONFIG_CHANGE': {
      setActor(actor);
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
      return ev;
    }
    case 'EXECVE': {
      const argc = Number(f.argc ?? '0');
      const args: string[] = [];
      for (let i = 0; i < argc && i < 4096; i++) {
        const a = f[`a${i}`];
        if (a === undefined) break;
        args.push(a);
      }
      const cmd = args.join(' ');
      if (cmd) ev['process.command_line'] = cmd;
      if (args[0]) ev['process.name'] = args[0].slice(args[0].lastIndexOf('/') + 1);
      ev['event.category'] = ['process'];
      ev['event.type'] = ['start'];
      ev['event.action'] = 'created-process';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${h} で ${cmd || '(引数なし)'} が実行されました(監査 EXECVE、引数 ${argc} 個)`;
      ev['kansa.message.en'] = `${cmd || '(no arguments)'} was executed${hEn} (audit EXECVE, ${argc} arguments)`;
      return ev;
    }
    case 'SYSCALL': {
      setActor(actor);
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
      return ev;
    }
    default: {
      setActor(actor);
      if (acct) ev['user.target.name'] = acct;
      ev['event.category'] = r.type.startsWith('CRED') || r.type === 'USER_ACCT' ? ['authentication'] : ['host'];
      ev['event.type'] = ['info'];
      ev['event.action'] = `audit-${r.type.toLowerCase().replace(/_/g, '-')}`;
      const detail =
        r.type === 'PROCTITLE'
          ? clean(f.proctitle)
          : r.type === 'PATH'
            ? clean(f.name)
            : r.type === 'CWD'
              ? clean(f.cwd)
              : [f.op, acct, exeName].filter(Boolean).join(' ');
      if (r.type === 'PROCTITLE' && detail) ev['process.command_line'] = detail;
      if (r.type === 'PATH' && detail) ev['file.path'] = detail;
      const w = actor.name ?? (actor.id ? `uid ${actor.id}` : '');
      ev['kansa.message.ja'] =
        `${actor.name ? `${actor.name} が ${h} で ` : `${h} で `}監査レコード ${r.type} が記録されました${detail ? `(${detail}${result === false ? '、失敗' : ''})` : result === false ? '(失敗)' : ''}`;
      ev['kansa.message.en'] =
        `Audit record ${r.type}${w ? ` for ${w}` : ''}${hEn}${detail ? ` (${detail}${result === false ? ', failed' : ''})` : result === false ? ' (failed)' : ''}`;
      return ev;
    }
  }
}

export const auditdFormat: Format = {
  id: 'auditd',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(
      sample,
      (l) => (l.startsWith('type=') || l.startsWith('node=')) && l.indexOf(' msg=audit(') > 0,
      0.95,
    );
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    const text = record.text.endsWith('\r') ? record.text.slice(0, -1) : record.text;
    const r = parseAuditRecord(text);
    if (!r) {
      throw new ParseError('expected an audit record: "[node=HOST ]type=TYPE msg=audit(EPOCH.MS:SERIAL): key=value …"');
    }
    return [translateAudit(r)];
  },
};

/** journald's form: `audit[1234]: USER_LOGIN pid=1234 uid=0 … msg='…'` (no msg=audit(…) stamp). */
function parseJournalForm(message: string): AuditRecord | null {
  const m = /^([A-Z][A-Z_]+) (.*)$/.exec(message);
  if (!m) return null;
  const r = parseAuditRecord(`type=${m[1]} msg=audit(0.000:0): ${m[2]}`);
  if (!r) return null;
  r.id = '';
  r.serial = '';
  return r;
}

export const auditdSyslog: SyslogProgram = {
  id: 'auditd',
  matches(msg: SyslogMessage): boolean {
    const p = msg.program;
    if (p === 'audispd' || p === 'audisp-syslog' || p === 'auditd' || p === 'audit') return true;
    return (
      (msg.message.startsWith('type=') || msg.message.startsWith('node=')) && msg.message.indexOf(' msg=audit(') > 0
    );
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    const text = msg.message.trim();
    let r = parseAuditRecord(text);
    if (!r && msg.program === 'audit') r = parseJournalForm(text);
    if (!r) return null;
    const ev = translateAudit(r, msg.host);
    if (r.time === 0) {
      delete ev['@timestamp'];
      delete ev['event.id'];
    }
    return ev;
  },
};
