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
import { applyRules, assignFields, ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { shareOfLines } from '../../translate/detect';

/**
 * FortiGate (FortiOS 6.x/7.x) logs as sent to syslog or exported from the GUI: space-separated
 * `key=value` pairs, `type`/`subtype` telling traffic, utm (webfilter, virus, ips, app-ctrl, dns…)
 * and event (system, user, vpn…) logs apart. The log forms are a rule table (`RULES`) keyed by type,
 * subtype and (where it changes the meaning) action, a real line each.
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

/** Lines from the golden cases, one for each rule: what FortiOS writes for that log. */
const SAMPLES = {
  traffic:
    'date=2026-10-01 time=09:00:01 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790812801123456789 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.1.23 srcport=52344 srcintf="internal" srcintfrole="lan" dstip=203.0.113.50 dstport=8443 dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="Japan" sessionid=8058 proto=6 action="close" policyid=1 policytype="policy" poluuid="3b1a6c1e-7d8c-51ee-2b0f-0a1b2c3d4e5f" policyname="LAN-to-WAN" service="tcp/8443" trandisp="snat" transip=198.51.100.7 transport=52344 duration=180 sentbyte=1258291 rcvdbyte=3482 sentpkt=900 rcvdpkt=40 appcat="unscanned"',
  'traffic-denied':
    'date=2026-10-01 time=09:00:07 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790812807000000000 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.0.1.77 srcport=50000 srcintf="internal" srcintfrole="lan" dstip=198.51.100.99 dstport=6881 dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="Netherlands" sessionid=8060 proto=17 action="deny" policyid=0 policytype="policy" service="udp/6881" trandisp="noop" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0 appcat="unscanned" crscore=30 craction=131072 crlevel="high"',
  webfilter:
    'date=2026-10-01 time=10:00:02 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816402000000000 tz="+0900" logid="0316013057" type="utm" subtype="webfilter" eventtype="ftgd_allow" level="notice" vd="root" policyid=1 sessionid=9101 user="suzuki" srcip=10.0.1.45 srcport=53001 srcintf="internal" dstip=203.0.113.81 dstport=443 dstintf="wan1" proto=6 service="HTTPS" hostname="www.youtube.com" profile="default" action="passthrough" reqtype="direct" url="/watch?v=abc" sentbyte=512 rcvdbyte=204800 direction="outgoing" msg="URL belongs to an allowed category in policy" method="domain" cat=25 catdesc="Streaming Media and Download"',
  'webfilter-blocked':
    'date=2026-10-01 time=10:00:01 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816401000000000 tz="+0900" logid="0316013056" type="utm" subtype="webfilter" eventtype="ftgd_blk" level="warning" vd="root" policyid=1 sessionid=9100 user="tanaka" srcip=10.0.1.23 srcport=53000 srcintf="internal" srcintfrole="lan" dstip=203.0.113.80 dstport=443 dstintf="wan1" dstintfrole="wan" proto=6 service="HTTPS" hostname="www.doda.jp" profile="default" action="blocked" reqtype="direct" url="https://www.doda.jp/" sentbyte=0 rcvdbyte=0 direction="outgoing" msg="URL belongs to a denied category in policy" method="domain" cat=48 catdesc="Job Search"',
  utm: 'date=2026-10-01 time=10:00:05 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816405000000000 tz="+0900" logid="0419016384" type="utm" subtype="ips" eventtype="signature" level="alert" vd="root" severity="critical" srcip=203.0.113.9 srccountry="Reserved" dstip=10.0.0.5 srcintf="wan1" dstintf="dmz" sessionid=9104 action="dropped" proto=6 service="HTTPS" policyid=3 attack="Apache.Log4j.Error.Log.Remote.Code.Execution" srcport=4444 dstport=443 direction="outgoing" attackid=51006 profile="default" ref="http://www.fortinet.com/ids/VID51006" incidentserialno=123456 msg="applications3: Apache.Log4j.Error.Log.Remote.Code.Execution," crscore=50 craction=4096 crlevel="critical"',
  login:
    'date=2026-10-01 time=10:00:06 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816406000000000 tz="+0900" logid="0100032002" type="event" subtype="system" level="alert" vd="root" logdesc="Admin login failed" sn="0" user="admin" ui="ssh(203.0.113.9)" method="ssh" srcip=203.0.113.9 dstip=198.51.100.7 action="login" status="failed" reason="passwd_invalid" msg="Administrator admin login failed from ssh(203.0.113.9) because of invalid password"',
  logout:
    'date=2026-10-01 time=10:00:08 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816408000000000 tz="+0900" logid="0100032003" type="event" subtype="system" level="information" vd="root" logdesc="Admin logout successful" sn="1790816403" user="admin" ui="https(10.0.0.10)" method="https" srcip=10.0.0.10 dstip=10.0.0.1 action="logout" status="success" duration=300 state="Timeout" reason="exceeded_idle_timeout" profile="super_admin" msg="Administrator admin timed out on https(10.0.0.10)"',
  config:
    'date=2026-10-01 time=10:00:07 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816407000000000 tz="+0900" logid="0100044547" type="event" subtype="system" level="information" vd="root" logdesc="Object attribute configured" user="admin" ui="GUI(10.0.0.10)" action="Edit" cfgtid=1234567 cfgpath="firewall.policy" cfgobj="7" cfgattr="action[deny->accept]" msg="Edit firewall.policy 7"',
  event:
    'date=2026-10-01 time=10:00:09 devname="FGT60F" devid="FGT60FTK20012345" eventtime=1790816409000000000 tz="+0900" logid="0100020010" type="event" subtype="system" level="critical" vd="root" logdesc="FortiGate ha state changed" msg="HA state changed from primary to secondary"',
};

function setIf<K extends keyof KansaEvent>(e: KansaEvent, key: K, value: KansaEvent[K] | undefined): void {
  if (value !== undefined && value !== '' && value !== 'N/A') e[key] = value;
}

/** One line, read: its pairs, the fields every log type has, and the words the rules share. */
interface Line {
  f: Record<string, string>;
  /** The event with the common fields; rules read it (source.ip) and add theirs after. */
  e: KansaEvent;
  type: string;
  subtype: string;
  level?: string;
  device?: string;
  user: { name?: string; domain?: string };
  sent?: number;
  rcvd?: number;
  transport?: string;
  srcText: string;
  dstText?: string;
}

/** The rule key of a line: its type, subtype and (where it changes the meaning) action. */
function keyOfPairs(f: Record<string, string>): string {
  const type = f.type ?? '';
  if (type === 'traffic') return f.action === 'deny' || f.action === 'drop' ? 'traffic:denied' : 'traffic';
  if (type === 'utm' && f.subtype === 'webfilter') return f.action === 'blocked' ? 'webfilter:blocked' : 'webfilter';
  if (type === 'utm') return 'utm';
  const action = (f.action ?? '').toLowerCase();
  // event logs (system, user, vpn, router, wireless…) and lines without a type
  if (action === 'login' || action === 'auth-logon') return 'event:login';
  if (action === 'logout' || action === 'auth-logout') return 'event:logout';
  if (f.cfgpath || ['edit', 'add', 'delete', 'move', 'set'].includes(action)) return 'event:config';
  return 'event';
}

function pairsOf(text: string): Record<string, string> {
  const m = START.exec(text);
  if (!m)
    throw new ParseError('expected FortiGate key=value pairs starting with date=, logver=, eventtime= or devname=');
  const start = m.index + (m[0].length - m[1].length - 1);
  const f = parseKv(text.slice(start), {}, FORTIOS_KV);
  if (Object.keys(f).length === 0) throw new ParseError('expected FortiGate key=value pairs');
  return f;
}

function readLine(text: string, ctx: TranslateContext): Line {
  const f = pairsOf(text);
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
  return {
    f,
    e,
    type,
    subtype,
    level,
    device,
    user,
    sent,
    rcvd,
    transport,
    srcText: f.srcip ?? f.srcname ?? '?',
    dstText: f.dstip ? endpoint(f.dstip, parseIntOrUndefined(f.dstport), transport) : undefined,
  };
}

/** A traffic log: the flow sentence, its verdict from the action. */
function traffic(r: Line): RuleResult {
  const { f, user, device } = r;
  const action = f.action ?? '';
  const verdict: FlowWords['verdict'] = TRAFFIC_ALLOWED.has(action)
    ? 'allowed'
    : action === 'deny'
      ? 'denied'
      : action === 'drop'
        ? 'dropped'
        : 'seen';
  const e: KansaEvent = {};
  e['event.category'] = ['network'];
  e['event.type'] =
    verdict === 'allowed' ? ['connection', 'allowed'] : verdict === 'seen' ? ['connection'] : ['connection', 'denied'];
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
    source: r.srcText,
    destination: f.hostname && r.dstText ? `${f.hostname} (${r.dstText})` : (r.dstText ?? '?'),
    device,
    sent: r.sent,
    received: r.rcvd,
    extraJa,
    extraEn,
  });
  return { fields: e, ja: s.ja, en: s.en };
}

