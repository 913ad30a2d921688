/**
 * The CloudTrail message rule table: one rule per form of record (a console sign-in, an S3 object read or
 * written with its bucket and key, any other API call; the calls share one build, their type and category
 * taken from the verb and service by the word tables here). A rule's sample is a record as CloudTrail
 * writes it in a delivered file; the key is the form, read from eventName and eventSource.
 */
import type { KansaEvent } from '../../translate/types';
import { obj, str, type Json } from '../_lib/json';
import { jsonKeyOf } from '../_lib/json-key';
import { ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { kebab } from '../_lib/wording';

/** One record, read: what every rule needs to build its fields and sentence. */
export interface Call {
  source: string;
  eventName: string;
  req: Json;
  resp: Json;
  extra: Json;
  errorCode?: string;
  errorMessage?: string;
  /** kansa.raw as the translator filled it; a rule adds to a copy. */
  raw: Record<string, string>;
  /** `tanaka が ` / `AWS で `, and `tanaka` / `Someone`. */
  subj: string;
  whoEn: string;
  /** `203.0.113.24 から ` and ` from 203.0.113.24`, empty when the address is the actor itself. */
  from: string;
  fromEn: string;
  /** Account and region: `アカウント 111122223333、ap-northeast-1`. */
  where: string;
  whereEn: string;
}

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

/** The form of a record: a console sign-in, an S3 object event that names its object, or another call. */
export function keyOf(r: Json): string | undefined {
  const eventName = str(r.eventName);
  const source = str(r.eventSource);
  if (!eventName || !source) return undefined;
  if (eventName === 'ConsoleLogin') return 'console-login';
  const req = obj(r.requestParameters);
  return source === 's3.amazonaws.com' && S3_OBJECT[eventName] && str(req?.bucketName) && str(req?.key)
    ? 's3-object'
    : 'api-call';
}

/** The fields every API call has: category and type by service and verb, denied for an access refusal. */
function callFields(c: Call): KansaEvent {
  const failed = !!c.errorCode;
  const category = categoryOf(c.source, c.eventName);
  const type = category[0] === 'authentication' ? 'start' : typeOf(c.eventName);
  return {
    'event.category': category,
    'event.type': failed && /AccessDenied|Unauthorized/.test(c.errorCode!) ? [type, 'denied'] : [type],
    'event.action': kebab(c.eventName),
    'event.outcome': failed ? 'failure' : 'success',
  };
}

const SAMPLE_LOGIN =
  '{"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROA3XFRBF535PLBIFPI4:tanaka@example.co.jp","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_PowerUser_5f1a2b3c4d5e6f70/tanaka@example.co.jp","accountId":"111122223333","accessKeyId":"ASIA3XFRBF53EXAMPLE1","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA3XFRBF535PLBIFPI4","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_PowerUser_5f1a2b3c4d5e6f70","accountId":"111122223333","userName":"AWSReservedSSO_PowerUser_5f1a2b3c4d5e6f70"},"attributes":{"creationDate":"2026-10-01T00:01:10Z","mfaAuthenticated":"false"}}},"eventTime":"2026-10-01T00:01:12Z","eventSource":"signin.amazonaws.com","eventName":"ConsoleLogin","awsRegion":"ap-northeast-1","sourceIPAddress":"203.0.113.24","userAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36","requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"LoginTo":"https://ap-northeast-1.console.aws.amazon.com/console/home","MobileVersion":"No","MFAUsed":"Yes"},"readOnly":false,"eventType":"AwsConsoleSignIn","managementEvent":true,"eventCategory":"Management","tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"signin.aws.amazon.com"},"eventID":"7e1c0001-5a2b-4c3d-9e8f-0a1b2c3d4e5f","requestID":"REQ000001EXAMPLE","recipientAccountId":"111122223333"}';
const SAMPLE_S3 =
  '{"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROA3XFRBF535PLBIFPI4:tanaka@example.co.jp","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_PowerUser_5f1a2b3c4d5e6f70/tanaka@example.co.jp","accountId":"111122223333","accessKeyId":"ASIA3XFRBF53EXAMPLE1","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA3XFRBF535PLBIFPI4","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_PowerUser_5f1a2b3c4d5e6f70","accountId":"111122223333","userName":"AWSReservedSSO_PowerUser_5f1a2b3c4d5e6f70"},"attributes":{"creationDate":"2026-10-01T00:01:10Z","mfaAuthenticated":"false"}}},"eventTime":"2026-10-01T00:05:03Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","sourceIPAddress":"203.0.113.24","userAgent":"[aws-cli/2.17.50 md/awscrt#0.21.2 ua/2.0 os/windows#10 md/arch#amd64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/prompt#off md/command#s3.cp]","requestParameters":{"bucketName":"corp-sales-share","Host":"corp-sales-share.s3.ap-northeast-1.amazonaws.com","key":"reports/2026Q3/customer-list.xlsx"},"responseElements":null,"additionalEventData":{"SignatureVersion":"SigV4","CipherSuite":"TLS_AES_128_GCM_SHA256","bytesTransferredIn":0,"AuthenticationMethod":"AuthHeader","x-amz-id-2":"Xb1EXAMPLEid2","bytesTransferredOut":2457600},"resources":[{"type":"AWS::S3::Object","ARN":"arn:aws:s3:::corp-sales-share/reports/2026Q3/customer-list.xlsx"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::corp-sales-share"}],"readOnly":true,"eventType":"AwsApiCall","managementEvent":false,"eventCategory":"Data","eventID":"7e1c0003-5a2b-4c3d-9e8f-0a1b2c3d4e5f","requestID":"REQ000003EXAMPLE","recipientAccountId":"111122223333","awsRegion":"ap-northeast-1"}';
const SAMPLE_CALL =
  '{"eventVersion":"1.10","userIdentity":{"type":"AssumedRole","principalId":"AROA3XFRBF535PLBIFPI4:sato@example.co.jp","arn":"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_AdministratorAccess_0a9b8c7d6e5f4a3b/sato@example.co.jp","accountId":"111122223333","accessKeyId":"ASIA3XFRBF53EXAMPLE1","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA3XFRBF535PLBIFPI4","arn":"arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_AdministratorAccess_0a9b8c7d6e5f4a3b","accountId":"111122223333","userName":"AWSReservedSSO_AdministratorAccess_0a9b8c7d6e5f4a3b"},"attributes":{"creationDate":"2026-10-01T00:01:10Z","mfaAuthenticated":"false"}}},"eventTime":"2026-10-01T01:00:21Z","eventSource":"iam.amazonaws.com","eventName":"CreateUser","awsRegion":"us-east-1","sourceIPAddress":"203.0.113.51","userAgent":"AWS Internal","requestParameters":{"userName":"ext-contractor01"},"responseElements":{"user":{"path":"/","userName":"ext-contractor01","userId":"AIDA3XFRBF53EXAMPLE5","arn":"arn:aws:iam::111122223333:user/ext-contractor01","createDate":"Oct 1, 2026 1:00:21 AM"}},"readOnly":false,"eventType":"AwsApiCall","managementEvent":true,"eventCategory":"Management","eventID":"7e1c0006-5a2b-4c3d-9e8f-0a1b2c3d4e5f","requestID":"REQ000006EXAMPLE","recipientAccountId":"111122223333"}';

type Rule = MessageRule<Call>;

const consoleLogin: Rule = {
  id: 'console-login',
  sample: SAMPLE_LOGIN,
  match: { key: 'console-login' },
  build(_g, c): RuleResult {
    const failed = str(c.resp.ConsoleLogin) === 'Failure' || !!c.errorMessage;
    const fields: KansaEvent = {
      'event.category': ['authentication'],
      'event.type': ['start'],
      'event.action': failed ? 'logon-failed' : 'logged-in',
      'event.outcome': failed ? 'failure' : 'success',
    };
    if (failed && c.errorMessage) fields['event.reason'] = c.errorMessage;
    const mfa = str(c.extra.MFAUsed);
    if (mfa) fields['kansa.raw'] = { ...c.raw, MFAUsed: mfa };
    const mfaJa = mfa === 'Yes' ? '、MFA あり' : mfa === 'No' ? '、MFA なし' : '';
    const mfaEn = mfa === 'Yes' ? ', with MFA' : mfa === 'No' ? ', without MFA' : '';
    return {
      fields,
      ja: `${c.subj}${c.from}AWS マネジメントコンソールへのサインインに${failed ? '失敗しました' : '成功しました'}(${c.where}${mfaJa}${failed && c.errorMessage ? `、${c.errorMessage}` : ''})`,
      en: `${c.whoEn} ${failed ? 'failed to sign in' : 'signed in'} to the AWS console${c.fromEn} (${c.whereEn}${mfaEn}${failed && c.errorMessage ? `, ${c.errorMessage}` : ''})`,
    };
  },
};

const s3Object: Rule = {
  id: 's3-object',
  sample: SAMPLE_S3,
  match: { key: 's3-object' },
  build(_g, c): RuleResult {
    const s3 = S3_OBJECT[c.eventName];
    const bucket = str(c.req.bucketName)!;
    const key = str(c.req.key)!;
    const failed = !!c.errorCode;
    const fields = callFields(c);
    const path = `s3://${bucket}/${key}`;
    fields['file.path'] = path;
    const name = key.slice(key.lastIndexOf('/') + 1);
    if (name) fields['file.name'] = name;
    fields['file.directory'] = `s3://${bucket}/${key.slice(0, Math.max(0, key.lastIndexOf('/')))}`.replace(/\/$/, '');
    const dot = name.lastIndexOf('.');
    if (dot > 0) fields['file.extension'] = name.slice(dot + 1).toLowerCase();
    fields['kansa.access.operation'] = s3.op;
    const bytes = Number(c.extra.bytesTransferredOut ?? c.extra.bytesTransferredIn);
    if (Number.isFinite(bytes) && bytes > 0) fields['file.size'] = bytes;
    const failedEn = c.eventName === 'GetObject' ? 'download' : c.eventName === 'DeleteObject' ? 'delete' : 'upload';
    return {
      fields,
      ja: failed
        ? `${c.subj}${c.from}${path} ${s3.ja.replace(/ました$/, 'ようとして失敗しました')}(${c.errorCode})`
        : `${c.subj}${c.from}${path} ${s3.ja}(${c.where})`,
      en: `${c.whoEn} ${failed ? `failed to ${failedEn}` : s3.en} ${path}${c.fromEn}${failed ? ` (${c.errorCode})` : ` (${c.whereEn})`}`,
    };
  },
};

const apiCall: Rule = {
  id: 'api-call',
  sample: SAMPLE_CALL,
  match: { key: 'api-call' },
  build(_g, c): RuleResult {
    const failed = !!c.errorCode;
    const fields = callFields(c);
    const req = c.req;
    const target =
      str(req.userName) ??
      str(req.roleName) ??
      str(req.groupName) ??
      str(req.bucketName) ??
      str(req.policyArn) ??
      str(req.groupId) ??
      str(req.roleArn);
    if (target && c.source === 'iam.amazonaws.com' && str(req.userName))
      fields['user.target.name'] = str(req.userName)!;
    return {
      fields,
      ja: `${c.subj}${c.from}${c.source} の ${c.eventName} を${failed ? '実行しようとして失敗しました' : '実行しました'}${target ? `(対象 ${target})` : ''}${failed ? `(失敗: ${c.errorCode})` : ''}`,
      en: `${c.whoEn} called ${c.eventName} on ${c.source}${target ? ` for ${target}` : ''}${c.fromEn}${failed ? ` (failed: ${c.errorCode})` : ''}`,
    };
  },
};

/** Reads a sample the way the translator reads a record, for the rule-table test. */
export type Reader = (text: string) => Call;

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function cloudtrailRules(read: Reader) {
  return ruleTable<Call>(
    'cloudtrail',
    read(SAMPLE_CALL),
    [consoleLogin, s3Object, apiCall].map((r) => ({ ...r, sampleContext: read(r.sample) })),
    jsonKeyOf(keyOf),
  );
}
