/**
 * Linux audit (auditd) records, one line each, from /var/log/audit/audit.log (a Format) or through
 * syslog (audispd / audisp-syslog plugins, and journald's `audit[pid]: TYPE …` lines).
 * Multi-record events (SYSCALL + EXECVE + CWD + PATH + PROCTITLE sharing a serial) are translated
 * record by record; event.id carries `EPOCH.MS:SERIAL` so they can be grouped. The record types are a
 * rule table (`RULES` in rules.ts) keyed by `type=`, a real record each.
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
import { applyRules, assignFields } from '../_lib/rules';
import { type AuditRecord, parseAuditRecord } from './parse';
import { clean, generic, otherDetail, readRec, RULES } from './rules';
import { shareOfLines } from '../../translate/detect';

export function translateAudit(r: AuditRecord, hostFallback?: string): KansaEvent {
  const f = r.fields;
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
  const c = readRec(r, hostFallback);
  if (c.exe) {
    ev['process.executable'] = c.exe;
    ev['process.name'] = c.exeName;
  } else if (clean(f.comm)) {
    ev['process.name'] = f.comm;
  }
  ev['event.outcome'] = c.result === undefined ? 'unknown' : c.result ? 'success' : 'failure';
  // The record is already read: the table is keyed by its type, written as the line starts.
  const applied = applyRules(RULES, `type=${r.type}`, c);
  return assignFields(ev, (applied?.result ?? generic(c, otherDetail(c))).fields);
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
