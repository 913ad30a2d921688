import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';
import { applyRules, ruleTable, sentenceIn, type RuleResult } from '../_lib/rules';

/**
 * Wireless access points that log through hostapd: OpenWrt/Linux APs (`hostapd: wlan0: …`) and
 * Ubiquiti UniFi APs (tag `U6Pro,245a4c…,v6.5.28:` then `hostapd: ath0: …`). Station association,
 * authentication (802.11, WPA, 802.1X/EAP), deauthentication with its reason, PSK mismatch, DFS radar
 * and channel events, and the AP interface going up or down. The messages are a rule table (`RULES`),
 * matched on the hostapd text after the interface name. See README.md.
 */

/** The AP and radio a message came from, and its text: what every rule's event carries. */
interface Ctx {
  ap: string;
  iface: string;
  body: string;
  /** UniFi puts the AP model, MAC and firmware in the tag: "U6Pro,245a4c0e1234,v6.5.28". */
  unifi?: { model: string; mac: string; firmware: string };
}

/** What a rule says of a message; `event` makes the event of it. */
interface Out {
  action: string;
  category: string[];
  type: string[];
  outcome: 'success' | 'failure' | 'unknown';
  level: 'info' | 'notice' | 'warning' | 'error' | 'critical';
  mac?: string;
  user?: string;
  reason?: string;
  ja: string;
  en: string;
  raw?: Record<string, string>;
}

const MAC = '(?<mac>[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})';
/** The same, for a second place in one pattern (a group name may appear once per regex). */
const MAC2 = MAC.replace('(?<mac>', '(?<mac2>');

/** IEEE 802.11 reason codes that deauth/disassoc messages carry. */
const REASONS: Record<string, [string, string]> = {
  '1': ['不明な理由', 'unspecified reason'],
  '2': ['以前の認証が無効', 'previous authentication no longer valid'],
  '3': ['端末が離脱', 'station is leaving'],
  '4': ['無通信タイムアウト', 'inactivity'],
  '5': ['AP の収容数超過', 'AP is unable to handle all associated stations'],
  '6': ['未認証の端末からのフレーム', 'class 2 frame from non-authenticated station'],
  '7': ['未接続の端末からのフレーム', 'class 3 frame from non-associated station'],
  '8': ['端末が BSS から離脱', 'station has left the BSS'],
  '14': ['MIC エラー', 'MIC failure'],
  '15': ['4-way ハンドシェイクのタイムアウト', '4-way handshake timeout'],
  '23': ['802.1X 認証失敗', 'IEEE 802.1X authentication failed'],
};

function macOf(s: string): string {
  return s.toUpperCase().replace(/:/g, '-');
}

function sta(mac: string): [string, string] {
  return [`端末 ${mac}`, `Station ${mac}`];
}

/** The event of what a rule read: the same fields, in the same order, for every rule. */
function event(c: Ctx, o: Out): RuleResult {
  const e: KansaEvent = {
    'event.kind': 'event',
    'event.category': o.category,
    'event.type': o.type,
    'event.action': o.action,
    'event.outcome': o.outcome,
    'event.module': 'hostapd',
    'event.dataset': 'hostapd.log',
    'kansa.source_type': 'wireless-ap',
    'log.level': o.level,
    'observer.type': 'wireless',
    'observer.name': c.ap,
    'observer.ingress.interface.name': c.iface,
    'kansa.message.ja': o.ja,
    'kansa.message.en': o.en,
    'kansa.raw': {
      interface: c.iface,
      text: c.body,
      ...(c.unifi ? { model: c.unifi.model, ap_mac: c.unifi.mac, firmware: c.unifi.firmware } : {}),
      ...(o.raw ?? {}),
    },
  };
  if (c.unifi) {
    e['observer.vendor'] = 'Ubiquiti';
    e['observer.product'] = c.unifi.model;
  }
  if (o.mac) e['source.mac'] = macOf(o.mac);
  if (o.user) e['user.name'] = o.user;
  if (o.reason) e['event.reason'] = o.reason;
  return sentenceIn(e);
}

