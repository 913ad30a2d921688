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

/** Display-manager greeter accounts: their sessions are not a person at work. */
const SYSTEM_USERS = new Set(['gdm', 'lightdm', 'sddm', 'gnome-initial-setup', 'Debian-gdm']);

function ev(_msg: SyslogMessage, dataset: string): KansaEvent {
  return baseEvent('logind', 'systemd', dataset);
}

function host(msg: SyslogMessage): string {
  return msg.host ?? 'このホスト';
}

function hostEn(msg: SyslogMessage): string {
  return msg.host ?? 'This host';
}

function power(
  msg: SyslogMessage,
  dataset: string,
  transition: 'power-on' | 'power-off',
  action: string,
  ja: string,
  en: string,
): KansaEvent {
  const e = ev(msg, dataset);
  e['event.category'] = ['host'];
  e['event.type'] = [transition === 'power-on' ? 'start' : 'end'];
  e['event.action'] = action;
  e['event.outcome'] = 'success';
  e['kansa.session.transition'] = transition;
  e['kansa.message.ja'] = `${host(msg)} ${ja}`;
  e['kansa.message.en'] = `${hostEn(msg)} ${en}`;
  return e;
}

export function translateLogind(msg: SyslogMessage): KansaEvent | null {
  const text = msg.message.trim();
  const h = host(msg);
  const onHost = msg.host ? ` on ${msg.host}` : '';
  if (msg.program === 'systemd-logind') {
    let m = /^New session (\S+) of user (.+?)\.?$/.exec(text);
    if (m) {
      const e = ev(msg, 'systemd.logind');
      e['event.category'] = ['session'];
      e['event.type'] = ['start'];
      e['event.action'] = 'session-created';
      e['event.outcome'] = 'success';
      e['user.name'] = m[2];
      e['kansa.raw'] = { session_id: m[1] };
      if (!SYSTEM_USERS.has(m[2])) {
        e['kansa.session.transition'] = 'start';
      }
      e['kansa.message.ja'] = `${m[2]} が ${h} にログインしました(セッション ${m[1]})`;
      e['kansa.message.en'] = `${m[2]} logged in${onHost} (session ${m[1]})`;
      return e;
    }
    m =
      /^Session (\S+) logged out\. Waiting for processes to exit\.$/.exec(text) ??
      /^Removed session (\S+)\.$/.exec(text);
    if (m) {
      const removed = text.startsWith('Removed');
      const e = ev(msg, 'systemd.logind');
      e['event.category'] = ['session'];
      e['event.type'] = ['end'];
      e['event.action'] = removed ? 'session-removed' : 'session-logged-out';
      e['event.outcome'] = 'success';
      e['kansa.raw'] = { session_id: m[1] };
      e['kansa.message.ja'] = removed
        ? `${h} でセッション ${m[1]} が削除されました`
        : `${h} でセッション ${m[1]} がログアウトしました`;
      e['kansa.message.en'] = removed ? `Session ${m[1]} was removed${onHost}` : `Session ${m[1]} logged out${onHost}`;
      return e;
    }
    if (text === 'System is powering down.' || text === 'System is halting.') {
      return power(
        msg,
        'systemd.logind',
        'power-off',
        'shutdown-initiated',
        'の電源を切る処理が始まりました',
        'is powering down',
      );
    }
    if (text === 'System is rebooting.' || text === 'System is rebooting with kexec.') {
      return power(msg, 'systemd.logind', 'power-off', 'reboot-initiated', 'の再起動が始まりました', 'is rebooting');
    }
    m =
      /^(Power key|Suspend key|Hibernate key|Reboot key) pressed(?: (short|long))?\.$/.exec(text) ??
      /^(Lid) (closed|opened)\.$/.exec(text);
    if (m) {
      const e = ev(msg, 'systemd.logind');
      e['event.category'] = ['host'];
      e['event.type'] = ['info'];
      e['event.outcome'] = 'success';
      if (m[1] === 'Lid') {
        e['event.action'] = m[2] === 'closed' ? 'lid-closed' : 'lid-opened';
        e['kansa.session.transition'] = 'activity';
        e['kansa.message.ja'] = `${h} の蓋が${m[2] === 'closed' ? '閉じられました' : '開かれました'}`;
        e['kansa.message.en'] = `${hostEn(msg)}'s lid was ${m[2]}`;
      } else {
        e['event.action'] = 'button-pressed';
        e['kansa.message.ja'] = `${h} の ${m[1]} が押されました`;
        e['kansa.message.en'] = `${m[1]} was pressed on ${hostEn(msg)}`;
      }
      return e;
    }
    return null;
  }
  // systemd (PID 1)
  let m = /^Startup finished in (.+) = (.+?)\.?$/.exec(text);
  if (m) {
    const e = power(
      msg,
      'systemd.system',
      'power-on',
      'boot-finished',
      `が起動しました(起動時間 ${m[2]})`,
      `finished booting (took ${m[2]})`,
    );
    e['kansa.raw'] = { startup: m[1], total: m[2] };
    return e;
  }
  m = /^Reached target (?:(Shutdown|Power-Off|Reboot|Halt)|(shutdown|poweroff|reboot|halt)\.target - [^.]*)\.?$/.exec(
    text,
  );
  if (m) {
    const what = (m[1] ?? m[2]).toLowerCase();
    const reboot = what === 'reboot';
    return power(
      msg,
      'systemd.system',
      'power-off',
      reboot ? 'reboot-target-reached' : 'shutdown-target-reached',
      reboot ? 'の再起動の準備ができました(systemd)' : 'のシャットダウン処理が最終段階に入りました(systemd)',
      reboot ? 'reached the reboot target (systemd)' : 'reached the shutdown target (systemd)',
    );
  }
  return null;
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
