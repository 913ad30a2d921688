/**
 * Oracle Database audit records (source type `oracle-audit`): unified audit records written to syslog
 * (UNIFIED_AUDIT_SYSTEMLOG, `KEY:"value"` pairs), traditional audit records in syslog
 * (AUDIT_SYSLOG_LEVEL, `NAME:[length] "value"`), and the XML audit trail (AUDIT_TRAIL=XML files,
 * one `<AuditRecord>` per line). See README.md.
 */
import { isIp } from '../_lib/network';
import {
  ParseError,
  type Format,
  type KansaEvent,
  type RawRecord,
  type SyslogMessage,
  type SyslogProgram,
  type TranslateContext,
} from '../../translate/types';
import { applyRules, assignFields, ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { actionOf, type OracleAction } from './actions';

const UNIFIED = /LENGTH ?: ?'\d+' TYPE:"/;
const TRADITIONAL = /LENGTH ?: ?["']\d+["'] [A-Z$_ ]+ ?:\[\d+\] ["']/;

/** `KEY:"value"` pairs of a unified audit syslog record. */
function unifiedPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([A-Z_$]+):"((?:[^"\\]|\\.)*)"/g)) out[m[1]] = m[2];
  return out;
}

/** `NAME:[n] "value"` pairs: the length says where the value ends, quotes inside it included. */
function traditionalPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Z$_][A-Z$_ ]*?) ?:\[(\d+)\] (["'])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const value = text.slice(start, start + Number(m[2]));
    out[m[1].trim()] = value;
    re.lastIndex = start + value.length;
  }
  return out;
}

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function xmlPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/<([A-Za-z_]+)>([^<]*)<\/\1>/g)) {
    out[m[1]] = m[2].replace(/&(lt|gt|amp|quot|apos|#\d+);/g, (_, e: string) =>
      e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : XML_ENTITIES[e],
    );
  }
  return out;
}

/** The same facts, whatever the form named them. */
interface Audit {
  dbUser?: string;
  osUser?: string;
  host?: string;
  action?: string;
  returnCode?: string;
  schema?: string;
  object?: string;
  sql?: string;
  comment?: string;
  privilege?: string;
}

function normalize(p: Record<string, string>): Audit {
  const pick = (...keys: string[]): string | undefined => {
    for (const k of keys) if (p[k] !== undefined && p[k] !== '') return p[k];
    return undefined;
  };
  return {
    dbUser: pick('DBUSER', 'USERID', 'DATABASE USER', 'DB_User'),
    osUser: pick('OS$USERID', 'CLIENT USER', 'OS_User', 'OS_USER'),
    host: pick('USERHOST', 'Userhost'),
    action: pick('ACTION', 'Action'),
    returnCode: pick('RETCODE', 'RETURNCODE', 'STATUS', 'Returncode'),
    schema: pick('SCHEMA', 'OBJ$CREATOR', 'Object_Schema'),
    object: pick('OBJNAME', 'OBJ$NAME', 'Object_Name'),
    sql: pick('SQLTEXT', 'Sql_Text'),
    comment: pick('COMMENT$TEXT', 'Comment_Text'),
    privilege: pick('PRIVILEGE', 'PRIV$USED'),
  };
}

/** ORA- codes a failed logon returns, in words. */
const RETURN_WORDS: Record<string, [string, string]> = {
  '1017': ['ユーザー名またはパスワードが無効', 'invalid username or password'],
  '28000': ['アカウントがロックされています', 'the account is locked'],
  '1045': ['CREATE SESSION 権限がありません', 'no CREATE SESSION privilege'],
  '942': ['表またはビューが存在しません', 'table or view does not exist'],
  '1031': ['権限が不足しています', 'insufficient privileges'],
};

type Form = 'unified' | 'syslog' | 'xml';

/** Everything the rules word: the record's pairs, its facts and action, who did it, from where. */
interface OracleCtx {
  p: Record<string, string>;
  form: Form;
  a: Audit;
  act: OracleAction;
  rc: string;
  failed: boolean;
  user?: string;
  /** The HOST= of the client address in the comment. */
  client?: string;
  obj?: string;
  /** The return code in words (ja, en), for a failed record. */
  words?: [string, string];
}

