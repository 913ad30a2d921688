/**
 * sudo's syslog lines (sudo 1.8 and 1.9):
 *   `tanaka : TTY=pts/0 ; PWD=/home/tanaka ; USER=root ; COMMAND=/usr/bin/systemctl restart nginx`
 *   `tanaka : TTY=pts/0 ; PWD=/home/tanaka ; USER=root ; TSID=000001 ; COMMAND=/bin/bash` (I/O log)
 *   `tanaka : 3 incorrect password attempts ; TTY=pts/0 ; PWD=… ; USER=root ; COMMAND=…`
 *   `tanaka : user NOT in sudoers ; …`, `tanaka : command not allowed ; …`
 * PAM lines from sudo (`pam_unix(sudo:session)`) go to the pam translator.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isPamMessage, translatePam } from '../_lib/pam';
import { baseEvent, setUser, unwrapRepeated } from '../_lib/linux';
import { paren } from '../_lib/wording';
import { applyRules, assignFields, ruleTable } from '../_lib/rules';

const KEYS = new Set(['TTY', 'PWD', 'USER', 'GROUP', 'TSID', 'ENV', 'CHROOT', 'CWD', 'COMMAND', 'HOST']);

/** Fresh objects per event: later stages may extend the arrays. */
const denied = (): KansaEvent => ({
  'event.category': ['process', 'iam'],
  'event.type': ['denied'],
  'event.action': 'sudo-denied',
});
const authFailed = (): KansaEvent => ({
  'event.category': ['authentication'],
  'event.type': ['start'],
  'event.action': 'sudo-authentication-failed',
});

/** What a sudo problem (the part before ` ; TTY=…`) means: category, type, action and the reason in words. */
export const PROBLEMS = ruleTable<null>('sudo', null, [
  {
    id: 'incorrect-password',
    sample: '3 incorrect password attempts',
    match: /^(?<n>\d+) incorrect password attempts?$/,
    build: ({ n }) => ({
      fields: authFailed(),
      ja: `パスワード誤り ${n} 回`,
      en: `${n} incorrect password attempt${n === '1' ? '' : 's'}`,
    }),
  },
  {
    id: 'not-in-sudoers',
    sample: 'user NOT in sudoers',
    match: /^user NOT in sudoers$/,
    build: () => ({ fields: denied(), ja: 'sudoers に登録されていないユーザー', en: 'user not in sudoers' }),
  },
  {
    id: 'command-not-allowed',
    sample: 'command not allowed',
    match: /^command not allowed$/,
    build: () => ({ fields: denied(), ja: '許可されていないコマンド', en: 'command not allowed' }),
  },
  {
    id: 'not-authorized-on-host',
    sample: 'user NOT authorized on host',
    match: /^user NOT authorized on host$/,
    build: () => ({
      fields: denied(),
      ja: 'このホストでは許可されていないユーザー',
      en: 'user not authorized on this host',
    }),
  },
  {
    id: 'password-required',
    sample: 'a password is required',
    match: /^a password is required$/,
    build: () => ({ fields: authFailed(), ja: 'パスワードが必要(非対話実行)', en: 'a password is required' }),
  },
  {
    id: 'other',
    sample: 'pam_authenticate: Conversation error',
    match: /^(?<problem>[^]*)$/,
    build: ({ problem }) => ({
      fields: { 'event.category': ['process'], 'event.type': ['denied'], 'event.action': 'sudo-failed' },
      ja: problem,
      en: problem,
    }),
  },
]);

