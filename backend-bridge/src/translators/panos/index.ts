/**
 * Palo Alto Networks PAN-OS firewall logs (source type `panos`): the CSV payload PAN-OS sends to a
 * syslog server (BSD or IETF format; TRAFFIC, THREAT incl. URL filtering, CONFIG, SYSTEM; other
 * types kept as generic events), inside syslog, after a bare `<PRI>`, or as lines of a file. See README.md.
 */
import { isIP } from 'node:net';
import { shareOfLines } from '../../translate/detect';
import { zonedToUtc } from '../../translate/time';
import {
  ParseError,
  type Format,
  type KansaEvent,
  type SyslogMessage,
  type SyslogProgram,
  type TranslateContext,
} from '../../translate/types';
import { applyRules } from '../_lib/rules';
import { COLUMNS, named, splitPanosCsv } from './columns';
import { panosRules, type PanLog } from './rules';

/** FUTURE_USE (any number, often 1), Receive Time, Serial Number, Type: the start of every payload. */
const PAYLOAD = /^(?:<\d{1,3}>)?\d*,\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d,[0-9A-Za-z]*,[A-Z]+,/;

function detectLine(line: string): boolean {
  return PAYLOAD.test(line);
}

/** "2026/10/01 09:00:31" in the firewall's clock (no zone in the payload) → ISO UTC. */
function timeOf(text: string | undefined, ctx: TranslateContext): string | undefined {
  const m = /^(\d{4})\/(\d\d)\/(\d\d) (\d\d):(\d\d):(\d\d)$/.exec(text ?? '');
  if (!m || +m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > 31 || +m[4] > 23 || +m[5] > 59 || +m[6] > 60)
    return undefined;
  return zonedToUtc(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6], 0, ctx.timeZone).toISOString();
}

/** `example\tanaka` → tanaka (domain example); `tanaka@example.co.jp` → tanaka (domain example.co.jp). */
function splitUser(raw: string | undefined): { name?: string; domain?: string } {
  if (!raw) return {};
  const bs = raw.indexOf('\\');
  if (bs !== -1) return { name: raw.slice(bs + 1) || undefined, domain: raw.slice(0, bs) || undefined };
  const at = raw.indexOf('@');
  if (at > 0) return { name: raw.slice(0, at), domain: raw.slice(at + 1) || undefined };
  return { name: raw };
}

function port(s: string | undefined): number | undefined {
  if (!s || !/^\d{1,5}$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 && n <= 65535 ? n : undefined;
}

function endpoint(ip: string | undefined, p: number | undefined, proto: string | undefined): string {
  const host = ip ?? '?';
  const withPort = p !== undefined ? `${host.includes(':') ? `[${host}]` : host}:${p}` : host;
  return proto ? `${withPort}/${proto}` : withPort;
}

/** A payload's columns by name and the words its rule reads; `host` is the syslog header's host. */
function read(payload: string, host?: string) {
  const values = splitPanosCsv(payload);
  const type = values[3];
  // A type without a column list (GLOBALPROTECT, USERID, …) keeps the columns every payload starts with.
  const f: Record<string, string> = COLUMNS[type] ? named(type, values) : named('COMMON', values);
  const device = f.device_name ?? host ?? f.serial ?? 'PAN-OS';
  const user = splitUser(f.srcuser);
  const src = f.src && isIP(f.src) ? f.src : undefined;
  const dst = f.dst && isIP(f.dst) ? f.dst : undefined;
  const dport = port(f.dport);
  const log: PanLog = {
    f,
    device,
    ...(user.name ? { user: user.name } : {}),
    src: endpoint(src ?? f.src, undefined, undefined),
    dst: endpoint(dst ?? f.dst, dport, f.proto?.toLowerCase()),
  };
  return { type, f, log, user, src, dst, dport };
}

export const RULES = panosRules((sample) => read(sample, 'fw').log);

/** Translates one payload; `host` is the syslog header's host when there was one. */
export function translatePanos(line: string, ctx: TranslateContext, host?: string): KansaEvent {
  const payload = line.replace(/^<\d{1,3}>/, '');
  if (!detectLine(payload))
    throw new ParseError(
      'expected a PAN-OS payload: FUTURE_USE,Receive Time (YYYY/MM/DD hh:mm:ss),Serial Number,Type,…',
    );
  const { type, f, log, user, src, dst, dport } = read(payload, host);
  const ts = timeOf(f.time_generated, ctx) ?? timeOf(f.receive_time, ctx);
  if (!ts)
    throw new ParseError(
      `expected Generated Time such as 2026/10/01 09:00:31 in the PAN-OS ${type} log, found ${JSON.stringify(f.time_generated ?? null)}`,
    );
  const sport = port(f.sport);

  const ev: KansaEvent = {
    '@timestamp': ts,
    'event.kind': 'event',
    'event.module': 'panw',
    'event.dataset': `panw.panos.${type.toLowerCase()}`,
    'kansa.source_type': 'panos',
    'observer.vendor': 'Palo Alto Networks',
    'observer.product': 'PAN-OS',
    'observer.type': 'firewall',
    'observer.name': log.device,
    'event.code': f.subtype ? `${type}/${f.subtype}` : type,
  };
  if (f.seqno) ev['event.id'] = `${f.serial ?? ''}-${f.seqno}`;
  if (src) ev['source.ip'] = src;
  if (dst) ev['destination.ip'] = dst;
  if (sport !== undefined) ev['source.port'] = sport;
  if (dport !== undefined) ev['destination.port'] = dport;
  if (user.name) ev['user.name'] = user.name;
  if (user.domain) ev['user.domain'] = user.domain;
  const dstUser = splitUser(f.dstuser);
  if (dstUser.name) ev['user.target.name'] = dstUser.name;
  ev['kansa.raw'] = f;
  // Every payload that passed detectLine has a key, and every key has a rule.
  const built = applyRules(RULES, payload, log)!.result;
  Object.assign(ev, built.fields);
  ev['kansa.message.ja'] = built.ja;
  ev['kansa.message.en'] = built.en;
  return ev;
}

export const panosFormat: Format = {
  id: 'panos',
  framing: 'lines',
  detect(sample: string): number {
    return shareOfLines(sample, detectLine, 0.95);
  },
  translate(record, ctx) {
    return [translatePanos(record.text, ctx)];
  },
};

export const panosSyslog: SyslogProgram = {
  id: 'panos',
  matches(msg: SyslogMessage): boolean {
    return detectLine(msg.message);
  },
  translate(msg: SyslogMessage, ctx: TranslateContext): KansaEvent {
    return translatePanos(msg.message, ctx, msg.host);
  },
};
