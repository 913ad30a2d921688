/**
 * Linux audit record parsing: `[node=H ]type=T msg=audit(EPOCH.MS:SERIAL): k=v … [msg='k=v …']
 * [\x1dENRICHED="…" …]`. Untrusted strings (acct, cmd, comm, exe, a0…) are written quoted when
 * plain and as unquoted upper-case hex when they hold spaces, quotes or non-ASCII bytes.
 */
import { AUDIT_KV, scanKv } from '../_lib/kv';

export interface AuditRecord {
  node?: string;
  type: string;
  /** Milliseconds since the epoch, from msg=audit(…). */
  time: number;
  /** `1696140000.123:456` as written. */
  id: string;
  serial: string;
  /** Every field, the msg='…' payload's fields merged in, hex decoded where the field may be hex. */
  fields: Record<string, string>;
  /** log_format=ENRICHED names after the 0x1d separator: AUID="tanaka" UID="root" … */
  enriched: Record<string, string>;
}

/** Fields that auditd writes as hex when they contain unsafe characters. */
const HEXABLE = /^(?:acct|cmd|comm|exe|cwd|name|proctitle|key|data|grp|new-user|old-user)$/;
/** EXECVE's arguments; SYSCALL's a0…a3 are register values in hex and stay as they are. */
const ARG = /^a\d+$/;
const HEX = /^[0-9A-F]+$/;

function decodeHex(s: string): string {
  return Buffer.from(s, 'hex').toString('utf8');
}

/** Parses k=v pairs; a quoted value is never hex, and a quoted msg='…' holds more pairs. */
function parsePairs(s: string, out: Record<string, string>, decode: boolean, args: boolean): void {
  scanKv(
    s,
    (key, raw, quoted) => {
      if (key === 'msg' && quoted) {
        parsePairs(raw, out, decode, args);
        return;
      }
      let value = raw;
      if (
        decode &&
        !quoted &&
        value.length >= 2 &&
        value.length % 2 === 0 &&
        (HEXABLE.test(key) || (args && ARG.test(key))) &&
        HEX.test(value)
      ) {
        value = decodeHex(value);
        if (key === 'proctitle') value = value.replace(/\0/g, ' ').trim();
      }
      out[key] = value;
    },
    AUDIT_KV,
  );
}

export function parseAuditRecord(line: string): AuditRecord | null {
  let s = line;
  let node: string | undefined;
  if (s.startsWith('node=')) {
    const sp = s.indexOf(' ');
    if (sp < 0) return null;
    node = s.slice(5, sp);
    s = s.slice(sp + 1);
  }
  if (!s.startsWith('type=')) return null;
  const sp = s.indexOf(' ');
  if (sp < 0) return null;
  const type = s.slice(5, sp);
  const rest = s.slice(sp + 1);
  const m = /^msg=audit\((\d+)\.(\d{3}):(\d+)\): ?/.exec(rest);
  if (!m) return null;
  const body = rest.slice(m[0].length);
  const gs = body.indexOf('\x1d');
  const fields: Record<string, string> = {};
  const enriched: Record<string, string> = {};
  parsePairs(gs >= 0 ? body.slice(0, gs) : body, fields, true, type === 'EXECVE');
  if (gs >= 0) {
    parsePairs(body.slice(gs + 1), enriched, false, false);
  }
  return {
    node,
    type,
    time: Number(m[1]) * 1000 + Number(m[2]),
    id: `${m[1]}.${m[2]}:${m[3]}`,
    serial: m[3],
    fields,
    enriched,
  };
}

/** x86_64 syscall numbers worth naming in a sentence. */
export const SYSCALLS_X86_64: Record<string, string> = {
  '2': 'open',
  '4': 'stat',
  '42': 'connect',
  '43': 'accept',
  '49': 'bind',
  '56': 'clone',
  '57': 'fork',
  '59': 'execve',
  '62': 'kill',
  '76': 'truncate',
  '82': 'rename',
  '83': 'mkdir',
  '84': 'rmdir',
  '87': 'unlink',
  '88': 'symlink',
  '90': 'chmod',
  '91': 'fchmod',
  '92': 'chown',
  '94': 'lchown',
  '101': 'ptrace',
  '105': 'setuid',
  '106': 'setgid',
  '165': 'mount',
  '166': 'umount2',
  '175': 'init_module',
  '176': 'delete_module',
  '188': 'setxattr',
  '257': 'openat',
  '258': 'mkdirat',
  '260': 'fchownat',
  '263': 'unlinkat',
  '264': 'renameat',
  '268': 'fchmodat',
  '313': 'finit_module',
  '316': 'renameat2',
  '322': 'execveat',
};
