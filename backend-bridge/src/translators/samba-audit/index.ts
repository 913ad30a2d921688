/**
 * Samba vfs_full_audit through syslog (ident `smbd_audit`): `PREFIX|OPERATION|RESULT|ARGS…` where
 * PREFIX is `full_audit:prefix` after substitution (default `%u|%I`; `%u|%I|%S` and `%u|%I|%m|%S`
 * are the common hand-set ones), RESULT is `ok` or `fail (strerror)`, and ARGS depend on the
 * operation: `openat|r|/srv/share/a.xlsx`, `renameat|/old|/new`, `create_file|0x12019f|file|open|/p`.
 * Samba 4.12+ logs absolute paths; older releases log paths relative to the share.
 * The operations are a rule table (`RULES`) keyed by their kind (OPS), a real line each.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isIp, setSource } from '../_lib/network';
import { applyRules, assignFields, ruleTable, sentenceIn, type MessageRule, type RuleResult } from '../_lib/rules';

type Op = 'read' | 'write' | 'create' | 'delete' | 'rename' | 'permission-change';

/** The kind of each operation: the key of its rule. */
type Kind = Op | 'open' | 'create_file' | 'connect' | 'disconnect';

const OPS: Record<string, Kind> = {
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

/** The `|` fields of a message and where the operation is: the first `name|ok` or `name|fail (…)` pair. */
function splitAudit(message: string): { f: string[]; opAt: number } | null {
  let text = message;
  if (text.startsWith('smbd_audit: ')) text = text.slice(12);
  if (text.endsWith('#012')) text = text.slice(0, -4);
  const f = text.split('|');
  for (let i = 1; i < f.length - 1 && i < 8; i++) {
    if (isResult(f[i + 1]) && /^[a-z_0-9]+$/.test(f[i])) return { f, opAt: i };
  }
  return null;
}

/** One audit line, read: the prefix, the operation and its arguments, and the words of the sentence. */
interface Audit {
  prefix: string[];
  opName: string;
  result: string;
  args: string[];
  success: boolean;
  reason?: string;
  user: string;
  domain?: string;
  ip?: string;
  machine?: string;
  share?: string;
  /** kansa.raw, already in the event: create_file adds its access mask and disposition. */
  raw: Record<string, string>;
  who: string;
  whoEn: string;
  fromJa: string;
  fromEn: string;
  onJa: string;
  onEn: string;
  failJa: string;
  failEn: string;
}

function readAudit(message: string, host: string | undefined): Audit | null {
  const s = splitAudit(message);
  if (!s) return null;
  const { f, opAt } = s;
  const prefix = f.slice(0, opAt);
  const opName = f[opAt];
  const result = f[opAt + 1];
  const args = f.slice(opAt + 2);
  const success = result === 'ok';
  const reason = success ? undefined : (/^fail \((.*)\)$/.exec(result)?.[1] ?? result);
  // Prefix: user first; an IP is the client; with 3+ fields the last is the share, with 4 the third is the machine.
  let user = prefix[0];
  let domain: string | undefined;
  const bs = user.indexOf('\\');
  if (bs > 0) {
    domain = user.slice(0, bs);
    user = user.slice(bs + 1);
  }
  let ip: string | undefined;
  const others: string[] = [];
  for (const p of prefix.slice(1)) {
    if (!ip && isIp(p)) ip = p;
    else others.push(p);
  }
  const share = others.length >= 1 ? others[others.length - 1] : undefined;
  const raw: Record<string, string> = { prefix: prefix.join('|'), operation: opName, result };
  if (share) raw.share = share;
  args.forEach((a, i) => (raw[`arg${i}`] = a));
  return {
    prefix,
    opName,
    result,
    args,
    success,
    reason,
    user,
    domain,
    ip,
    machine: others.length >= 2 ? others[0] : undefined,
    share,
    raw,
    who: user || '(不明なユーザー)',
    whoEn: user || 'An unknown user',
    fromJa: ip ? `${ip} から ` : '',
    fromEn: ip ? ` from ${ip}` : '',
    onJa: host ? `${host} 上の ` : '',
    onEn: host ? ` on ${host}` : '',
    failJa: reason ? `(${reason})` : '',
    failEn: reason ? ` (${reason})` : '',
  };
}

/** A share connect or disconnect. */
function session(a: Audit, connect: boolean): RuleResult {
  const svc = a.args[0] ?? a.share ?? '';
  return sentenceIn({
    'event.category': ['network', 'session'],
    'event.type': [connect ? 'start' : 'end'],
    'event.action': connect ? 'share-connected' : 'share-disconnected',
    'kansa.message.ja':
      `${a.who} が ${a.fromJa}${a.onJa}共有 ${svc} ${connect ? 'に接続しました' : 'から切断しました'}${a.failJa}`.replace(
        '上の 共有',
        'の共有',
      ),
    'kansa.message.en': `${a.whoEn} ${connect ? 'connected to' : 'disconnected from'} share ${svc}${a.onEn}${a.fromEn}${a.failEn}`,
  });
}

/** A file operation; without `op` (an operation the table does not know) it says which one ran. */
function fileAct(a: Audit, op: Op | undefined, path: string | undefined, isDir = false, newPath?: string): RuleResult {
  const ev: KansaEvent = {};
  if (path) setFile(ev, path);
  if (isDir) ev['file.type'] = 'dir';
  if (newPath) ev['kansa.access.new_path'] = newPath;
  ev['event.category'] = ['file'];
  const { who, whoEn, fromJa, fromEn, onJa, onEn, failJa, failEn, success, opName } = a;
  const target = path || '(パス不明)';
  const targetEn = path || '(unknown path)';
  if (!op) {
    ev['event.type'] = ['info'];
    ev['event.action'] = `samba-${opName.replace(/_/g, '-')}`;
    ev['kansa.message.ja'] =
      `${who} が ${fromJa}${onJa}${target} に対して ${opName} を${success ? '実行しました' : `実行しようとして失敗しました${failJa}`}`;
    ev['kansa.message.en'] =
      `${whoEn} ${success ? 'ran' : 'failed to run'} ${opName} on ${targetEn}${onEn}${fromEn}${failEn}`;
    return sentenceIn(ev);
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
    return sentenceIn(ev);
  }
  ev['kansa.message.ja'] = `${who} が ${fromJa}${onJa}${target} ${success ? w.ja : w.jaFail}${failJa}`;
  ev['kansa.message.en'] = `${whoEn} ${success ? w.en : w.enFail} ${targetEn}${onEn}${fromEn}${failEn}`;
  return sentenceIn(ev);
}

/** A rule per kind of operation (OPS); its sample is read on the server `fs01`, as in the golden cases. */
const rule = (r: Omit<MessageRule<Audit>, 'match' | 'sampleContext'> & { key: Kind }): MessageRule<Audit> => ({
  id: r.id,
  sample: r.sample,
  match: { key: r.key },
  sampleContext: readAudit(r.sample, 'fs01')!,
  build: r.build,
});

/** Plain file operations: the path is the first argument. */
const plain = (id: string, key: Op, sample: string): MessageRule<Audit> =>
  rule({ id, key, sample, build: (_g, a) => fileAct(a, key, a.args[0], DIR_OPS.has(a.opName)) });

const DIR_OPS = new Set(['mkdir', 'mkdirat', 'rmdir']);

/** The operations, keyed by their kind in OPS; an operation not in OPS says which one ran. */
export const RULES = ruleTable<Audit>(
  'samba-audit',
  readAudit('yamada|10.0.1.21|openat|ok|r|/srv/samba/share/dev/design.xlsx', 'fs01')!,
  [
    rule({
      id: 'connect',
      key: 'connect',
      sample: 'yamada|10.0.1.21|connect|ok|share',
      build: (_g, a) => session(a, true),
    }),
    rule({
      id: 'disconnect',
      key: 'disconnect',
      sample: 'yamada|10.0.1.21|disconnect|ok|share',
      build: (_g, a) => session(a, false),
    }),
    rule({
      id: 'open',
      key: 'open',
      sample: 'yamada|10.0.1.21|openat|ok|w|/srv/samba/share/dev/notes.txt',
      build: (_g, a) => fileAct(a, a.args[0] === 'w' ? 'write' : 'read', a.args[1]),
    }),
    rule({
      id: 'create-file',
      key: 'create_file',
      sample: 'yamada|10.0.1.21|create_file|ok|0x12019f|file|create|/srv/samba/share/dev/new.txt',
      build(_g, a) {
        // 0xACCESS_MASK|file|dir|DISPOSITION|PATH: what the handle was opened for, by disposition then mask.
        const { args, raw } = a;
        const mask = parseInt(args[0] ?? '', 16);
        const disp = args[2];
        raw.access_mask = args[0] ?? '';
        raw.disposition = disp ?? '';
        let op: Op | undefined;
        if (disp === 'create') op = 'create';
        else if (disp === 'overwrite' || disp === 'overwrite_if' || disp === 'supersede') op = 'write';
        else if (!Number.isNaN(mask) && mask & 0x10000) op = 'delete';
        else if (!Number.isNaN(mask) && mask & 0x6) op = 'write';
        else if (!Number.isNaN(mask) && mask & 0x1) op = 'read';
        return fileAct(a, op, args[3], args[1] === 'dir');
      },
    }),
    plain('read', 'read', 'yamada|10.0.1.21|pread_send|ok|/srv/samba/share/dev/design.xlsx'),
    plain('write', 'write', 'yamada|10.0.1.21|pwrite_send|ok|/srv/samba/share/dev/notes.txt'),
    plain('delete', 'delete', 'yamada|10.0.1.21|unlinkat|ok|/srv/samba/share/dev/old.docx'),
    rule({
      id: 'rename',
      key: 'rename',
      sample: 'yamada|10.0.1.21|renameat|ok|/srv/samba/share/dev/notes.txt|/srv/samba/share/dev/2026/notes.txt',
      build: (_g, a) => fileAct(a, 'rename', a.args[0], false, a.args[1]),
    }),
    plain('create', 'create', 'yamada|10.0.1.21|mkdirat|ok|/srv/samba/share/dev/2026'),
    plain('permission-change', 'permission-change', 'yamada|10.0.1.21|fchmod|ok|/srv/samba/share/dev/2026/notes.txt'),
  ],
  (text) => {
    const s = splitAudit(text);
    return s && Object.hasOwn(OPS, s.f[s.opAt]) ? OPS[s.f[s.opAt]] : undefined;
  },
);

export function translateSamba(msg: SyslogMessage): KansaEvent | null {
  const a = readAudit(msg.message, msg.host);
  if (!a) return null;
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'samba',
    'event.dataset': 'samba.full_audit',
    'event.code': a.opName,
    'event.outcome': a.success ? 'success' : 'failure',
    'kansa.source_type': 'samba-audit',
  };
  if (a.reason) ev['event.reason'] = a.reason;
  if (a.domain) ev['user.domain'] = a.domain;
  if (a.user) ev['user.name'] = a.user;
  if (a.ip) setSource(ev, a.ip);
  if (a.machine) ev['source.domain'] = a.machine;
  ev['kansa.raw'] = a.raw;
  const applied = applyRules(RULES, msg.message, a);
  const result =
    applied?.result ?? fileAct(a, undefined, a.args.find((x) => x.startsWith('/')) ?? a.args[a.args.length - 1]);
  return assignFields(ev, result.fields);
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
