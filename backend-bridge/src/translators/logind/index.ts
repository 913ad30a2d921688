/**
 * systemd-logind sessions and power, plus the few systemd (PID 1) lines that mark boot and shutdown:
 *   logind: `New session 3 of user tanaka.`, `Session 3 logged out. Waiting for processes to exit.`,
 *           `Removed session 3.`, `System is powering down.`, `System is rebooting.`,
 *           `Power key pressed.`, `Lid closed.`, `Lid opened.`
 *   systemd: `Startup finished in 2.1s (kernel) + 8.4s (userspace) = 10.5s.`,
 *           `Reached target Shutdown.` / `Reached target shutdown.target - System Shutdown.`,
 *           `Reached target Reboot.` / `Reached target reboot.target - System Reboot.`
 * logind's logout lines carry only the session id; the user is on the earlier "New session" line.
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { baseEvent } from '../_lib/linux';
import { applyRules, assignFields, ruleTable, sentenceIn, type RuleResult } from '../_lib/rules';

/** Display-manager greeter accounts: their sessions are not a person at work. */
const SYSTEM_USERS = new Set(['gdm', 'lightdm', 'sddm', 'gnome-initial-setup', 'Debian-gdm']);

/** The host a sentence names: the syslog host, else "this host". */
interface Host {
  ja: string;
  en: string;
  /** ` on pc01`, or empty without a host. */
  on: string;
}

function power(
  h: Host,
  transition: 'power-on' | 'power-off',
  action: string,
  ja: string,
  en: string,
  raw?: Record<string, string>,
): RuleResult {
  return sentenceIn({
    'event.category': ['host'],
    'event.type': [transition === 'power-on' ? 'start' : 'end'],
    'event.action': action,
    'event.outcome': 'success',
    'kansa.session.transition': transition,
    'kansa.message.ja': `${h.ja} ${ja}`,
    'kansa.message.en': `${h.en} ${en}`,
    ...(raw ? { 'kansa.raw': raw } : {}),
  });
}

const SAMPLE_HOST: Host = { ja: 'pc-tanaka', en: 'pc-tanaka', on: ' on pc-tanaka' };

/** systemd-logind: sessions, power and the hardware buttons. */
export const LOGIND_RULES = ruleTable<Host>('logind', SAMPLE_HOST, [
  {
    id: 'new-session',
    sample: 'New session 3 of user tanaka.',
    match: /^New session (?<id>\S+) of user (?<user>.+?)\.?$/,
    build: (g, h) =>
      sentenceIn({
        'event.category': ['session'],
        'event.type': ['start'],
        'event.action': 'session-created',
        'event.outcome': 'success',
        'user.name': g.user,
        'kansa.raw': { session_id: g.id },
        ...(SYSTEM_USERS.has(g.user) ? {} : { 'kansa.session.transition': 'start' }),
        'kansa.message.ja': `${g.user} が ${h.ja} にログインしました(セッション ${g.id})`,
        'kansa.message.en': `${g.user} logged in${h.on} (session ${g.id})`,
      }),
  },
  {
    id: 'session-logged-out',
    sample: 'Session 3 logged out. Waiting for processes to exit.',
    match: /^Session (?<id>\S+) logged out\. Waiting for processes to exit\.$/,
    // The user is only on the "New session" line: sessions.ts joins it in later.
    build: (g, h) =>
      sentenceIn({
        'event.category': ['session'],
        'event.type': ['end'],
        'event.action': 'session-logged-out',
        'event.outcome': 'success',
        'kansa.raw': { session_id: g.id },
        'kansa.message.ja': `${h.ja} でセッション ${g.id} がログアウトしました`,
        'kansa.message.en': `Session ${g.id} logged out${h.on}`,
      }),
  },
  {
    id: 'session-removed',
    sample: 'Removed session 3.',
    match: /^Removed session (?<id>\S+)\.$/,
    build: (g, h) =>
      sentenceIn({
        'event.category': ['session'],
        'event.type': ['end'],
        'event.action': 'session-removed',
        'event.outcome': 'success',
        'kansa.raw': { session_id: g.id },
        'kansa.message.ja': `${h.ja} でセッション ${g.id} が削除されました`,
        'kansa.message.en': `Session ${g.id} was removed${h.on}`,
      }),
  },
  {
    id: 'powering-down',
    sample: 'System is powering down.',
    match: /^System is (?:powering down|halting)\.$/,
    build: (_g, h) => power(h, 'power-off', 'shutdown-initiated', 'の電源を切る処理が始まりました', 'is powering down'),
  },
  {
    id: 'rebooting',
    sample: 'System is rebooting.',
    match: /^System is rebooting(?: with kexec)?\.$/,
    build: (_g, h) => power(h, 'power-off', 'reboot-initiated', 'の再起動が始まりました', 'is rebooting'),
  },
  {
    id: 'button-pressed',
    sample: 'Power key pressed short.',
    match: /^(?<key>Power key|Suspend key|Hibernate key|Reboot key) pressed(?: (?:short|long))?\.$/,
    build: (g, h) =>
      sentenceIn({
        'event.category': ['host'],
        'event.type': ['info'],
        'event.outcome': 'success',
        'event.action': 'button-pressed',
        'kansa.message.ja': `${h.ja} の ${g.key} が押されました`,
        'kansa.message.en': `${g.key} was pressed on ${h.en}`,
      }),
  },
  {
    id: 'lid',
    sample: 'Lid closed.',
    match: /^Lid (?<state>closed|opened)\.$/,
    build: (g, h) =>
      sentenceIn({
        'event.category': ['host'],
        'event.type': ['info'],
        'event.outcome': 'success',
        'event.action': g.state === 'closed' ? 'lid-closed' : 'lid-opened',
        'kansa.session.transition': 'activity',
        'kansa.message.ja': `${h.ja} の蓋が${g.state === 'closed' ? '閉じられました' : '開かれました'}`,
        'kansa.message.en': `${h.en}'s lid was ${g.state}`,
      }),
  },
]);

