/**
 * OpenSSH sshd (7.x–10.x) messages inside syslog. OpenSSH 9.8+ logs per-connection messages under
 * `sshd-session` (and 10.x `sshd-auth`), so all three program names are accepted.
 *
 * Message texts follow auth.c (`%s %s%s%s for %s%.100s from %.200s port %d ssh2%s%s`), sshd.c,
 * packet.c (`Disconnected from … / Connection closed by …` with sshpkt_fmt_connection_id) and
 * auth-pam.c (`PAM %d more authentication failure%s; …`).
 */
import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { isPamMessage, translatePam } from '../_lib/pam';
import { baseEvent, setUser, unwrapRepeated } from '../_lib/linux';
import { paren } from '../_lib/wording';
import { parseKv } from '../_lib/kv';
import { setSource } from '../_lib/network';

const PROGRAMS = new Set(['sshd', 'sshd-session', 'sshd-auth']);

const METHODS: Record<string, [string, string]> = {
  password: ['パスワード', 'password'],
  publickey: ['公開鍵', 'public key'],
  'keyboard-interactive': ['キーボード対話', 'keyboard-interactive'],
  'keyboard-interactive/pam': ['キーボード対話 (PAM)', 'keyboard-interactive (PAM)'],
  'gssapi-with-mic': ['Kerberos (GSSAPI)', 'Kerberos (GSSAPI)'],
  'gssapi-keyex': ['Kerberos (GSSAPI 鍵交換)', 'Kerberos (GSSAPI key exchange)'],
  hostbased: ['ホストベース', 'host-based'],
  none: ['認証なし (none)', 'method none'],
};

/** Why a method failed, in words. */
const FAIL_REASON: Record<string, [string, string]> = {
  password: ['パスワード誤り', 'bad password'],
  publickey: ['公開鍵が拒否されました', 'public key rejected'],
  'keyboard-interactive': ['キーボード対話認証の失敗', 'keyboard-interactive failed'],
  'keyboard-interactive/pam': ['パスワード誤り (PAM)', 'bad password (PAM)'],
  none: ['認証方式 none', 'method none'],
  hostbased: ['ホストベース認証の失敗', 'host-based authentication failed'],
};

/** SSH2_DISCONNECT_* reason codes (RFC 4253 §11.1). */
const DISCONNECT: Record<string, string> = {
  '1': 'host not allowed to connect',
  '2': 'protocol error',
  '3': 'key exchange failed',
  '4': 'reserved',
  '5': 'MAC error',
  '6': 'compression error',
  '7': 'service not available',
  '8': 'protocol version not supported',
  '9': 'host key not verifiable',
  '10': 'connection lost',
  '11': 'disconnected by application',
  '12': 'too many connections',
  '13': 'authentication cancelled by user',
  '14': 'no more authentication methods available',
  '15': 'illegal user name',
};

function method(m: string): [string, string] {
  return METHODS[m] ?? [m, m];
}

interface Conn {
  who: 'user' | 'authenticating' | 'invalid' | 'none';
  user?: string;
  ip: string;
  port?: string;
}

/**
 * Parses the sshpkt_fmt_connection_id tail: `[authenticating user |invalid user |user ]NAME IP port
 * N` or just `IP port N`. User names may contain spaces (invalid users), so parse from the right.
 */
function parseConn(s: string): Conn | null {
  const portAt = s.lastIndexOf(' port ');
  let head: string;
  let port: string | undefined;
  if (portAt >= 0) {
    head = s.slice(0, portAt);
    port = s.slice(portAt + 6).split(/[\s:]/)[0];
  } else {
    head = s;
  }
  const sp = head.lastIndexOf(' ');
  const ip = sp >= 0 ? head.slice(sp + 1) : head;
  const before = sp >= 0 ? head.slice(0, sp) : '';
  if (!ip) {
    return null;
  }
  if (before.startsWith('authenticating user ')) {
    return { who: 'authenticating', user: before.slice(20), ip, port };
  }
  if (before.startsWith('invalid user ')) {
    return { who: 'invalid', user: before.slice(13), ip, port };
  }
  if (before.startsWith('user ')) {
    return { who: 'user', user: before.slice(5), ip, port };
  }
  return { who: 'none', ip, port };
}

