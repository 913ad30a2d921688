/**
 * The Cisco message rule table: one rule per mnemonic the translator reads (link and line protocol
 * state, configuration, logins, SSH sessions, routing neighbours, err-disable), keyed by
 * `FACILITY-MNEMONIC`, each with a real message as its sample. Other mnemonics are generic (index.ts).
 */
import type { KansaEvent } from '../../translate/types';
import { isIp } from '../_lib/network';
import { ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { findTag, type Parsed } from './tag';

/** Fields of the `[user: admin] [Source: 10.0.0.9] [localport: 22]` brackets of SEC_LOGIN. */
function bracketFields(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = text.indexOf('[');
  while (i !== -1) {
    const close = text.indexOf(']', i);
    if (close === -1) break;
    const inner = text.slice(i + 1, close);
    const colon = inner.indexOf(':');
    if (colon > 0) {
      out[inner.slice(0, colon).trim().toLowerCase()] = inner.slice(colon + 1).trim();
    }
    i = text.indexOf('[', close);
  }
  return out;
}

const LOGIN_REASONS: Array<[RegExp, string, string]> = [
  [/Authentication Failed/i, '認証失敗', 'authentication failed'],
  [/Invalid login/i, 'ログイン不正', 'invalid login'],
  [/Quiet-Mode/i, 'Quiet モード中', 'quiet mode'],
];

function loginReason(reason: string | undefined): { ja: string; en: string } | undefined {
  if (!reason) return undefined;
  for (const [re, ja, en] of LOGIN_REASONS) {
    if (re.test(reason)) return { ja, en };
  }
  return { ja: reason, en: reason };
}

/** What a rule reads a message with: the parsed tag and text, and the device's name when known. */
interface Ctx {
  p: Parsed;
  device: string | undefined;
}

/**
 * The key of a message: `FACILITY-MNEMONIC` of its tag, the facility without a sub-facility
 * (`LINK-SP` is `LINK`) and the severity left out (the forms do not depend on it); NX-OS
 * `IF_DOWN_<reason>` mnemonics all read `ETHPORT-IF_DOWN`, their reason is in the text.
 */
/** The table key of a parsed tag: `FACILITY-MNEMONIC`, every NX-OS `IF_DOWN_*` one key. */
export function keyOfTag(p: Parsed): string {
  const base = p.facility.split('-')[0];
  return `${base}-${base === 'ETHPORT' && p.mnemonic.startsWith('IF_DOWN') ? 'IF_DOWN' : p.mnemonic}`;
}

function keyOf(text: string): string | undefined {
  const p = findTag(text);
  return p ? keyOfTag(p) : undefined;
}

/** The parsed sample a rule's test reads, on a named device. */
function sampleContext(sample: string): Ctx {
  const p = findTag(sample);
  if (!p) throw new Error(`not a Cisco message: ${sample}`);
  return { p, device: 'web-sw01' };
}

/**
 * A rule for one mnemonic, keyed `FACILITY-MNEMONIC` (see `keyOf`); its build reads the text after the
 * tag and returns null when the text is not the form the mnemonic names (the message is then generic).
 */
function keyed(
  id: string,
  key: string,
  sample: string,
  build: (p: Parsed, device: string | undefined) => RuleResult | null,
): MessageRule<Ctx> {
  return { id, sample, match: { key }, sampleContext: sampleContext(sample), build: (_g, c) => build(c.p, c.device) };
}

function on(device: string | undefined, ja: boolean): string {
  if (!device) return '';
  return ja ? `${device} の` : ` on ${device}`;
}

const LINK_STATE = /^Interface (\S+?), changed state to (administratively down|down|up|deleted|reset|testing)$/;
const LINEPROTO_STATE = /^Line protocol on Interface (\S+?), changed state to (down|up)$/;

function linkEvent(
  iface: string,
  state: string,
  device: string | undefined,
  lineProtocol: boolean,
  reason?: string,
): RuleResult {
  const admin = state.startsWith('administratively');
  const down = state.includes('down');
  const what = lineProtocol ? 'line-protocol' : 'interface';
  const action = admin ? `${what}-admin-down` : `${what}-${down ? 'down' : state === 'up' ? 'up' : state}`;
  const stateJa = admin
    ? '管理上ダウン(shutdown)しました'
    : down
      ? 'ダウンしました'
      : state === 'up'
        ? 'アップしました'
        : `${state} になりました`;
  const stateEn = admin
    ? 'was administratively shut down'
    : down
      ? 'went down'
      : state === 'up'
        ? 'came up'
        : `changed state to ${state}`;
  const subjectJa = lineProtocol ? `インターフェース ${iface} のライン プロトコル` : `インターフェース ${iface}`;
  const subjectEn = lineProtocol ? `Line protocol on interface ${iface}` : `Interface ${iface}`;
  const reasonJa = reason ? `(${reason})` : '';
  const reasonEn = reason ? ` (${reason})` : '';
  return {
    fields: {
      'event.category': ['network'],
      'event.type': [down && !admin ? 'error' : 'info'],
      'event.action': action,
      'event.outcome': down && !admin ? 'failure' : 'success',
      'observer.ingress.interface.name': iface,
      ...(reason ? { 'event.reason': reason } : {}),
    },
    ja: `${device ? `${device} の` : ''}${subjectJa}${lineProtocol ? '' : ' '}が${stateJa}${reasonJa}`,
    en: `${subjectEn}${on(device, false)} ${stateEn}${reasonEn}`,
  };
}

const NXOS_IF_DOWN = /^Interface (\S+) is down \((.+)\)$/;
const NXOS_IF_UP = /^Interface (\S+) is up(?: in mode (\S+))?/;
const CONFIG_I = /^Configured from (\S+) by (\S+)(?: on (\S+))?(?: \(([0-9A-Fa-f:.]+)\))?/;
const NXOS_CONFIG = /^Configured from vty by (\S+) on (\S+?)(?:@(\S+))?$/;
const LOGGEDCMD = /^User:(\S+)\s+logged command:(.*)$/;
const SSH2_USERAUTH =
  /^User '([^']*)' authentication for SSH2 Session from (\S+) \(tty = (\d+)\).* (Succeeded|Failed)$/;