/** The form of a record's text: the syslog forms as the syslog program tells them apart, else XML. */
function formOf(text: string): Form {
  return UNIFIED.test(text) ? 'unified' : TRADITIONAL.test(text) ? 'syslog' : 'xml';
}

function readRecord(text: string, form: Form): OracleCtx {
  const p = form === 'unified' ? unifiedPairs(text) : form === 'syslog' ? traditionalPairs(text) : xmlPairs(text);
  const a = normalize(p);
  if (a.action === undefined) throw new ParseError(`expected an ACTION in the Oracle ${form} audit record`);
  const rc = a.returnCode ?? '0';
  const failed = rc !== '0';
  // `/` is an OS-authenticated connection (SYSDBA): the person is the OS user.
  const user = a.dbUser && a.dbUser !== '/' ? a.dbUser.toLowerCase() : a.dbUser === '/' ? a.osUser : undefined;
  const client = /HOST=([0-9a-fA-F:.]+)\)/.exec(a.comment ?? '')?.[1];
  return {
    p,
    form,
    a,
    act: actionOf(a.action),
    rc,
    failed,
    user,
    client,
    obj: a.object ? (a.schema ? `${a.schema}.${a.object}` : a.object) : undefined,
    words: failed
      ? (RETURN_WORDS[rc.replace(/^0+/, '')] ?? [`ORA-${rc.padStart(5, '0')}`, `ORA-${rc.padStart(5, '0')}`])
      : undefined,
  };
}

/** The key of a record: logon, logoff, or the class of its statement (`read`, `write`, … `misc`). */
function keyOfAction(act: OracleAction): string {
  return act.kind === 'statement' ? (act.dbClass ?? 'MISC').toLowerCase() : act.kind;
}

function keyOf(text: string): string | undefined {
  try {
    return keyOfAction(readRecord(text, formOf(text)).act);
  } catch {
    return undefined;
  }
}

/** Who (the OS user when no database user), from where, and the OS user when it is another name. */
function parties(c: OracleCtx) {
  const other = c.a.osUser && c.a.osUser !== c.user ? c.a.osUser : undefined;
  const from = c.client ?? c.a.host;
  return {
    who: c.user ?? c.a.osUser ?? '誰か',
    whoEn: c.user ?? c.a.osUser ?? 'Someone',
    fromJa: from ? `${from} から ` : '',
    fromEn: from ? ` from ${from}` : '',
    osJa: other ? `OS ユーザー ${other}` : undefined,
    osEn: other ? `OS user ${other}` : undefined,
  };
}

/** A logon (failed with a non-zero return code) or a logoff, with the SYS privilege it used. */
function session(c: OracleCtx): RuleResult {
  const { act, failed, words, a } = c;
  const { who, whoEn, fromJa, fromEn, osJa, osEn } = parties(c);
  const priv = a.privilege && /^SYS/.test(a.privilege) ? a.privilege : undefined;
  const detailJa = [osJa, priv && `${priv} 権限`, words?.[0]].filter(Boolean).join('、');
  const detailEn = [osEn, priv && `as ${priv}`, words?.[1]].filter(Boolean).join(', ');
  return {
    fields: {
      'event.category': ['authentication', 'database'],
      'event.type': [act.type],
      'event.action': act.kind === 'logon' && failed ? 'logon-failed' : act.action,
    },
    ja: `${who} が ${fromJa}Oracle データベースに${act.kind === 'logoff' ? act.ja : failed ? 'ログオンしようとして失敗しました' : act.ja}${detailJa ? `(${detailJa})` : ''}`,
    en: `${whoEn} ${act.kind === 'logoff' ? act.en : failed ? 'failed to log on' : act.en} ${act.kind === 'logoff' ? 'of' : 'to'} the Oracle database${fromEn}${detailEn ? ` (${detailEn})` : ''}`,
  };
}

