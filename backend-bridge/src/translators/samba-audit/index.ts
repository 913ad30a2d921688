/**
 * Samba vfs_full_audit through syslog (ident `smbd_audit`): `PREFIX|OPERATION|RESULT|ARGS…` where
 * PREFIX is `full_audit:prefix` after substitution (default `%u|%I`; `%u|%I|%S` and `%u|%I|%m|%S`
 * are the common hand-set ones), RESULT is `ok` or `fail (strerror)`, and ARGS depend on the
 * operation: `openat|r|/srv/share/a.xlsx`, `renameat|/old|/new`, `create_file|0x12019f|file|open|/p`.
 * Samba 4.12+ logs absolute paths; older releases log paths relative to the share.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isIp, setSource } from '../_lib/network';

type Op = 'read' | 'write' | 'create' | 'delete' | 'rename' | 'permission-change';

const OPS: Record<string, Op | 'open' | 'create_file' | 'connect' | 'disconnect'> = {
  open: 'open',
  openat: 'open',
  create_file: 'create_file',
  read: 'read',
  pread: 'read',
  pread_send: 'read',
  pread_recv: 'read',
  sendfile: 'read',
  write: 'write',
  pwrite: 'write',
  pwrite_send: 'write',
  pwrite_recv: 'write',
  recvfile: 'write',
  ftruncate: 'write',
  fallocate: 'write',
  unlink: 'delete',
  unlinkat: 'delete',
  rmdir: 'delete',
  rename: 'rename',
  renameat: 'rename',
  mkdir: 'create',
  mkdirat: 'create',
  linkat: 'create',
  symlinkat: 'create',
  mknodat: 'create',
  chmod: 'permission-change',
  fchmod: 'permission-change',
  chown: 'permission-change',
  fchown: 'permission-change',
  lchown: 'permission-change',
  fset_nt_acl: 'permission-change',
  set_nt_acl: 'permission-change',
  sys_acl_set_fd: 'permission-change',
  sys_acl_set_file: 'permission-change',
  sys_acl_delete_def_file: 'permission-change',
  sys_acl_delete_def_fd: 'permission-change',
  fchmod_acl: 'permission-change',
  chmod_acl: 'permission-change',
  connect: 'connect',
  disconnect: 'disconnect',
};

const WORDS: Record<Op, { ja: string; jaFail: string; en: string; enFail: string; type: string }> = {
  read: {
    ja: 'を読み取りました',
    jaFail: 'の読み取りに失敗しました',
    en: 'read',
    enFail: 'failed to read',
    type: 'access',
  },
  write: {
    ja: 'に書き込みました',
    jaFail: 'への書き込みに失敗しました',
    en: 'wrote to',
    enFail: 'failed to write to',
    type: 'change',
  },
  create: {
    ja: 'を作成しました',
    jaFail: 'の作成に失敗しました',
    en: 'created',
    enFail: 'failed to create',
    type: 'creation',
  },
  delete: {
    ja: 'を削除しました',
    jaFail: 'の削除に失敗しました',
    en: 'deleted',
    enFail: 'failed to delete',
    type: 'deletion',
  },
  rename: {
    ja: 'の名前を変更しました',
    jaFail: 'の名前変更に失敗しました',
    en: 'renamed',
    enFail: 'failed to rename',
    type: 'change',
  },
  'permission-change': {
    ja: 'のアクセス権を変更しました',
    jaFail: 'のアクセス権変更に失敗しました',
    en: 'changed the permissions of',
    enFail: 'failed to change the permissions of',
    type: 'change',
  },
};

function isResult(s: string | undefined): boolean {
  return s === 'ok' || (s !== undefined && s.startsWith('fail'));
}

function setFile(ev: KansaEvent, path: string): void {
  ev['file.path'] = path;
  const slash = path.lastIndexOf('/');
  const name = slash >= 0 ? path.slice(slash + 1) : path;
  if (name && name !== '.') {
    ev['file.name'] = name;
    const dot = name.lastIndexOf('.');
    if (dot > 0 && dot < name.length - 1) ev['file.extension'] = name.slice(dot + 1).toLowerCase();
  }
  if (slash > 0) ev['file.directory'] = path.slice(0, slash);
}

export function translateSamba(msg: SyslogMessage): KansaEvent | null {
  let text = msg.message;
  if (text.startsWith('smbd_audit: ')) text = text.slice(12);
  if (text.endsWith('#012')) text = text.slice(0, -4);
  const f = text.split('|');
  let opAt = -1;
  for (let i = 1; i < f.length - 1 && i < 8; i++) {
    if (isResult(f[i + 1]) && /^[a-z_0-9]+$/.test(f[i])) {
      opAt = i;
      break;
    }
  }
  if (opAt < 1) return null;
  const prefix = f.slice(0, opAt);
  const opName = f[opAt];
  const result = f[opAt + 1];
  const args = f.slice(opAt + 2);
  const success = result === 'ok';
  const reason = success ? undefined : (/^fail \((.*)\)$/.exec(result)?.[1] ?? result);

  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'samba',
    'event.dataset': 'samba.full_audit',
    'event.code': opName,
    'event.outcome': success ? 'success' : 'failure',
    'kansa.source_type': 'samba-audit',
  };
  if (reason) ev['event.reason'] = reason;
  // Prefix: user first; an IP is the client; with 3+ fields the last is the share, with 4 the third is the machine.
  let user = prefix[0];
  const bs = user.indexOf('\\');
  if (bs > 0) {
    ev['user.domain'] = user.slice(0, bs);
    user = user.slice(bs + 1);
  }
  if (user) ev['user.name'] = user;
  let ip: string | undefined;
  let share: string | undefined;
  let machine: string | undefined;
  const others: string[] = [];
  for (const p of prefix.slice(1)) {
    if (!ip && isIp(p)) ip = p;
    else others.push(p);
  }
  if (others.length >= 1) share = others[others.length - 1];
  if (others.length >= 2) machine = others[0];
  if (ip) setSource(ev, ip);
  if (machine) ev['source.domain'] = machine;
  const raw: Record<string, string> = { prefix: prefix.join('|'), operation: opName, result };
  if (share) raw.share = share;
  args.forEach((a, i) => (raw[`arg${i}`] = a));
  ev['kansa.raw'] = raw;

  const host = msg.host;
  const onJa = host ? `${host} 上の ` : '';
  const onEn = host ? ` on ${host}` : '';
  const fromJa = ip ? `${ip} から ` : '';
  const fromEn = ip ? ` from ${ip}` : '';
  const who = user || '(不明なユーザー)';
  const whoEn = user || 'An unknown user';
  const failJa = reason ? `(${reason})` : '';
  const failEn = reason ? ` (${reason})` : '';
  const kind = OPS[opName];

  if (kind === 'connect' || kind === 'disconnect') {
    const svc = args[0] ?? share ?? '';
    const connect = kind === 'connect';
    ev['event.category'] = ['network', 'session'];
    ev['event.type'] = [connect ? 'start' : 'end'];
    ev['event.action'] = connect ? 'share-connected' : 'share-disconnected';
    ev['kansa.message.ja'] =
      `${who} が ${fromJa}${onJa}共有 ${svc} ${connect ? 'に接続しました' : 'から切断しました'}${failJa}`.replace(
        '上の 共有',
        'の共有',
      );
    ev['kansa.message.en'] =
      `${whoEn} ${connect ? 'connected to' : 'disconnected from'} share ${svc}${onEn}${fromEn}${failEn}`;
    return ev;
  }

  let op: Op | undefined;
  let path: string | undefined;
  let newPath: string | undefined;
  let isDir = false;
  if (kind === 'open') {
    op = args[0] === 'w' ? 'write' : 'read';
    path = args[1];
  } else if (kind === 'create_file') {
    // 0xACCESS_MASK|file|dir|DISPOSITION|PATH
    const mask = parseInt(args[0] ?? '', 16);
    isDir = args[1] === 'dir';
    const disp = args[2];
    path = args[3];
    raw.access_mask = args[0] ?? '';
    raw.disposition = disp ?? '';
    if (disp === 'create') op = 'create';
    else if (disp === 'overwrite' || disp === 'overwrite_if' || disp === 'supersede') op = 'write';
    else if (!Number.isNaN(mask) && mask & 0x10000) op = 'delete';
    else if (!Number.isNaN(mask) && mask & 0x6) op = 'write';
    else if (!Number.isNaN(mask) && mask & 0x1) op = 'read';
  } else if (kind === 'rename') {
    op = 'rename';
    path = args[0];
    newPath = args[1];
  } else if (kind) {
    op = kind;
    path = args[0];
    isDir = opName === 'mkdir' || opName === 'mkdirat' || opName === 'rmdir';
  } else {
    path = args.find((a) => a.startsWith('/')) ?? args[args.length - 1];
  }
  if (path) setFile(ev, path);
  if (isDir) ev['file.type'] = 'dir';
  if (newPath) ev['kansa.access.new_path'] = newPath;
  ev['event.category'] = ['file'];
  const target = path || '(パス不明)';
  const targetEn = path || '(unknown path)';
  if (!op) {
    ev['event.type'] = ['info'];
    ev['event.action'] = `samba-${opName.replace(/_/g, '-')}`;
    ev['kansa.message.ja'] =
      `${who} が ${fromJa}${onJa}${target} に対して ${opName} を${success ? '実行しました' : `実行しようとして失敗しました${failJa}`}`;
    ev['kansa.message.en'] =
      `${whoEn} ${success ? 'ran' : 'failed to run'} ${opName} on ${targetEn}${onEn}${fromEn}${failEn}`;
    return ev;
  }
  const w = WORDS[op];
  ev['event.type'] = [w.type];
  ev['event.action'] = `file-${op}`;
  ev['kansa.access.operation'] = op;
  if (op === 'rename') {
    ev['kansa.message.ja'] = success
      ? `${who} が ${fromJa}${onJa}${target} を ${newPath ?? '?'} に名前変更しました`
      : `${who} が ${fromJa}${onJa}${target} の ${newPath ?? '?'} への名前変更に失敗しました${failJa}`;
    ev['kansa.message.en'] =
      `${whoEn} ${success ? 'renamed' : 'failed to rename'} ${targetEn} to ${newPath ?? '?'}${onEn}${fromEn}${failEn}`;
    return ev;
  }
  ev['kansa.message.ja'] = `${who} が ${fromJa}${onJa}${target} ${success ? w.ja : w.jaFail}${failJa}`;
  ev['kansa.message.en'] = `${whoEn} ${success ? w.en : w.enFail} ${targetEn}${onEn}${fromEn}${failEn}`;
  return ev;
}

export const sambaAudit: SyslogProgram = {
  id: 'samba-audit',
  matches(msg: SyslogMessage): boolean {
    return msg.program === 'smbd_audit' || msg.message.startsWith('smbd_audit: ');
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateSamba(msg);
  },
};

export default sambaAudit;
