/**
 * The Suricata EVE message rule table: one rule per event_type read (alert, dns, http, tls, flow) and one
 * for the types kept as generic events (anomaly, fileinfo, ssh, stats, …). A rule's sample is an EVE line
 * as Suricata writes it; the key is the record's event_type, `other` for a type without a rule.
 */
import { endpoint, flowSentence, formatBytes } from '../_lib/flow';
import { jsonKeyOf } from '../_lib/json-key';
import { ruleTable, type MessageRule } from '../_lib/rules';
import { categoryFields, urlFields, webSentence } from '../_lib/web';
import { obj, str, type Json } from '../_lib/json';
import type { KansaEvent } from '../../translate/types';

export function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** One EVE record with its addresses already read. */
export interface EveRecord {
  r: Json;
  src?: string;
  dst?: string;
  sport?: number;
  dport?: number;
  transport?: string;
  /** The sensor: `host` of the record (suricata.yaml `sensor-name`), if any. */
  sensor: string;
}

type EveRule = MessageRule<EveRecord>;

const from = (e: EveRecord): string => endpoint(e.src ?? '?', e.sport, undefined);
const to = (e: EveRecord): string => endpoint(e.dst ?? '?', e.dport, e.transport);

/** Suricata severity 1 (high) … 4 → ECS-style 4 … 1, and words. */
const SEVERITY: Record<number, [number, string, string]> = {
  1: [4, '高', 'high'],
  2: [3, '中', 'medium'],
  3: [2, '低', 'low'],
  4: [1, '情報', 'info'],
};

const alert: EveRule = {
  id: 'alert',
  sample:
    '{"timestamp":"2026-10-01T09:12:30.431821+0900","flow_id":1148573366263841,"in_iface":"eth1","event_type":"alert","src_ip":"10.1.30.44","src_port":50500,"dest_ip":"203.0.113.66","dest_port":443,"proto":"TCP","alert":{"action":"allowed","gid":1,"signature_id":2027512,"rev":3,"signature":"ET MALWARE Cobalt Strike Beacon Observed","category":"A Network Trojan was detected","severity":1}}',
  match: { key: 'alert' },
  build(_g, e) {
    const a = obj(e.r.alert) ?? {};
    const sig = str(a.signature) ?? `sid ${str(a.signature_id) ?? '?'}`;
    const blocked = str(a.action) === 'blocked';
    const sev = SEVERITY[num(a.severity) ?? 0];
    const cat = str(a.category);
    const fields: KansaEvent = {
      'event.kind': 'alert',
      'event.category': ['intrusion_detection', 'network'],
      'event.type': blocked ? ['denied'] : ['info'],
      'event.action': 'ids-alert',
      'event.outcome': blocked ? 'failure' : 'success',
      'rule.name': sig,
    };
    const sid = str(a.signature_id);
    if (sid) fields['rule.id'] = sid;
    if (sev) {
      fields['event.severity'] = sev[0];
      fields['log.level'] = sev[2];
    }
    if (cat) fields['event.reason'] = cat;
    return {
      fields,
      ja: `${e.sensor} が ${from(e)} → ${to(e)} の通信で ${sig} を検知しました(${[cat, sev && `重大度 ${sev[1]}`, blocked ? '遮断' : '通過'].filter(Boolean).join('、')})`,
      en: `${e.sensor} detected ${sig} on ${from(e)} → ${to(e)} (${[cat, sev && `severity ${sev[2]}`, blocked ? 'blocked' : 'allowed'].filter(Boolean).join(', ')})`,
    };
  },
};

