/**
 * Yamaha RTX / NVR routers (RTX830, RTX1220, RTX1300, NVR510, …; source type `yamaha-rtx`): the
 * messages they send to a syslog host (`syslog host`, `syslog notice on`, `ip filter … pass-log/
 * reject-log`, `ip … intrusion detection`, login records). The routers send no program tag, so the
 * rules match on the message. See README.md.
 */
import { isIp } from '../_lib/network';
import { endpoint } from '../_lib/flow';
import { applyRules, findRule, ruleTable } from '../_lib/rules';
import type { KansaEvent, SyslogMessage, SyslogProgram } from '../../translate/types';

/** Named groups, an optional one undefined when it took no part (the table's context is the router's name). */
type Groups = Record<string, string | undefined>;

const V4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;

function flowFields(g: Groups): KansaEvent {
  const e: KansaEvent = {};
  if (g.src && isIp(g.src)) e['source.ip'] = g.src;
  if (g.dst && isIp(g.dst)) e['destination.ip'] = g.dst;
  if (g.sport) e['source.port'] = Number(g.sport);
  if (g.dport) e['destination.port'] = Number(g.dport);
  if (g.proto) e['network.transport'] = g.proto.toLowerCase();
  return e;
}
const dstText = (g: Groups): string =>
  endpoint(g.dst ?? '?', g.dport ? Number(g.dport) : undefined, g.proto?.toLowerCase());

