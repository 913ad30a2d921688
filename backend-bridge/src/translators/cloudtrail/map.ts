import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { isIp } from '../_lib/network';
import { kebab } from '../_lib/wording';
import { obj, str, type Json } from '../_lib/json';
import { setWho, whoOf } from './identity';

/** The ECS type an API name implies, by its verb. */
function typeOf(eventName: string): string {
  if (/^(Get|List|Describe|Head|Lookup|Search|Select|Scan|Query|BatchGet|Download)/.test(eventName)) return 'access';
  if (/^(Create|Run|Register|Import|Allocate|Copy|Upload)/.test(eventName)) return 'creation';
  if (/^(Delete|Terminate|Remove|Deregister|Release|Purge)/.test(eventName)) return 'deletion';
  return 'change';
}

function categoryOf(source: string, eventName: string): string[] {
  if (
    source === 'signin.amazonaws.com' ||
    (source === 'sts.amazonaws.com' && /^(AssumeRole|GetSessionToken|GetFederationToken)/.test(eventName))
  )
    return ['authentication'];
  if (source === 'iam.amazonaws.com' || source === 'sso.amazonaws.com' || source === 'identitystore.amazonaws.com')
    return ['iam'];
  if (source === 's3.amazonaws.com' && /Object/.test(eventName)) return ['file'];
  if (source === 'ec2.amazonaws.com' && /SecurityGroup|NetworkAcl|Route|Vpc/.test(eventName))
    return ['network', 'configuration'];
  return ['configuration'];
}

/** S3 object events: what a person did to the object, in the words of the file translators. */
const S3_OBJECT: Record<string, { op: string; ja: string; en: string }> = {
  GetObject: { op: 'read', ja: 'をダウンロードしました', en: 'downloaded' },
  PutObject: { op: 'write', ja: 'をアップロードしました', en: 'uploaded' },
  CopyObject: { op: 'write', ja: 'へコピーしました', en: 'copied to' },
  DeleteObject: { op: 'delete', ja: 'を削除しました', en: 'deleted' },
  CompleteMultipartUpload: { op: 'write', ja: 'をアップロードしました', en: 'uploaded' },
};

function timeOf(v: unknown): string {
  const t = str(v);
  const ms = t ? Date.parse(t) : NaN;
  if (!t || !/^\d{4}-\d\d-\d\dT/.test(t) || Number.isNaN(ms))
    throw new ParseError(`expected eventTime such as 2026-10-01T00:00:01Z, found ${JSON.stringify(v ?? null)}`);
  return new Date(ms).toISOString();
}