function hostJa(host: string | undefined): string {
  return host ? `${host} ` : 'このホスト ';
}

/** Subject at the start of the ja sentence: the user, else the host, else "sshd". */
function subj(user: string | undefined, host: string | undefined): string {
  if (user) {
    return `${user} が `;
  }
  return host ? `${host} で ` : 'sshd で ';
}

function set(ev: KansaEvent, fields: KansaEvent): KansaEvent {
  const out = ev as Record<string, unknown>;
  const src = fields as Record<string, unknown>;
  for (const k in src) {
    out[k] = src[k];
  }
  return ev;
}

export function translateSshd(msg: SyslogMessage): KansaEvent | null {
  const { text: unwrapped, count } = unwrapRepeated(msg.message);
  if (isPamMessage(unwrapped)) {
    return translatePam(unwrapped, msg, count);
  }
  let text = unwrapped;
  let level: string | undefined;
  if (text.startsWith('error: ')) {
    level = 'error';
    text = text.slice(7);
  } else if (text.startsWith('fatal: ')) {
    level = 'fatal';
    text = text.slice(7);
  }
  let preauth = false;
  if (text.endsWith(' [preauth]')) {
    preauth = true;
    text = text.slice(0, -10);
  }
  const host = msg.host;
  const on = host ? ` ${host}` : ' the server';
  const hj = hostJa(host);
  const ev = baseEvent('sshd', 'sshd', 'sshd.auth');
  if (count > 1) {
    ev['kansa.count'] = count;
  }
  if (level) {
    ev['log.level'] = level;
  }
  const timesJa = count > 1 ? `${count} 回` : '';
  const timesEn = count > 1 ? `${count} times` : '';

  // Accepted/Failed/Postponed/Partial <method> for [invalid user ]<user> from <ip> port <p> ssh2[: <key>]
  const sp1 = text.indexOf(' ');
  const verb = sp1 > 0 ? text.slice(0, sp1) : text;
  if ((verb === 'Accepted' || verb === 'Failed' || verb === 'Postponed' || verb === 'Partial') && text.indexOf(' for ', sp1) > 0) {
    const forAt = text.indexOf(' for ', sp1);
    const meth = text.slice(sp1 + 1, forAt);
    const fromAt = text.lastIndexOf(' from ');
    if (fromAt > forAt) {
      let user = text.slice(forAt + 5, fromAt);
      let invalid = false;
      if (user.startsWith('invalid user ')) {
        invalid = true;
        user = user.slice(13);
      } else if (user.startsWith('illegal user ')) {
        invalid = true;
        user = user.slice(13);
      }
      const tail = text.slice(fromAt + 6);
      const parts = tail.split(' ');
      const ip = parts[0];
      const port = parts[1] === 'port' ? parts[2] : undefined;
      const colon = tail.indexOf(': ');
      const key = colon >= 0 ? tail.slice(colon + 2) : undefined;
      setUser(ev, user);
      setSource(ev, ip, port);
      const raw: Record<string, string> = { method: meth };
      if (key) {
        raw.key = key;
      }
      if (invalid) {
        raw.invalid_user = 'true';
      }
      ev['kansa.raw'] = raw;
      ev['network.protocol'] = 'ssh';
      const [mJa, mEn] = method(meth);
      const u = user || undefined;
      if (verb === 'Accepted') {
        return set(ev, {
          'event.category': ['authentication', 'session'],
          'event.type': ['start'],
          'event.action': 'logged-in',
          'event.outcome': 'success',
          'kansa.session.transition': 'start',
          'kansa.message.ja': `${subj(u, host)}${ip} から ${hj}に SSH でログオンしました${paren([mJa], 'ja')}`,
          'kansa.message.en': `${user} logged on to${on} via SSH from ${ip}${paren([mEn], 'en')}`,
        });
      }
      if (verb === 'Failed') {
        const [rJa, rEn] = FAIL_REASON[meth] ?? [`${mJa} 認証の失敗`, `${mEn} failed`];
        const reasonsJa = [invalid ? '存在しないユーザー' : '', rJa, timesJa];
        const reasonsEn = [invalid ? 'unknown user' : '', rEn, timesEn];
        return set(ev, {
          'event.category': ['authentication'],
          'event.type': ['start'],
          'event.action': 'logon-failed',
          'event.outcome': 'failure',
          'event.reason': invalid ? `unknown user, ${rEn}` : rEn,
          'kansa.message.ja': u
            ? `${u} が ${ip} から ${hj}への SSH ログオンに失敗しました${paren(reasonsJa, 'ja')}`
            : `${host ?? 'sshd'} で ${ip} から空のユーザー名での SSH ログオンが失敗しました${paren(reasonsJa, 'ja')}`,
          'kansa.message.en': `${user || 'An empty user name'} failed to log on to${on} via SSH from ${ip}${paren(reasonsEn, 'en')}`,
        });
      }
      const partial = verb === 'Partial';
      return set(ev, {
        'event.category': ['authentication'],
        'event.type': ['info'],
        'event.action': partial ? 'logon-partial' : 'logon-postponed',
        'event.outcome': 'unknown',
        'kansa.message.ja': `${subj(u, host)}${ip} から ${hj}への SSH ログオンで${mJa}認証を${partial ? '部分的に通過しました(追加の認証が必要)' : '保留しました'}`,
        'kansa.message.en': `${user}'s SSH logon to${on} from ${ip} ${partial ? `partially succeeded with ${mEn} (more authentication required)` : `was postponed at ${mEn}`}`,
      });
    }
  }

  // Invalid user <user> from <ip> port <p>
  if (text.startsWith('Invalid user ') || text.startsWith('Illegal user ')) {
    const fromAt = text.lastIndexOf(' from ');
    const user = fromAt >= 13 ? text.slice(13, fromAt) : text.slice(13);
    const tail = fromAt >= 0 ? text.slice(fromAt + 6).split(' ') : [];
    const ip = tail[0];
    setUser(ev, user);
    setSource(ev, ip, tail[1] === 'port' ? tail[2] : undefined);
    const u = user || undefined;
    const fromJa = ip ? `${ip} から ` : '';
    const fromEn = ip ? ` from ${ip}` : '';
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['start'],
      'event.action': 'invalid-user',
      'event.outcome': 'failure',
      'event.reason': 'unknown user',
      'network.protocol': 'ssh',
      'kansa.message.ja': u
        ? `${u} が ${fromJa}${hj}に存在しないユーザー名で SSH 接続しました${paren([timesJa], 'ja')}`
        : `${host ?? 'sshd'} で ${ip ? `${ip} から` : ''}空のユーザー名による SSH 接続がありました${paren([timesJa], 'ja')}`,
      'kansa.message.en': u
        ? `${u} tried to log on to${on} via SSH${fromEn} with an unknown user name${paren([timesEn], 'en')}`
        : `An empty user name tried to log on to${on} via SSH${fromEn}${paren([timesEn], 'en')}`,
    });
  }

  // input_userauth_request: invalid user admin
  if (text.startsWith('input_userauth_request: invalid user ')) {
    const user = text.slice(37);
    setUser(ev, user);
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'invalid-user-request',
      'event.outcome': 'failure',
      'event.reason': 'unknown user',
      'kansa.message.ja': `${subj(user || undefined, host)}${hj}に存在しないユーザー名で SSH 認証を要求しました`,
      'kansa.message.en': `${user || 'An empty user name'} requested SSH authentication on${on} with an unknown user name`,
    });
  }

  // Connection closed by … / Connection reset by … / Disconnected from …
  let connTail: string | null = null;
  let kind: 'closed' | 'reset' | 'disconnected' | null = null;
  if (text.startsWith('Connection closed by ')) {
    connTail = text.slice(21);
    kind = 'closed';
  } else if (text.startsWith('Connection reset by ')) {
    connTail = text.slice(20);
    kind = 'reset';
  } else if (text.startsWith('Disconnected from ')) {
    connTail = text.slice(18);
    kind = 'disconnected';
  }
  if (connTail !== null && kind !== null) {
    const c = parseConn(connTail);
    if (c) {
      setUser(ev, c.user);
      setSource(ev, c.ip, c.port);
      ev['network.protocol'] = 'ssh';
      if (preauth) {
        ev['kansa.raw'] = { stage: 'preauth' };
      }
      const u = c.user || undefined;
      const verbEn = kind === 'reset' ? 'was reset' : 'was closed';
      if (c.who === 'user' && !preauth) {
        // The end of an authenticated session.
        return set(ev, {
          'event.category': ['session'],
          'event.type': ['end'],
          'event.action': 'logged-out',
          'event.outcome': 'success',
          'kansa.session.transition': 'end',
          'kansa.message.ja':
            kind === 'disconnected'
              ? `${c.user} が ${c.ip} からの ${hj}への SSH セッションを切断しました`
              : `${c.user} が ${c.ip} からの ${hj}への SSH 接続を${kind === 'reset' ? 'リセットされました' : '切断されました'}`,
          'kansa.message.en':
            kind === 'disconnected'
              ? `${c.user} disconnected the SSH session to${on} from ${c.ip}`
              : `${c.user}'s SSH session to${on} from ${c.ip} ${verbEn}`,
        });
      }
      const stageJa = c.who === 'authenticating' ? '認証中に' : c.who === 'invalid' ? '存在しないユーザー名での認証中に' : preauth ? '認証前に' : '';
      const stageEn = c.who === 'authenticating' ? ' during authentication' : c.who === 'invalid' ? ' during authentication as an unknown user' : preauth ? ' before authentication' : '';
      const action = kind === 'reset' ? 'connection-reset' : kind === 'closed' ? 'connection-closed' : 'disconnected';
      return set(ev, {
        'event.category': ['network'],
        'event.type': ['connection', 'end'],
        'event.action': preauth || c.who === 'authenticating' || c.who === 'invalid' ? `${action}-preauth` : action,
        'event.outcome': 'unknown',
        'kansa.message.ja': u
          ? `${u} が ${c.ip} から ${hj}への SSH 接続を${stageJa}${kind === 'reset' ? 'リセットされました' : '切断しました'}${paren([timesJa], 'ja')}`
          : `${host ?? 'sshd'} で ${c.ip} からの SSH 接続が${stageJa}${kind === 'reset' ? 'リセットされました' : '切断されました'}${paren([timesJa], 'ja')}`,
        'kansa.message.en': u
          ? `${u}'s SSH connection to${on} from ${c.ip} ${verbEn}${stageEn}${paren([timesEn], 'en')}`
          : `An SSH connection to${on} from ${c.ip} ${verbEn}${stageEn}${paren([timesEn], 'en')}`,
      });
    }
  }

  // Received disconnect from <ip> port <p>:<code>: <reason>
  if (text.startsWith('Received disconnect from ')) {
    const rest = text.slice(25);
    const m = /^(\S+?)(?: port (\d+))?: ?(\d+): ?(.*)$/.exec(rest);
    if (m) {
      const [, ip, port, code, reason] = m;
      setSource(ev, ip, port);
      const meaning = DISCONNECT[code] ?? `code ${code}`;
      ev['kansa.raw'] = { disconnect_code: code, disconnect_reason: reason, ...(preauth ? { stage: 'preauth' } : {}) };
      return set(ev, {
        'event.category': ['network'],
        'event.type': ['connection', 'end'],
        'event.action': preauth ? 'received-disconnect-preauth' : 'received-disconnect',
        'event.outcome': 'unknown',
        'event.reason': `${meaning}: ${reason}`,
        'error.code': code,
        'network.protocol': 'ssh',
        'kansa.message.ja': `${host ?? 'sshd'} で ${ip} のクライアントが${preauth ? '認証前に' : ''} SSH 接続を切断しました(${reason}、コード ${code})`,
        'kansa.message.en': `The SSH client at ${ip} disconnected from${on}${preauth ? ' before authentication' : ''} (${reason}, code ${code}: ${meaning})`,
      });
    }
  }

  // maximum authentication attempts exceeded for [invalid user ]<u> from <ip> port <p> ssh2
  if (text.startsWith('maximum authentication attempts exceeded for ')) {
    const body = text.slice(45);
    const fromAt = body.lastIndexOf(' from ');
    let user = fromAt >= 0 ? body.slice(0, fromAt) : body;
    const invalid = user.startsWith('invalid user ');
    if (invalid) {
      user = user.slice(13);
    }
    const tail = fromAt >= 0 ? body.slice(fromAt + 6).split(' ') : [];
    setUser(ev, user);
    setSource(ev, tail[0], tail[1] === 'port' ? tail[2] : undefined);
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'max-auth-attempts-exceeded',
      'event.outcome': 'failure',
      'event.reason': 'too many authentication failures',
      'network.protocol': 'ssh',
      'kansa.message.ja': `${subj(user || undefined, host)}${tail[0]} から ${hj}への SSH 認証試行の上限を超えました${paren([invalid ? '存在しないユーザー' : ''], 'ja')}`,
      'kansa.message.en': `${user || 'An empty user name'} exceeded the maximum SSH authentication attempts on${on} from ${tail[0]}${paren([invalid ? 'unknown user' : ''], 'en')}`,
    });
  }

  // Disconnecting authenticating user root 1.2.3.4 port 22: Too many authentication failures
  if (text.startsWith('Disconnecting ')) {
    const colon = text.indexOf(': ');
    const c = parseConn(colon >= 0 ? text.slice(14, colon) : text.slice(14));
    const reason = colon >= 0 ? text.slice(colon + 2) : '';
    if (c) {
      setUser(ev, c.user);
      setSource(ev, c.ip, c.port);
      const tooMany = reason.startsWith('Too many authentication failures');
      const u = c.user || undefined;
      return set(ev, {
        'event.category': tooMany ? ['authentication'] : ['network'],
        'event.type': tooMany ? ['info'] : ['connection', 'end'],
        'event.action': tooMany ? 'max-auth-attempts-exceeded' : 'disconnecting',
        'event.outcome': tooMany ? 'failure' : 'unknown',
        'event.reason': reason,
        'network.protocol': 'ssh',
        'kansa.message.ja': u
          ? `${u} が ${c.ip} から ${hj}への SSH 接続を切断されました(${tooMany ? '認証失敗の回数超過' : reason})`
          : `${host ?? 'sshd'} が ${c.ip} からの SSH 接続を切断しました(${reason})`,
        'kansa.message.en': u
          ? `${u}'s SSH connection to${on} from ${c.ip} was dropped (${tooMany ? 'too many authentication failures' : reason})`
          : `${host ?? 'sshd'} dropped the SSH connection from ${c.ip} (${reason})`,
      });
    }
  }

  // PAM 2 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=1.2.3.4  user=root
  const pamMore = /^PAM (\d+) more authentication failures?; (.*)$/.exec(text);
  if (pamMore) {
    const kv = parseKv(pamMore[2]);
    const user = kv.user ?? '';
    setUser(ev, user);
    setSource(ev, kv.rhost);
    ev['kansa.raw'] = { more_failures: pamMore[1], ...kv };
    const from = kv.rhost ? `${kv.rhost} から ` : '';
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'authentication-failures-summary',
      'event.outcome': 'failure',
      'event.reason': 'authentication failure',
      'kansa.message.ja': `${subj(user || undefined, host)}${from}${hj}への SSH ログオンでさらに ${pamMore[1]} 回 PAM 認証に失敗しました`,
      'kansa.message.en': `${user || 'Someone'} failed PAM authentication ${pamMore[1]} more times logging on to${on} via SSH${kv.rhost ? ` from ${kv.rhost}` : ''}`,
    });
  }

  // PAM: Authentication failure for [illegal user ]tanaka from 10.0.0.5
  const pamErr = /^PAM: (.+?) for (?:illegal user )?(.*?) from (\S+)$/.exec(text);
  if (pamErr) {
    const [, what, user, from] = pamErr;
    setUser(ev, user);
    setSource(ev, from);
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'pam-authentication-failure',
      'event.outcome': 'failure',
      'event.reason': what,
      'kansa.message.ja': `${subj(user || undefined, host)}${from} から ${hj}への SSH ログオンで PAM 認証に失敗しました(${what})`,
      'kansa.message.en': `${user || 'Someone'} failed PAM authentication logging on to${on} via SSH from ${from} (${what})`,
    });
  }

  // Timeout, client not responding[ from user tanaka 10.0.1.23 port 52344].
  if (text.startsWith('Timeout, client not responding')) {
    const fromAt = text.indexOf(' from ');
    const c = fromAt >= 0 ? parseConn(text.slice(fromAt + 6).replace(/\.$/, '')) : null;
    if (c) {
      setUser(ev, c.user);
      setSource(ev, c.ip, c.port);
    }
    const u = c?.user || undefined;
    return set(ev, {
      'event.category': ['session'],
      'event.type': ['end'],
      'event.action': 'session-timeout',
      'event.outcome': 'failure',
      'event.reason': 'client not responding',
      ...(c && c.who === 'user' ? { 'kansa.session.transition': 'end' } : {}),
      'kansa.message.ja': u
        ? `${u} が ${c?.ip} からの ${hj}への SSH セッションを応答なしのタイムアウトで切断されました`
        : `${host ?? 'sshd'} で SSH クライアントが応答せずタイムアウトしました${c ? `(${c.ip})` : ''}`,
      'kansa.message.en': u
        ? `${u}'s SSH session to${on} from ${c?.ip} timed out (client not responding)`
        : `An SSH client${c ? ` at ${c.ip}` : ''} stopped responding and timed out${on === ' the server' ? '' : ` on${on}`}`,
    });
  }

  // Timeout before authentication for 1.2.3.4 port 5555
  if (text.startsWith('Timeout before authentication')) {
    const m = / for (\S+)(?: port (\d+))?/.exec(text);
    if (m) {
      setSource(ev, m[1], m[2]);
    }
    return set(ev, {
      'event.category': ['network'],
      'event.type': ['connection', 'end'],
      'event.action': 'timeout-before-authentication',
      'event.outcome': 'failure',
      'event.reason': 'login grace time exceeded',
      'kansa.message.ja': `${host ?? 'sshd'} で ${m ? `${m[1]} からの ` : ''}SSH 接続が認証前にタイムアウトしました`,
      'kansa.message.en': `An SSH connection${m ? ` from ${m[1]}` : ''} to${on} timed out before authentication`,
    });
  }

  // banner exchange: Connection from 1.2.3.4 port 5555: invalid format
  // kex_exchange_identification: … / Did not receive identification string from … / Bad protocol version identification
  const bannerM = /^banner exchange: Connection from (\S+) port (\d+): (.*)$/.exec(text);
  if (bannerM || text.startsWith('kex_exchange_identification: ') || text.startsWith('Did not receive identification string from ') || text.startsWith('Bad protocol version identification ')) {
    let ip: string | undefined;
    let reason: string;
    let action: string;
    if (bannerM) {
      ip = bannerM[1];
      setSource(ev, bannerM[1], bannerM[2]);
      reason = bannerM[3];
      action = 'banner-exchange-failed';
    } else if (text.startsWith('kex_exchange_identification: ')) {
      reason = text.slice(29);
      action = 'kex-identification-failed';
    } else if (text.startsWith('Did not receive')) {
      const c = parseConn(text.slice(43));
      ip = c?.ip;
      setSource(ev, c?.ip, c?.port);
      reason = 'no identification string';
      action = 'no-identification-string';
    } else {
      const m = / from (\S+)(?: port (\d+))?$/.exec(text);
      ip = m?.[1];
      setSource(ev, m?.[1], m?.[2]);
      reason = 'bad protocol version identification';
      action = 'bad-protocol-version';
    }
    return set(ev, {
      'event.category': ['network'],
      'event.type': ['connection', 'denied'],
      'event.action': action,
      'event.outcome': 'failure',
      'event.reason': reason,
      'network.protocol': 'ssh',
      'kansa.message.ja': `${host ?? 'sshd'} で ${ip ? `${ip} からの ` : ''}SSH 接続の開始に失敗しました(${reason})`,
      'kansa.message.en': `An SSH connection${ip ? ` from ${ip}` : ''} to${on} failed at the start (${reason})`,
    });
  }

  // Unable to negotiate with 1.2.3.4 port 5555: no matching key exchange method found. Their offer: …
  const neg = /^Unable to negotiate with (\S+) port (\d+): (.*?)(?:\. Their offer: (.*))?$/.exec(text);
  if (neg) {
    setSource(ev, neg[1], neg[2]);
    if (neg[4]) {
      ev['kansa.raw'] = { client_offer: neg[4] };
    }
    return set(ev, {
      'event.category': ['network'],
      'event.type': ['connection', 'denied'],
      'event.action': 'negotiation-failed',
      'event.outcome': 'failure',
      'event.reason': neg[3],
      'network.protocol': 'ssh',
      'kansa.message.ja': `${host ?? 'sshd'} で ${neg[1]} との SSH 暗号方式の交渉に失敗しました(${neg[3]})`,
      'kansa.message.en': `SSH negotiation with ${neg[1]} failed on${on} (${neg[3]})`,
    });
  }

  // User root from 1.2.3.4 not allowed because not listed in AllowUsers
  const notAllowed = /^User (\S+) from (\S+) not allowed because (.*)$/.exec(text) ?? /^User (\S+)() not allowed because (.*)$/.exec(text);
  if (notAllowed) {
    const [, user, from, why] = notAllowed;
    setUser(ev, user);
    setSource(ev, from || undefined);
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['start'],
      'event.action': 'logon-denied',
      'event.outcome': 'failure',
      'event.reason': why,
      'kansa.message.ja': `${user} が ${from ? `${from} から ` : ''}${hj}への SSH ログオンを拒否されました(${why})`,
      'kansa.message.en': `${user} was not allowed to log on to${on} via SSH${from ? ` from ${from}` : ''} (${why})`,
    });
  }

  // ROOT LOGIN REFUSED FROM 1.2.3.4 port 5555
  const rootRefused = /^ROOT LOGIN REFUSED FROM (\S+)(?: port (\d+))?/.exec(text);
  if (rootRefused) {
    setUser(ev, 'root');
    setSource(ev, rootRefused[1], rootRefused[2]);
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['start'],
      'event.action': 'logon-denied',
      'event.outcome': 'failure',
      'event.reason': 'root login refused (PermitRootLogin)',
      'kansa.message.ja': `root が ${rootRefused[1]} から ${hj}への SSH ログオンを拒否されました(root ログイン禁止)`,
      'kansa.message.en': `root was refused an SSH logon to${on} from ${rootRefused[1]} (root login not permitted)`,
    });
  }

  // Authentication refused: bad ownership or modes for directory /home/tanaka/.ssh
  if (text.startsWith('Authentication refused: ')) {
    const why = text.slice(24);
    return set(ev, {
      'event.category': ['authentication'],
      'event.type': ['info'],
      'event.action': 'authentication-refused',
      'event.outcome': 'failure',
      'event.reason': why,
      'kansa.message.ja': `${host ?? 'sshd'} で SSH 公開鍵認証が拒否されました(${why})`,
      'kansa.message.en': `SSH public key authentication was refused on${on} (${why})`,
    });
  }

  // Connection from 1.2.3.4 port 5555 on 10.0.0.1 port 22[ rdomain ""]
  const connFrom = /^Connection from (\S+) port (\d+) on (\S+) port (\d+)/.exec(text);
  if (connFrom) {
    setSource(ev, connFrom[1], connFrom[2]);
    ev['destination.port'] = Number(connFrom[4]);
    if (connFrom[3]) {
      if (/^[\d.]+$|:/.test(connFrom[3])) {
        ev['destination.ip'] = connFrom[3];
      }
    }
    return set(ev, {
      'event.category': ['network'],
      'event.type': ['connection', 'start'],
      'event.action': 'connection-opened',
      'event.outcome': 'success',
      'network.protocol': 'ssh',
      'network.transport': 'tcp',
      'kansa.message.ja': `${host ?? 'sshd'} が ${connFrom[1]} からの SSH 接続を受け付けました`,
      'kansa.message.en': `${host ?? 'sshd'} accepted an SSH connection from ${connFrom[1]}`,
    });
  }

  // Starting session: shell on pts/0 for tanaka from 10.0.1.23 port 52344 id 0
  const starting = /^Starting session: (.+?) for (\S+) from (\S+) port (\d+)(?: id (\d+))?/.exec(text);
  if (starting) {
    const [, what, user, ip, port] = starting;
    setUser(ev, user);
    setSource(ev, ip, port);
    ev['kansa.raw'] = { session: what };
    return set(ev, {
      'event.category': ['session'],
      'event.type': ['start'],
      'event.action': 'session-started',
      'event.outcome': 'success',
      'kansa.session.transition': 'activity',
      'kansa.message.ja': `${user} が ${ip} から ${hj}で SSH セッションを開始しました(${what})`,
      'kansa.message.en': `${user} started an SSH session on${on} from ${ip} (${what})`,
    });
  }

  // Close session: user tanaka from 10.0.1.23 port 52344 id 0
  const closeS = /^Close session: user (\S+) from (\S+) port (\d+)/.exec(text);
  if (closeS) {
    setUser(ev, closeS[1]);
    setSource(ev, closeS[2], closeS[3]);
    return set(ev, {
      'event.category': ['session'],
      'event.type': ['end'],
      'event.action': 'session-ended',
      'event.outcome': 'success',
      'kansa.session.transition': 'activity',
      'kansa.message.ja': `${closeS[1]} が ${closeS[2]} からの ${hj}での SSH セッションを閉じました`,
      'kansa.message.en': `${closeS[1]} closed an SSH session on${on} from ${closeS[2]}`,
    });
  }

  // subsystem request for sftp by user tanaka
  const subsys = /^subsystem request for (\S+) by user (\S+)/.exec(text);
  if (subsys) {
    setUser(ev, subsys[2]);
    return set(ev, {
      'event.category': ['session'],
      'event.type': ['info'],
      'event.action': 'subsystem-requested',
      'event.outcome': 'success',
      'kansa.session.transition': 'activity',
      'kansa.message.ja': `${subsys[2]} が ${hj}で SSH の ${subsys[1]} サブシステムを使用しました`,
      'kansa.message.en': `${subsys[2]} used the SSH ${subsys[1]} subsystem on${on}`,
    });
  }

  // reverse mapping checking getaddrinfo for x [1.2.3.4] failed - POSSIBLE BREAK-IN ATTEMPT!
  const rev = /^reverse mapping checking getaddrinfo for (\S+) \[(\S+)\] failed/.exec(text) ?? /^Address (\S+) maps to (\S+), but this does not map back/.exec(text);
  if (rev) {
    const ip = text.startsWith('Address') ? rev[1] : rev[2];
    setSource(ev, ip);
    return set(ev, {
      'event.category': ['network'],
      'event.type': ['info'],
      'event.action': 'reverse-mapping-failed',
      'event.outcome': 'failure',
      'event.reason': 'reverse DNS does not match',
      'kansa.message.ja': `${host ?? 'sshd'} で ${ip} の逆引き DNS が一致しませんでした(なりすましの可能性)`,
      'kansa.message.en': `Reverse DNS for ${ip} did not match on${on} (possible spoofing)`,
    });
  }

  // Server listening on 0.0.0.0 port 22. / Received signal 15; terminating. / Received SIGHUP; restarting.
  const listen = /^Server listening on (\S+) port (\d+)/.exec(text);
  if (listen) {
    ev['kansa.raw'] = { listen_address: listen[1], listen_port: listen[2] };
    return set(ev, {
      'event.category': ['process'],
      'event.type': ['start'],
      'event.action': 'server-listening',
      'event.outcome': 'success',
      'kansa.message.ja': `${host ?? 'sshd'} で sshd が ${listen[1]} のポート ${listen[2]} で待ち受けを開始しました`,
      'kansa.message.en': `sshd started listening on ${listen[1]} port ${listen[2]}${host ? ` on ${host}` : ''}`,
    });
  }
  const sig = /^Received (signal \d+|SIGHUP); (terminating|restarting)/.exec(text);
  if (sig) {
    const stop = sig[2] === 'terminating';
    return set(ev, {
      'event.category': ['process'],
      'event.type': [stop ? 'end' : 'change'],
      'event.action': stop ? 'server-stopped' : 'server-restarted',
      'event.outcome': 'success',
      'kansa.message.ja': `${host ?? 'sshd'} で sshd が${stop ? '停止しました' : '再起動しました'}(${sig[1]})`,
      'kansa.message.en': `sshd ${stop ? 'stopped' : 'restarted'}${host ? ` on ${host}` : ''} (${sig[1]})`,
    });
  }

  return null;
}

export const sshd: SyslogProgram = {
  id: 'sshd',
  matches(msg: SyslogMessage): boolean {
    return PROGRAMS.has(msg.program);
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    return translateSshd(msg);
  },
};

export default sshd;