const SSH2_SESSION = /^SSH2 Session request from (\S+) \(tty = (\d+)\).* (Succeeded|Failed)$/;
const SSH2_CLOSE = /^SSH2 Session from (\S+) \(tty = (\d+)\) for user '([^']*)'.* closed$/;
const OSPF_ADJ = /^Process (\S+), Nbr (\S+) on (\S+) from (\S+) to (\S+), (.+)$/;
const DUAL_NBR = /^(.+?): Neighbor (\S+) \((\S+)\) is (up|down|resync)(?::\s*(.*))?$/;
const ERR_DISABLE = /^(\S+) error detected on (\S+?), putting \S+ in err-disable state/;
const BPDUGUARD = /^Received BPDU on port (\S+) with BPDU Guard enabled/;

function loginEvent(p: Parsed, device: string | undefined, success: boolean): RuleResult {
  const f = bracketFields(p.text);
  const user = f.user;
  const src = f.source;
  const port = f.localport !== undefined ? Number(f.localport) : undefined;
  const reason = loginReason(f.reason);
  const event: KansaEvent = {
    'event.category': ['authentication'],
    'event.type': ['start'],
    'event.action': success ? 'logged-in' : 'logon-failed',
    'event.outcome': success ? 'success' : 'failure',
  };
  if (user) event['user.name'] = user;
  if (isIp(src)) event['source.ip'] = src;
  if (port !== undefined && Number.isInteger(port)) event['destination.port'] = port;
  if (f.reason) event['event.reason'] = reason!.en;
  const extraJa = [reason?.ja, port !== undefined ? `ポート ${port}` : undefined].filter(Boolean).join('、');
  const extraEn = [reason?.en, port !== undefined ? `port ${port}` : undefined].filter(Boolean).join(', ');
  const fromEn = src ? ` from ${src}` : '';
  const head = user ? `${user} が ` : '';
  const okJa = src
    ? device
      ? `${src} から ${device} にログインしました`
      : `${src} からログインしました`
    : device
      ? `${device} にログインしました`
      : 'ログインしました';
  const ngJa = src
    ? device
      ? `${src} から ${device} へのログインに失敗しました`
      : `${src} からのログインに失敗しました`
    : device
      ? `${device} へのログインに失敗しました`
      : 'ログインに失敗しました';
  if (success) {
    return {
      fields: event,
      ja: `${head}${okJa}${extraJa ? `(${extraJa})` : ''}`,
      en: `${user ?? 'Someone'} logged in to ${device ?? 'the device'}${fromEn}${extraEn ? ` (${extraEn})` : ''}`,
    };
  }
  return {
    fields: event,
    ja: `${head}${ngJa}${extraJa ? `(${extraJa})` : ''}`,
    en: `${user ?? 'Someone'} failed to log in to ${device ?? 'the device'}${fromEn}${extraEn ? ` (${extraEn})` : ''}`,
  };
}