export const RULES = ruleTable<Ctx>('wireless-ap', { ap: 'ap-lobby', iface: 'wlan0', body: '' }, [
  {
    id: 'associated',
    sample: 'STA 3c:22:fb:12:34:56 IEEE 802.11: associated (aid 1)',
    match: new RegExp(`^STA ${MAC} IEEE 802\\.11: associated(?: \\(aid (?<aid>\\d+)\\))?`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-associated',
        category: ['network'],
        type: ['connection', 'start'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        raw: g.aid ? { aid: g.aid } : undefined,
        ja: `${c.ap} の ${c.iface} に${sta(g.mac)[0]} が接続しました${g.aid ? `(AID ${g.aid})` : ''}`,
        en: `${sta(g.mac)[1]} associated with ${c.iface} on ${c.ap}${g.aid ? ` (AID ${g.aid})` : ''}`,
      }),
  },
  {
    id: 'authenticated',
    sample: 'STA 3c:22:fb:12:34:56 IEEE 802.11: authenticated',
    match: new RegExp(`^STA ${MAC} IEEE 802\\.11: authenticated$`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-authenticated',
        category: ['authentication'],
        type: ['start'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        ja: `${c.ap} の ${c.iface} で${sta(g.mac)[0]} が 802.11 認証を通過しました`,
        en: `${sta(g.mac)[1]} passed 802.11 authentication on ${c.iface} on ${c.ap}`,
      }),
  },
  {
    id: 'deauthenticated',
    sample: 'STA 8c:85:90:aa:bb:cc IEEE 802.11: deauthenticated due to local deauth request',
    match: new RegExp(`^STA ${MAC} IEEE 802\\.11: (?<what>deauthenticated|disassociated)(?: due to (?<why>.+))?$`),
    build: (g, c) => {
      const why = g.why;
      const inactivity = why !== undefined && why.startsWith('inactivity');
      const whyJa =
        why === undefined
          ? ''
          : inactivity
            ? '(無通信タイムアウト)'
            : why === 'local deauth request'
              ? '(AP 側からの切断要求)'
              : `(${why})`;
      return event(c, {
        action: g.what === 'deauthenticated' ? 'wireless-deauthenticated' : 'wireless-disassociated',
        category: ['network'],
        type: ['connection', 'end'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        reason: why,
        ja: `${c.ap} の ${c.iface} から${sta(g.mac)[0]} が切断されました${whyJa}`,
        en: `${sta(g.mac)[1]} was ${g.what} from ${c.iface} on ${c.ap}${why ? ` (${why})` : ''}`,
      });
    },
  },
  {
    id: 'deauthenticated-reason-code',
    // No line in testdata has this form: the sample is the shape the rule reads (an 802.11 reason code).
    sample: 'STA 3c:22:fb:12:34:56 IEEE 802.11: deauthenticated by AP, reason code 4',
    match: new RegExp(
      `^STA ${MAC} IEEE 802\\.11: (?:deauthenticated|disassociated)(?: from| by)? .*?[Rr]eason(?: code)?[ :=]+(?<code>\\d+)`,
    ),
    build: (g, c) => {
      const r = REASONS[g.code] ?? [`理由コード ${g.code}`, `reason code ${g.code}`];
      return event(c, {
        action: 'wireless-deauthenticated',
        category: ['network'],
        type: ['connection', 'end'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        reason: r[1],
        ja: `${c.ap} の ${c.iface} から${sta(g.mac)[0]} が切断されました(${r[0]})`,
        en: `${sta(g.mac)[1]} was disconnected from ${c.iface} on ${c.ap} (${r[1]})`,
      });
    },
  },
  {
    id: 'authentication-not-acknowledged',
    sample: 'STA a4:83:e7:11:22:33 IEEE 802.11: did not acknowledge authentication response',
    match: new RegExp(`^STA ${MAC} IEEE 802\\.11: did not acknowledge authentication response`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-authentication-failed',
        category: ['authentication'],
        type: ['start'],
        outcome: 'failure',
        level: 'warning',
        mac: g.mac,
        reason: 'station did not acknowledge the authentication response',
        ja: `${c.ap} の ${c.iface} で${sta(g.mac)[0]} の接続に失敗しました(認証応答に ACK なし、電波状況の悪化など)`,
        en: `${sta(g.mac)[1]} failed to connect to ${c.iface} on ${c.ap} (no ACK to the authentication response, e.g. poor signal)`,
      }),
  },
  {
    id: 'association-rejected',
    // No line in testdata has this form: the sample is the shape the rule reads.
    sample: 'STA 3c:22:fb:12:34:56 IEEE 802.11: association request rejected (status 17)',
    match: new RegExp(
      `^STA ${MAC} IEEE 802\\.11: (?:association|reassociation) (?:request )?(?:rejected|failed)(?:.*?(?:status|reason)[ =:]+(?<status>\\d+))?`,
    ),
    build: (g, c) =>
      event(c, {
        action: 'wireless-association-failed',
        category: ['network'],
        type: ['connection', 'start'],
        outcome: 'failure',
        level: 'warning',
        mac: g.mac,
        reason: g.status ? `status ${g.status}` : 'association rejected',
        ja: `${c.ap} の ${c.iface} が${sta(g.mac)[0]} の接続を拒否しました${g.status ? `(ステータス ${g.status})` : ''}`,
        en: `${c.ap} rejected the association of ${sta(g.mac)[1].toLowerCase()} on ${c.iface}${g.status ? ` (status ${g.status})` : ''}`,
      }),
  },
  {
    id: 'key-handshake-completed',
    sample: 'STA 3c:22:fb:12:34:56 WPA: pairwise key handshake completed (RSN)',
    match: new RegExp(`^STA ${MAC} WPA: pairwise key handshake completed \\((?<wpa>RSN|WPA)\\)`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-key-handshake-completed',
        category: ['authentication'],
        type: ['start'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        ja: `${c.ap} の ${c.iface} で${sta(g.mac)[0]} の暗号鍵交換(${g.wpa})が完了しました`,
        en: `${sta(g.mac)[1]} completed the ${g.wpa} key handshake on ${c.iface} on ${c.ap}`,
      }),
  },
  {
    id: 'key-handshake-failed',
    sample: 'STA 8c:85:90:aa:bb:cc WPA: EAPOL-Key timeout',
    match: new RegExp(`^(?:STA ${MAC} WPA: )?(?:EAPOL-Key timeout|.*4-Way Handshake failed)`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-key-handshake-failed',
        category: ['authentication'],
        type: ['start'],
        outcome: 'failure',
        level: 'warning',
        mac: g.mac,
        reason: 'EAPOL-Key timeout',
        ja: `${c.ap} の ${c.iface} で${g.mac ? sta(g.mac)[0] : '端末'} の暗号鍵交換がタイムアウトしました(パスワード誤りの可能性)`,
        en: `The key handshake of ${g.mac ? sta(g.mac)[1].toLowerCase() : 'a station'} on ${c.iface} on ${c.ap} timed out (possibly a wrong passphrase)`,
      }),
  },
  {
    id: 'psk-mismatch',
    sample: 'AP-STA-POSSIBLE-PSK-MISMATCH 8c:85:90:aa:bb:cc',
    match: new RegExp(`^AP-STA-POSSIBLE-PSK-MISMATCH ${MAC}`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-psk-mismatch',
        category: ['authentication'],
        type: ['start'],
        outcome: 'failure',
        level: 'warning',
        mac: g.mac,
        reason: 'possible PSK mismatch',
        ja: `${c.ap} の ${c.iface} で${sta(g.mac)[0]} の認証に失敗しました(事前共有キーの不一致の可能性)`,
        en: `${sta(g.mac)[1]} failed to authenticate on ${c.iface} on ${c.ap} (possible passphrase mismatch)`,
      }),
  },
  {
    id: 'identity-received',
    sample: "STA f0:18:98:01:02:03 IEEE 802.1X: Identity received from STA: 'tanaka'",
    match: new RegExp(`^STA ${MAC} IEEE 802\\.1X: [Ii]dentity received from STA: '(?<user>[^']*)'`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-identity-received',
        category: ['authentication'],
        type: ['info'],
        outcome: 'unknown',
        level: 'info',
        mac: g.mac,
        user: g.user,
        ja: `${g.user} が ${c.ap} の ${c.iface} で${sta(g.mac)[0]} から 802.1X 認証を開始しました`,
        en: `${g.user} started 802.1X authentication from ${sta(g.mac)[1].toLowerCase()} on ${c.iface} on ${c.ap}`,
      }),
  },
  {
    id: '8021x-authenticated',
    sample: 'STA f0:18:98:01:02:03 IEEE 802.1X: authenticated - EAP type: 25 (PEAP)',
    match: new RegExp(`^STA ${MAC} IEEE 802\\.1X: authenticated - EAP type: (?<type>\\d+)(?: \\((?<name>[^)]+)\\))?`),
    build: (g, c) =>
      event(c, {
        action: 'wireless-8021x-authenticated',
        category: ['authentication'],
        type: ['start'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        ja: `${c.ap} の ${c.iface} で${sta(g.mac)[0]} が 802.1X 認証に成功しました(EAP ${g.name ?? g.type})`,
        en: `${sta(g.mac)[1]} passed 802.1X authentication on ${c.iface} on ${c.ap} (EAP ${g.name ?? g.type})`,
      }),
  },
  {
    id: '8021x-failed',
    sample: 'STA f0:18:98:01:02:03 IEEE 802.1X: authentication failed - EAP type: 0 (unknown)',
    match: new RegExp(
      `^(?:STA ${MAC} IEEE 802\\.1X: (?:authentication failed|Supplicant used different EAP type|received EAP packet .* failure)|CTRL-EVENT-EAP-FAILURE ${MAC2})`,
    ),
    build: (g, c) => {
      const mac = g.mac ?? g.mac2;
      return event(c, {
        action: 'wireless-8021x-failed',
        category: ['authentication'],
        type: ['start'],
        outcome: 'failure',
        level: 'warning',
        mac,
        ja: `${c.ap} の ${c.iface} で${sta(mac)[0]} の 802.1X 認証に失敗しました`,
        en: `${sta(mac)[1]} failed 802.1X authentication on ${c.iface} on ${c.ap}`,
      });
    },
  },
  {
    id: 'station-connected',
    sample: 'AP-STA-CONNECTED 3c:22:fb:12:34:56',
    match: new RegExp(`^AP-STA-(?<state>CONNECTED|DISCONNECTED) ${MAC}`),
    build: (g, c) => {
      const up = g.state === 'CONNECTED';
      return event(c, {
        action: up ? 'wireless-connected' : 'wireless-disconnected',
        category: ['network'],
        type: ['connection', up ? 'start' : 'end'],
        outcome: 'success',
        level: 'info',
        mac: g.mac,
        ja: `${c.ap} の ${c.iface} ${up ? 'に' : 'から'}${sta(g.mac)[0]} が${up ? '接続' : '切断'}しました`,
        en: `${sta(g.mac)[1]} ${up ? 'connected to' : 'disconnected from'} ${c.iface} on ${c.ap}`,
      });
    },
  },
  {
    id: 'radar-detected',
    sample: 'DFS-RADAR-DETECTED freq=5260 ht_enabled=1 chan_offset=0 chan_width=3 cf1=5290 cf2=0',
    match: /^DFS-RADAR-DETECTED freq=(?<freq>\d+)/,
    build: (g, c) =>
      event(c, {
        action: 'wireless-radar-detected',
        category: ['host'],
        type: ['info'],
        outcome: 'unknown',
        level: 'warning',
        reason: 'DFS radar detected',
        ja: `${c.ap} の ${c.iface} が ${g.freq} MHz でレーダーを検知しました(DFS: チャンネルを移動し、接続中の端末が一時切断されます)`,
        en: `${c.ap} detected radar on ${g.freq} MHz on ${c.iface} (DFS: the radio leaves the channel and stations drop briefly)`,
      }),
  },
  {
    id: 'dfs-new-channel',
    sample: 'DFS-NEW-CHANNEL freq=5180 chan=36 sec_chan=1',
    match: /^DFS-NEW-CHANNEL freq=(?<freq>\d+) chan=(?<chan>\d+)/,
    build: (g, c) =>
      event(c, {
        action: 'wireless-channel-changed',
        category: ['host'],
        type: ['change'],
        outcome: 'success',
        level: 'notice',
        reason: 'DFS',
        ja: `${c.ap} の ${c.iface} が DFS によりチャンネル ${g.chan} (${g.freq} MHz) に移動しました`,
        en: `${c.ap} moved ${c.iface} to channel ${g.chan} (${g.freq} MHz) after DFS`,
      }),
  },
  {
    id: 'dfs-cac',
    sample: 'DFS-CAC-COMPLETED success=1 freq=5500 ht_enabled=0 chan_offset=0 chan_width=3 cf1=5530 cf2=0',
    match:
      /^DFS-CAC-(?<step>START|COMPLETED)(?: success=(?<success>\d))? freq=(?<freq>\d+)(?: ht_enabled=\d+)?(?: chan=\d+)?/,
    build: (g, c) => {
      const start = g.step === 'START';
      const failed = !start && g.success === '0';
      return event(c, {
        action: start ? 'wireless-dfs-cac-started' : failed ? 'wireless-dfs-cac-failed' : 'wireless-dfs-cac-completed',
        category: ['host'],
        type: ['info'],
        outcome: start ? 'unknown' : failed ? 'failure' : 'success',
        level: failed ? 'warning' : 'info',
        ja: start
          ? `${c.ap} の ${c.iface} が ${g.freq} MHz でレーダー確認 (CAC) を開始しました(完了まで電波を出しません)`
          : `${c.ap} の ${c.iface} の ${g.freq} MHz でのレーダー確認 (CAC) が${failed ? '失敗しました' : '完了しました'}`,
        en: start
          ? `${c.ap} started the DFS channel availability check on ${g.freq} MHz on ${c.iface} (no transmission until it ends)`
          : `${c.ap} ${failed ? 'failed' : 'completed'} the DFS channel availability check on ${g.freq} MHz on ${c.iface}`,
      });
    },
  },
  {
    id: 'channel-switched',
    sample: 'AP-CSA-FINISHED freq=5180 dfs=0',
    match: /^(?:CTRL-EVENT-CHANNEL-SWITCH|AP-CSA-FINISHED) freq=(?<freq>\d+)(?:.*?(?:chan|channel)=(?<chan>\d+))?/,
    build: (g, c) =>
      event(c, {
        action: 'wireless-channel-changed',
        category: ['host'],
        type: ['change'],
        outcome: 'success',
        level: 'notice',
        ja: `${c.ap} の ${c.iface} のチャンネルが ${g.chan ? `${g.chan} (${g.freq} MHz)` : `${g.freq} MHz`} に変わりました`,
        en: `${c.ap} switched ${c.iface} to ${g.chan ? `channel ${g.chan} (${g.freq} MHz)` : `${g.freq} MHz`}`,
      }),
  },
  {
    id: 'ap-enabled',
    sample: 'AP-DISABLED',
    match: /^(?<state>AP-ENABLED|AP-DISABLED)$/,
    build: (g, c) => {
      const up = g.state === 'AP-ENABLED';
      return event(c, {
        action: up ? 'wireless-ap-enabled' : 'wireless-ap-disabled',
        category: ['host'],
        type: [up ? 'start' : 'end'],
        outcome: up ? 'success' : 'failure',
        level: up ? 'notice' : 'error',
        ja: `${c.ap} の ${c.iface} の電波が${up ? '有効になりました' : '停止しました'}`,
        en: `${c.ap} ${up ? 'enabled' : 'disabled'} the radio on ${c.iface}`,
      });
    },
  },
  {
    id: 'interface-state',
    sample: 'interface state ENABLED->DISABLED',
    match: /^interface state (?<from>\S+)->(?<to>\S+)$/,
    build: (g, c) => {
      const bad = g.to === 'DISABLED' || g.to === 'UNINITIALIZED';
      return event(c, {
        action: 'wireless-interface-state-changed',
        category: ['host'],
        type: ['change'],
        outcome: bad ? 'failure' : 'success',
        level: bad ? 'error' : 'notice',
        raw: { from_state: g.from, to_state: g.to },
        ja: `${c.ap} の ${c.iface} の状態が ${g.from} から ${g.to} になりました`,
        en: `${c.ap} ${c.iface} changed state from ${g.from} to ${g.to}`,
      });
    },
  },
  {
    id: 'error',
    sample: 'Could not set channel for kernel driver',
    match: /^(?<text>(?:Could not|Failed to|Interface initialization failed|.*[Ff]ailed to set beacon).*)$/,
    build: (g, c) =>
      event(c, {
        action: 'wireless-error',
        category: ['host'],
        type: ['error'],
        outcome: 'failure',
        level: 'error',
        reason: g.text,
        ja: `${c.ap} の ${c.iface} でエラーが発生しました: ${g.text}`,
        en: `${c.ap} reported an error on ${c.iface}: ${g.text}`,
      }),
  },
]);

