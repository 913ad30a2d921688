/**
 * PAM module messages inside syslog, whatever program logs them (sshd, login, gdm-password, su,
 * sudo, cron, systemd-user, …): `pam_unix(sshd:session): session opened for user tanaka(uid=1001)
 * by (uid=0)`, `… session closed for user tanaka`, `pam_unix(login:auth): authentication failure;
 * logname= uid=0 euid=0 tty=/dev/tty1 ruser= rhost=  user=tanaka`, pam_sss, pam_faillock, pam_tally2.
 * Shared: the pam program and sshd, su, sudo, shadow-utils all hand PAM lines here.
 */
import type { KansaEvent, SyslogMessage } from '../../translate/types';
import { baseEvent, setUser } from './linux';
import { paren } from './wording';
import { parseKv } from './kv';
import { setSource } from './network';

/** Services whose session open/close marks a person starting or ending work at the machine. */
const INTERACTIVE = new Set([
  'sshd', 'login', 'remote', 'gdm-password', 'gdm-autologin', 'gdm-fingerprint', 'gdm-smartcard',
  'lightdm', 'lightdm-autologin', 'sddm', 'sddm-autologin', 'kdm', 'xdm', 'xrdp-sesman', 'cockpit',
]);

/** Services that log their own failure line (sshd "Failed password", su "FAILED SU", sudo). */
const SELF_REPORTING = new Set(['sshd', 'su', 'su-l', 'sudo', 'sudo-i', 'runuser', 'runuser-l']);

/** Services where `by X(uid=…)` names the person who switched to the session user. */
const SWITCHING = new Set(['su', 'su-l', 'sudo', 'sudo-i', 'runuser', 'runuser-l', 'pkexec', 'polkit-1']);

const HEAD = /^(pam_[A-Za-z0-9_]+)\(([^:()]+):([a-z_]+)\): ?/;

/** `tanaka(uid=1001)` → { name: 'tanaka', uid: '1001' }; `(uid=0)` → { name: '', uid: '0' }. */
function nameUid(s: string): { name: string; uid?: string } {
  const p = s.indexOf('(uid=');
  if (p < 0) {
    return { name: s };
  }
  const end = s.indexOf(')', p);
  return { name: s.slice(0, p), uid: s.slice(p + 5, end < 0 ? undefined : end) };
}

function hostPartJa(host: string | undefined): string {
  return host ? `${host} で ` : '';
}

/**
 * Translates one PAM message. `program` is the syslog program (used when the service is absent),
 * `count` the rsyslog repeat count. Returns null for a PAM message this translator does not know.
 */
