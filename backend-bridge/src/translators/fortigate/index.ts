import { zonedToUtc } from '../../translate/time';
import {
  ParseError,
  type Format,
  type KansaEvent,
  type RawRecord,
  type SyslogMessage,
  type SyslogProgram,
  type TranslateContext,
} from '../../translate/types';
import { endpoint, flowSentence, parseIntOrUndefined, transportName, type FlowWords } from '../_lib/flow';
import { categoryFields, splitUser, urlFields, webSentence } from '../_lib/web';
import { FORTIOS_KV, parseKv } from '../_lib/kv';
import { isIp } from '../_lib/network';
import { shareOfLines } from '../../translate/detect';

/**
 * FortiGate (FortiOS 6.x/7.x) logs as sent to syslog or exported from the GUI: space-separated
 * `key=value` pairs, `type`/`subtype` telling traffic, utm (webfilter, virus, ips, app-ctrl, dns…)
 * and event (system, user, vpn…) logs apart.
 */

const START = /(?:^|[\s>])(date|logver|eventtime|devname|logid|itime)=/;

function detectLine(l: string): boolean {
  return (
    l.includes('logid=') && l.includes('type=') && (l.includes('devname=') || l.includes('devid=')) && START.test(l)
  );
}

function detect(sample: string): number {
  return shareOfLines(sample, detectLine, 0.95);
}

const LEVELS: Record<string, string> = {
  emergency: 'emergency',
  alert: 'alert',
  critical: 'critical',
  error: 'error',
  warning: 'warning',
  notice: 'notice',
  information: 'info',
  debug: 'debug',
};
const LEVEL_JA: Record<string, string> = {
  emergency: '緊急',
  alert: 'アラート',
  critical: '重大なエラー',
  error: 'エラー',
  warning: '警告',
  notice: '通知',
  info: '情報',
  debug: 'デバッグ',
};

