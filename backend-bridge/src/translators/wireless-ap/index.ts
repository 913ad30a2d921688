import type { KansaEvent, SyslogMessage, SyslogProgram, TranslateContext } from '../../translate/types';

/**
 * Wireless access points that log through hostapd: OpenWrt/Linux APs (`hostapd: wlan0: …`) and
 * Ubiquiti UniFi APs (tag `U6Pro,245a4c…,v6.5.28:` then `hostapd: ath0: …`). Station association,
 * authentication (802.11, WPA, 802.1X/EAP), deauthentication with its reason, PSK mismatch, DFS radar
 * and channel events, and the AP interface going up or down. See README.md.
 */

interface Rule {
  re: RegExp;
  build(m: RegExpExecArray, ctx: Ctx): Out;
}

interface Ctx {
  ap: string;
  iface: string;
}

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

const MAC = '([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})';

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

const RULES: Rule[] = [
  {
    re: new RegExp(`^STA ${MAC} IEEE 802\\.11: associated(?: \\(aid (\\d+)\\))?`),
    build: (m, c) => ({
      action: 'wireless-associated',
      category: ['network'],
      type: ['connection', 'start'],
      outcome: 'success',
      level: 'info',
      mac: m[1],
      raw: m[2] ? { aid: m[2] } : undefined,
      ja: `${c.ap} の ${c.iface} に${sta(m[1])[0]} が接続しました${m[2] ? `(AID ${m[2]})` : ''}`,
      en: `${sta(m[1])[1]} associated with ${c.iface} on ${c.ap}${m[2] ? ` (AID ${m[2]})` : ''}`,
    }),
  },
  {
    re: new RegExp(`^STA ${MAC} IEEE 802\\.11: authenticated$`),
    build: (m, c) => ({
      action: 'wireless-authenticated',
      category: ['authentication'],
      type: ['start'],
      outcome: 'success',
      level: 'info',
      mac: m[1],
      ja: `${c.ap} の ${c.iface} で${sta(m[1])[0]} が 802.11 認証を通過しました`,
      en: `${sta(m[1])[1]} passed 802.11 authentication on ${c.iface} on ${c.ap}`,
    }),
  },
  {
    re: new RegExp(`^STA ${MAC} IEEE 802\\.11: (deauthenticated|disassociated)(?: due to (.+))?$`),
    build: (m, c) => {
      const why = m[3];
      const inactivity = why !== undefined && why.startsWith('inactivity');
      const whyJa =
        why === undefined
          ? ''
          : inactivity
            ? '(無通信タイムアウト)'
            : why === 'local deauth request'
              ? '(AP 側からの切断要求)'
              : `(${why})`;
      return {
        action: m[2] === 'deauthenticated' ? 'wireless-deauthenticated' : 'wireless-disassociated',
        category: ['network'],
        type: ['connection', 'end'],
        outcome: 'success',
        level: 'info',
        mac: m[1],
        reason: why,
        ja: `${c.ap} の ${c.iface} から${sta(m[1])[0]} が切断されました${whyJa}`,
        en: `${sta(m[1])[1]} was ${m[2]} from ${c.iface} on ${c.ap}${why ? ` (${why})` : ''}`,
      };
    },
  },
  {
    re: new RegExp(
      `^STA ${MAC} IEEE 802\\.11: (?:deauthenticated|disassociated)(?: from| by)? .*?[Rr]eason(?: code)?[ :=]+(\\d+)`,
    ),
    build: (m, c) => {
      const r = REASONS[m[2]] ?? [`理由コード ${m[2]}`, `reason code ${m[2]}`];
      return {
        action: 'wireless-deauthenticated',
        category: ['network'],
        type: ['connection', 'end'],
        outcome: 'success',
        level: 'info',
        mac: m[1],
        reason: r[1],
        ja: `${c.ap} の ${c.iface} から${sta(m[1])[0]} が切断されました(${r[0]})`,
        en: `${sta(m[1])[1]} was disconnected from ${c.iface} on ${c.ap} (${r[1]})`,
      };
    },
  },
  {
    re: new RegExp(`^STA ${MAC} IEEE 802\\.11: did not acknowledge authentication response`),
    build: (m, c) => ({
      action: 'wireless-authentication-failed',
      category: ['authentication'],
      type: ['start'],
      outcome: 'failure',
      level: 'warning',
      mac: m[1],
      reason: 'station did not acknowledge the authentication response',
      ja: `${c.ap} の ${c.iface} で${sta(m[1])[0]} の接続に失敗しました(認証応答に ACK なし、電波状況の悪化など)`,
      en: `${sta(m[1])[1]} failed to connect to ${c.iface} on ${c.ap} (no ACK to the authentication response, e.g. poor signal)`,
    }),
  },
  {
    re: new RegExp(
      `^STA ${MAC} IEEE 802\\.11: (?:association|reassociation) (?:request )?(?:rejected|failed)(?:.*?(?:status|reason)[ =:]+(\\d+))?`,
    ),
    build: (m, c) => ({
      action: 'wireless-association-failed',
      category: ['network'],
      type: ['connection', 'start'],
      outcome: 'failure',
      level: 'warning',
      mac: m[1],
      reason: m[2] ? `status ${m[2]}` : 'association rejected',
      ja: `${c.ap} の ${c.iface} が${sta(m[1])[0]} の接続を拒否しました${m[2] ? `(ステータス ${m[2]})` : ''}`,
      en: `${c.ap} rejected the association of ${sta(m[1])[1].toLowerCase()} on ${c.iface}${m[2] ? ` (status ${m[2]})` : ''}`,
    }),
  },
  {
    re: new RegExp(`^STA ${MAC} WPA: pairwise key handshake completed \\((RSN|WPA)\\)`),
    build: (m, c) => ({
      action: 'wireless-key-handshake-completed',
      category: ['authentication'],
      type: ['start'],
      outcome: 'success',
      level: 'info',
      mac: m[1],
      ja: `${c.ap} の ${c.iface} で${sta(m[1])[0]} の暗号鍵交換(${m[2]})が完了しました`,
      en: `${sta(m[1])[1]} completed the ${m[2]} key handshake on ${c.iface} on ${c.ap}`,
    }),
  },
  {
    re: new RegExp(`^(?:STA ${MAC} WPA: )?(?:EAPOL-Key timeout|.*4-Way Handshake failed)`),
    build: (m, c) => ({
      action: 'wireless-key-handshake-failed',
      category: ['authentication'],
      type: ['start'],
      outcome: 'failure',
      level: 'warning',
      mac: m[1],
      reason: 'EAPOL-Key timeout',
      ja: `${c.ap} の ${c.iface} で${m[1] ? sta(m[1])[0] : '端末'} の暗号鍵交換がタイムアウトしました(パスワード誤りの可能性)`,
      en: `The key handshake of ${m[1] ? sta(m[1])[1].toLowerCase() : 'a station'} on ${c.iface} on ${c.ap} timed out (possibly a wrong passphrase)`,
    }),
  },
  {
    re: new RegExp(`^AP-STA-POSSIBLE-PSK-MISMATCH ${MAC}`),
    build: (m, c) => ({
      action: 'wireless-psk-mismatch',
      category: ['authentication'],
      type: ['start'],
      outcome: 'failure',
      level: 'warning',
      mac: m[1],
      reason: 'possible PSK mismatch',
      ja: `${c.ap} の ${c.iface} で${sta(m[1])[0]} の認証に失敗しました(事前共有キーの不一致の可能性)`,
      en: `${sta(m[1])[1]} failed to authenticate on ${c.iface} on ${c.ap} (possible passphrase mismatch)`,
    }),
  },
  {
    re: new RegExp(`^STA ${MAC} IEEE 802\\.1X: [Ii]dentity received from STA: '([^']*)'`),
    build: (m, c) => ({
      action: 'wireless-identity-received',
      category: ['authentication'],
      type: ['info'],
      outcome: 'unknown',
      level: 'info',
      mac: m[1],
      user: m[2],
      ja: `${m[2]} が ${c.ap} の ${c.iface} で${sta(m[1])[0]} から 802.1X 認証を開始しました`,
      en: `${m[2]} started 802.1X authentication from ${sta(m[1])[1].toLowerCase()} on ${c.iface} on ${c.ap}`,
    }),
  },
  {
    re: new RegExp(`^STA ${MAC} IEEE 802\\.1X: authenticated - EAP type: (\\d+)(?: \\(([^)]+)\\))?`),
    build: (m, c) => ({
      action: 'wireless-8021x-authenticated',
      category: ['authentication'],
      type: ['start'],
      outcome: 'success',
      level: 'info',
      mac: m[1],
      ja: `${c.ap} の ${c.iface} で${sta(m[1])[0]} が 802.1X 認証に成功しました(EAP ${m[3] ?? m[2]})`,
      en: `${sta(m[1])[1]} passed 802.1X authentication on ${c.iface} on ${c.ap} (EAP ${m[3] ?? m[2]})`,
    }),
  },
  {
    re: new RegExp(
      `^(?:STA ${MAC} IEEE 802\\.1X: (?:authentication failed|Supplicant used different EAP type|received EAP packet .* failure)|CTRL-EVENT-EAP-FAILURE ${MAC})`,
    ),
    build: (m, c) => {
      const mac = m[1] ?? m[2];
      return {
        action: 'wireless-8021x-failed',
        category: ['authentication'],
        type: ['start'],
        outcome: 'failure',
        level: 'warning',
        mac,
        ja: `${c.ap} の ${c.iface} で${sta(mac)[0]} の 802.1X 認証に失敗しました`,
        en: `${sta(mac)[1]} failed 802.1X authentication on ${c.iface} on ${c.ap}`,
      };
    },
  },
  {
    re: new RegExp(`^AP-STA-(CONNECTED|DISCONNECTED) ${MAC}`),
    build: (m, c) => {
      const up = m[1] === 'CONNECTED';
      return {
        action: up ? 'wireless-connected' : 'wireless-disconnected',
        category: ['network'],
        type: ['connection', up ? 'start' : 'end'],
        outcome: 'success',
        level: 'info',
        mac: m[2],
        ja: `${c.ap} の ${c.iface} ${up ? 'に' : 'から'}${sta(m[2])[0]} が${up ? '接続' : '切断'}しました`,
        en: `${sta(m[2])[1]} ${up ? 'connected to' : 'disconnected from'} ${c.iface} on ${c.ap}`,
      };
    },
  },
  {
    re: /^DFS-RADAR-DETECTED freq=(\d+)/,
    build: (m, c) => ({
      action: 'wireless-radar-detected',
      category: ['host'],
      type: ['info'],
      outcome: 'unknown',
      level: 'warning',
      reason: 'DFS radar detected',
      ja: `${c.ap} の ${c.iface} が ${m[1]} MHz でレーダーを検知しました(DFS: チャンネルを移動し、接続中の端末が一時切断されます)`,
      en: `${c.ap} detected radar on ${m[1]} MHz on ${c.iface} (DFS: the radio leaves the channel and stations drop briefly)`,
    }),
  },
  {
    re: /^DFS-NEW-CHANNEL freq=(\d+) chan=(\d+)/,
    build: (m, c) => ({
      action: 'wireless-channel-changed',
      category: ['host'],
      type: ['change'],
      outcome: 'success',
      level: 'notice',
      reason: 'DFS',
      ja: `${c.ap} の ${c.iface} が DFS によりチャンネル ${m[2]} (${m[1]} MHz) に移動しました`,
      en: `${c.ap} moved ${c.iface} to channel ${m[2]} (${m[1]} MHz) after DFS`,
    }),
  },
  {
    re: /^DFS-CAC-(START|COMPLETED)(?: success=(\d))? freq=(\d+)(?: ht_enabled=\d+)?(?: chan=(\d+))?/,
    build: (m, c) => {
      const start = m[1] === 'START';
      const failed = !start && m[2] === '0';
      return {
        action: start ? 'wireless-dfs-cac-started' : failed ? 'wireless-dfs-cac-failed' : 'wireless-dfs-cac-completed',
        category: ['host'],
        type: ['info'],
        outcome: start ? 'unknown' : failed ? 'failure' : 'success',
        level: failed ? 'warning' : 'info',
        ja: start
          ? `${c.ap} の ${c.iface} が ${m[3]} MHz でレーダー確認 (CAC) を開始しました(完了まで電波を出しません)`
          : `${c.ap} の ${c.iface} の ${m[3]} MHz でのレーダー確認 (CAC) が${failed ? '失敗しました' : '完了しました'}`,
        en: start
          ? `${c.ap} started the DFS channel availability check on ${m[3]} MHz on ${c.iface} (no transmission until it ends)`
          : `${c.ap} ${failed ? 'failed' : 'completed'} the DFS channel availability check on ${m[3]} MHz on ${c.iface}`,
      };
    },
  },
  {
    re: /^(?:CTRL-EVENT-CHANNEL-SWITCH|AP-CSA-FINISHED) freq=(\d+)(?:.*?(?:chan|channel)=(\d+))?/,
    build: (m, c) => ({
      action: 'wireless-channel-changed',
      category: ['host'],
      type: ['change'],
      outcome: 'success',
      level: 'notice',
      ja: `${c.ap} の ${c.iface} のチャンネルが ${m[2] ? `${m[2]} (${m[1]} MHz)` : `${m[1]} MHz`} に変わりました`,
      en: `${c.ap} switched ${c.iface} to ${m[2] ? `channel ${m[2]} (${m[1]} MHz)` : `${m[1]} MHz`}`,
    }),
  },
  {
    re: /^(AP-ENABLED|AP-DISABLED)$/,
    build: (m, c) => {
      const up = m[1] === 'AP-ENABLED';
      return {
        action: up ? 'wireless-ap-enabled' : 'wireless-ap-disabled',
        category: ['host'],
        type: [up ? 'start' : 'end'],
        outcome: up ? 'success' : 'failure',
        level: up ? 'notice' : 'error',
        ja: `${c.ap} の ${c.iface} の電波が${up ? '有効になりました' : '停止しました'}`,
        en: `${c.ap} ${up ? 'enabled' : 'disabled'} the radio on ${c.iface}`,
      };
    },
  },
  {
    re: /^interface state (\S+)->(\S+)$/,
    build: (m, c) => {
      const bad = m[2] === 'DISABLED' || m[2] === 'UNINITIALIZED';
      return {
        action: 'wireless-interface-state-changed',
        category: ['host'],
        type: ['change'],
        outcome: bad ? 'failure' : 'success',
        level: bad ? 'error' : 'notice',
        raw: { from_state: m[1], to_state: m[2] },
        ja: `${c.ap} の ${c.iface} の状態が ${m[1]} から ${m[2]} になりました`,
        en: `${c.ap} ${c.iface} changed state from ${m[1]} to ${m[2]}`,
      };
    },
  },
  {
    re: /^(?:Could not|Failed to|Interface initialization failed|.*[Ff]ailed to set beacon)(.*)$/,
    build: (m, c) => ({
      action: 'wireless-error',
      category: ['host'],
      type: ['error'],
      outcome: 'failure',
      level: 'error',
      reason: m[0],
      ja: `${c.ap} の ${c.iface} でエラーが発生しました: ${m[0]}`,
      en: `${c.ap} reported an error on ${c.iface}: ${m[0]}`,
    }),
  },
];

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
    // UniFi puts the AP model, MAC and firmware in the tag: "U6Pro,245a4c0e1234,v6.5.28".
    const unifi = /^([^,\s]+),([0-9a-fA-F]{12}),(v[\d.]+)$/.exec(msg.program);
    const ap = msg.host ?? (unifi ? unifi[1] : 'AP');
    const ctx: Ctx = { ap, iface };
    for (const rule of RULES) {
      const m = rule.re.exec(body);
      if (!m) continue;
      const o = rule.build(m, ctx);
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
        'observer.name': ap,
        'observer.ingress.interface.name': iface,
        'kansa.message.ja': o.ja,
        'kansa.message.en': o.en,
        'kansa.raw': {
          interface: iface,
          text: body,
          ...(unifi ? { model: unifi[1], ap_mac: unifi[2], firmware: unifi[3] } : {}),
          ...(o.raw ?? {}),
        },
      };
      if (unifi) {
        e['observer.vendor'] = 'Ubiquiti';
        e['observer.product'] = unifi[1];
      }
      if (o.mac) e['source.mac'] = macOf(o.mac);
      if (o.user) e['user.name'] = o.user;
      if (o.reason) e['event.reason'] = o.reason;
      return e;
    }
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