export function translateSudo(msg: SyslogMessage): KansaEvent | null {
  const { text: inner, count } = unwrapRepeated(msg.message.trim());
  if (isPamMessage(inner)) {
    return translatePam(inner, msg, count);
  }
  const text = inner.trim();
  const sep = text.indexOf(' : ');
  if (sep <= 0) {
    return null;
  }
  const user = text.slice(0, sep);
  const fields: Record<string, string> = {};
  const problems: string[] = [];
  // COMMAND runs to the end of the line (it may itself contain " ; ").
  const body = text.slice(sep + 3);
  const cmdAt = body.indexOf('COMMAND=');
  const head = cmdAt >= 0 ? body.slice(0, cmdAt) : body;
  if (cmdAt >= 0) {
    fields.COMMAND = body.slice(cmdAt + 8);
  }
  for (const part of head.split(' ; ')) {
    const p = part.trim().replace(/;$/, '').trim();
    if (!p) {
      continue;
    }
    const eq = p.indexOf('=');
    const key = eq > 0 ? p.slice(0, eq) : '';
    if (KEYS.has(key)) {
      fields[key] = p.slice(eq + 1);
    } else {
      problems.push(p);
    }
  }
  if (!fields.COMMAND) {
    // e.g. "tanaka : unable to resolve host web01": a sudo warning, not a command record.
    return null;
  }
  const host = msg.host;
  const hostJa = host ? `${host} で ` : '';
  const onHost = host ? ` on ${host}` : '';
  const ev = baseEvent('sudo', 'sudo', 'sudo.log');
  setUser(ev, user);
  const runAs = fields.USER;
  if (runAs) {
    ev['user.effective.name'] = runAs;
    ev['user.target.name'] = runAs;
  }
  if (fields.GROUP) {
    ev['group.name'] = fields.GROUP;
  }
  const cmd = fields.COMMAND;
  if (cmd) {
    ev['process.command_line'] = cmd;
    const exe = cmd.split(' ')[0];
    if (exe.startsWith('/')) {
      ev['process.executable'] = exe;
    }
  }
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    raw[k.toLowerCase()] = v;
  }
  if (problems.length) {
    raw.problem = problems.join(' ; ');
  }
  ev['kansa.raw'] = raw;
  if (count > 1) {
    ev['kansa.count'] = count;
  }
  const asJa = runAs ? `${runAs} として ` : '';
  const asEn = runAs ? ` as ${runAs}` : '';
  const ttyJa = fields.TTY && fields.TTY !== 'unknown' ? `端末 ${fields.TTY}` : '';
  const ttyEn = fields.TTY && fields.TTY !== 'unknown' ? `terminal ${fields.TTY}` : '';
  const pwdJa = fields.PWD ? `作業ディレクトリ ${fields.PWD}` : '';
  const pwdEn = fields.PWD ? `in ${fields.PWD}` : '';
  const timesJa = count > 1 ? `${count} 回` : '';
  const timesEn = count > 1 ? `${count} times` : '';
  const what = cmd ?? '(コマンド不明)';
  const whatEn = cmd ?? '(unknown command)';

  if (problems.length === 0) {
    ev['event.category'] = ['process'];
    ev['event.type'] = ['start'];
    ev['event.action'] = 'sudo-command';
    ev['event.outcome'] = 'success';
    ev['kansa.message.ja'] =
      `${user} が ${hostJa}${asJa}${what} を実行しました${paren(['sudo', ttyJa, pwdJa, timesJa], 'ja')}`;
    ev['kansa.message.en'] = `${user} ran ${whatEn}${asEn}${onHost}${paren(['sudo', ttyEn, pwdEn, timesEn], 'en')}`;
    return ev;
  }
  const pr = applyRules(PROBLEMS, problems[0], null)!.result;
  assignFields(ev, pr.fields);
  ev['event.outcome'] = 'failure';
  ev['event.reason'] = problems.join('; ');
  ev['kansa.message.ja'] =
    `${user} が ${hostJa}${asJa}${what} を sudo で実行しようとして失敗しました${paren([pr.ja, ttyJa, pwdJa, timesJa], 'ja')}`;
  ev['kansa.message.en'] =
    `${user} failed to sudo ${whatEn}${asEn}${onHost}${paren([pr.en, ttyEn, pwdEn, timesEn], 'en')}`;
  return ev;
}

export const sudo: SyslogProgram = {
  id: 'sudo',
  matches(msg: SyslogMessage): boolean {
    return msg.program === 'sudo';
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateSudo(msg);
  },
};

export default sudo;
