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
import { applyRules, assignFields, ruleTable, type Groups, type RuleResult } from '../_lib/rules';

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

/** What every rule sees besides its groups (rules read the message after `error: `/`fatal: ` and ` [preauth]`). */
interface SshdCtx {
  host: string | undefined;
  /** ` web01` or ` the server`, for `to${on}`. */
  on: string;
  /** `web01 ` or `このホスト `. */
  hj: string;
  preauth: boolean;
  timesJa: string;
  timesEn: string;
}

/** The rule's fields (those set on `ev` first, then `fields`) with the two sentences taken out. */
function done(ev: KansaEvent, fields: KansaEvent): RuleResult {
  const { 'kansa.message.ja': ja, 'kansa.message.en': en, ...rest } = fields;
  return { fields: assignFields(ev, rest), ja: ja ?? '', en: en ?? '' };
}

/** `Accepted|Failed|Postponed|Partial <method> for [invalid user ]<user> from <ip> port <p> ssh2[: <key>]`. */
function methodLine(g: Groups, c: SshdCtx): RuleResult | null {
  const verb = g.verb;
  const rest = g.rest;
  const forAt = rest.indexOf(' for ');
  const fromAt = rest.lastIndexOf(' from ');
  if (forAt < 0 || fromAt <= forAt) {
    return null;
  }
  const { host, on, hj } = c;
  const ev: KansaEvent = {};
  const meth = rest.slice(1, forAt);
  let user = rest.slice(forAt + 5, fromAt);
  let invalid = false;
  if (user.startsWith('invalid user ')) {
    invalid = true;
    user = user.slice(13);
  } else if (user.startsWith('illegal user ')) {
    invalid = true;
    user = user.slice(13);
  }
  const tail = rest.slice(fromAt + 6);
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
    return done(ev, {
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
    const reasonsJa = [invalid ? '存在しないユーザー' : '', rJa, c.timesJa];
    const reasonsEn = [invalid ? 'unknown user' : '', rEn, c.timesEn];
    return done(ev, {
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
  return done(ev, {
    'event.category': ['authentication'],
    'event.type': ['info'],
    'event.action': partial ? 'logon-partial' : 'logon-postponed',
    'event.outcome': 'unknown',
    'kansa.message.ja': `${subj(u, host)}${ip} から ${hj}への SSH ログオンで${mJa}認証を${partial ? '部分的に通過しました(追加の認証が必要)' : '保留しました'}`,
    'kansa.message.en': `${user}'s SSH logon to${on} from ${ip} ${partial ? `partially succeeded with ${mEn} (more authentication required)` : `was postponed at ${mEn}`}`,
  });
}

/** `Connection closed by … / Connection reset by … / Disconnected from …` + sshpkt_fmt_connection_id. */
function connectionEnd(kind: 'closed' | 'reset' | 'disconnected', tail: string, ctx: SshdCtx): RuleResult | null {
  const c = parseConn(tail);
  if (!c) {
    return null;
  }
  const { host, on, hj, preauth } = ctx;
  const ev: KansaEvent = {};
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
    return done(ev, {
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
  const stageJa =
    c.who === 'authenticating'
      ? '認証中に'
      : c.who === 'invalid'
        ? '存在しないユーザー名での認証中に'
        : preauth
          ? '認証前に'
          : '';
  const stageEn =
    c.who === 'authenticating'
      ? ' during authentication'
      : c.who === 'invalid'
        ? ' during authentication as an unknown user'
        : preauth
          ? ' before authentication'
          : '';
  const action = kind === 'reset' ? 'connection-reset' : kind === 'closed' ? 'connection-closed' : 'disconnected';
  return done(ev, {
    'event.category': ['network'],
    'event.type': ['connection', 'end'],
    'event.action': preauth || c.who === 'authenticating' || c.who === 'invalid' ? `${action}-preauth` : action,
    'event.outcome': 'unknown',
    'kansa.message.ja': u
      ? `${u} が ${c.ip} から ${hj}への SSH 接続を${stageJa}${kind === 'reset' ? 'リセットされました' : '切断しました'}${paren([ctx.timesJa], 'ja')}`
      : `${host ?? 'sshd'} で ${c.ip} からの SSH 接続が${stageJa}${kind === 'reset' ? 'リセットされました' : '切断されました'}${paren([ctx.timesJa], 'ja')}`,
    'kansa.message.en': u
      ? `${u}'s SSH connection to${on} from ${c.ip} ${verbEn}${stageEn}${paren([ctx.timesEn], 'en')}`
      : `An SSH connection to${on} from ${c.ip} ${verbEn}${stageEn}${paren([ctx.timesEn], 'en')}`,
  });
}

/** The start of a connection failed: banner exchange, kex identification, no or a bad identification string. */
function startFailed(ev: KansaEvent, ip: string | undefined, reason: string, action: string, c: SshdCtx): RuleResult {
  return done(ev, {
    'event.category': ['network'],
    'event.type': ['connection', 'denied'],
    'event.action': action,
    'event.outcome': 'failure',
    'event.reason': reason,
    'network.protocol': 'ssh',
    'kansa.message.ja': `${c.host ?? 'sshd'} で ${ip ? `${ip} からの ` : ''}SSH 接続の開始に失敗しました(${reason})`,
    'kansa.message.en': `An SSH connection${ip ? ` from ${ip}` : ''} to${c.on} failed at the start (${reason})`,
  });
}

/** Rejected before authentication: `User … not allowed because …`. */
function notAllowed(g: Groups, c: SshdCtx): RuleResult {
  const { user, from, why } = g;
  const ev: KansaEvent = {};
  setUser(ev, user);
  setSource(ev, from || undefined);
  return done(ev, {
    'event.category': ['authentication'],
    'event.type': ['start'],
    'event.action': 'logon-denied',
    'event.outcome': 'failure',
    'event.reason': why,
    'kansa.message.ja': `${user} が ${from ? `${from} から ` : ''}${c.hj}への SSH ログオンを拒否されました(${why})`,
    'kansa.message.en': `${user} was not allowed to log on to${c.on} via SSH${from ? ` from ${from}` : ''} (${why})`,
  });
}

/** Reverse DNS of the client did not match. */
function reverseMappingFailed(ip: string, c: SshdCtx): RuleResult {
  const ev: KansaEvent = {};
  setSource(ev, ip);
  return done(ev, {
    'event.category': ['network'],
    'event.type': ['info'],
    'event.action': 'reverse-mapping-failed',
    'event.outcome': 'failure',
    'event.reason': 'reverse DNS does not match',
    'kansa.message.ja': `${c.host ?? 'sshd'} で ${ip} の逆引き DNS が一致しませんでした(なりすましの可能性)`,
    'kansa.message.en': `Reverse DNS for ${ip} did not match on${c.on} (possible spoofing)`,
  });
}

const SAMPLE_CTX: SshdCtx = { host: 'web01', on: ' web01', hj: 'web01 ', preauth: false, timesJa: '', timesEn: '' };

/** One rule per sshd message form, in the order they are tried. */
export const RULES = ruleTable<SshdCtx>('sshd', SAMPLE_CTX, [
  {
    id: 'accepted',
    sample:
      'Accepted publickey for suzuki from 10.0.1.45 port 50122 ssh2: RSA SHA256:4hZ1Vb7mJ2Yq0yWcXh3N8uJmF6sX1lG0w9bLx2aQ3pE',
    match: /^(?<verb>Accepted)(?<rest> [^]*)$/,
    build: methodLine,
  },
  {
    id: 'failed',
    sample: 'Failed password for invalid user admin from 203.0.113.9 port 4242 ssh2',
    match: /^(?<verb>Failed)(?<rest> [^]*)$/,
    build: methodLine,
  },
  {
    id: 'postponed-or-partial',
    sample:
      'Partial publickey for kimura from 10.0.1.70 port 51516 ssh2: ECDSA SHA256:q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c',
    match: /^(?<verb>Postponed|Partial)(?<rest> [^]*)$/,
    build: methodLine,
  },
  {
    id: 'invalid-user',
    sample: 'Invalid user admin from 203.0.113.9 port 4242',
    match: /^(?:Invalid|Illegal) user(?<rest> [^]*)$/,
    build({ rest }, c) {
      // rest keeps its leading space: `Invalid user from 203.0.113.9` is an empty name from that address.
      const fromAt = rest.lastIndexOf(' from ');
      const user = fromAt >= 1 ? rest.slice(1, fromAt) : rest.slice(1);
      const tail = fromAt >= 0 ? rest.slice(fromAt + 6).split(' ') : [];
      const ip = tail[0];
      const ev: KansaEvent = {};
      setUser(ev, user);
      setSource(ev, ip, tail[1] === 'port' ? tail[2] : undefined);
      const u = user || undefined;
      const fromJa = ip ? `${ip} から ` : '';
      const fromEn = ip ? ` from ${ip}` : '';
      return done(ev, {
        'event.category': ['authentication'],
        'event.type': ['start'],
        'event.action': 'invalid-user',
        'event.outcome': 'failure',
        'event.reason': 'unknown user',
        'network.protocol': 'ssh',
        'kansa.message.ja': u
          ? `${u} が ${fromJa}${c.hj}に存在しないユーザー名で SSH 接続しました${paren([c.timesJa], 'ja')}`
          : `${c.host ?? 'sshd'} で ${ip ? `${ip} から` : ''}空のユーザー名による SSH 接続がありました${paren([c.timesJa], 'ja')}`,
        'kansa.message.en': u
          ? `${u} tried to log on to${c.on} via SSH${fromEn} with an unknown user name${paren([c.timesEn], 'en')}`
          : `An empty user name tried to log on to${c.on} via SSH${fromEn}${paren([c.timesEn], 'en')}`,
      });
    },
  },
  {
    id: 'invalid-user-request',
    sample: 'input_userauth_request: invalid user admin',
    match: /^input_userauth_request: invalid user (?<user>[^]*)$/,
    build({ user }, c) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      return done(ev, {
        'event.category': ['authentication'],
        'event.type': ['info'],
        'event.action': 'invalid-user-request',
        'event.outcome': 'failure',
        'event.reason': 'unknown user',
        'kansa.message.ja': `${subj(user || undefined, c.host)}${c.hj}に存在しないユーザー名で SSH 認証を要求しました`,
        'kansa.message.en': `${user || 'An empty user name'} requested SSH authentication on${c.on} with an unknown user name`,
      });
    },
  },
  {
    id: 'connection-closed',
    sample: 'Connection closed by invalid user admin 203.0.113.9 port 4242',
    match: /^Connection closed by (?<tail>[^]*)$/,
    build: (g, c) => connectionEnd('closed', g.tail, c),
  },
  {
    id: 'connection-reset',
    sample: 'Connection reset by 198.51.100.7 port 61000',
    match: /^Connection reset by (?<tail>[^]*)$/,
    build: (g, c) => connectionEnd('reset', g.tail, c),
  },
  {
    id: 'disconnected',
    sample: 'Disconnected from user suzuki 10.0.1.45 port 50122',
    match: /^Disconnected from (?<tail>[^]*)$/,
    build: (g, c) => connectionEnd('disconnected', g.tail, c),
  },
  {
    id: 'received-disconnect',
    sample: 'Received disconnect from 10.0.1.45 port 50122:11: disconnected by user',
    match: /^Received disconnect from (?<ip>\S+?)(?: port (?<port>\d+))?: ?(?<code>\d+): ?(?<reason>.*)$/,
    build({ ip, port, code, reason }, c) {
      const ev: KansaEvent = {};
      setSource(ev, ip, port);
      const meaning = DISCONNECT[code] ?? `code ${code}`;
      ev['kansa.raw'] = {
        disconnect_code: code,
        disconnect_reason: reason,
        ...(c.preauth ? { stage: 'preauth' } : {}),
      };
      return done(ev, {
        'event.category': ['network'],
        'event.type': ['connection', 'end'],
        'event.action': c.preauth ? 'received-disconnect-preauth' : 'received-disconnect',
        'event.outcome': 'unknown',
        'event.reason': `${meaning}: ${reason}`,
        'error.code': code,
        'network.protocol': 'ssh',
        'kansa.message.ja': `${c.host ?? 'sshd'} で ${ip} のクライアントが${c.preauth ? '認証前に' : ''} SSH 接続を切断しました(${reason}、コード ${code})`,
        'kansa.message.en': `The SSH client at ${ip} disconnected from${c.on}${c.preauth ? ' before authentication' : ''} (${reason}, code ${code}: ${meaning})`,
      });
    },
  },
  {
    id: 'max-auth-attempts-exceeded',
    sample: 'maximum authentication attempts exceeded for root from 203.0.113.9 port 4250 ssh2',
    match: /^maximum authentication attempts exceeded for (?<body>[^]*)$/,
    build({ body }, c) {
      const fromAt = body.lastIndexOf(' from ');
      let user = fromAt >= 0 ? body.slice(0, fromAt) : body;
      const invalid = user.startsWith('invalid user ');
      if (invalid) {
        user = user.slice(13);
      }
      const tail = fromAt >= 0 ? body.slice(fromAt + 6).split(' ') : [];
      const ev: KansaEvent = {};
      setUser(ev, user);
      setSource(ev, tail[0], tail[1] === 'port' ? tail[2] : undefined);
      return done(ev, {
        'event.category': ['authentication'],
        'event.type': ['info'],
        'event.action': 'max-auth-attempts-exceeded',
        'event.outcome': 'failure',
        'event.reason': 'too many authentication failures',
        'network.protocol': 'ssh',
        'kansa.message.ja': `${subj(user || undefined, c.host)}${tail[0]} から ${c.hj}への SSH 認証試行の上限を超えました${paren([invalid ? '存在しないユーザー' : ''], 'ja')}`,
        'kansa.message.en': `${user || 'An empty user name'} exceeded the maximum SSH authentication attempts on${c.on} from ${tail[0]}${paren([invalid ? 'unknown user' : ''], 'en')}`,
      });
    },
  },
  {
    id: 'disconnecting',
    sample: 'Disconnecting authenticating user root 203.0.113.9 port 4250: Too many authentication failures',
    match: /^Disconnecting (?<rest>[^]*)$/,
    build({ rest }, ctx) {
      const colon = rest.indexOf(': ');
      const c = parseConn(colon >= 0 ? rest.slice(0, colon) : rest);
      if (!c) {
        return null;
      }
      const reason = colon >= 0 ? rest.slice(colon + 2) : '';
      const ev: KansaEvent = {};
      setUser(ev, c.user);
      setSource(ev, c.ip, c.port);
      const tooMany = reason.startsWith('Too many authentication failures');
      const u = c.user || undefined;
      const host = ctx.host;
      return done(ev, {
        'event.category': tooMany ? ['authentication'] : ['network'],
        'event.type': tooMany ? ['info'] : ['connection', 'end'],
        'event.action': tooMany ? 'max-auth-attempts-exceeded' : 'disconnecting',
        'event.outcome': tooMany ? 'failure' : 'unknown',
        'event.reason': reason,
        'network.protocol': 'ssh',
        'kansa.message.ja': u
          ? `${u} が ${c.ip} から ${ctx.hj}への SSH 接続を切断されました(${tooMany ? '認証失敗の回数超過' : reason})`
          : `${host ?? 'sshd'} が ${c.ip} からの SSH 接続を切断しました(${reason})`,
        'kansa.message.en': u
          ? `${u}'s SSH connection to${ctx.on} from ${c.ip} was dropped (${tooMany ? 'too many authentication failures' : reason})`
          : `${host ?? 'sshd'} dropped the SSH connection from ${c.ip} (${reason})`,
      });
    },
  },
  {
    id: 'pam-more-failures',
    sample: 'PAM 5 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.9  user=root',
    match: /^PAM (?<more>\d+) more authentication failures?; (?<kv>.*)$/,
    build(g, c) {
      const kv = parseKv(g.kv);
      const user = kv.user ?? '';
      const ev: KansaEvent = {};
      setUser(ev, user);
      setSource(ev, kv.rhost);
      ev['kansa.raw'] = { more_failures: g.more, ...kv };
      const from = kv.rhost ? `${kv.rhost} から ` : '';
      return done(ev, {
        'event.category': ['authentication'],
        'event.type': ['info'],
        'event.action': 'authentication-failures-summary',
        'event.outcome': 'failure',
        'event.reason': 'authentication failure',
        'kansa.message.ja': `${subj(user || undefined, c.host)}${from}${c.hj}への SSH ログオンでさらに ${g.more} 回 PAM 認証に失敗しました`,
        'kansa.message.en': `${user || 'Someone'} failed PAM authentication ${g.more} more times logging on to${c.on} via SSH${kv.rhost ? ` from ${kv.rhost}` : ''}`,
      });
    },
  },
  {
    id: 'pam-authentication-failure',
    sample: 'PAM: Authentication failure for illegal user guest from 203.0.113.15',
    match: /^PAM: (?<what>.+?) for (?:illegal user )?(?<user>.*?) from (?<from>\S+)$/,
    build({ what, user, from }, c) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      setSource(ev, from);
      return done(ev, {
        'event.category': ['authentication'],
        'event.type': ['info'],
        'event.action': 'pam-authentication-failure',
        'event.outcome': 'failure',
        'event.reason': what,
        'kansa.message.ja': `${subj(user || undefined, c.host)}${from} から ${c.hj}への SSH ログオンで PAM 認証に失敗しました(${what})`,
        'kansa.message.en': `${user || 'Someone'} failed PAM authentication logging on to${c.on} via SSH from ${from} (${what})`,
      });
    },
  },
  {
    id: 'session-timeout',
    sample: 'Timeout, client not responding from user tanaka 10.0.1.23 port 52344',
    match: /^Timeout, client not responding(?<rest>[^]*)$/,
    build({ rest }, ctx) {
      const fromAt = rest.indexOf(' from ');
      const c = fromAt >= 0 ? parseConn(rest.slice(fromAt + 6).replace(/\.$/, '')) : null;
      const ev: KansaEvent = {};
      if (c) {
        setUser(ev, c.user);
        setSource(ev, c.ip, c.port);
      }
      const u = c?.user || undefined;
      const { host, on, hj } = ctx;
      return done(ev, {
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
    },
  },
  {
    id: 'timeout-before-authentication',
    sample: 'Timeout before authentication for 198.51.100.8 port 33210',
    match: /^Timeout before authentication(?<rest>[^]*)$/,
    build({ rest }, c) {
      const m = / for (\S+)(?: port (\d+))?/.exec(rest);
      const ev: KansaEvent = {};
      if (m) {
        setSource(ev, m[1], m[2]);
      }
      return done(ev, {
        'event.category': ['network'],
        'event.type': ['connection', 'end'],
        'event.action': 'timeout-before-authentication',
        'event.outcome': 'failure',
        'event.reason': 'login grace time exceeded',
        'kansa.message.ja': `${c.host ?? 'sshd'} で ${m ? `${m[1]} からの ` : ''}SSH 接続が認証前にタイムアウトしました`,
        'kansa.message.en': `An SSH connection${m ? ` from ${m[1]}` : ''} to${c.on} timed out before authentication`,
      });
    },
  },
  {
    id: 'banner-exchange-failed',
    sample: 'banner exchange: Connection from 198.51.100.7 port 61010: invalid format',
    match: /^banner exchange: Connection from (?<ip>\S+) port (?<port>\d+): (?<reason>.*)$/,
    build({ ip, port, reason }, c) {
      const ev: KansaEvent = {};
      setSource(ev, ip, port);
      return startFailed(ev, ip, reason, 'banner-exchange-failed', c);
    },
  },
  {
    id: 'kex-identification-failed',
    sample: 'kex_exchange_identification: Connection closed by remote host',
    match: /^kex_exchange_identification: (?<reason>[^]*)$/,
    build: ({ reason }, c) => startFailed({}, undefined, reason, 'kex-identification-failed', c),
  },
  {
    id: 'no-identification-string',
    sample: 'Did not receive identification string from 198.51.100.7 port 61012',
    match: /^Did not receive identification string from (?<rest>[^]*)$/,
    build({ rest }, ctx) {
      const c = parseConn(rest);
      const ev: KansaEvent = {};
      setSource(ev, c?.ip, c?.port);
      return startFailed(ev, c?.ip, 'no identification string', 'no-identification-string', ctx);
    },
  },
  {
    id: 'bad-protocol-version',
    sample: "Bad protocol version identification 'GET / HTTP/1.1' from 198.51.100.9 port 40404",
    match: /^Bad protocol version identification(?<rest> [^]*)$/,
    build({ rest }, c) {
      const m = / from (\S+)(?: port (\d+))?$/.exec(rest);
      const ev: KansaEvent = {};
      setSource(ev, m?.[1], m?.[2]);
      return startFailed(ev, m?.[1], 'bad protocol version identification', 'bad-protocol-version', c);
    },
  },
  {
    id: 'negotiation-failed',
    sample:
      'Unable to negotiate with 198.51.100.7 port 61020: no matching host key type found. Their offer: ssh-rsa,ssh-dss',
    match: /^Unable to negotiate with (?<ip>\S+) port (?<port>\d+): (?<reason>.*?)(?:\. Their offer: (?<offer>.*))?$/,
    build({ ip, port, reason, offer }, c) {
      const ev: KansaEvent = {};
      setSource(ev, ip, port);
      if (offer) {
        ev['kansa.raw'] = { client_offer: offer };
      }
      return done(ev, {
        'event.category': ['network'],
        'event.type': ['connection', 'denied'],
        'event.action': 'negotiation-failed',
        'event.outcome': 'failure',
        'event.reason': reason,
        'network.protocol': 'ssh',
        'kansa.message.ja': `${c.host ?? 'sshd'} で ${ip} との SSH 暗号方式の交渉に失敗しました(${reason})`,
        'kansa.message.en': `SSH negotiation with ${ip} failed on${c.on} (${reason})`,
      });
    },
  },
  {
    id: 'not-allowed-from',
    sample: 'User root from 203.0.113.9 not allowed because not listed in AllowUsers',
    match: /^User (?<user>\S+) from (?<from>\S+) not allowed because (?<why>.*)$/,
    build: notAllowed,
  },
  {
    id: 'not-allowed',
    sample: 'User root not allowed because account is locked',
    match: /^User (?<user>\S+)(?<from>) not allowed because (?<why>.*)$/,
    build: notAllowed,
  },
  {
    id: 'root-login-refused',
    sample: 'ROOT LOGIN REFUSED FROM 203.0.113.14 port 4600',
    match: /^ROOT LOGIN REFUSED FROM (?<ip>\S+)(?: port (?<port>\d+))?/,
    build({ ip, port }, c) {
      const ev: KansaEvent = {};
      setUser(ev, 'root');
      setSource(ev, ip, port);
      return done(ev, {
        'event.category': ['authentication'],
        'event.type': ['start'],
        'event.action': 'logon-denied',
        'event.outcome': 'failure',
        'event.reason': 'root login refused (PermitRootLogin)',
        'kansa.message.ja': `root が ${ip} から ${c.hj}への SSH ログオンを拒否されました(root ログイン禁止)`,
        'kansa.message.en': `root was refused an SSH logon to${c.on} from ${ip} (root login not permitted)`,
      });
    },
  },
  {
    id: 'authentication-refused',
    sample: 'Authentication refused: bad ownership or modes for directory /home/yamada/.ssh',
    match: /^Authentication refused: (?<why>[^]*)$/,
    build: ({ why }, c) =>
      done(
        {},
        {
          'event.category': ['authentication'],
          'event.type': ['info'],
          'event.action': 'authentication-refused',
          'event.outcome': 'failure',
          'event.reason': why,
          'kansa.message.ja': `${c.host ?? 'sshd'} で SSH 公開鍵認証が拒否されました(${why})`,
          'kansa.message.en': `SSH public key authentication was refused on${c.on} (${why})`,
        },
      ),
  },
  {
    id: 'connection-opened',
    sample: 'Connection from 10.0.1.23 port 52344 on 10.0.0.10 port 22 rdomain ""',
    match: /^Connection from (?<ip>\S+) port (?<port>\d+) on (?<local>\S+) port (?<localPort>\d+)/,
    build({ ip, port, local, localPort }, c) {
      const ev: KansaEvent = {};
      setSource(ev, ip, port);
      ev['destination.port'] = Number(localPort);
      if (local) {
        if (/^[\d.]+$|:/.test(local)) {
          ev['destination.ip'] = local;
        }
      }
      return done(ev, {
        'event.category': ['network'],
        'event.type': ['connection', 'start'],
        'event.action': 'connection-opened',
        'event.outcome': 'success',
        'network.protocol': 'ssh',
        'network.transport': 'tcp',
        'kansa.message.ja': `${c.host ?? 'sshd'} が ${ip} からの SSH 接続を受け付けました`,
        'kansa.message.en': `${c.host ?? 'sshd'} accepted an SSH connection from ${ip}`,
      });
    },
  },
  {
    id: 'session-started',
    sample: 'Starting session: shell on pts/0 for tanaka from 10.0.1.23 port 52344 id 0',
    match: /^Starting session: (?<what>.+?) for (?<user>\S+) from (?<ip>\S+) port (?<port>\d+)(?: id (?<id>\d+))?/,
    build({ what, user, ip, port }, c) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      setSource(ev, ip, port);
      ev['kansa.raw'] = { session: what };
      return done(ev, {
        'event.category': ['session'],
        'event.type': ['start'],
        'event.action': 'session-started',
        'event.outcome': 'success',
        'kansa.session.transition': 'activity',
        'kansa.message.ja': `${user} が ${ip} から ${c.hj}で SSH セッションを開始しました(${what})`,
        'kansa.message.en': `${user} started an SSH session on${c.on} from ${ip} (${what})`,
      });
    },
  },
  {
    id: 'session-ended',
    sample: 'Close session: user suzuki from 10.0.1.45 port 50122 id 0',
    match: /^Close session: user (?<user>\S+) from (?<ip>\S+) port (?<port>\d+)/,
    build({ user, ip, port }, c) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      setSource(ev, ip, port);
      return done(ev, {
        'event.category': ['session'],
        'event.type': ['end'],
        'event.action': 'session-ended',
        'event.outcome': 'success',
        'kansa.session.transition': 'activity',
        'kansa.message.ja': `${user} が ${ip} からの ${c.hj}での SSH セッションを閉じました`,
        'kansa.message.en': `${user} closed an SSH session on${c.on} from ${ip}`,
      });
    },
  },
  {
    id: 'subsystem-requested',
    sample: 'subsystem request for sftp by user suzuki',
    match: /^subsystem request for (?<subsystem>\S+) by user (?<user>\S+)/,
    build({ subsystem, user }, c) {
      const ev: KansaEvent = {};
      setUser(ev, user);
      return done(ev, {
        'event.category': ['session'],
        'event.type': ['info'],
        'event.action': 'subsystem-requested',
        'event.outcome': 'success',
        'kansa.session.transition': 'activity',
        'kansa.message.ja': `${user} が ${c.hj}で SSH の ${subsystem} サブシステムを使用しました`,
        'kansa.message.en': `${user} used the SSH ${subsystem} subsystem on${c.on}`,
      });
    },
  },
  {
    id: 'reverse-mapping-failed',
    sample:
      'reverse mapping checking getaddrinfo for host-203-0-113-11.example.net [203.0.113.11] failed - POSSIBLE BREAK-IN ATTEMPT!',
    match: /^reverse mapping checking getaddrinfo for (?<name>\S+) \[(?<ip>\S+)\] failed/,
    build: ({ ip }, c) => reverseMappingFailed(ip, c),
  },
  {
    id: 'address-maps-elsewhere',
    sample:
      'Address 203.0.113.11 maps to host-203-0-113-11.example.net, but this does not map back to the address - POSSIBLE BREAK-IN ATTEMPT!',
    match: /^Address (?<ip>\S+) maps to (?<name>\S+), but this does not map back/,
    build: ({ ip }, c) => reverseMappingFailed(ip, c),
  },
  {
    id: 'server-listening',
    sample: 'Server listening on 0.0.0.0 port 22.',
    match: /^Server listening on (?<address>\S+) port (?<port>\d+)/,
    build({ address, port }, c) {
      const ev: KansaEvent = { 'kansa.raw': { listen_address: address, listen_port: port } };
      return done(ev, {
        'event.category': ['process'],
        'event.type': ['start'],
        'event.action': 'server-listening',
        'event.outcome': 'success',
        'kansa.message.ja': `${c.host ?? 'sshd'} で sshd が ${address} のポート ${port} で待ち受けを開始しました`,
        'kansa.message.en': `sshd started listening on ${address} port ${port}${c.host ? ` on ${c.host}` : ''}`,
      });
    },
  },
  {
    id: 'server-stopped-or-restarted',
    sample: 'Received signal 15; terminating.',
    match: /^Received (?<signal>signal \d+|SIGHUP); (?<what>terminating|restarting)/,
    build({ signal, what }, c) {
      const stop = what === 'terminating';
      return done(
        {},
        {
          'event.category': ['process'],
          'event.type': [stop ? 'end' : 'change'],
          'event.action': stop ? 'server-stopped' : 'server-restarted',
          'event.outcome': 'success',
          'kansa.message.ja': `${c.host ?? 'sshd'} で sshd が${stop ? '停止しました' : '再起動しました'}(${signal})`,
          'kansa.message.en': `sshd ${stop ? 'stopped' : 'restarted'}${c.host ? ` on ${c.host}` : ''} (${signal})`,
        },
      );
    },
  },
]);

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
  const ctx: SshdCtx = {
    host,
    on: host ? ` ${host}` : ' the server',
    hj: hostJa(host),
    preauth,
    timesJa: count > 1 ? `${count} 回` : '',
    timesEn: count > 1 ? `${count} times` : '',
  };
  const applied = applyRules(RULES, text, ctx);
  if (!applied) {
    return null;
  }
  const ev = baseEvent('sshd', 'sshd', 'sshd.auth');
  if (count > 1) {
    ev['kansa.count'] = count;
  }
  if (level) {
    ev['log.level'] = level;
  }
  assignFields(ev, applied.result.fields);
  ev['kansa.message.ja'] = applied.result.ja;
  ev['kansa.message.en'] = applied.result.en;
  return ev;
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
