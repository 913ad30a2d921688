/** One unified audit log record: the common schema's fields, then the rule of the record's form. */
import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { obj, str, type Json } from '../_lib/json';
import { isIp } from '../_lib/network';
import { applyRules, assignFields } from '../_lib/rules';
import { OPERATIONS } from './operations';
import { keyOf, m365Rules, type Record365 } from './rules';

/** "203.0.113.5:51234", "[2001:db8::5]:443", "2001:db8::5" → the address. */
export function ipOf(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const bracket = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(v);
  if (bracket) return isIp(bracket[1]) ? bracket[1] : undefined;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?$/.exec(v);
  if (v4) return isIp(v4[1]) ? v4[1] : undefined;
  return isIp(v) ? v : undefined;
}

/** CreationTime is UTC without a zone (`2026-10-01T00:00:01`); the Purview CSV adds `.0000000Z`. */
function timeOf(v: unknown): string {
  const t = str(v);
  const m = t && /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z)?$/.exec(t);
  if (!m) throw new ParseError(`expected CreationTime such as 2026-10-01T00:00:01, found ${JSON.stringify(v ?? null)}`);
  return new Date(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`).toISOString();
}

/** `Name`/`Value` lists (ExtendedProperties, OperationProperties, ModifiedProperties) as a map. */
function props(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v))
    for (const p of v) {
      const o = obj(p);
      const name = o && str(o.Name);
      const value = o && (str(o.Value) ?? str(o.NewValue));
      if (name && value !== undefined) out[name] = value;
    }
  return out;
}

function setPerson(ev: KansaEvent, upn: string | undefined): string | undefined {
  if (!upn) return undefined;
  if (upn.includes('@')) {
    ev['user.email'] = upn;
    ev['user.name'] = upn.slice(0, upn.indexOf('@'));
    ev['user.domain'] = upn.slice(upn.indexOf('@') + 1);
  } else ev['user.name'] = upn;
  return ev['user.name'] as string;
}

/** The common schema's fields and the record its rule reads. */
function read(r: Json): { ev: KansaEvent; record: Record365 } {
  const operation = str(r.Operation);
  if (!operation) throw new ParseError('expected a unified audit log record with an Operation');
  const workload = str(r.Workload) ?? 'Microsoft365';
  const rule = OPERATIONS[operation];
  const ev: KansaEvent = {
    '@timestamp': timeOf(r.CreationTime),
    'event.kind': 'event',
    'event.module': 'm365',
    'event.dataset': `m365.${workload.toLowerCase()}`,
    'event.provider': workload,
    'event.code': operation,
    'kansa.source_type': 'm365-audit',
    'observer.vendor': 'Microsoft',
    'observer.product': 'Microsoft 365',
  };
  const id = str(r.Id);
  if (id) ev['event.id'] = id;
  const who = setPerson(ev, str(r.UserId) ?? str(r.MailboxOwnerUPN));
  const ip = ipOf(str(r.ClientIP) ?? str(r.ClientIPAddress) ?? str(r.ActorIpAddress));
  if (ip) ev['source.ip'] = ip;
  const ext = props(r.ExtendedProperties);
  const opProps = props(r.OperationProperties);
  const ua = str(r.UserAgent) ?? ext.UserAgent ?? str(r.ClientInfoString);
  if (ua) ev['user_agent.original'] = ua;
  const status = str(r.ResultStatus);
  const failed = status !== undefined && /^(Failed|Failure|False)$/i.test(status);
  ev['event.outcome'] =
    status === undefined ? 'unknown' : failed || operation === 'UserLoginFailed' ? 'failure' : 'success';
  const raw: Record<string, string> = {};
  for (const k of [
    'RecordType',
    'Workload',
    'ResultStatus',
    'UserType',
    'OrganizationId',
    'ApplicationDisplayName',
    'DeviceDisplayName',
    'Platform',
    'GeoLocation',
    'IsManagedDevice',
    'LogonType',
    'ApplicationId',
    'TeamName',
    'ObjectId',
    'CorrelationId',
  ]) {
    const s = str(r[k]);
    if (s !== undefined) raw[k] = s;
  }
  ev['kansa.raw'] = raw;
  const record: Record365 = {
    r,
    operation,
    workload,
    rule,
    raw,
    opProps,
    failed,
    subj: who ? `${who} が ` : 'Microsoft 365 で ',
    whoEn: who ?? 'Someone',
    fromJa: ip ? `${ip} から ` : '',
    fromEn: ip ? ` from ${ip}` : '',
  };
  return { ev, record };
}

function parse(text: string, what: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`expected ${what} in JSON: ${(e as Error).message}`);
  }
  const o = obj(parsed);
  if (!o) throw new ParseError(`expected ${what} as a JSON object`);
  return o;
}

export const RULES = m365Rules((sample) => read(parse(sample, 'a unified audit log record')).record);

/** Maps one unified audit log record's JSON text (`what` names it in a ParseError). */
export function mapM365(text: string, what: string): KansaEvent {
  const r = parse(text, what);
  const { ev, record } = read(r);
  // Every record with an Operation has a form, and every form a rule.
  const { fields, ja, en } = applyRules(RULES, text, record, keyOf(r))!.result;
  assignFields(ev, fields);
  ev['kansa.message.ja'] = ja;
  ev['kansa.message.en'] = en;
  return ev;
}