/** A statement in the words of its action (`actions.ts`); `category` is what its class touches. */
function statement(c: OracleCtx, category: string[]): RuleResult {
  const { act, failed, words, rc, obj, a } = c;
  const { who, whoEn, fromJa, fromEn, osJa, osEn } = parties(c);
  const target = obj ?? (a.sql ? a.sql.slice(0, 80) : act.name);
  return {
    fields: {
      'event.category': category,
      'event.type': failed && (rc === '1031' || rc === '942') ? [act.type, 'denied'] : [act.type],
      'event.action': act.action,
      'kansa.db.class': act.dbClass ?? 'MISC',
      'kansa.db.command': act.name,
    },
    ja: `${who} が ${fromJa}Oracle で ${target} ${failed ? `に対する ${act.name} に失敗しました` : act.ja}(${[act.name, osJa, words?.[0]].filter(Boolean).join('、')})`,
    en: `${whoEn} ${failed ? `failed ${act.name} on` : act.en} ${target} in Oracle${fromEn} (${[act.name, osEn, words?.[1]].filter(Boolean).join(', ')})`,
  };
}

/** A unified audit syslog record of ACTION `action`, as Oracle writes it. */
const unified = (action: string, user: string, schema: string, object: string, rc = '0') =>
  `Oracle Unified Audit[41300]: LENGTH: '213' TYPE:"4" DBID:"2965374651" SESID:"3476589200" CLIENTID:"" ENTRYID:"5" STMTID:"1" DBUSER:"${user}" CURUSER:"${user}" ACTION:"${action}" RETCODE:"${rc}" SCHEMA:"${schema}" OBJNAME:"${object}" PDB_GUID:"0F2A3B4C5D6E7F8091A2B3C4D5E6F708"`;
const SAMPLE_READ = unified('3', 'HR_APP', 'HR', 'EMPLOYEES');

type Rule = MessageRule<OracleCtx>;
const rule = (r: Omit<Rule, 'sampleContext'>): Rule => ({
  ...r,
  sampleContext: readRecord(r.sample, formOf(r.sample)),
});

/**
 * One rule per action class: logon, logoff, and the statement classes the other database translators
 * use (the action codes of each class and their words are in `actions.ts`). Samples are records in the
 * three forms Oracle writes.
 */
export const RULES = ruleTable<OracleCtx>(
  'oracle-audit',
  readRecord(SAMPLE_READ, 'unified'),
  [
    rule({
      id: 'logon',
      sample: `Oracle Audit[28614]: LENGTH: "349" SESSIONID:[6] "512344" ENTRYID:[1] "1" STATEMENT:[1] "1" USERID:[6] "TANAKA" USERHOST:[13] "EXAMPLE\\PC015" TERMINAL:[5] "PC015" ACTION:[3] "100" RETURNCODE:[4] "1017" COMMENT$TEXT:[97] "Authenticated by: DATABASE; Client address: (ADDRESS=(PROTOCOL=tcp)(HOST=10.1.20.15)(PORT=50123))" OS$USERID:[6] "tanaka" DBID:[10] "2965374651" PRIV$USED:[1] "5"`,
      match: { key: 'logon' },
      build: (_g, c) => session(c),
    }),
    rule({
      id: 'logoff',
      sample:
        '<AuditRecord><Audit_Type>1</Audit_Type><Session_Id>512390</Session_Id><StatementId>9</StatementId><EntryId>5</EntryId><Extended_Timestamp>2026-10-01T01:20:00.000000Z</Extended_Timestamp><DB_User>TANAKA</DB_User><OS_User>tanaka</OS_User><Userhost>EXAMPLE\\PC015</Userhost><OS_Process>6124:5820</OS_Process><Terminal>PC015</Terminal><Instance_Number>0</Instance_Number><Action>101</Action><Returncode>0</Returncode><Scn>48211934</Scn><Comment_Text>Authenticated by: DATABASE; Client address: (ADDRESS=(PROTOCOL=tcp)(HOST=10.1.20.15)(PORT=50131))</Comment_Text><DBID>2965374651</DBID></AuditRecord>',
      match: { key: 'logoff' },
      build: (_g, c) => session(c),
    }),
    rule({ id: 'read', sample: SAMPLE_READ, match: { key: 'read' }, build: (_g, c) => statement(c, ['database']) }),
    rule({
      id: 'write',
      sample: unified('7', 'SYSTEM', 'HR', 'SALARY', '1031'),
      match: { key: 'write' },
      build: (_g, c) => statement(c, ['database']),
    }),
    rule({
      id: 'ddl',
      sample: unified('12', 'HR_APP', 'HR', 'EMP_TMP'),
      match: { key: 'ddl' },
      build: (_g, c) => statement(c, ['database']),
    }),
    rule({
      // Users, roles and privileges: identity and access management as well as the database.
      id: 'role',
      sample: unified('114', 'SYSTEM', '', 'DBA'),
      match: { key: 'role' },
      build: (_g, c) => statement(c, ['database', 'iam']),
    }),
    rule({
      id: 'function',
      sample: unified('47', 'HR_APP', 'HR', 'RAISE_SALARIES'),
      match: { key: 'function' },
      build: (_g, c) => statement(c, ['database']),
    }),
    rule({
      id: 'misc',
      sample: unified('44', 'HR_APP', '', ''),
      match: { key: 'misc' },
      build: (_g, c) => statement(c, ['database']),
    }),
  ],
  keyOf,
);