/** systemd (PID 1): the lines that mark the end of a boot and the last step of a shutdown. */
export const SYSTEMD_RULES = ruleTable<Host>('logind-systemd', SAMPLE_HOST, [
  {
    id: 'startup-finished',
    sample: 'Startup finished in 3.512s (kernel) + 9.208s (userspace) = 12.721s.',
    match: /^Startup finished in (?<startup>.+) = (?<total>.+?)\.?$/,
    build: (g, h) =>
      power(
        h,
        'power-on',
        'boot-finished',
        `が起動しました(起動時間 ${g.total})`,
        `finished booting (took ${g.total})`,
        {
          startup: g.startup,
          total: g.total,
        },
      ),
  },
  {
    id: 'reboot-target',
    sample: 'Reached target reboot.target - System Reboot.',
    match: /^Reached target (?:Reboot|reboot\.target - [^.]*)\.?$/,
    build: (_g, h) =>
      power(
        h,
        'power-off',
        'reboot-target-reached',
        'の再起動の準備ができました(systemd)',
        'reached the reboot target (systemd)',
      ),
  },
  {
    id: 'shutdown-target',
    sample: 'Reached target shutdown.target - System Shutdown.',
    match: /^Reached target (?:Shutdown|Power-Off|Halt|(?:shutdown|poweroff|halt)\.target - [^.]*)\.?$/,
    build: (_g, h) =>
      power(
        h,
        'power-off',
        'shutdown-target-reached',
        'のシャットダウン処理が最終段階に入りました(systemd)',
        'reached the shutdown target (systemd)',
      ),
  },
]);

function translateLogind(msg: SyslogMessage): KansaEvent | null {
  const logindLine = msg.program === 'systemd-logind';
  const h: Host = {
    ja: msg.host ?? 'このホスト',
    en: msg.host ?? 'This host',
    on: msg.host ? ` on ${msg.host}` : '',
  };
  const hit = applyRules(logindLine ? LOGIND_RULES : SYSTEMD_RULES, msg.message.trim(), h);
  if (!hit) return null;
  return assignFields(
    baseEvent('logind', 'systemd', logindLine ? 'systemd.logind' : 'systemd.system'),
    hit.result.fields,
  );
}

export const logind: SyslogProgram = {
  id: 'logind',
  matches(msg: SyslogMessage): boolean {
    return (
      msg.program === 'systemd-logind' ||
      (msg.program === 'systemd' &&
        (msg.message.startsWith('Startup finished') || msg.message.startsWith('Reached target')))
    );
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateLogind(msg);
  },
};

export default logind;