/** A web filter log: the web sentence, our URL categories first and FortiGuard's otherwise. */
function webfilter(r: Line, blocked: boolean): RuleResult {
  const { f, user, device } = r;
  const e: KansaEvent = {};
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
  return { fields: e, ja: s.ja, en: s.en };
}

/** What the event-log rules share: the admin's address from `ui` when srcip is missing. */
function eventHead(r: Line): { e: KansaEvent; from: string; fromEn: string; dev: string } {
  const e: KansaEvent = {};
  const ui = /\(([0-9A-Fa-f:.]+)\)/.exec(r.f.ui ?? '');
  if (!r.e['source.ip'] && ui && isIp(ui[1])) e['source.ip'] = ui[1];
  const ip = r.e['source.ip'] ?? e['source.ip'];
  return { e, from: ip ? `${ip} から` : '', fromEn: ip ? ` from ${ip}` : '', dev: r.device ?? 'FortiGate' };
}

/** An admin or user logon or logoff. */
function session(r: Line, out: boolean): RuleResult {
  const { f, user } = r;
  const { e, from, fromEn, dev } = eventHead(r);
  const status = (f.status ?? '').toLowerCase();
  const failed = status === 'failed' || status === 'failure' || status === 'denied';
  e['event.category'] = ['authentication'];
  e['event.type'] = out ? ['end'] : ['start'];
  e['event.action'] = out ? 'logged-out' : failed ? 'logon-failed' : 'logged-in';
  e['event.outcome'] = failed ? 'failure' : 'success';
  setIf(e, 'event.reason', f.reason && f.reason !== 'none' ? f.reason : undefined);
  const head = user.name ? `${user.name} が ` : '';
  const who = user.name ?? 'Someone';
  const why = f.reason && f.reason !== 'none' ? f.reason : '';
  return {
    fields: e,
    ja: out
      ? `${head}${dev} からログアウトしました${from ? `(${from})` : ''}`
      : failed
        ? `${head}${from ? `${from} ` : ''}${dev} へのログインに失敗しました${why ? `(${why})` : ''}`
        : `${head}${from ? `${from} ` : ''}${dev} にログインしました`,
    en: out
      ? `${who} logged out of ${dev}${fromEn}`
      : failed
        ? `${who} failed to log in to ${dev}${fromEn}${why ? ` (${why})` : ''}`
        : `${who} logged in to ${dev}${fromEn}`,
  };
}