const IFACE = /^([A-Za-z][\w.-]*): /;

/** Where the hostapd text starts: after the program tag, or after `hostapd: ` inside a UniFi message. */
function hostapdText(msg: SyslogMessage): string | null {
  if (msg.program === 'hostapd') return msg.message;
  const i = msg.message.startsWith('hostapd: ') ? 0 : msg.message.indexOf(' hostapd: ');
  if (i === -1) return null;
  return msg.message.slice(i === 0 ? 9 : i + 10);
}

export const wirelessApProgram: SyslogProgram = {
  id: 'wireless-ap',
  matches(msg: SyslogMessage): boolean {
    return hostapdText(msg) !== null;
  },
  translate(msg: SyslogMessage, _ctx: TranslateContext): KansaEvent | null {
    void _ctx;
    const text = hostapdText(msg);
    if (text === null) return null;
    const im = IFACE.exec(text);
    const iface = im ? im[1] : 'radio';
    const body = im ? text.slice(im[0].length).trimEnd() : text.trimEnd();
    const unifi = /^([^,\s]+),([0-9a-fA-F]{12}),(v[\d.]+)$/.exec(msg.program);
    const ap = msg.host ?? (unifi ? unifi[1] : 'AP');
    const ctx: Ctx = {
      ap,
      iface,
      body,
      unifi: unifi ? { model: unifi[1], mac: unifi[2], firmware: unifi[3] } : undefined,
    };
    const hit = applyRules(RULES, body, ctx);
    if (hit) return hit.result.fields;
    // A hostapd message we have no rule for: still a wireless event, at the syslog severity.
    return {
      'event.kind': 'event',
      'event.category': ['host'],
      'event.type': ['info'],
      'event.action': 'hostapd-message',
      'event.outcome': 'unknown',
      'event.module': 'hostapd',
      'event.dataset': 'hostapd.log',
      'observer.type': 'wireless',
      'observer.name': ap,
      ...(im ? { 'observer.ingress.interface.name': iface } : {}),
      'kansa.raw': { interface: iface, text: body },
      'kansa.message.ja': `${ap} の hostapd が記録しました${im ? `(${iface})` : ''}: ${body}`,
      'kansa.message.en': `hostapd on ${ap} logged${im ? ` (${iface})` : ''}: ${body}`,
    };
  },
};

export default wirelessApProgram;