/** LINK-3-UPDOWN and LINK-5-CHANGED say the same thing: an interface's state. */
const linkState = (p: Parsed, d: string | undefined): RuleResult | null => {
  const m = LINK_STATE.exec(p.text);
  return m ? linkEvent(m[1], m[2], d, false) : null;
};

export const RULES = ruleTable<Ctx>(
  'cisco',
  sampleContext('%LINK-3-UPDOWN: Interface GigabitEthernet1/0/5, changed state to down'),
  [
    keyed(
      'link-updown',
      'LINK-UPDOWN',
      '%LINK-3-UPDOWN: Interface GigabitEthernet1/0/5, changed state to down',
      linkState,
    ),
    keyed(
      'link-changed',
      'LINK-CHANGED',
      '%LINK-5-CHANGED: Interface GigabitEthernet1/0/24, changed state to administratively down',
      linkState,
    ),
    keyed(
      'lineproto-updown',
      'LINEPROTO-UPDOWN',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1/0/5, changed state to down',
      (p, d) => {
        const m = LINEPROTO_STATE.exec(p.text);
        return m ? linkEvent(m[1], m[2], d, true) : null;
      },
    ),
    keyed(
      'sys-config-i',
      'SYS-CONFIG_I',
      '%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.10)',
      (p, d) => {
        const m = CONFIG_I.exec(p.text);
        if (!m) return null;
        const [, from, by, line, ip] = m;
        // `by console` / `by vty0 (ip)`: no account (no AAA); the "by" names the line.
        const user = by === 'console' || /^(vty|tty|con|aux)\d*$/.test(by) ? undefined : by;
        const lineName = user ? line : by;
        const event: KansaEvent = {
          'event.category': ['configuration'],
          'event.type': ['change'],
          'event.action': 'changed-configuration',
          'event.outcome': 'success',
        };
        if (user) event['user.name'] = user;
        if (ip) event['source.ip'] = ip;
        const via = [from !== 'console' ? `${from} から` : undefined, lineName, ip ? `${ip} から` : undefined].filter(
          Boolean,
        );
        const viaEn = [from !== 'console' ? `from ${from}` : undefined, lineName, ip ? `from ${ip}` : undefined].filter(
          Boolean,
        );
        return {
          fields: event,
          ja: `${user ? `${user} が ` : ''}${d ? `${d} の設定を変更しました` : user ? '設定を変更しました' : '設定が変更されました'}${via.length > 0 ? `(${via.join('、')})` : ''}`,
          en: `${user ?? 'Someone'} changed the configuration of ${d ?? 'the device'}${viaEn.length > 0 ? ` (${viaEn.join(', ')})` : ''}`,
        };
      },
    ),
    keyed(
      'vshd-config-i',
      'VSHD-VSHD_SYSLOG_CONFIG_I',
      '%VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin on 10.0.0.10@pts/0',
      (p, d) => {
        const m = NXOS_CONFIG.exec(p.text);
        if (!m) return null;
        const [, user, from, tty] = m;
        const event: KansaEvent = {
          'event.category': ['configuration'],
          'event.type': ['change'],
          'event.action': 'changed-configuration',
          'event.outcome': 'success',
          'user.name': user,
        };
        if (isIp(from)) event['source.ip'] = from;
        return {
          fields: event,
          ja: `${user} が ${d ?? '機器'} の設定を変更しました(${from} から${tty ? `、${tty}` : ''})`,
          en: `${user} changed the configuration of ${d ?? 'the device'} (from ${from}${tty ? `, ${tty}` : ''})`,
        };
      },
    ),
    keyed(
      'parser-cfglog-loggedcmd',
      'PARSER-CFGLOG_LOGGEDCMD',
      '%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:interface GigabitEthernet1/0/24',
      (p, d) => {
        const m = LOGGEDCMD.exec(p.text);
        if (!m) return null;
        const user = m[1];
        const command = m[2].trim();
        return {
          fields: {
            'event.category': ['configuration'],
            'event.type': ['change'],
            'event.action': 'executed-configuration-command',
            'event.outcome': 'success',
            'user.name': user,
            'kansa.raw': { command },
          },
          ja: `${user} が ${d ? `${d} で` : ''}設定コマンド「${command}」を実行しました`,
          en: `${user} ran the configuration command "${command}" on ${d ?? 'the device'}`,
        };
      },
    ),
    keyed(
      'sec-login-failed',
      'SEC_LOGIN-LOGIN_FAILED',
      '%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: admin] [Source: 203.0.113.9] [localport: 22] [Reason: Login Authentication Failed] at 09:20:01 JST Thu Oct 1 2026',
      (p, d) => loginEvent(p, d, false),
    ),
    keyed(
      'sec-login-success',
      'SEC_LOGIN-LOGIN_SUCCESS',
      '%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 10.0.0.10] [localport: 22] at 09:30:00 JST Thu Oct 1 2026',
      (p, d) => loginEvent(p, d, true),
    ),
    keyed(
      'sec-login-quiet-mode-on',
      'SEC_LOGIN-QUIET_MODE_ON',
      '%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is 158 secs, [user: root] [Source: 203.0.113.9] [localport: 22] [Reason: Login Authentication Failed] [ACL: sl_def_acl] at 09:20:05 JST Thu Oct 1 2026',
      (p, d) => {
        const f = bracketFields(p.text);
        const event: KansaEvent = {
          'event.category': ['authentication'],
          'event.type': ['info'],
          'event.action': 'login-blocked',
          'event.outcome': 'success',
        };
        if (f.user) event['user.target.name'] = f.user;
        if (isIp(f.source)) event['source.ip'] = f.source;
        const dev = d ?? '機器';
        return {
          fields: event,
          ja: `${dev} がログイン失敗の多発によりログインの受付を一時停止しました(Quiet モード${f.source ? `、最後の失敗は ${f.source} から` : ''})`,
          en: `${d ?? 'The device'} stopped accepting logins after repeated failures (quiet mode${f.source ? `, last failure from ${f.source}` : ''})`,
        };
      },
    ),
    keyed(
      'sec-login-quiet-mode-off',
      'SEC_LOGIN-QUIET_MODE_OFF',
      '%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out at 09:22:45 JST Thu Oct 1 2026',
      (_p, d) => ({
        fields: {
          'event.category': ['authentication'],
          'event.type': ['info'],
          'event.action': 'login-unblocked',
          'event.outcome': 'success',
        },
        ja: `${d ?? '機器'} がログインの受付を再開しました(Quiet モード解除)`,
        en: `${d ?? 'The device'} accepts logins again (quiet mode off)`,
      }),
    ),
    keyed(
      'ssh2-userauth',
      'SSH-SSH2_USERAUTH',
      "%SSH-5-SSH2_USERAUTH: User 'admin' authentication for SSH2 Session from 10.0.0.10 (tty = 0) using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' Succeeded",
      (p, d) => {
        const m = SSH2_USERAUTH.exec(p.text);
        if (!m) return null;
        const [, user, src, tty, result] = m;
        const ok = result === 'Succeeded';
        const event: KansaEvent = {
          'event.category': ['authentication'],
          'event.type': ['start'],
          'event.action': ok ? 'logged-in' : 'logon-failed',
          'event.outcome': ok ? 'success' : 'failure',
          'user.name': user,
          'network.protocol': 'ssh',
        };
        if (isIp(src)) event['source.ip'] = src;
        return {
          fields: event,
          ja: `${user} が ${src} から ${d ?? '機器'} への SSH 認証に${ok ? '成功しました' : '失敗しました'}(tty ${tty})`,
          en: `${user} ${ok ? 'authenticated' : 'failed to authenticate'} over SSH to ${d ?? 'the device'} from ${src} (tty ${tty})`,
        };
      },
    ),
    keyed(
      'ssh2-session',
      'SSH-SSH2_SESSION',
      "%SSH-5-SSH2_SESSION: SSH2 Session request from 10.0.0.10 (tty = 0) using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' Succeeded",
      (p, d) => {
        const m = SSH2_SESSION.exec(p.text);
        if (!m) return null;
        const [, src, tty, result] = m;
        const ok = result === 'Succeeded';
        const event: KansaEvent = {
          'event.category': ['network'],
          'event.type': ['connection', 'start'],
          'event.action': 'ssh-session-requested',
          'event.outcome': ok ? 'success' : 'failure',
          'network.protocol': 'ssh',
        };
        if (isIp(src)) event['source.ip'] = src;
        return {
          fields: event,
          ja: `${d ?? '機器'} が ${src} からの SSH セッション要求を${ok ? '受け付けました' : '拒否しました'}(tty ${tty})`,
          en: `${d ?? 'The device'} ${ok ? 'accepted' : 'refused'} an SSH session request from ${src} (tty ${tty})`,
        };
      },
    ),
    keyed(
      'ssh2-close',
      'SSH-SSH2_CLOSE',
      "%SSH-5-SSH2_CLOSE: SSH2 Session from 10.0.0.10 (tty = 0) for user 'admin' using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' closed",
      (p, d) => {
        const m = SSH2_CLOSE.exec(p.text);
        if (!m) return null;
        const [, src, tty, user] = m;
        const event: KansaEvent = {
          'event.category': ['authentication'],
          'event.type': ['end'],
          'event.action': 'logged-out',
          'event.outcome': 'success',
          'user.name': user,
          'network.protocol': 'ssh',
        };
        if (isIp(src)) event['source.ip'] = src;
        return {
          fields: event,
          ja: `${user} が ${src} からの ${d ?? '機器'} への SSH セッションを終了しました(tty ${tty})`,
          en: `${user} closed the SSH session to ${d ?? 'the device'} from ${src} (tty ${tty})`,
        };
      },
    ),
    keyed('ethport-if-up', 'ETHPORT-IF_UP', '%ETHPORT-5-IF_UP: Interface Ethernet1/5 is up in mode access', (p, d) => {
      const m = NXOS_IF_UP.exec(p.text);
      if (!m) return null;
      const s = linkEvent(m[1], 'up', d, false);
      if (m[2]) {
        s.ja += `(${m[2]} モード)`;
        s.en += ` (${m[2]} mode)`;
      }
      return s;
    }),
    keyed(
      'ospf-adjchg',
      'OSPF-ADJCHG',
      '%OSPF-5-ADJCHG: Process 1, Nbr 10.0.0.2 on GigabitEthernet0/1 from FULL to DOWN, Neighbor Down: Dead timer expired',
      (p, d) => {
        const m = OSPF_ADJ.exec(p.text);
        if (!m) return null;
        const [, proc, nbr, iface, from, to, why] = m;
        const up = to === 'FULL';
        const down = to === 'DOWN';
        const event: KansaEvent = {
          'event.category': ['network'],
          'event.type': [down ? 'error' : 'info'],
          'event.action': up ? 'routing-neighbor-up' : down ? 'routing-neighbor-down' : 'routing-neighbor-changed',
          'event.outcome': down ? 'failure' : 'success',
          'event.reason': why,
          'observer.ingress.interface.name': iface,
          'destination.ip': nbr,
          'network.protocol': 'ospf',
          'kansa.raw': { process: proc, from_state: from, to_state: to },
        };
        return {
          fields: event,
          ja: `${d ? `${d} の ` : ''}OSPF ネイバー ${nbr}(${iface}) が ${from} から ${to} になりました(${why})`,
          en: `OSPF neighbor ${nbr} on ${iface}${on(d, false)} went from ${from} to ${to} (${why})`,
        };
      },
    ),
    keyed(
      'dual-nbrchange',
      'DUAL-NBRCHANGE',
      '%DUAL-5-NBRCHANGE: EIGRP-IPv4 100: Neighbor 10.1.1.2 (GigabitEthernet0/2) is down: holding time expired',
      (p, d) => {
        const m = DUAL_NBR.exec(p.text);
        if (!m) return null;
        const [, as, nbr, iface, state, why] = m;
        const down = state === 'down';
        const event: KansaEvent = {
          'event.category': ['network'],
          'event.type': [down ? 'error' : 'info'],
          'event.action':
            state === 'up' ? 'routing-neighbor-up' : down ? 'routing-neighbor-down' : 'routing-neighbor-changed',
          'event.outcome': down ? 'failure' : 'success',
          'observer.ingress.interface.name': iface,
          'destination.ip': nbr,
          'network.protocol': 'eigrp',
          'kansa.raw': { instance: as },
        };
        if (why) event['event.reason'] = why;
        const stateJa = state === 'up' ? 'アップしました' : down ? 'ダウンしました' : '再同期しました';
        const stateEn = state === 'up' ? 'came up' : down ? 'went down' : 'resynchronized';
        return {
          fields: event,
          ja: `${d ? `${d} の ` : ''}EIGRP ネイバー ${nbr}(${iface}) が${stateJa}${why ? `(${why})` : ''}`,
          en: `EIGRP neighbor ${nbr} on ${iface}${on(d, false)} ${stateEn}${why ? ` (${why})` : ''}`,
        };
      },
    ),
    keyed(
      'pm-err-disable',
      'PM-ERR_DISABLE',
      '%PM-4-ERR_DISABLE: bpduguard error detected on Gi1/0/7, putting Gi1/0/7 in err-disable state',
      (p, d) => {
        const m = ERR_DISABLE.exec(p.text);
        if (!m) return null;
        const [, cause, iface] = m;
        return {
          fields: {
            'event.category': ['network'],
            'event.type': ['error'],
            'event.action': 'interface-err-disabled',
            'event.outcome': 'failure',
            'event.reason': cause,
            'observer.ingress.interface.name': iface,
          },
          ja: `${d ? `${d} の` : ''}インターフェース ${iface} が ${cause} の検出により err-disable 状態になりました`,
          en: `Interface ${iface}${on(d, false)} was err-disabled (${cause} detected)`,
        };
      },
    ),
    keyed(
      'spantree-block-bpduguard',
      'SPANTREE-BLOCK_BPDUGUARD',
      '%SPANTREE-2-BLOCK_BPDUGUARD: Received BPDU on port GigabitEthernet1/0/7 with BPDU Guard enabled. Disabling port.',
      (p, d) => {
        const m = BPDUGUARD.exec(p.text);
        if (!m) return null;
        return {
          fields: {
            'event.category': ['network'],
            'event.type': ['error'],
            'event.action': 'interface-err-disabled',
            'event.outcome': 'failure',
            'event.reason': 'bpduguard',
            'observer.ingress.interface.name': m[1],
          },
          ja: `${d ? `${d} の` : ''}ポート ${m[1]} で BPDU を受信したため BPDU ガードがポートを無効化しました`,
          en: `BPDU Guard disabled port ${m[1]}${on(d, false)} after receiving a BPDU`,
        };
      },
    ),
    keyed(
      'ethport-if-down',
      'ETHPORT-IF_DOWN',
      '%ETHPORT-5-IF_DOWN_LINK_FAILURE: Interface Ethernet1/5 is down (Link failure)',
      (p, d) => {
        const m = NXOS_IF_DOWN.exec(p.text);
        if (!m) return null;
        const admin = /administratively down/i.test(m[2]);
        return linkEvent(m[1], admin ? 'administratively down' : 'down', d, false, admin ? undefined : m[2]);
      },
    ),
  ],
  keyOf,
);