/** eventtime is s, ms, µs or ns since the epoch depending on the FortiOS version. */
function timestampOf(f: Record<string, string>, ctx: TranslateContext): string | undefined {
  const et = f.eventtime;
  if (et && /^\d{10,19}$/.test(et)) {
    const ms =
      et.length >= 19
        ? Number(et.slice(0, 13))
        : et.length >= 16
          ? Number(et.slice(0, 13))
          : et.length >= 13
            ? Number(et.slice(0, 13))
            : Number(et) * 1000;
    const d = new Date(ms);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  const date = /^(\d{4})-(\d\d)-(\d\d)$/.exec(f.date ?? '');
  const time = /^(\d\d):(\d\d):(\d\d)$/.exec(f.time ?? '');
  if (!date || !time) return undefined;
  const tz = /^([+-])(\d\d):?(\d\d)$/.exec(f.tz ?? '');
  if (tz) {
    const offset = (tz[1] === '-' ? -1 : 1) * (Number(tz[2]) * 60 + Number(tz[3]));
    return new Date(
      Date.UTC(+date[1], +date[2] - 1, +date[3], +time[1], +time[2], +time[3]) - offset * 60_000,
    ).toISOString();
  }
  return zonedToUtc(+date[1], +date[2], +date[3], +time[1], +time[2], +time[3], 0, ctx.timeZone).toISOString();
}

const UTM_WORDS: Record<string, { ja: string; en: string }> = {
  virus: { ja: 'ウイルス検査', en: 'antivirus' },
  ips: { ja: 'IPS', en: 'IPS' },
  'app-ctrl': { ja: 'アプリケーション制御', en: 'application control' },
  dns: { ja: 'DNS フィルタ', en: 'DNS filter' },
  ssl: { ja: 'SSL 検査', en: 'SSL inspection' },
  anomaly: { ja: 'DoS 防御', en: 'DoS protection' },
  emailfilter: { ja: 'メールフィルタ', en: 'email filter' },
  dlp: { ja: 'DLP', en: 'DLP' },
  waf: { ja: 'WAF', en: 'WAF' },
  'file-filter': { ja: 'ファイルフィルタ', en: 'file filter' },
};

const TRAFFIC_ALLOWED = new Set(['accept', 'close', 'timeout', 'server-rst', 'client-rst', 'start', 'dns', 'ip-conn']);

function setIf<K extends keyof KansaEvent>(e: KansaEvent, key: K, value: KansaEvent[K] | undefined): void {
  if (value !== undefined && value !== '' && value !== 'N/A') e[key] = value;
}

/** Translates one key=value record; used by the file format and by the syslog program. */
export function translateFortigate(text: string, ctx: TranslateContext): KansaEvent {
  const m = START.exec(text);
  if (!m)
    throw new ParseError('expected FortiGate key=value pairs starting with date=, logver=, eventtime= or devname=');
  const start = m.index + (m[0].length - m[1].length - 1);
  const f = parseKv(text.slice(start), {}, FORTIOS_KV);
  if (Object.keys(f).length === 0) throw new ParseError('expected FortiGate key=value pairs');
  const ts = timestampOf(f, ctx);
  if (!ts) throw new ParseError('expected date= and time= (or eventtime=) in a FortiGate log');
  const type = f.type ?? '';
  const subtype = f.subtype ?? '';
  const level = LEVELS[f.level ?? ''] ?? f.level;
  const device = f.devname;

  const e: KansaEvent = {
    '@timestamp': ts,
    'event.kind': 'event',
    'event.module': 'fortinet',
    'event.dataset': `fortinet.fortigate.${type || 'log'}`,
    'kansa.source_type': 'fortigate',
    'observer.vendor': 'Fortinet',
    'observer.product': 'FortiGate',
    'observer.type': 'firewall',
    'kansa.raw': f,
  };
  setIf(e, 'observer.name', device);
  setIf(e, 'event.code', f.logid);
  setIf(e, 'log.level', level);
  if (isIp(f.srcip)) e['source.ip'] = f.srcip;
  if (isIp(f.dstip)) e['destination.ip'] = f.dstip;
  setIf(e, 'source.port', parseIntOrUndefined(f.srcport));
  setIf(e, 'destination.port', parseIntOrUndefined(f.dstport));
  setIf(e, 'source.mac', f.srcmac ? f.srcmac.toUpperCase().replace(/:/g, '-') : undefined);
  setIf(e, 'observer.ingress.interface.name', f.srcintf);
  setIf(e, 'observer.egress.interface.name', f.dstintf);
  const transport = f.proto ? transportName(f.proto) : undefined;
  setIf(e, 'network.transport', transport);
  setIf(e, 'rule.id', f.policyid);
  setIf(e, 'rule.name', f.policyname);
  setIf(e, 'network.application', f.app);
  const user = splitUser(f.user ?? (f.unauthuser && f.unauthuser !== '' ? f.unauthuser : undefined));
  setIf(e, 'user.name', user.name);
  setIf(e, 'user.domain', user.domain);
  if (f.service && /^[A-Za-z][A-Za-z0-9-]*$/.test(f.service)) e['network.protocol'] = f.service.toLowerCase();
  const sent = parseIntOrUndefined(f.sentbyte);
  const rcvd = parseIntOrUndefined(f.rcvdbyte);
  setIf(e, 'source.bytes', sent);
  setIf(e, 'destination.bytes', rcvd);
  if (sent !== undefined || rcvd !== undefined) e['network.bytes'] = (sent ?? 0) + (rcvd ?? 0);
  setIf(e, 'source.packets', parseIntOrUndefined(f.sentpkt));
  setIf(e, 'destination.packets', parseIntOrUndefined(f.rcvdpkt));
  const duration = parseIntOrUndefined(f.duration);
  if (duration !== undefined) e['event.duration'] = duration * 1_000_000_000;
  if (f.direction === 'incoming' || f.direction === 'outgoing')
    e['network.direction'] = f.direction === 'incoming' ? 'inbound' : 'outbound';

  const dstText = f.dstip ? endpoint(f.dstip, parseIntOrUndefined(f.dstport), transport) : undefined;
  const srcText = f.srcip ?? f.srcname ?? '?';

  if (type === 'traffic') {
    const action = f.action ?? '';
    const verdict: FlowWords['verdict'] = TRAFFIC_ALLOWED.has(action)
      ? 'allowed'
      : action === 'deny'
        ? 'denied'
        : action === 'drop'
          ? 'dropped'
          : 'seen';
    e['event.category'] = ['network'];
    e['event.type'] =
      verdict === 'allowed'
        ? ['connection', 'allowed']
        : verdict === 'seen'
          ? ['connection']
          : ['connection', 'denied'];
    e['event.action'] =
      verdict === 'allowed'
        ? 'connection-allowed'
        : verdict === 'seen'
          ? `traffic-${action || 'logged'}`
          : 'connection-denied';
    e['event.outcome'] = verdict === 'allowed' ? 'success' : verdict === 'seen' ? 'unknown' : 'failure';
    if (f.hostname) {
      e['destination.domain'] = f.hostname;
      categoryFields(f.hostname, e);
    }
    const extraJa: string[] = [];
    const extraEn: string[] = [];
    if (f.policyid) {
      extraJa.push(`ポリシー ${f.policyid}${f.policyname ? ` ${f.policyname}` : ''}`);
      extraEn.push(`policy ${f.policyid}${f.policyname ? ` ${f.policyname}` : ''}`);
    }
    if (f.app && f.app !== f.service) {
      extraJa.push(`アプリ ${f.app}`);
      extraEn.push(`app ${f.app}`);
    }
    const s = flowSentence({
      verdict,
      user: user.name,
      source: srcText,
      destination: f.hostname && dstText ? `${f.hostname} (${dstText})` : (dstText ?? '?'),
      device,
      sent,
      received: rcvd,
      extraJa,
      extraEn,
    });
    e['kansa.message.ja'] = s.ja;
    e['kansa.message.en'] = s.en;
    return e;
  }

  if (type === 'utm' && subtype === 'webfilter') {
    const blocked = f.action === 'blocked';
    e['event.category'] = ['web', 'network'];
    e['event.type'] = blocked ? ['access', 'denied'] : ['access', 'allowed'];
    e['event.action'] = blocked ? 'http-request-denied' : 'http-request';
    e['event.outcome'] = blocked ? 'failure' : 'success';
    let domain = f.hostname;
    if (f.url) {
      const u = f.url.includes('://')
        ? f.url
        : domain
          ? `${f.service === 'HTTP' ? 'http' : 'https'}://${domain}${f.url.startsWith('/') ? '' : '/'}${f.url}`
          : f.url;
      domain = urlFields(u, e).domain ?? domain;
    } else if (domain) {
      e['url.domain'] = domain;
    }
    if (domain) e['destination.domain'] = domain;
    setIf(e, 'http.request.method', f.reqtype === 'direct' || f.reqtype === 'referral' ? undefined : f.method);
    const ours = categoryFields(domain, e);
    const category = ours ?? (f.catdesc ? { ja: f.catdesc, en: f.catdesc } : undefined);
    setIf(e, 'event.reason', f.msg);
    const s = webSentence({
      user: user.name,
      client: f.srcip,
      target: domain ?? f.url ?? '?',
      category,
      denied: blocked,
      extraJa: [...(device ? [device] : []), ...(ours && f.catdesc ? [`FortiGuard: ${f.catdesc}`] : [])],
      extraEn: [...(device ? [`on ${device}`] : []), ...(ours && f.catdesc ? [`FortiGuard: ${f.catdesc}`] : [])],
    });
    e['kansa.message.ja'] = s.ja;
    e['kansa.message.en'] = s.en;
    return e;
  }

  if (type === 'utm') {
    const action = f.action ?? '';
    const blocked = /block|drop|deny|reset|dropped|blocked/.test(action);
    e['event.kind'] = 'alert';
    e['event.category'] =
      subtype === 'virus'
        ? ['malware']
        : subtype === 'ips' || subtype === 'anomaly'
          ? ['intrusion_detection', 'network']
          : ['network'];
    e['event.type'] = blocked ? ['denied'] : ['info'];
    e['event.action'] = `utm-${subtype || 'event'}${action ? `-${action}` : ''}`;
    e['event.outcome'] = blocked ? 'failure' : 'success';
    setIf(e, 'rule.name', f.attack ?? f.virus ?? f.policyname);
    setIf(e, 'event.reason', f.msg);
    if (f.hostname) e['destination.domain'] = f.hostname;
    const what = f.attack ?? f.virus ?? f.app ?? f.qname ?? f.msg ?? subtype;
    const engine = UTM_WORDS[subtype] ?? { ja: subtype, en: subtype };
    const path = `${srcText} から ${dstText ?? f.hostname ?? '?'}`;
    const tailJa = `(${device ?? 'FortiGate'} の${/^[A-Za-z]/.test(engine.ja) ? ' ' : ''}${engine.ja}${action ? `、${action}` : ''})`;
    e['kansa.message.ja'] = user.name
      ? `${user.name} が ${path} への通信で ${what} を検知されました${tailJa}`
      : `${path} への通信で ${what} を検知しました${tailJa}`;
    e['kansa.message.en'] =
      `${device ?? 'FortiGate'} ${engine.en} detected ${what} on ${user.name ? `${user.name}'s ` : ''}traffic from ${srcText} to ${dstText ?? f.hostname ?? '?'}${action ? ` (${action})` : ''}`;
    return e;
  }

  // event logs: system, user, vpn, router, wireless…
  const action = (f.action ?? '').toLowerCase();
  const status = (f.status ?? '').toLowerCase();
  const ui = /\(([0-9A-Fa-f:.]+)\)/.exec(f.ui ?? '');
  if (!e['source.ip'] && ui && isIp(ui[1])) e['source.ip'] = ui[1];
  const from = e['source.ip'] ? `${e['source.ip']} から` : '';
  const fromEn = e['source.ip'] ? ` from ${e['source.ip']}` : '';
  const dev = device ?? 'FortiGate';
  if (action === 'login' || action === 'logout' || action === 'auth-logon' || action === 'auth-logout') {
    const out = action.endsWith('logout');
    const failed = status === 'failed' || status === 'failure' || status === 'denied';
    e['event.category'] = ['authentication'];
    e['event.type'] = out ? ['end'] : ['start'];
    e['event.action'] = out ? 'logged-out' : failed ? 'logon-failed' : 'logged-in';
    e['event.outcome'] = failed ? 'failure' : 'success';
    setIf(e, 'event.reason', f.reason && f.reason !== 'none' ? f.reason : undefined);
    const head = user.name ? `${user.name} が ` : '';
    const who = user.name ?? 'Someone';
    const why = f.reason && f.reason !== 'none' ? f.reason : '';
    e['kansa.message.ja'] = out
      ? `${head}${dev} からログアウトしました${from ? `(${from})` : ''}`
      : failed
        ? `${head}${from ? `${from} ` : ''}${dev} へのログインに失敗しました${why ? `(${why})` : ''}`
        : `${head}${from ? `${from} ` : ''}${dev} にログインしました`;
    e['kansa.message.en'] = out
      ? `${who} logged out of ${dev}${fromEn}`
      : failed
        ? `${who} failed to log in to ${dev}${fromEn}${why ? ` (${why})` : ''}`
        : `${who} logged in to ${dev}${fromEn}`;
    return e;
  }
  if (f.cfgpath || ['edit', 'add', 'delete', 'move', 'set'].includes(action)) {
    e['event.category'] = ['configuration'];
    e['event.type'] = [action === 'add' ? 'creation' : action === 'delete' ? 'deletion' : 'change'];
    e['event.action'] = 'changed-configuration';
    e['event.outcome'] = 'success';
    const obj = [f.cfgpath, f.cfgobj].filter(Boolean).join(' ');
    const verbJa = action === 'add' ? '追加' : action === 'delete' ? '削除' : '変更';
    const verbEn = action === 'add' ? 'added' : action === 'delete' ? 'deleted' : 'changed';
    const head = user.name ? `${user.name} が ` : '';
    e['kansa.message.ja'] =
      `${head}${dev} の設定 ${obj || '(不明)'} を${verbJa}しました${f.cfgattr ? `(${f.cfgattr})` : ''}`;
    e['kansa.message.en'] =
      `${user.name ?? 'Someone'} ${verbEn} ${obj || 'a setting'} on ${dev}${f.cfgattr ? ` (${f.cfgattr})` : ''}`;
    return e;
  }
  const lvl = level ?? 'info';
  const severe = ['emergency', 'alert', 'critical', 'error'].includes(lvl);
  e['event.category'] = ['host'];
  e['event.type'] = [severe ? 'error' : 'info'];
  e['event.action'] =
    (f.logdesc ?? `${type}-${subtype}`)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'fortigate-event';
  e['event.outcome'] =
    status === 'success' ? 'success' : status === 'failed' || status === 'failure' ? 'failure' : 'unknown';
  const desc = f.logdesc ?? `${type}/${subtype}`;
  const detail = f.msg && f.msg !== f.logdesc ? `: ${f.msg}` : '';
  e['kansa.message.ja'] = `${dev} が${LEVEL_JA[lvl] ?? lvl}を記録しました(${desc})${detail}`;
  e['kansa.message.en'] = `${dev} logged ${desc}${detail} (${lvl})`;
  return e;
}

export const fortigateFormat: Format = {
  id: 'fortigate',
  framing: 'lines',
  detect,
  translate(record: RawRecord, ctx: TranslateContext): KansaEvent[] {
    return [translateFortigate(record.text.replace(/\r$/, ''), ctx)];
  },
};

/** FortiGate lines that arrived with a full syslog header (e.g. through a relay). */
export const fortigateSyslog: SyslogProgram = {
  id: 'fortigate',
  matches(msg: SyslogMessage): boolean {
    return detectLine(msg.message);
  },
  translate(msg: SyslogMessage, ctx: TranslateContext): KansaEvent {
    return translateFortigate(msg.message, ctx);
  },
};

export default fortigateFormat;