/** Maps one CloudTrail record. */
export function mapRecord(r: Json): KansaEvent {
  const eventName = str(r.eventName);
  const source = str(r.eventSource);
  if (!eventName || !source) throw new ParseError('expected a CloudTrail record with eventName and eventSource');
  const who = whoOf(obj(r.userIdentity));
  const region = str(r.awsRegion);
  const account = str(r.recipientAccountId) ?? who.account;
  const ip = str(r.sourceIPAddress);
  const errorCode = str(r.errorCode);
  const errorMessage = str(r.errorMessage);
  const req = obj(r.requestParameters) ?? {};
  const resp = obj(r.responseElements) ?? {};
  const extra = obj(r.additionalEventData) ?? {};

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
  const subj = actor ? `${actor} が ` : 'AWS で ';
  const whoEn = actor ?? 'Someone';
  const shownFrom = ip && ip !== actor ? ip : undefined;
  const from = shownFrom ? `${shownFrom} から ` : '';
  const fromEn = shownFrom ? ` from ${shownFrom}` : '';
  const where = [account ? `アカウント ${account}` : '', region ?? ''].filter(Boolean).join('、');
  const whereEn = [account ? `account ${account}` : '', region ?? ''].filter(Boolean).join(', ');

  if (eventName === 'ConsoleLogin') {
    const failed = str(resp.ConsoleLogin) === 'Failure' || !!errorMessage;
    ev['event.category'] = ['authentication'];
    ev['event.type'] = ['start'];
    ev['event.action'] = failed ? 'logon-failed' : 'logged-in';
    ev['event.outcome'] = failed ? 'failure' : 'success';
    if (failed && errorMessage) ev['event.reason'] = errorMessage;
    const mfa = str(extra.MFAUsed);
    if (mfa) raw.MFAUsed = mfa;
    const mfaJa = mfa === 'Yes' ? '、MFA あり' : mfa === 'No' ? '、MFA なし' : '';
    const mfaEn = mfa === 'Yes' ? ', with MFA' : mfa === 'No' ? ', without MFA' : '';
    ev['kansa.message.ja'] =
      `${subj}${from}AWS マネジメントコンソールへのサインインに${failed ? '失敗しました' : '成功しました'}(${where}${mfaJa}${failed && errorMessage ? `、${errorMessage}` : ''})`;
    ev['kansa.message.en'] =
      `${whoEn} ${failed ? 'failed to sign in' : 'signed in'} to the AWS console${fromEn} (${whereEn}${mfaEn}${failed && errorMessage ? `, ${errorMessage}` : ''})`;
    return ev;
  }

  const failed = !!errorCode;
  const category = categoryOf(source, eventName);
  const type = category[0] === 'authentication' ? 'start' : typeOf(eventName);
  ev['event.category'] = category;
  ev['event.type'] = failed && /AccessDenied|Unauthorized/.test(errorCode) ? [type, 'denied'] : [type];
  ev['event.action'] = kebab(eventName);
  ev['event.outcome'] = failed ? 'failure' : 'success';
  const failJa = failed ? `(失敗: ${errorCode})` : '';
  const failEn = failed ? ` (failed: ${errorCode})` : '';

  const s3 = S3_OBJECT[eventName];
  const bucket = str(req.bucketName);
  const key = str(req.key);
  if (source === 's3.amazonaws.com' && s3 && bucket && key) {
    const path = `s3://${bucket}/${key}`;
    ev['file.path'] = path;
    const name = key.slice(key.lastIndexOf('/') + 1);
    if (name) ev['file.name'] = name;
    ev['file.directory'] = `s3://${bucket}/${key.slice(0, Math.max(0, key.lastIndexOf('/')))}`.replace(/\/$/, '');
    const dot = name.lastIndexOf('.');
    if (dot > 0) ev['file.extension'] = name.slice(dot + 1).toLowerCase();
    ev['kansa.access.operation'] = s3.op;
    const bytes = Number(extra.bytesTransferredOut ?? extra.bytesTransferredIn);
    if (Number.isFinite(bytes) && bytes > 0) ev['file.size'] = bytes;
    ev['kansa.message.ja'] = failed
      ? `${subj}${from}${path} ${s3.ja.replace(/ました$/, 'ようとして失敗しました')}(${errorCode})`
      : `${subj}${from}${path} ${s3.ja}(${where})`;
    ev['kansa.message.en'] =
      `${whoEn} ${failed ? `failed to ${eventName === 'GetObject' ? 'download' : eventName === 'DeleteObject' ? 'delete' : 'upload'}` : s3.en} ${path}${fromEn}${failed ? ` (${errorCode})` : ` (${whereEn})`}`;
    return ev;
  }

  const target =
    str(req.userName) ??
    str(req.roleName) ??
    str(req.groupName) ??
    str(req.bucketName) ??
    str(req.policyArn) ??
    str(req.groupId) ??
    str(req.roleArn);
  if (target && source === 'iam.amazonaws.com' && str(req.userName)) ev['user.target.name'] = str(req.userName)!;
  const on = target ? `(対象 ${target})` : '';
  ev['kansa.message.ja'] =
    `${subj}${from}${source} の ${eventName} を${failed ? '実行しようとして失敗しました' : '実行しました'}${on}${failJa}`;
  ev['kansa.message.en'] =
    `${whoEn} called ${eventName} on ${source}${target ? ` for ${target}` : ''}${fromEn}${failEn}`;
  return ev;
}