const dns: EveRule = {
  id: 'dns',
  sample:
    '{"timestamp":"2026-10-01T09:02:00.118203+0900","flow_id":2034410982341122,"event_type":"dns","src_ip":"10.1.20.15","src_port":51515,"dest_ip":"10.1.0.53","dest_port":53,"proto":"UDP","dns":{"version":2,"type":"answer","id":41122,"flags":"8180","qr":true,"rd":true,"ra":true,"rrname":"www.dropbox.com","rrtype":"A","rcode":"NOERROR","answers":[{"rrname":"www.dropbox.com","rrtype":"CNAME","ttl":60,"rdata":"www-env.dropbox-dns.com"},{"rrname":"www-env.dropbox-dns.com","rrtype":"A","ttl":60,"rdata":"162.125.80.18"}]}}',
  match: { key: 'dns' },
  build(_g, e) {
    const d = obj(e.r.dns) ?? {};
    // EVE v1 wrote one record per answer with the name in rrname; v2 one per answer message with an answers array.
    const name = str(d.rrname) ?? str(obj(Array.isArray(d.queries) ? d.queries[0] : undefined)?.rrname);
    const type = str(d.rrtype) ?? str(obj(Array.isArray(d.queries) ? d.queries[0] : undefined)?.rrtype);
    const answer = str(d.type) === 'answer';
    const rcode = str(d.rcode);
    const ips: string[] = [];
    if (Array.isArray(d.answers)) {
      for (const x of d.answers) {
        const ans = obj(x);
        const rdata = str(ans?.rdata);
        if (ans && rdata && (str(ans.rrtype) === 'A' || str(ans.rrtype) === 'AAAA')) ips.push(rdata);
      }
    }
    const fields: KansaEvent = {
      'event.category': ['network'],
      'event.type': ['protocol', 'info'],
      'event.action': 'dns-query',
      'network.protocol': 'dns',
      'event.outcome': answer && rcode && rcode !== 'NOERROR' ? 'failure' : 'success',
    };
    if (name) fields['dns.question.name'] = name;
    if (type) fields['dns.question.type'] = type;
    if (rcode) fields['dns.response_code'] = rcode;
    if (ips.length > 0) fields['dns.resolved_ip'] = ips;
    const detailJa = [type, answer ? rcode : '問い合わせ', ips.length > 0 ? ips.join(' ') : undefined]
      .filter(Boolean)
      .join('、');
    const detailEn = [type, answer ? rcode : 'query', ips.length > 0 ? ips.join(' ') : undefined]
      .filter(Boolean)
      .join(', ');
    return {
      fields,
      ja: `${e.src ?? '?'} が ${name ?? '?'} を名前解決しました(${detailJa})`,
      en: `${e.src ?? '?'} looked up ${name ?? '?'} (${detailEn})`,
    };
  },
};

const http: EveRule = {
  id: 'http',
  sample:
    '{"timestamp":"2026-10-01T09:05:10.002311+0900","flow_id":1719948023411120,"event_type":"http","src_ip":"10.1.20.15","src_port":53300,"dest_ip":"52.84.150.11","dest_port":80,"proto":"TCP","tx_id":0,"http":{"hostname":"www.dropbox.com","url":"/upload?sid=1","http_user_agent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","http_content_type":"text/html","http_method":"POST","protocol":"HTTP/1.1","status":200,"length":5120}}',
  match: { key: 'http' },
  build(_g, e) {
    const h = obj(e.r.http) ?? {};
    const host = str(h.hostname);
    const path = str(h.url) ?? '/';
    const fields: KansaEvent = {
      'event.category': ['web', 'network'],
      'event.type': ['access', 'protocol'],
      'event.action': 'http-request',
      'network.protocol': 'http',
    };
    const domain = host
      ? urlFields(
          `http://${host}${e.dport && e.dport !== 80 ? `:${e.dport}` : ''}${path.startsWith('/') ? path : `/${path}`}`,
          fields,
        ).domain
      : undefined;
    const method = str(h.http_method);
    const status = num(h.status);
    const length = num(h.length);
    if (method) fields['http.request.method'] = method;
    if (status !== undefined) fields['http.response.status_code'] = status;
    const ua = str(h.http_user_agent);
    if (ua) fields['user_agent.original'] = ua;
    if (domain) fields['destination.domain'] = domain;
    const category = categoryFields(domain, fields);
    const s = webSentence({
      client: e.src,
      target: domain ?? e.dst ?? '?',
      category,
      method,
      status,
      bytes: length,
      extraJa: [e.sensor],
      extraEn: [`seen by ${e.sensor}`],
    });
    return { fields, ...s };
  },
};

const tls: EveRule = {
  id: 'tls',
  sample:
    '{"timestamp":"2026-10-01T09:00:01.551902+0900","flow_id":1148573366263999,"event_type":"tls","src_ip":"10.1.20.15","src_port":53211,"dest_ip":"52.84.150.11","dest_port":443,"proto":"TCP","tls":{"subject":"CN=www.dropbox.com","issuerdn":"C=US, O=DigiCert Inc, CN=DigiCert TLS RSA SHA256 2020 CA1","serial":"0A:1B:2C","fingerprint":"3a:7b:11:90:aa","sni":"www.dropbox.com","version":"TLS 1.3","notbefore":"2026-03-01T00:00:00","notafter":"2027-03-31T23:59:59","ja3":{"hash":"e7d705a3286e19ea42f587b344ee6865"}}}',
  match: { key: 'tls' },
  build(_g, e) {
    const t = obj(e.r.tls) ?? {};
    const sni = str(t.sni);
    const version = str(t.version);
    const fields: KansaEvent = {
      'event.category': ['network'],
      'event.type': ['protocol', 'connection'],
      'event.action': 'tls-session',
      'network.protocol': 'tls',
    };
    if (sni) {
      fields['destination.domain'] = sni.toLowerCase();
      fields['url.domain'] = sni.toLowerCase();
      categoryFields(sni.toLowerCase(), fields);
    }
    const subject = str(t.subject);
    return {
      fields,
      ja: `${e.src ?? '?'} が ${sni ?? e.dst ?? '?'} (${to(e)}) へ TLS で接続しました(${[version, subject].filter(Boolean).join('、')})`,
      en: `${e.src ?? '?'} opened a TLS session to ${sni ?? e.dst ?? '?'} (${to(e)})${version || subject ? ` (${[version, subject].filter(Boolean).join(', ')})` : ''}`,
    };
  },
};

