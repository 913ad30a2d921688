/**
 * The PAN-OS message rule table: one rule per log type (TRAFFIC, THREAT url, other THREAT subtypes,
 * CONFIG, SYSTEM) and one for the types kept uninterpreted. A rule's sample is a payload as the firewall
 * prints it; the key is the Type column (with the subtype for THREAT url, whose columns mean a web visit).
 */
import type { KansaEvent } from '../../translate/types';
import { ruleTable, type MessageRule } from '../_lib/rules';

/** One PAN-OS log line, columns by name, with the words every sentence uses. */
export interface PanLog {
  f: Record<string, string>;
  /** The firewall: Device Name column, else the syslog host. */
  device: string;
  /** `domain\name` or `name@domain` of the source user, split. */
  user?: string;
  /** "10.1.20.15" / "10.1.20.15:53211/tcp" etc. */
  src: string;
  dst: string;
}

type PanRule = MessageRule<PanLog>;

/** FUTURE_USE, Receive Time, Serial Number, Type, Subtype: the head of every payload. */
const HEAD = /^(?:<\d{1,3}>)?\d*,[^,]*,[^,]*,([A-Z]+),([^,]*)/;
/** The types with a rule of their own; any other type is kept under the `other` rule. */
const READ_TYPES = new Set(['TRAFFIC', 'THREAT', 'CONFIG', 'SYSTEM']);

