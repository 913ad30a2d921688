/** One CloudTrail record: its text parsed, the fields every record has, and the call its rule reads. */
import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { isIp } from '../_lib/network';
import { obj, str, type Json } from '../_lib/json';
import { applyRules, assignFields } from '../_lib/rules';
import { setWho, whoOf } from './identity';
import { cloudtrailRules, keyOf, type Call } from './rules';

function parse(text: string): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`expected a CloudTrail record in JSON: ${(e as Error).message}`);
  }
  const o = obj(parsed);
  if (!o) throw new ParseError('expected a CloudTrail record object');
  return o;
}

function timeOf(v: unknown): string {
  const t = str(v);
  const ms = t ? Date.parse(t) : NaN;
  if (!t || !/^\d{4}-\d\d-\d\dT/.test(t) || Number.isNaN(ms))
    throw new ParseError(`expected eventTime such as 2026-10-01T00:00:01Z, found ${JSON.stringify(v ?? null)}`);
  return new Date(ms).toISOString();
}

/** The fields every record has and the call its rule reads. */
function read(r: Json): { ev: KansaEvent; call: Call } {
  const eventName = str(r.eventName);
  const source = str(r.eventSource);
  if (!eventName || !source) throw new ParseError('expected a CloudTrail record with eventName and eventSource');
  const who = whoOf(obj(r.userIdentity));
  const region = str(r.awsRegion);
  const account = str(r.recipientAccountId) ?? who.account;
  const ip = str(r.sourceIPAddress);
  const errorCode = str(r.errorCode);
  const errorMessage = str(r.errorMessage);

  const ev: KansaEvent = {
    '@timestamp': timeOf(r.eventTime),
    'event.kind': 'event',
    'event.module': 'aws',
    'event.dataset': 'aws.cloudtrail',
    'event.provider': source,
    'event.code': eventName,
    'kansa.source_type': 'cloudtrail',
    'observer.vendor': 'AWS',
    'observer.product': 'CloudTrail',
  };
  const id = str(r.eventID);
  if (id) ev['event.id'] = id;
  setWho(ev, who);
  if (ip && isIp(ip)) ev['source.ip'] = ip;
  else if (ip) ev['source.domain'] = ip; // a service calling on someone's behalf: "s3.amazonaws.com", "AWS Internal"
  const ua = str(r.userAgent);
  if (ua) ev['user_agent.original'] = ua;
  if (errorCode) ev['error.code'] = errorCode;
  if (errorMessage) ev['error.message'] = errorMessage;
  const raw: Record<string, string> = {};
  for (const [k, v] of [
    ['eventType', r.eventType],
    ['eventCategory', r.eventCategory],
    ['awsRegion', region],
    ['recipientAccountId', account],
    ['userIdentityType', who.type],
    ['arn', who.arn],
    ['role', who.role],
    ['readOnly', r.readOnly],
    ['requestID', r.requestID],
    ['accessKeyId', obj(r.userIdentity)?.accessKeyId],
    ['invokedBy', obj(r.userIdentity)?.invokedBy],
    ['vpcEndpointId', r.vpcEndpointId],
  ] as Array<[string, unknown]>) {
    const s = str(v);
    if (s !== undefined) raw[k] = s;
  }
  ev['kansa.raw'] = raw;

  const actor = who.name ?? (who.type === 'AWSService' ? str(obj(r.userIdentity)?.invokedBy) : undefined);
  const shownFrom = ip && ip !== actor ? ip : undefined;
  const call: Call = {
    source,
    eventName,
    req: obj(r.requestParameters) ?? {},
    resp: obj(r.responseElements) ?? {},
    extra: obj(r.additionalEventData) ?? {},
    errorCode,
    errorMessage,
    raw,
    subj: actor ? `${actor} が ` : 'AWS で ',
    whoEn: actor ?? 'Someone',
    from: shownFrom ? `${shownFrom} から ` : '',
    fromEn: shownFrom ? ` from ${shownFrom}` : '',
    where: [account ? `アカウント ${account}` : '', region ?? ''].filter(Boolean).join('、'),
    whereEn: [account ? `account ${account}` : '', region ?? ''].filter(Boolean).join(', '),
  };
  return { ev, call };
}

export const RULES = cloudtrailRules((sample) => read(parse(sample)).call);

/** Translates one CloudTrail record's text. */
export function mapRecord(text: string): KansaEvent {
  const r = parse(text);
  const { ev, call } = read(r);
  // Every record with an eventName and eventSource has a key, and every key has a rule.
  const { fields, ja, en } = applyRules(RULES, text, call, keyOf(r))!.result;
  assignFields(ev, fields);
  ev['kansa.message.ja'] = ja;
  ev['kansa.message.en'] = en;
  return ev;
}