const flow: EveRule = {
  id: 'flow',
  sample:
    '{"timestamp":"2026-10-01T09:00:31.000412+0900","flow_id":1148573366263841,"event_type":"flow","src_ip":"10.1.20.15","src_port":53211,"dest_ip":"52.84.150.11","dest_port":443,"proto":"TCP","app_proto":"tls","flow":{"pkts_toserver":120,"pkts_toclient":1830,"bytes_toserver":18342,"bytes_toclient":2490113,"start":"2026-10-01T09:00:01.000402+0900","end":"2026-10-01T09:00:31.000300+0900","age":30,"state":"closed","reason":"timeout","alerted":false}}',
  match: { key: 'flow' },
  build(_g, e) {
    const f = obj(e.r.flow) ?? {};
    const sent = num(f.bytes_toserver);
    const received = num(f.bytes_toclient);
    const fields: KansaEvent = {
      'event.category': ['network'],
      'event.type': ['connection', 'end'],
      'event.action': 'network-connection',
    };
    if (sent !== undefined) fields['source.bytes'] = sent;
    if (received !== undefined) fields['destination.bytes'] = received;
    if (sent !== undefined || received !== undefined) fields['network.bytes'] = (sent ?? 0) + (received ?? 0);
    const ps = num(f.pkts_toserver);
    const pr = num(f.pkts_toclient);
    if (ps !== undefined) fields['source.packets'] = ps;
    if (pr !== undefined) fields['destination.packets'] = pr;
    const age = num(f.age);
    if (age !== undefined) fields['event.duration'] = age * 1_000_000_000;
    const app = str(e.r.app_proto);
    if (app && app !== 'failed') fields['network.protocol'] = app.toLowerCase();
    const state = str(f.state);
    const s = flowSentence({
      verdict: 'seen',
      source: from(e),
      destination: to(e),
      device: e.sensor,
      sent,
      received,
      extraJa: [
        app && `プロトコル ${app}`,
        state && `状態 ${state}`,
        f.alerted === true ? 'アラートあり' : undefined,
      ].filter((x): x is string => !!x),
      extraEn: [app && `protocol ${app}`, state && `state ${state}`, f.alerted === true ? 'alerted' : undefined].filter(
        (x): x is string => !!x,
      ),
    });
    return { fields, ...s };
  },
};

/** fileinfo, ssh, smb, anomaly, stats, …: kept and searchable under their event_type. */
const other: EveRule = {
  id: 'other',
  sample:
    '{"timestamp":"2026-10-01T09:20:00.000000+0900","event_type":"anomaly","src_ip":"10.1.20.15","src_port":0,"dest_ip":"10.1.0.1","dest_port":0,"proto":"UDP","anomaly":{"type":"decode","event":"ipv4.trunc_pkt"}}',
  match: { key: 'other' },
  build(_g, e) {
    const type = str(e.r.event_type) ?? 'eve';
    const fi = obj(e.r.fileinfo);
    const fields: KansaEvent = {
      'event.category': [fi ? 'file' : 'network'],
      'event.type': ['info'],
      'event.action': `suricata-${type.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    };
    const fname = str(fi?.filename);
    if (fname) fields['file.name'] = fname.slice(fname.lastIndexOf('/') + 1) || fname;
    const size = num(fi?.size);
    if (size !== undefined) fields['file.size'] = size;
    const sha = str(fi?.sha256);
    if (sha) fields['file.hash.sha256'] = sha;
    const between = e.src || e.dst ? ` ${from(e)} → ${to(e)}` : '';
    const what = fname ? ` ${fname}${size !== undefined ? ` (${formatBytes(size)})` : ''}` : '';
    return {
      fields,
      ja: `${e.sensor} が ${type} イベントを記録しました${between}${what}`,
      en: `${e.sensor} logged a ${type} event${between}${what}`,
    };
  },
};

const READ = [alert, dns, http, tls, flow];
const READ_TYPES = new Set(READ.map((r) => r.id));

/** Reads a sample the way the translator reads a record, for the rule-table test. */
export type Reader = (text: string) => EveRecord;

/** The key of an EVE record: its event_type when a rule reads it, else `other`. */
export function keyOfEve(r: Json): string | undefined {
  const type = str(r.event_type);
  return type === undefined ? undefined : READ_TYPES.has(type) ? type : 'other';
}

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function suricataRules(read: Reader) {
  return ruleTable<EveRecord>(
    'suricata',
    read(alert.sample),
    [...READ, other].map((r) => ({ ...r, sampleContext: read(r.sample) })),
    jsonKeyOf(keyOfEve),
  );
}