/** The golden cases' context, which the samples are read with. */
const SAMPLE_CONTEXT: TranslateContext = { year: 2026, timeZone: 'Asia/Tokyo', now: new Date('2026-11-01T00:00:00Z') };

/** Keyed by keyOfPairs; each sample is a line from the golden cases, read with the golden cases' context. */
const rule = (r: Omit<MessageRule<Line>, 'sampleContext'>): MessageRule<Line> => ({
  ...r,
  sampleContext: readLine(r.sample, SAMPLE_CONTEXT),
});

export const RULES = ruleTable<Line>(
  'fortigate',
  readLine(SAMPLES.event, SAMPLE_CONTEXT),
  [
    rule({
      id: 'traffic',
      sample: SAMPLES.traffic,
      match: { key: 'traffic' },
      build: (_g, r) => traffic(r),
    }),
    rule({
      id: 'traffic-denied',
      sample: SAMPLES['traffic-denied'],
      match: { key: 'traffic:denied' },
      build: (_g, r) => traffic(r),
    }),
    rule({
      id: 'webfilter',
      sample: SAMPLES.webfilter,
      match: { key: 'webfilter' },
      build: (_g, r) => webfilter(r, false),
    }),
    rule({
      id: 'webfilter-blocked',
      sample: SAMPLES['webfilter-blocked'],
      match: { key: 'webfilter:blocked' },
      build: (_g, r) => webfilter(r, true),
    }),
    rule({
      id: 'utm',
      sample: SAMPLES.utm,
      match: { key: 'utm' },
      build(_g, r) {
        // antivirus, IPS, application control, DNS filter, SSL, DoS, email, DLP, WAF, file filter…
        const { f, subtype, user, device, srcText, dstText } = r;
        const action = f.action ?? '';
        const blocked = /block|drop|deny|reset|dropped|blocked/.test(action);
        const e: KansaEvent = {};
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
        return {
          fields: e,
          ja: user.name
            ? `${user.name} が ${path} への通信で ${what} を検知されました${tailJa}`
            : `${path} への通信で ${what} を検知しました${tailJa}`,
          en: `${device ?? 'FortiGate'} ${engine.en} detected ${what} on ${user.name ? `${user.name}'s ` : ''}traffic from ${srcText} to ${dstText ?? f.hostname ?? '?'}${action ? ` (${action})` : ''}`,
        };
      },
    }),
    rule({
      id: 'login',
      sample: SAMPLES.login,
      match: { key: 'event:login' },
      build: (_g, r) => session(r, false),
    }),
    rule({
      id: 'logout',
      sample: SAMPLES.logout,
      match: { key: 'event:logout' },
      build: (_g, r) => session(r, true),
    }),
    rule({
      id: 'config-change',
      sample: SAMPLES.config,
      match: { key: 'event:config' },
      build(_g, r) {
        const { f, user } = r;
        const { e, dev } = eventHead(r);
        const action = (f.action ?? '').toLowerCase();
        e['event.category'] = ['configuration'];
        e['event.type'] = [action === 'add' ? 'creation' : action === 'delete' ? 'deletion' : 'change'];
        e['event.action'] = 'changed-configuration';
        e['event.outcome'] = 'success';
        const obj = [f.cfgpath, f.cfgobj].filter(Boolean).join(' ');
        const verbJa = action === 'add' ? '追加' : action === 'delete' ? '削除' : '変更';
        const verbEn = action === 'add' ? 'added' : action === 'delete' ? 'deleted' : 'changed';
        const head = user.name ? `${user.name} が ` : '';
        return {
          fields: e,
          ja: `${head}${dev} の設定 ${obj || '(不明)'} を${verbJa}しました${f.cfgattr ? `(${f.cfgattr})` : ''}`,
          en: `${user.name ?? 'Someone'} ${verbEn} ${obj || 'a setting'} on ${dev}${f.cfgattr ? ` (${f.cfgattr})` : ''}`,
        };
      },
    }),
    rule({
      id: 'event',
      sample: SAMPLES.event,
      match: { key: 'event' },
      build(_g, r) {
        // Any other event log (system, user, vpn, router, wireless…): its logdesc and msg, at its level.
        const { f, type, subtype } = r;
        const { e, dev } = eventHead(r);
        const status = (f.status ?? '').toLowerCase();
        const lvl = r.level ?? 'info';
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
        return {
          fields: e,
          ja: `${dev} が${LEVEL_JA[lvl] ?? lvl}を記録しました(${desc})${detail}`,
          en: `${dev} logged ${desc}${detail} (${lvl})`,
        };
      },
    }),
  ],
  (text) => {
    try {
      return keyOfPairs(pairsOf(text));
    } catch {
      return undefined;
    }
  },
);

/** Translates one key=value record; used by the file format and by the syslog program. */
export function translateFortigate(text: string, ctx: TranslateContext): KansaEvent {
  const r = readLine(text, ctx);
  // The line is parsed once: its key comes from the pairs already read (the table's keyOf reads a
  // sample's). Every key has a rule and no rule declines.
  const key = keyOfPairs(r.f);
  const { result } = applyRules(RULES, text, r, key)!;
  assignFields(r.e, result.fields);
  r.e['kansa.message.ja'] = result.ja;
  r.e['kansa.message.en'] = result.en;
  return r.e;
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