export function translatePam(text: string, msg: SyslogMessage, count: number): KansaEvent | null {
  const m = HEAD.exec(text);
  if (!m) {
    return null;
  }
  const [, module, service, facility] = m;
  const rest = text.slice(m[0].length);
  const host = msg.host;
  const ev = baseEvent('pam', 'pam', `pam.${facility}`);
  const raw: Record<string, string> = { module, service, type: facility };
  ev['kansa.raw'] = raw;
  if (count > 1) {
    ev['kansa.count'] = count;
  }
  const times = count > 1 ? count : 0;
  const hostJa = hostPartJa(host);
  const onHost = host ? ` on ${host}` : '';

  // session opened for user X[(uid=N)] by [Y](uid=M)
  if (rest.startsWith('session opened for user ')) {
    const body = rest.slice(24);
    const byAt = body.lastIndexOf(' by ');
    const target = nameUid(byAt >= 0 ? body.slice(0, byAt) : body.trim());
    const by = byAt >= 0 ? nameUid(body.slice(byAt + 4).trim()) : { name: '' };
    const switching = SWITCHING.has(service) && by.name !== '' && by.name !== target.name;
    ev['event.category'] = ['session'];
    ev['event.type'] = ['start'];
    ev['event.action'] = 'session-opened';
    ev['event.outcome'] = 'success';
    if (switching) {
      setUser(ev, by.name);
      if (by.uid !== undefined) {
        ev['user.id'] = by.uid;
      }
      setUser(ev, target.name, 'user.effective.name');
      setUser(ev, target.name, 'user.target.name');
      if (target.uid !== undefined) {
        ev['user.target.id'] = target.uid;
      }
      ev['kansa.message.ja'] = `${by.name} が ${hostJa}${target.name} として ${service} セッションを開始しました`;
      ev['kansa.message.en'] = `${by.name} opened a ${service} session as ${target.name}${onHost}`;
    } else {
      setUser(ev, target.name);
      if (target.uid !== undefined) {
        ev['user.id'] = target.uid;
      }
      ev['kansa.message.ja'] = `${target.name} が ${hostJa}${service} セッションを開始しました`;
      ev['kansa.message.en'] = `${target.name} opened a ${service} session${onHost}`;
    }
    raw.user = target.name;
    if (by.name) {
      raw.by = by.name;
    }
    if (INTERACTIVE.has(service)) {
      ev['kansa.session.transition'] = 'start';
    }
    return ev;
  }

  if (rest.startsWith('session closed for user ')) {
    const user = rest.slice(24).trim();
    ev['event.category'] = ['session'];
    ev['event.type'] = ['end'];
    ev['event.action'] = 'session-closed';
    ev['event.outcome'] = 'success';
    setUser(ev, user);
    raw.user = user;
    ev['kansa.message.ja'] = `${user} が ${hostJa}${service} セッションを終了しました`;
    ev['kansa.message.en'] = `${user} closed a ${service} session${onHost}`;
    if (INTERACTIVE.has(service)) {
      ev['kansa.session.transition'] = 'end';
    }
    return ev;
  }

  // authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root
  if (rest.startsWith('authentication failure')) {
    const kv = parseKv(rest.slice(rest.indexOf(';') + 1));
    Object.assign(raw, kv);
    const target = kv.user ?? '';
    const ruser = kv.ruser ?? '';
    // su/sudo: ruser is the person asking, user the account whose password was asked for.
    const user = ruser && ruser !== target ? ruser : target;
    const asJa = user !== target && target ? `${target} としての ` : '';
    const asEn = user !== target && target ? ` as ${target}` : '';
    const rhost = kv.rhost ?? '';
    setUser(ev, user);
    if (user !== target) {
      setUser(ev, target, 'user.target.name');
    }
    setSource(ev, rhost);
    const self = SELF_REPORTING.has(service);
    ev['event.category'] = ['authentication'];
    ev['event.type'] = ['start'];
    ev['event.action'] = self ? 'pam-authentication-failure' : 'logon-failed';
    ev['event.outcome'] = 'failure';
    ev['event.reason'] = 'authentication failure';
    const fromJa = rhost ? `${rhost} から ` : '';
    const fromEn = rhost ? ` from ${rhost}` : '';
    const tty = kv.tty ? kv.tty : '';
    const headJa = user ? `${user} が ${fromJa}${hostJa}${asJa}${service} の認証に失敗しました` : `${host ?? service} で ${fromJa}${service} の認証が失敗しました`;
    ev['kansa.message.ja'] =
      headJa +
      paren(['PAM', tty ? `端末 ${tty}` : '', times ? `${times} 回` : ''], 'ja');
    ev['kansa.message.en'] =
      `${user || 'Someone'} failed ${service} authentication${asEn}${fromEn}${onHost}` +
      paren(['PAM', tty ? `terminal ${tty}` : '', times ? `${times} times` : ''], 'en');
    return ev;
  }

  // pam_faillock(sshd:auth): Consecutive login failures for user root account temporarily locked
  if (rest.startsWith('Consecutive login failures for user ')) {
    const user = rest.slice(36).split(' ')[0];
    setUser(ev, user);
    ev['event.category'] = ['iam', 'authentication'];
    ev['event.type'] = ['user', 'change'];
    ev['event.action'] = 'locked-out';
    ev['event.outcome'] = 'success';
    ev['event.reason'] = 'consecutive login failures';
    ev['kansa.message.ja'] = `${user} が ${hostJa.trimEnd()}連続したログイン失敗によりアカウントを一時的にロックされました(${service})`;
    ev['kansa.message.en'] = `${user} was temporarily locked out after consecutive login failures${onHost} (${service})`;
    return ev;
  }

  // pam_tally2(sshd:auth): user root (0) tally 4, deny 3
  const tally = /^user (\S+) \((\d+)\) tally (\d+), deny (\d+)/.exec(rest);
  if (tally) {
    const [, user, uid, n, deny] = tally;
    setUser(ev, user);
    ev['user.id'] = uid;
    raw.tally = n;
    raw.deny = deny;
    ev['event.category'] = ['authentication'];
    ev['event.type'] = ['info'];
    ev['event.action'] = 'logon-failure-tally';
    ev['event.outcome'] = 'failure';
    ev['kansa.message.ja'] = `${user} が ${hostJa}${service} のログイン失敗を ${n} 回重ねました(上限 ${deny} 回)`;
    ev['kansa.message.en'] = `${user} has ${n} failed ${service} logins${onHost} (limit ${deny})`;
    return ev;
  }

  // password changed for tanaka
  if (rest.startsWith('password changed for ')) {
    const user = rest.slice(21).trim();
    setUser(ev, user);
    setUser(ev, user, 'user.target.name');
    ev['event.category'] = ['iam'];
    ev['event.type'] = ['user', 'change'];
    ev['event.action'] = 'changed-password';
    ev['event.outcome'] = 'success';
    ev['kansa.message.ja'] = `${user} が ${hostJa.trimEnd()}パスワードを変更しました(${service})`;
    ev['kansa.message.en'] = `${user} changed the password${onHost} (${service})`;
    return ev;
  }

  // check pass; user unknown
  if (rest.startsWith('check pass; user unknown')) {
    ev['event.category'] = ['authentication'];
    ev['event.type'] = ['info'];
    ev['event.action'] = 'pam-unknown-user';
    ev['event.outcome'] = 'failure';
    ev['event.reason'] = 'unknown user';
    const who = host ?? service;
    ev['kansa.message.ja'] = `${who} で存在しないユーザーによる ${service} の認証がありました(PAM)`;
    ev['kansa.message.en'] = `${who}: ${service} authentication for an unknown user (PAM)`;
    return ev;
  }

  // pam_sss(sshd:auth): received for user tanaka: 7 (Authentication failure)
  const sss = /^received for user (\S+): (\d+) \(([^)]*)\)/.exec(rest);
  if (sss) {
    const [, user, code, reason] = sss;
    setUser(ev, user);
    ev['error.code'] = code;
    ev['event.category'] = ['authentication'];
    ev['event.type'] = ['info'];
    ev['event.action'] = 'pam-result';
    ev['event.outcome'] = code === '0' ? 'success' : 'failure';
    ev['event.reason'] = reason;
    ev['kansa.message.en'] = `${user}'s ${service} authentication returned ${reason} (code ${code})${onHost}`;
    ev['kansa.message.ja'] = `${user} が ${hostJa}${service} の認証結果「${reason}」を受け取りました(コード ${code})`;
    return ev;
  }

  // account tanaka has expired (account expired) / expired password
  const expired = /^account (\S+) has expired/.exec(rest);
  if (expired) {
    const user = expired[1];
    setUser(ev, user);
    ev['event.category'] = ['authentication'];
    ev['event.type'] = ['info'];
    ev['event.action'] = 'account-expired';
    ev['event.outcome'] = 'failure';
    ev['event.reason'] = 'account expired';
    ev['kansa.message.ja'] = `${user} が ${hostJa.trimEnd()}期限切れのアカウントで ${service} にログインしようとしました`;
    ev['kansa.message.en'] = `${user} tried to use ${service} with an expired account${onHost}`;
    return ev;
  }

  return null;
}

/** True for a PAM module message, possibly inside an rsyslog repeat line. */
export function isPamMessage(message: string): boolean {
  if (message.startsWith('pam_')) {
    return true;
  }
  return message.startsWith('message repeated ') && message.indexOf('[ pam_') > 0;
}
