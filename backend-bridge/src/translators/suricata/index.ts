/**
 * Suricata EVE JSON (`eve.json`, source type `suricata`): one JSON object per line, as Suricata's
 * eve-log output writes it (file, syslog or redis); event types alert, dns, http, tls and flow are
 * read, the others kept as generic events. See README.md.
 */
import { obj, str, type Json } from '../_lib/json';
import { applyRules } from '../_lib/rules';
import { isIp } from '../_lib/network';
import { transportName } from '../_lib/flow';
import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';
import { keyOfEve, num, suricataRules, type EveRecord } from './rules';

/** "2026-10-01T09:12:30.431821+0900" (microseconds, offset without colon) → ISO UTC. */
function timeOf(v: unknown): string {
  const t = str(v);
  const m = t && /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)$/.exec(t);
  const ms = m
    ? Date.parse(`${m[1]}${(m[2] ?? '').slice(0, 4)}${m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`}`)
    : NaN;
  if (Number.isNaN(ms))
    throw new ParseError(
      `expected timestamp such as 2026-10-01T09:00:01.123456+0900, found ${JSON.stringify(v ?? null)}`,
    );
  return new Date(ms).toISOString();
}

function port(v: unknown): number | undefined {
  const n = num(v);
  return n !== undefined && n > 0 && n <= 65535 ? n : undefined;
}

/** A record with its addresses read: the context every rule builds from. */
function read(r: Json): EveRecord {
  const src = str(r.src_ip);
  const dst = str(r.dest_ip);
  const proto = str(r.proto);
  return {
    r,
    ...(src && isIp(src) ? { src } : {}),
    ...(dst && isIp(dst) ? { dst } : {}),
    sport: port(r.src_port),
    dport: port(r.dest_port),
    transport: proto ? transportName(proto) : undefined,
    sensor: str(r.host) ?? 'Suricata',
  };
}

export const RULES = suricataRules((sample) => read(JSON.parse(sample) as Json));

export function translateEve(text: string): KansaEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`expected an EVE JSON record: ${(e as Error).message}`);
  }
  const r = obj(parsed);
  const type = str(r?.event_type);
  if (!r || !type) throw new ParseError('expected an EVE record with event_type');
  const e = read(r);
  const ev: KansaEvent = {
    '@timestamp': timeOf(r.timestamp),
    'event.kind': 'event',
    'event.module': 'suricata',
    'event.dataset': `suricata.${type}`,
    'event.code': type,
    'kansa.source_type': 'suricata',
    'observer.vendor': 'OISF',
    'observer.product': 'Suricata',
    'observer.type': 'ids',
  };
  if (str(r.host)) ev['observer.name'] = e.sensor;
  if (e.src) ev['source.ip'] = e.src;
  if (e.dst) ev['destination.ip'] = e.dst;
  if (e.sport !== undefined) ev['source.port'] = e.sport;
  if (e.dport !== undefined) ev['destination.port'] = e.dport;
  if (e.transport) ev['network.transport'] = e.transport;
  const iface = str(r.in_iface);
  if (iface) ev['observer.ingress.interface.name'] = iface;
  const raw: Record<string, string> = {};
  for (const k of ['flow_id', 'tx_id', 'community_id', 'app_proto', 'pcap_cnt']) {
    const s = str(r[k]);
    if (s !== undefined) raw[k] = s;
  }
  ev['kansa.raw'] = raw;
  // Every record with an event_type has a key, and every key has a rule.
  const built = applyRules(RULES, text, e, keyOfEve(r))!.result;
  Object.assign(ev, built.fields);
  ev['kansa.message.ja'] = built.ja;
  ev['kansa.message.en'] = built.en;
  return ev;
}

export const suricataFormat: Format = {
  id: 'suricata',
  framing: 'json-values',
  detect(sample: string): number {
    return /"event_type"\s*:\s*"[a-z_]+"/.test(sample) &&
      /"timestamp"\s*:\s*"\d{4}-\d\d-\d\dT/.test(sample) &&
      /"(flow_id|src_ip|stats)"\s*:/.test(sample)
      ? 0.95
      : 0;
  },
  translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
    return [translateEve(record.text)];
  },
};