export const RULES = ruleTable<string>('yamaha-rtx', 'rtx830', [
  {
    id: 'filter',
    sample: 'PP[01] Rejected at IN(1020) filter: TCP 198.51.100.99:61000 > 203.0.113.2:3389',
    match: new RegExp(
      String.raw`^(?<iface>[A-Z]+\d*(?:\[\d+\])?) (?<verdict>Rejected|Passed) at (?<dir>IN|OUT)\((?<filter>\d+)\) filter: (?<proto>[A-Z0-9-]+) (?<src>${V4})(?::(?<sport>\d+))? > (?<dst>${V4})(?::(?<dport>\d+))?(?<rest>.*)$`,
    ),
    build(g: Groups, router) {
      const rejected = g.verdict === 'Rejected';
      const e = flowFields(g);
      e['event.category'] = ['network'];
      e['event.type'] = rejected ? ['connection', 'denied'] : ['connection', 'allowed'];
      e['event.action'] = rejected ? 'connection-denied' : 'connection-allowed';
      e['event.outcome'] = rejected ? 'failure' : 'success';
      e['rule.id'] = g.filter!;
      e['network.direction'] = g.dir === 'IN' ? 'inbound' : 'outbound';
      if (g.dir === 'IN') e['observer.ingress.interface.name'] = g.iface!;
      else e['observer.egress.interface.name'] = g.iface!;
      const src = endpoint(g.src!, g.sport ? Number(g.sport) : undefined, undefined);
      const extra = g.rest?.trim().replace(/^:\s*/, '');
      return {
        fields: e,
        ja: `${router} が ${src} から ${dstText(g)} への通信を${rejected ? '拒否' : '許可'}しました(${g.iface} ${g.dir === 'IN' ? '受信' : '送信'}側フィルタ ${g.filter}${extra ? `、${extra}` : ''})`,
        en: `${router} ${rejected ? 'rejected' : 'passed'} ${src} → ${dstText(g)} (filter ${g.filter} ${g.dir === 'IN' ? 'in' : 'out'} on ${g.iface}${extra ? `, ${extra}` : ''})`,
      };
    },
  },
  {
    id: 'inspect',
    sample: '[INSPECT] PP[01][out][101098] TCP 192.168.100.5:50123 > 203.0.113.80:443 (2026/10/01 09:00:00)',
    match: new RegExp(
      String.raw`^\[INSPECT\] (?<iface>[A-Z]+\d*(?:\[\d+\])?)\[(?<dir>in|out)\]\[(?<filter>\d+)\] (?<proto>[A-Z0-9-]+) (?<src>${V4})(?::(?<sport>\d+))? > (?<dst>${V4})(?::(?<dport>\d+))?`,
    ),
    build(g: Groups, router) {
      const e = flowFields(g);
      e['event.category'] = ['network'];
      e['event.type'] = ['connection', 'start', 'allowed'];
      e['event.action'] = 'connection-allowed';
      e['event.outcome'] = 'success';
      e['rule.id'] = g.filter!;
      e['network.direction'] = g.dir === 'in' ? 'inbound' : 'outbound';
      const src = endpoint(g.src!, g.sport ? Number(g.sport) : undefined, undefined);
      return {
        fields: e,
        ja: `${src} から ${dstText(g)} への通信を ${router} が許可しました(動的フィルタ ${g.filter}、${g.iface})`,
        en: `${router} opened ${src} → ${dstText(g)} (dynamic filter ${g.filter} on ${g.iface})`,
      };
    },
  },
  {
    id: 'login',
    sample: 'Login succeeded as admin for SSH: 192.168.100.10',
    match: new RegExp(
      String.raw`^(?:Login (?<result>succeeded|failed)(?: as (?<user>\S+))?|'(?<quser>[^']*)' (?<qresult>succeeded|failed)|Logout(?: as (?<ouser>\S+))?) (?:for|from) (?<svc>[A-Z]+)(?:: ?(?<ip>[0-9a-fA-F.:]+))?\s*$`,
    ),
    build(g: Groups, router) {
      const user = g.user ?? g.quser ?? g.ouser;
      const out = !g.result && !g.qresult;
      const failed = (g.result ?? g.qresult) === 'failed';
      const e: KansaEvent = {
        'event.category': ['authentication'],
        'event.type': [out ? 'end' : 'start'],
        'event.action': out ? 'logged-out' : failed ? 'logon-failed' : 'logged-in',
        'event.outcome': failed ? 'failure' : 'success',
        'network.protocol': g.svc!.toLowerCase(),
      };
      if (user) e['user.name'] = user;
      if (g.ip && isIp(g.ip)) e['source.ip'] = g.ip;
      const who = user ?? '誰か';
      const from = g.ip ? `${g.ip} から ` : '';
      return {
        fields: e,
        ja: out
          ? `${who} が ${router} からログアウトしました(${g.svc}${g.ip ? `、${g.ip}` : ''})`
          : `${who} が ${from}${g.svc} で ${router} への${failed ? 'ログインに失敗しました' : 'ログインに成功しました'}`,
        en: `${user ?? 'Someone'} ${out ? 'logged out of' : failed ? 'failed to log in to' : 'logged in to'} ${router} over ${g.svc}${g.ip ? ` from ${g.ip}` : ''}`,
      };
    },
  },
  {
    id: 'link',
    sample: 'LAN2: link down',
    match: /^(?<iface>(?:LAN|ONU|WAN)\d*): link (?<state>up|down)(?: \((?<speed>[^)]*)\))?/,
    build(g: Groups, router) {
      const down = g.state === 'down';
      return {
        fields: {
          'event.category': ['network'],
          'event.type': [down ? 'error' : 'info'],
          'event.action': down ? 'link-down' : 'link-up',
          'event.outcome': down ? 'failure' : 'success',
          'observer.ingress.interface.name': g.iface!,
        },
        ja: `${router} の ${g.iface} がリンク${down ? 'ダウン' : 'アップ'}しました${g.speed ? `(${g.speed})` : ''}`,
        en: `${g.iface} on ${router} went ${g.state}${g.speed ? ` (${g.speed})` : ''}`,
      };
    },
  },
  {
    id: 'tunnel',
    sample: '[L2TP] TUNNEL[2] connected from 203.0.113.90',
    match:
      /^\[(?<kind>L2TP|IKE|IPSEC|PPTP)\] (?<rest>.*(?:connected|disconnected|established|failed|Disconnect|Connected).*)$/,
    build(g: Groups, router) {
      const rest = g.rest ?? '';
      const ip = /from (\d{1,3}(?:\.\d{1,3}){3})/.exec(rest)?.[1];
      const user = /(?:USER|user|Username)[:=] ?([^\s,]+)/.exec(rest)?.[1];
      const down = /disconnect|failed/i.test(rest);
      const e: KansaEvent = {
        'event.category': ['network'],
        'event.type': [down ? 'end' : 'start'],
        'event.action': down ? 'vpn-disconnected' : 'vpn-connected',
        'event.outcome': /failed/i.test(rest) ? 'failure' : 'success',
        'network.protocol': g.kind!.toLowerCase(),
      };
      if (ip && isIp(ip)) e['source.ip'] = ip;
      if (user) e['user.name'] = user;
      return {
        fields: e,
        ja: `${router} の ${g.kind} VPN: ${rest}`,
        en: `${g.kind} VPN on ${router}: ${rest}`,
      };
    },
  },
  {
    id: 'lua',
    sample: '[LUA] 回線障害を検知しました: PP[01]',
    match: /^\[LUA\] (?<text>.+)$/,
    build(g: Groups, router) {
      return {
        fields: { 'event.category': ['host'], 'event.type': ['info'], 'event.action': 'script-message' },
        ja: `${router} の Lua スクリプトが記録しました: ${g.text}`,
        en: `A Lua script on ${router} logged: ${g.text}`,
      };
    },
  },
]);

/** The message as the router wrote it: a `LAN2: link down` was read by the envelope as program LAN2. */
function textOf(msg: SyslogMessage): string {
  if (!msg.program) return msg.message;
  return `${msg.program}${msg.pid !== undefined ? `[${msg.pid}]` : ''}: ${msg.message}`;
}

export const yamahaRtxProgram: SyslogProgram = {
  id: 'yamaha-rtx',
  matches(msg: SyslogMessage): boolean {
    return findRule(RULES, textOf(msg)) !== null;
  },
  translate(msg: SyslogMessage): KansaEvent | null {
    const router = msg.host ?? 'RTX';
    const hit = applyRules(RULES, textOf(msg), router);
    if (!hit) return null;
    const built = hit.result;
    return {
      'event.kind': 'event',
      'event.module': 'yamaha',
      'event.dataset': `yamaha.rtx.${hit.rule.id}`,
      'observer.vendor': 'Yamaha',
      'observer.product': 'RTX',
      'observer.type': 'router',
      'observer.name': router,
      ...built.fields,
      'kansa.message.ja': built.ja,
      'kansa.message.en': built.en,
    };
  },
};