export function translateOracle(text: string, form: Form): KansaEvent {
  const c = readRecord(text, form);
  const { a, p, failed, user, client, obj, words, act, rc } = c;
  const ev: KansaEvent = {
    'event.kind': 'event',
    'event.module': 'oracle',
    'event.dataset': `oracle.audit.${form}`,
    'event.code': act.name,
    'event.outcome': failed ? 'failure' : 'success',
    'kansa.source_type': 'oracle-audit',
    'observer.vendor': 'Oracle',
    'observer.product': 'Oracle Database',
  };
  if (user) ev['user.name'] = user;
  if (client && isIp(client)) ev['source.ip'] = client;
  if (a.host) ev['kansa.db.client'] = a.host;
  if (obj) ev['kansa.db.object'] = obj;
  if (a.sql) ev['kansa.db.statement'] = a.sql;
  if (failed) {
    ev['error.code'] = `ORA-${rc.padStart(5, '0')}`;
    ev['event.reason'] = words![1];
  }
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(p)) if (v !== '' && k !== 'SQLTEXT' && k !== 'Sql_Text') raw[k] = v;
  ev['kansa.raw'] = raw;
  const applied = applyRules(RULES, text, c, keyOfAction(act));
  if (!applied) throw new ParseError(`expected an Oracle ${form} audit record`);
  assignFields(ev, applied.result.fields);
  ev['kansa.message.ja'] = applied.result.ja;
  ev['kansa.message.en'] = applied.result.en;
  return ev;
}

export const oracleAuditSyslog: SyslogProgram = {
  id: 'oracle-audit',
  matches(msg: SyslogMessage): boolean {
    return UNIFIED.test(msg.message) || TRADITIONAL.test(msg.message);
  },
  translate(msg: SyslogMessage): KansaEvent {
    return translateOracle(msg.message, UNIFIED.test(msg.message) ? 'unified' : 'syslog');
  },
};

/** XML audit trail files: the declaration, `<Audit>` and `<Version>` lines carry no record. */
export const oracleAuditXml: Format = {
  id: 'oracle-audit-xml',
  framing: 'csv',
  detect(sample: string): number {
    return /<AuditRecord>/.test(sample) && /<Audit_Type>|<Extended_Timestamp>/.test(sample) ? 0.97 : 0;
  },
  isHeader(): string[] | null {
    return null;
  },
  isPreamble(line: string): boolean {
    return !line.includes('<AuditRecord>') && !line.includes('<Extended_Timestamp>');
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    const t = xmlPairs(record.text).Extended_Timestamp;
    const ms =
      t && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(t) ? Date.parse(t.replace(/(\.\d{3})\d+Z$/, '$1Z')) : NaN;
    if (Number.isNaN(ms))
      throw new ParseError(
        `expected <Extended_Timestamp> such as 2026-10-01T01:15:02.118372Z, found ${JSON.stringify(t ?? null)}`,
      );
    const ev = translateOracle(record.text, 'xml');
    ev['@timestamp'] = new Date(ms).toISOString();
    return [ev];
  },
};
