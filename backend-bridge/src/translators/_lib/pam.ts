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
import { applyRules, assignFields, ruleTable, sentenceIn } from './rules';

/** Services whose session open/close marks a person starting or ending work at the machine. */
const INTERACTIVE = new Set([
  'sshd',
  'login',
  'remote',
  'gdm-password',
  'gdm-autologin',
  'gdm-fingerprint',
  'gdm-smartcard',
  'lightdm',
  'lightdm-autologin',
  'sddm',
  'sddm-autologin',
  'kdm',
  'xdm',
  'xrdp-sesman',
  'cockpit',
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

/** What every PAM rule sees besides its groups. */
interface PamCtx {
  service: string;
  host: string | undefined;
  /** `web01 で ` or empty. */
  hostJa: string;
  /** ` on web01` or empty. */
  onHost: string;
  /** The rsyslog repeat count when above 1, else 0. */
  times: number;
  /** kansa.raw of the event (module, service, type): rules add the message's own words. */
  raw: Record<string, string>;
}

const SAMPLE_CTX: PamCtx = {
  service: 'sshd',
  host: 'web01',
  hostJa: 'web01 で ',
  onHost: ' on web01',
  times: 0,
  raw: {},
};

/** One rule per PAM message form (the text after `pam_unix(sshd:session): `), in the order they are tried. */
export const PAM_RULES = ruleTable<PamCtx>('pam', SAMPLE_CTX, [
  {
    id: 'session-opened',
    sample: 'session opened for user root(uid=0) by tanaka(uid=1001)',
    match: /^session opened for user (?<body>[^]*)$/,
    build({ body }, { service, hostJa, onHost, raw }) {
      const ev: KansaEvent = {};
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
      return sentenceIn(ev);
    },
  },
  {
    id: 'session-closed',
    sample: 'session closed for user tanaka',
    match: /^session closed for user (?<name>[^]*)$/,
    build({ name }, { service, hostJa, onHost, raw }) {
      const ev: KansaEvent = {};
      const user = name.trim();
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
      return sentenceIn(ev);
    },
  },
  {
    id: 'authentication-failure',
    sample: 'authentication failure; logname=sato uid=1002 euid=0 tty=/dev/pts/1 ruser=sato rhost=  user=root',
    match: /^(?<all>authentication failure[^]*)$/,
    build({ all }, { service, host, hostJa, onHost, times, raw }) {
      const ev: KansaEvent = {};
      const kv = parseKv(all.slice(all.indexOf(';') + 1));
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
      const headJa = user
        ? `${user} が ${fromJa}${hostJa}${asJa}${service} の認証に失敗しました`
        : `${host ?? service} で ${fromJa}${service} の認証が失敗しました`;
      ev['kansa.message.ja'] = headJa + paren(['PAM', tty ? `端末 ${tty}` : '', times ? `${times} 回` : ''], 'ja');
      ev['kansa.message.en'] =
        `${user || 'Someone'} failed ${service} authentication${asEn}${fromEn}${onHost}` +
        paren(['PAM', tty ? `terminal ${tty}` : '', times ? `${times} times` : ''], 'en');
      return sentenceIn(ev);
    },
  },
  {
    id: 'locked-out',
    sample: 'Consecutive login failures for user root account temporarily locked',
    match: /^Consecutive login failures for user (?<rest>[^]*)$/,
    build({ rest }, { service, hostJa, onHost }) {
      const ev: KansaEvent = {};
      const user = rest.split(' ')[0];
      setUser(ev, user);
      ev['event.category'] = ['iam', 'authentication'];
      ev['event.type'] = ['user', 'change'];
      ev['event.action'] = 'locked-out';
      ev['event.outcome'] = 'success';
      ev['event.reason'] = 'consecutive login failures';
      ev['kansa.message.ja'] =
        `${user} が ${hostJa.trimEnd()}連続したログイン失敗によりアカウントを一時的にロックされました(${service})`;
      ev['kansa.message.en'] =
        `${user} was temporarily locked out after consecutive login failures${onHost} (${service})`;
      return sentenceIn(ev);
    },
  },
  {
    id: 'failure-tally',
    sample: 'user root (0) tally 4, deny 3',
    match: /^user (?<user>\S+) \((?<uid>\d+)\) tally (?<n>\d+), deny (?<deny>\d+)/,
    build({ user, uid, n, deny }, { service, hostJa, onHost, raw }) {
      const ev: KansaEvent = {};
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
      return sentenceIn(ev);
    },
  },
  {
    id: 'password-changed',
    sample: 'password changed for tanaka',
    match: /^password changed for (?<name>[^]*)$/,
    build({ name }, { service, hostJa, onHost }) {
      const ev: KansaEvent = {};
      const user = name.trim();
      setUser(ev, user);
      setUser(ev, user, 'user.target.name');
      ev['event.category'] = ['iam'];
      ev['event.type'] = ['user', 'change'];
      ev['event.action'] = 'changed-password';
      ev['event.outcome'] = 'success';
      ev['kansa.message.ja'] = `${user} が ${hostJa.trimEnd()}パスワードを変更しました(${service})`;
      ev['kansa.message.en'] = `${user} changed the password${onHost} (${service})`;
      return sentenceIn(ev);
    },
  },
  {
    id: 'unknown-user',
    sample: 'check pass; user unknown',
    match: /^check pass; user unknown/,
    build(_g, { service, host }) {
      const ev: KansaEvent = {};
      ev['event.category'] = ['authentication'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'pam-unknown-user';
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = 'unknown user';
      const who = host ?? service;
      ev['kansa.message.ja'] = `${who} で存在しないユーザーによる ${service} の認証がありました(PAM)`;
      ev['kansa.message.en'] = `${who}: ${service} authentication for an unknown user (PAM)`;
      return sentenceIn(ev);
    },
  },
  {
    id: 'sss-result',
    sample: 'received for user kato: 7 (Authentication failure)',
    match: /^received for user (?<user>\S+): (?<code>\d+) \((?<reason>[^)]*)\)/,
    build({ user, code, reason }, { service, hostJa, onHost }) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      ev['error.code'] = code;
      ev['event.category'] = ['authentication'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'pam-result';
      ev['event.outcome'] = code === '0' ? 'success' : 'failure';
      ev['event.reason'] = reason;
      ev['kansa.message.en'] = `${user}'s ${service} authentication returned ${reason} (code ${code})${onHost}`;
      ev['kansa.message.ja'] = `${user} が ${hostJa}${service} の認証結果「${reason}」を受け取りました(コード ${code})`;
      return sentenceIn(ev);
    },
  },
  {
    id: 'account-expired',
    sample: 'account suzuki has expired (account expired)',
    match: /^account (?<user>\S+) has expired/,
    build({ user }, { service, hostJa, onHost }) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      ev['event.category'] = ['authentication'];
      ev['event.type'] = ['info'];
      ev['event.action'] = 'account-expired';
      ev['event.outcome'] = 'failure';
      ev['event.reason'] = 'account expired';
      ev['kansa.message.ja'] =
        `${user} が ${hostJa.trimEnd()}期限切れのアカウントで ${service} にログインしようとしました`;
      ev['kansa.message.en'] = `${user} tried to use ${service} with an expired account${onHost}`;
      return sentenceIn(ev);
    },
  },
]);

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
  const host = msg.host;
  const raw: Record<string, string> = { module, service, type: facility };
  const ctx: PamCtx = {
    service,
    host,
    hostJa: hostPartJa(host),
    onHost: host ? ` on ${host}` : '',
    times: count > 1 ? count : 0,
    raw,
  };
  const applied = applyRules(PAM_RULES, text.slice(m[0].length), ctx);
  if (!applied) {
    return null;
  }
  const ev = baseEvent('pam', 'pam', `pam.${facility}`);
  ev['kansa.raw'] = raw;
  if (count > 1) {
    ev['kansa.count'] = count;
  }
  return assignFields(ev, applied.result.fields);
}

/** True for a PAM module message, possibly inside an rsyslog repeat line. */
export function isPamMessage(message: string): boolean {
  if (message.startsWith('pam_')) {
    return true;
  }
  return message.startsWith('message repeated ') && message.indexOf('[ pam_') > 0;
}