/** The key of a payload: its Type, `THREAT/url` for a URL filtering log, `other` for a type not read. */
function keyOf(text: string): string | undefined {
  const m = HEAD.exec(text);
  if (!m) return undefined;
  if (m[1] === 'THREAT' && (m[2] === 'url' || m[2] === '"url"')) return 'THREAT/url';
  return READ_TYPES.has(m[1]) ? m[1] : 'other';
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
/** 2490113 → "2.4 MB" (binary multiples, as the other flow sentences print them). */
function bytes(n: number): string {
  let v = n;
  let u = 0;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${UNITS[u]}`;
}

const int = (s: string | undefined): number | undefined => (s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined);
const list = (parts: Array<string | undefined | false>, sep: string): string =>
  parts.filter((x): x is string => !!x).join(sep);

/** PAN-OS URL categories that are Kansa's web categories (the ones the risk score and dashboards read). */
const URL_CATEGORY: Record<string, string> = {
  'online-storage-and-backup': 'cloud-storage',
  'web-based-email': 'webmail',
  'job-search': 'job-site',
  'social-networking': 'sns',
  'streaming-media': 'video',
  news: 'news',
  'search-engines': 'search',
  'business-and-economy': 'business',
};
const CATEGORY_WORDS: Record<string, [string, string]> = {
  'cloud-storage': ['クラウドストレージ', 'cloud storage'],
  webmail: ['Web メール', 'web mail'],
  'job-site': ['転職サイト', 'job site'],
  sns: ['SNS', 'social network'],
  video: ['動画', 'video'],
  news: ['ニュース', 'news'],
  search: ['検索', 'search'],
  business: ['ビジネス', 'business'],
};

const DENY_ACTIONS =
  /^(deny|drop|drop-icmp|reset-client|reset-server|reset-both|block-url|block-continue|block-override|sinkhole|drop-all-packets)$/;

const SEVERITY: Record<string, number> = { informational: 1, low: 2, medium: 3, high: 4, critical: 5 };
const SEVERITY_JA: Record<string, string> = {
  informational: '情報',
  low: '低',
  medium: '中',
  high: '高',
  critical: '重大',
};

const THREAT_WORDS: Record<string, [string, string, string[]]> = {
  virus: ['ウイルス', 'virus', ['malware']],
  'wildfire-virus': ['WildFire ウイルス', 'WildFire virus', ['malware']],
  wildfire: ['WildFire 判定', 'WildFire verdict', ['malware']],
  spyware: ['スパイウェア(C2 通信)', 'spyware (command and control)', ['malware', 'intrusion_detection']],
  vulnerability: ['脆弱性攻撃', 'vulnerability exploit', ['intrusion_detection', 'network']],
  scan: ['スキャン', 'scan', ['intrusion_detection', 'network']],
  flood: ['フラッド攻撃', 'flood', ['intrusion_detection', 'network']],
  file: ['ファイル転送', 'file transfer', ['file', 'network']],
  data: ['データ流出の検知', 'data filtering', ['network']],
};

/** "Apache … Path Traversal Vulnerability(91696)" → name and id. */
function threatName(raw: string | undefined): { name?: string; id?: string } {
  if (!raw) return {};
  const m = /^(.*?)\s*\((\d+)\)\s*$/.exec(raw);
  return m ? { ...(m[1] ? { name: m[1] } : {}), id: m[2] } : { name: raw };
}

function networkFields(l: PanLog): KansaEvent {
  const f = l.f;
  const e: KansaEvent = {};
  if (f.rule) e['rule.name'] = f.rule;
  if (f.app && f.app !== 'not-applicable') e['network.application'] = f.app;
  if (f.proto) e['network.transport'] = f.proto.toLowerCase();
  if (f.inbound_if) e['observer.ingress.interface.name'] = f.inbound_if;
  if (f.outbound_if) e['observer.egress.interface.name'] = f.outbound_if;
  return e;
}

const trafficRule: PanRule = {
  id: 'traffic',
  sample:
    '1,2026/10/01 09:00:31,012801096514,TRAFFIC,end,2561,2026/10/01 09:00:31,10.1.20.15,52.84.150.11,203.0.113.2,52.84.150.11,allow-web,example\\tanaka,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Log-to-Kansa,2026/10/01 09:00:31,183729,1,53211,443,41234,443,0x400053,tcp,allow,2508455,18342,2490113,1950,2026/10/01 09:00:01,30,online-storage-and-backup,0,7282973411,0x8000000000000000,10.0.0.0-10.255.255.255,US,0,120,1830,tcp-fin',
  match: { key: 'TRAFFIC' },
  build(_g, l) {
    const f = l.f;
    const action = f.action ?? '';
    const denied = DENY_ACTIONS.test(action);
    const e = networkFields(l);
    e['event.category'] = ['network'];
    e['event.type'] = denied
      ? ['connection', 'denied']
      : f.subtype === 'end'
        ? ['connection', 'end', 'allowed']
        : ['connection', 'start', 'allowed'];
    e['event.action'] = denied ? 'connection-denied' : 'connection-allowed';
    e['event.outcome'] = denied ? 'failure' : 'success';
    const sent = int(f.bytes_sent);
    const received = int(f.bytes_received);
    if (sent !== undefined) e['source.bytes'] = sent;
    if (received !== undefined) e['destination.bytes'] = received;
    const total = int(f.bytes);
    if (total !== undefined) e['network.bytes'] = total;
    const ps = int(f.pkts_sent);
    const pr = int(f.pkts_received);
    if (ps !== undefined) e['source.packets'] = ps;
    if (pr !== undefined) e['destination.packets'] = pr;
    const elapsed = int(f.elapsed);
    if (elapsed !== undefined && f.subtype === 'end') e['event.duration'] = elapsed * 1_000_000_000;
    const reason = f.session_end_reason && f.session_end_reason !== 'n/a' ? f.session_end_reason : undefined;
    if (reason) e['event.reason'] = reason;
    const cat = f.category && f.category !== 'any' ? f.category : undefined;
    if (cat && URL_CATEGORY[cat]) e['kansa.url.category'] = URL_CATEGORY[cat];
    const endJa = f.subtype === 'end' ? '通信が終了しました' : f.subtype === 'start' ? '通信を開始しました' : '';
    const detailJa = list(
      [
        `ルール ${f.rule ?? '?'}`,
        f.app && `アプリ ${f.app}`,
        sent !== undefined && `送信 ${bytes(sent)}`,
        received !== undefined && `受信 ${bytes(received)}`,
        cat && `カテゴリ ${cat}`,
        reason && `終了理由 ${reason}`,
      ],
      '、',
    );
    const detailEn = list(
      [
        `rule ${f.rule ?? '?'}`,
        f.app && `app ${f.app}`,
        sent !== undefined && `sent ${bytes(sent)}`,
        received !== undefined && `received ${bytes(received)}`,
        cat && `category ${cat}`,
        reason && `end reason ${reason}`,
      ],
      ', ',
    );
    if (denied) {
      return {
        fields: e,
        ja: `${l.device} が ${l.user ? `${l.user} の ` : ''}${l.src} から ${l.dst} への通信を${action === 'deny' ? '拒否' : '破棄'}しました(${detailJa})`,
        en: `${l.device} ${action === 'deny' ? 'denied' : `blocked (${action})`} ${l.user ? `${l.user}'s ` : ''}traffic from ${l.src} to ${l.dst} (${detailEn})`,
      };
    }
    return {
      fields: e,
      ja: `${l.user ? `${l.user} が ` : ''}${l.src} から ${l.dst} へ${endJa ? `の${endJa}` : '通信しました'}(${l.device} で許可、${detailJa})`,
      en: `${l.user ?? l.src} ${f.subtype === 'end' ? 'ended a connection' : 'connected'}${l.user ? ` from ${l.src}` : ''} to ${l.dst} (allowed on ${l.device}, ${detailEn})`,
    };
  },
};

const urlRule: PanRule = {
  id: 'threat.url',
  sample:
    '1,2026/10/01 09:05:44,012801096514,THREAT,url,2561,2026/10/01 09:05:44,10.1.20.16,198.51.100.50,203.0.113.2,198.51.100.50,allow-web,example\\suzuki,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Log-to-Kansa,2026/10/01 09:05:44,183911,1,53320,443,41234,443,0x8400000,tcp,block-url,baito-job.example.jp/,(9999),job-search,informational,client-to-server',
  match: { key: 'THREAT/url' },
  build(_g, l) {
    const f = l.f;
    const action = f.action ?? '';
    const blocked = DENY_ACTIONS.test(action);
    const e = networkFields(l);
    e['event.category'] = ['web', 'network'];
    e['event.type'] = blocked ? ['access', 'denied'] : ['access', 'allowed'];
    e['event.action'] = blocked ? 'http-request-denied' : 'http-request';
    e['event.outcome'] = blocked ? 'failure' : 'success';
    const misc = f.misc ?? '';
    const slash = misc.indexOf('/');
    const host = (slash === -1 ? misc : misc.slice(0, slash)).toLowerCase();
    const scheme = f.dport === '443' || f.app === 'ssl' ? 'https' : 'http';
    if (host) {
      e['url.domain'] = host;
      e['destination.domain'] = host;
      e['url.full'] = `${scheme}://${misc}`;
      e['url.scheme'] = scheme;
      e['url.path'] = slash === -1 ? '/' : misc.slice(slash).replace(/[?#].*$/, '') || '/';
    }
    if (f.http_method) e['http.request.method'] = f.http_method.toUpperCase();
    if (f.user_agent) e['user_agent.original'] = f.user_agent;
    const ours = f.category ? URL_CATEGORY[f.category] : undefined;
    if (ours) e['kansa.url.category'] = ours;
    const words = ours ? CATEGORY_WORDS[ours] : undefined;
    const catJa = words ? `${words[0]}、PAN-DB: ${f.category}` : f.category && `PAN-DB: ${f.category}`;
    const catEn = words ? `${words[1]}, PAN-DB: ${f.category}` : f.category && `PAN-DB: ${f.category}`;
    const who = l.user ?? l.f.src ?? '?';
    return {
      fields: e,
      ja: blocked
        ? `${who} の ${host || misc || '?'} へのアクセスを ${l.device} がブロックしました(${list([catJa, action], '、')})`
        : `${who} が ${host || misc || '?'} にアクセスしました(${list([catJa, l.device], '、')})`,
      en: blocked
        ? `${l.device} blocked ${who} from ${host || misc || '?'} (${list([catEn, action], ', ')})`
        : `${who} visited ${host || misc || '?'} (${list([catEn, `via ${l.device}`], ', ')})`,
    };
  },
};

const threatRule: PanRule = {
  id: 'threat',
  sample:
    '1,2026/10/01 09:10:00,012801096514,THREAT,vulnerability,2561,2026/10/01 09:10:00,198.51.100.99,10.2.0.10,198.51.100.99,203.0.113.10,inbound-web,,,web-browsing,vsys1,untrust,dmz,ethernet1/2,ethernet1/1,Log-to-Kansa,2026/10/01 09:10:00,183950,1,61234,80,41234,443,0x8400000,tcp,reset-both,/cgi-bin/.%2e/.%2e/bin/sh,Apache HTTP Server Path Traversal Vulnerability(91696),code-execution,critical,client-to-server',
  match: { key: 'THREAT' },
  build(_g, l) {
    const f = l.f;
    const sub = f.subtype ?? 'threat';
    const action = f.action ?? '';
    const blocked = DENY_ACTIONS.test(action);
    const words = THREAT_WORDS[sub] ?? [sub, sub, ['network']];
    const e = networkFields(l);
    e['event.kind'] = 'alert';
    e['event.category'] = words[2];
    e['event.type'] = blocked ? ['denied'] : ['info'];
    e['event.action'] = `threat-${sub}`;
    e['event.outcome'] = blocked ? 'failure' : 'success';
    const t = threatName(f.threatid);
    if (t.name) e['rule.name'] = t.name;
    if (t.id) e['rule.id'] = t.id;
    const sev = f.severity;
    if (sev) {
      e['log.level'] = sev;
      if (SEVERITY[sev]) e['event.severity'] = SEVERITY[sev];
    }
    if (f.misc && (sub === 'virus' || sub === 'wildfire' || sub === 'wildfire-virus' || sub === 'file')) {
      e['file.name'] = f.misc;
      if (f.filedigest) e['file.hash.sha256'] = f.filedigest;
    }
    if (f.user_agent) e['user_agent.original'] = f.user_agent;
    if (f.http_method) e['http.request.method'] = f.http_method.toUpperCase();
    const what = t.name ?? f.threatid ?? sub;
    const onWho = l.user ? `${l.user} の` : '';
    const inbound = f.direction === 'server-to-client';
    const path = inbound ? `${l.dst} ← ${l.src}` : `${l.src} → ${l.dst}`;
    return {
      fields: e,
      ja: `${l.device} が ${onWho}通信 ${path} で${words[0]} ${what} を検知し${blocked ? `遮断しました(${action}` : `ました(${action || '記録のみ'}`}${sev ? `、重大度 ${SEVERITY_JA[sev] ?? sev}` : ''}${f.misc && !e['file.name'] ? `、${f.misc}` : e['file.name'] ? `、ファイル ${f.misc}` : ''})`,
      en: `${l.device} detected ${words[1]} ${what} on ${l.user ? `${l.user}'s ` : ''}traffic ${path}${blocked ? ` and blocked it (${action}` : ` (${action || 'logged'}`}${sev ? `, severity ${sev}` : ''}${f.misc ? `, ${e['file.name'] ? 'file ' : ''}${f.misc}` : ''})`,
    };
  },
};

const configRule: PanRule = {
  id: 'config',
  sample:
    '1,2026/10/01 10:00:00,012801096514,CONFIG,0,2561,2026/10/01 10:00:00,10.1.0.5,vsys1,edit,admin,Web,Submitted,vsys  vsys1 rulebase security rules allow-web,,,7282973500,0x0,0,0,0,0,,PA-3220-HQ',
  match: { key: 'CONFIG' },
  build(_g, l) {
    const f = l.f;
    const cmd = f.cmd ?? '?';
    const ok = !f.result || /^(submitted|succeeded)$/i.test(f.result);
    const e: KansaEvent = {
      'event.category': ['configuration'],
      'event.type': [cmd === 'add' || cmd === 'set' ? 'creation' : cmd === 'delete' ? 'deletion' : 'change'],
      'event.action': 'changed-configuration',
      'event.outcome': ok ? 'success' : 'failure',
    };
    if (f.admin) e['user.name'] = f.admin;
    if (f.host && /^[0-9a-fA-F:.]+$/.test(f.host)) e['source.ip'] = f.host;
    const path = (f.path ?? '').replace(/\s+/g, ' ').trim();
    return {
      fields: e,
      ja: `${f.admin ?? '管理者'} が ${f.host ? `${f.host} から ` : ''}${l.device} の設定を${cmd === 'delete' ? '削除' : cmd === 'add' || cmd === 'set' ? '追加' : '変更'}しました(${list([cmd, path, f.client, f.result], '、')})`,
      en: `${f.admin ?? 'An administrator'} ran ${cmd} on ${l.device}'s configuration${f.host ? ` from ${f.host}` : ''} (${list([path, f.client, f.result], ', ')})`,
    };
  },
};

const systemRule: PanRule = {
  id: 'system',
  sample:
    "1,2026/10/01 10:05:00,012801096514,SYSTEM,auth,2561,2026/10/01 10:05:00,,auth-fail,,0,0,general,medium,failed authentication for user 'admin'. Reason: Invalid username or password. From: 198.51.100.99.,7282973510,0x0,0,0,0,0,,PA-3220-HQ",
  match: { key: 'SYSTEM' },
  build(_g, l) {
    const f = l.f;
    const desc = f.opaque ?? '';
    const e: KansaEvent = {};
    if (f.severity) e['log.level'] = f.severity;
    const auth = /^auth-(fail|success)$/.exec(f.eventid ?? '');
    if (auth) {
      const failed = auth[1] === 'fail';
      e['event.category'] = ['authentication'];
      e['event.type'] = ['start'];
      e['event.action'] = failed ? 'logon-failed' : 'logged-in';
      e['event.outcome'] = failed ? 'failure' : 'success';
      const user = /user '([^']*)'/.exec(desc)?.[1];
      const from = /From: ([0-9a-fA-F:.]+?)\.?$/.exec(desc)?.[1];
      const reason = /Reason: ([^.]*)\./.exec(desc)?.[1];
      if (user) e['user.name'] = user;
      if (from) e['source.ip'] = from;
      if (reason) e['event.reason'] = reason;
      return {
        fields: e,
        ja: `${user ?? '誰か'} が ${from ? `${from} から ` : ''}${l.device} への${failed ? 'ログインに失敗しました' : 'ログインに成功しました'}${reason ? `(${reason})` : ''}`,
        en: `${user ?? 'Someone'} ${failed ? 'failed to log in' : 'logged in'} to ${l.device}${from ? ` from ${from}` : ''}${reason ? ` (${reason})` : ''}`,
      };
    }
    e['event.category'] = ['host'];
    e['event.type'] = [f.severity === 'high' || f.severity === 'critical' ? 'error' : 'info'];
    e['event.action'] = `system-${(f.eventid ?? f.subtype ?? 'event').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    return {
      fields: e,
      ja: `${l.device} がシステムイベント ${f.eventid ?? f.subtype ?? '?'} を記録しました${desc ? `: ${desc}` : ''}`,
      en: `${l.device} logged system event ${f.eventid ?? f.subtype ?? '?'}${desc ? `: ${desc}` : ''}`,
    };
  },
};

/** GlobalProtect, HIP match, USERID, … : kept and searchable, not interpreted. */
const otherRule: PanRule = {
  id: 'other',
  sample:
    '1,2026/10/02 08:32:00,012801096514,GLOBALPROTECT,0,2561,2026/10/02 08:32:00,vsys1,gateway-auth,login,,,kato,JP,kato-pc,203.0.113.90',
  match: { key: 'other' },
  build(_g, l) {
    const f = l.f;
    return {
      fields: {
        'event.category': ['network'],
        'event.type': ['info'],
        'event.action': `${(f.type ?? 'log').toLowerCase()}-log`,
      },
      ja: `${l.device} が ${f.type ?? '?'} ログ(${f.subtype ?? '-'})を記録しました`,
      en: `${l.device} logged a ${f.type ?? '?'} entry (${f.subtype ?? '-'})`,
    };
  },
};

/** Reads a sample the way the translator reads a payload, for the rule-table test. */
export type Reader = (payload: string) => PanLog;

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function panosRules(read: Reader) {
  const rules = [trafficRule, urlRule, threatRule, configRule, systemRule, otherRule];
  return ruleTable<PanLog>(
    'panos',
    read(trafficRule.sample),
    rules.map((r) => ({ ...r, sampleContext: read(r.sample) })),
    keyOf,
  );
}
