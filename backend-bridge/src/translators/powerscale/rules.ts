/**
 * The OneFS audit message rule table: one rule per protocol eventType (create, close, delete, rename,
 * get_security, set_security, read, write; a create split by its createResult) and one per config audit
 * record (request, response, text). A rule's sample is a real record's JSON as `isi_audit_viewer` prints it;
 * the table's key is the record's eventType, or the config form for records without one.
 */
import type { KansaEvent } from '../../translate/types';
import { str, type Json } from '../_lib/json';
import { ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { kebab, paren } from '../_lib/wording';
import { setFile } from '../_lib/windows/text';
import { numberOf, operationOf, rightsOf, type Operation, type Status } from './access';

/** One record, read: what every rule needs to build its event and sentence. */
export interface Record_ {
  /** The protocol payload or the config payload (a text payload is `{ text }`). */
  p: Json;
  /** The cluster as the syslog header names it, else "PowerScale". */
  host: string;
  status: Status;
  actor: { ja: string; en: string };
  path?: string;
  /** Zone, protocol, client address: the parenthesised details of the sentence. */
  details: { ja: string[]; en: string[] };
}

/** eventType values are written lower case (`get_security`); a dash or upper case is read the same. */
export function eventTypeOf(text: string): string | undefined {
  const m = /"eventType"\s*:\s*"([^"]*)"/.exec(text);
  return m ? m[1].toLowerCase().replace(/-/g, '_') : undefined;
}

/** The key of a record's text: its eventType, else the form of a config audit record. */
function keyOf(text: string): string | undefined {
  const type = eventTypeOf(text);
  if (type === 'create') {
    // A create is keyed by what it did: made the file, replaced it, or opened what was there (the rest).
    const result = /"createResult"\s*:\s*"([^"]*)"/.exec(text)?.[1].toUpperCase();
    return result === 'CREATED'
      ? 'create:created'
      : result === 'OVERWRITTEN' || result === 'SUPERSEDED'
        ? 'create:overwritten'
        : 'create:opened';
  }
  if (type !== undefined) return type;
  if (/"uri"\s*:/.test(text) && /"method"\s*:/.test(text)) return 'config-request';
  if (/"status"\s*:\s*\d/.test(text)) return 'config-response';
  if (/"payload"\s*:\s*"/.test(text)) return 'config-text';
  return undefined;
}

const ACCESS_WORDS: Record<Operation | 'create', [string, string]> = {
  read: ['読み取り', 'read'],
  write: ['書き込み', 'write'],
  append: ['追記', 'append'],
  create: ['作成', 'create'],
  delete: ['削除', 'delete'],
  'permission-change': ['アクセス許可の変更', 'permission change'],
  execute: ['実行', 'execute'],
  'read-attributes': ['属性の参照', 'attribute read'],
  'write-attributes': ['属性の変更', 'attribute change'],
  open: ['アクセスなし', 'no access'],
};

interface FileAct {
  action: string;
  op?: string;
  type: string;
  /** `を読み取りました` — follows the path. */
  ja: string;
  /** `read` — precedes the path. */
  en: string;
  /** `読み取り` — the access refused or failed, in `の読み取りを拒否されました`. */
  nounJa: string;
  /** `read` — in `was denied read access to`, `failed to read`. */
  nounEn: string;
  /** Extra details first in the parenthesis (what a handle was opened for, bytes moved). */
  extra?: { ja: string[]; en: string[] };
}

/** The event of a file operation, its failure (ntStatus ≠ 0) told apart from a refusal (access denied). */
function fileEvent(r: Record_, act: FileAct): RuleResult {
  const fields: KansaEvent = { 'event.category': ['file'] };
  if (act.op) fields['kansa.access.operation'] = act.op;
  const path = r.path ?? '(パス不明)';
  const pathEn = r.path ?? '(unknown path)';
  const where = `${r.host} 上の ${path}`;
  const whereEn = `${pathEn} on ${r.host}`;
  const extraJa = act.extra?.ja ?? [];
  const extraEn = act.extra?.en ?? [];
  if (r.status.ok) {
    fields['event.type'] = act.type === 'end' ? ['access', 'end'] : [act.type];
    fields['event.action'] = act.action;
    return {
      fields,
      ja: `${r.actor.ja} が ${where} ${act.ja}${paren([...extraJa, ...r.details.ja], 'ja')}`,
      en: `${r.actor.en} ${act.en} ${whereEn}${paren([...extraEn, ...r.details.en], 'en')}`,
    };
  }
  const why = r.status.name!;
  fields['event.type'] = r.status.denied ? [act.type === 'end' ? 'access' : act.type, 'denied'] : [act.type];
  fields['event.action'] = r.status.denied ? 'file-access-denied' : act.action;
  return r.status.denied
    ? {
        fields,
        ja: `${r.actor.ja} が ${where} の${act.nounJa}を拒否されました${paren([why, ...extraJa, ...r.details.ja], 'ja')}`,
        en: `${r.actor.en} was denied ${act.nounEn} access to ${whereEn}${paren([why, ...extraEn, ...r.details.en], 'en')}`,
      }
    : {
        fields,
        ja: `${r.actor.ja} が ${where} の${act.nounJa}に失敗しました${paren([why, ...extraJa, ...r.details.ja], 'ja')}`,
        en: `${r.actor.en} failed to ${act.nounEn} ${whereEn}${paren([why, ...extraEn, ...r.details.en], 'en')}`,
      };
}

/** A create that opened an existing file or directory: what the handle was asked for. */
function opened(r: Record_): RuleResult {
  const mask = numberOf(r.p.desiredAccess);
  const rights = mask === undefined ? [] : rightsOf(mask);
  const op = operationOf(rights);
  const [nounJa, nounEn] = ACCESS_WORDS[op];
  const result = fileEvent(r, {
    action: 'requested-file-access',
    op,
    type: 'access',
    ja: 'を開きました',
    en: 'opened',
    nounJa,
    nounEn,
    extra: { ja: [nounJa], en: [nounEn] },
  });
  if (rights.length > 0) result.fields['kansa.access.rights'] = rights;
  return result;
}

function bytesMoved(p: Json): { ja: string[]; en: string[] } {
  const read = numberOf(p.bytesRead);
  const written = numberOf(p.bytesWritten);
  return {
    ja: [read ? `読み取り ${read} バイト` : '', written ? `書き込み ${written} バイト` : ''],
    en: [read ? `${read} bytes read` : '', written ? `${written} bytes written` : ''],
  };
}

export interface Rule extends MessageRule<Record_> {
  sample: string;
}

/** Where the rule-table test reads a sample: the sample's own payload, as the translator reads it. */
export type Reader = (text: string) => Record_;

/** A protocol event of a type the table does not know: kept, searchable by its type and path. */
export function genericProtocol(r: Record_, eventType: string): RuleResult {
  const fields: KansaEvent = {
    'event.category': ['file'],
    'event.type': ['info'],
    'event.action': `powerscale-${kebab(eventType)}`,
  };
  const target = r.path ? `${r.host} 上の ${r.path} に対して` : `${r.host} で`;
  const targetEn = r.path ? ` on ${r.path} on ${r.host}` : ` on ${r.host}`;
  const why = r.status.ok ? [] : [r.status.name];
  return {
    fields,
    ja: `${r.actor.ja} が ${target} ${eventType} を${r.status.ok ? '実行しました' : '実行しようとして失敗しました'}${paren([...why, ...r.details.ja], 'ja')}`,
    en: `${r.actor.en} ${r.status.ok ? 'ran' : 'failed to run'} ${eventType}${targetEn}${paren([...why, ...r.details.en], 'en')}`,
  };
}

function configUri(p: Json): string {
  return str(p.uri) ?? '(URI なし)';
}

function bodyText(p: Json): string | undefined {
  const body = p.body;
  if (body === undefined || body === null || body === '') return undefined;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === '{}' ? undefined : text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const METHODS: Record<string, { action: string; type: string; ja: string; en: string }> = {
  POST: { action: 'created-config', type: 'creation', ja: 'を作成しました', en: 'created' },
  PUT: { action: 'changed-config', type: 'change', ja: 'を変更しました', en: 'changed' },
  PATCH: { action: 'changed-config', type: 'change', ja: 'を変更しました', en: 'changed' },
  DELETE: { action: 'deleted-config', type: 'deletion', ja: 'を削除しました', en: 'deleted' },
};

const SAMPLE_CLOSE =
  '{"id":"5c1a9f63-8f0b-11f1-9d0c-005056302134","timestamp":1790812808123456,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"close","isDirectory":false,"clientIPAddr":"10.0.1.23","userSID":"S-1-5-21-1004336348-1177238915-682003330-1107","userID":2001,"fileName":"\\\\ifs\\\\data\\\\share\\\\dev\\\\design.xlsx","ntStatus":0,"fsId":1,"inode":4295295746,"bytesRead":0,"bytesWritten":48213}}';

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function protocolRules(read: Reader) {
  const rule = (r: Omit<Rule, 'sampleContext'>): Rule => ({ ...r, sampleContext: read(r.sample) });
  return ruleTable<Record_, Rule>(
    'powerscale',
    read(SAMPLE_CLOSE),
    [
      rule({
        id: 'create-created',
        sample:
          '{"id":"5c1a9f60-8f0b-11f1-9d0c-005056302134","timestamp":1790812801104223,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"create","createResult":"CREATED","isDirectory":false,"desiredAccess":1180054,"clientIPAddr":"10.0.1.23","createDispo":2,"userSID":"S-1-5-21-1004336348-1177238915-682003330-1107","userID":2001,"fileName":"\\\\ifs\\\\data\\\\share\\\\dev\\\\design.xlsx","ntStatus":0,"fsId":1,"inode":4295295746}}',
        match: { key: 'create:created' },
        build(_g, r) {
          return fileEvent(r, {
            action: 'created-file',
            op: 'create',
            type: 'creation',
            ja: 'を作成しました',
            en: 'created',
            nounJa: '作成',
            nounEn: 'create',
          });
        },
      }),
      rule({
        id: 'create-overwritten',
        sample:
          '{"id":"5c1a9f61-8f0b-11f1-9d0c-005056302134","timestamp":1790812805221874,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"create","createResult":"OVERWRITTEN","isDirectory":false,"desiredAccess":1180054,"clientIPAddr":"10.0.1.23","createDispo":5,"userSID":"S-1-5-21-1004336348-1177238915-682003330-1107","userID":2001,"fileName":"\\\\ifs\\\\data\\\\share\\\\dev\\\\design.xlsx","ntStatus":0,"fsId":1,"inode":4295295746}}',
        match: { key: 'create:overwritten' },
        build(_g, r) {
          return fileEvent(r, {
            action: 'modified-file',
            op: 'write',
            type: 'change',
            ja: 'を上書きしました',
            en: 'overwrote',
            nounJa: '上書き',
            nounEn: 'overwrite',
          });
        },
      }),
      rule({
        id: 'create-opened',
        sample:
          '{"id":"87b8bbb5-181c-11ea-8d1f-000e1ea7b295","timestamp":1790812802272734,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"NFS","zoneID":5,"zoneName":"AuditedZone","eventType":"create","createResult":"OPENED","isDirectory":true,"desiredAccess":0,"clientIPAddr":"10.14.73.184","createDispo":1,"userSID":"S-1-22-1-2000","userID":2000,"fileName":"\\\\ifs\\\\data\\\\project00004\\\\dev\\\\logs","ntStatus":0,"fsId":1,"inode":4725492968}}',
        match: { key: 'create:opened' },
        build: (_g, r) => opened(r),
      }),
      rule({
        id: 'open',
        sample:
          '{"id":"5c1a9f62-8f0b-11f1-9d0c-005056302134","timestamp":1790812806000101,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"NFS4","zoneID":1,"zoneName":"System","eventType":"open","isDirectory":false,"desiredAccess":1,"clientIPAddr":"10.0.2.40","userSID":"S-1-22-1-2002","userID":2002,"fileName":"\\\\ifs\\\\data\\\\build\\\\out.log","ntStatus":0,"fsId":1,"inode":4295296001}}',
        match: { key: 'open' },
        build: (_g, r) => opened(r),
      }),
      rule({
        id: 'close',
        sample: SAMPLE_CLOSE,
        match: { key: 'close' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'closed-file',
            type: 'end',
            ja: 'を閉じました',
            en: 'closed',
            nounJa: 'クローズ',
            nounEn: 'close',
            extra: bytesMoved(r.p),
          }),
      }),
      rule({
        id: 'delete',
        sample:
          '{"id":"8f0ae523-1741-11ea-8d1f-010e1ea7b298","timestamp":1790812865995502,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"NFS","zoneID":5,"zoneName":"AuditedZone","eventType":"delete","isDirectory":false,"clientIPAddr":"10.51.221.92","fileName":"\\\\ifs\\\\home\\\\user00001\\\\staging\\\\datapoint_file.txt","userSID":"S-1-22-1-2000","userID":2000,"ntStatus":0,"fsId":1,"partialPath":"datapoint_file.txt","rootInode":4512436961,"inode":5128815920}}',
        match: { key: 'delete' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'deleted-file',
            op: 'delete',
            type: 'deletion',
            ja: 'を削除しました',
            en: 'deleted',
            nounJa: '削除',
            nounEn: 'delete',
          }),
      }),
      rule({
        id: 'rename',
        sample:
          '{"id":"5c1a9f64-8f0b-11f1-9d0c-005056302134","timestamp":1790812810500000,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"rename","isDirectory":false,"clientIPAddr":"10.0.1.23","userSID":"S-1-5-21-1004336348-1177238915-682003330-1107","userID":2001,"fileName":"\\\\ifs\\\\data\\\\share\\\\dev\\\\design-old.xlsx","ntStatus":0,"fsId":1,"inode":4295295746}}',
        match: { key: 'rename' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'renamed-file',
            op: 'rename',
            type: 'change',
            ja: 'の名前を変更(または移動)しました',
            en: 'renamed or moved',
            nounJa: '名前の変更',
            nounEn: 'rename',
          }),
      }),
      rule({
        id: 'get-security',
        sample:
          '{"id":"5c1a9f65-8f0b-11f1-9d0c-005056302134","timestamp":1790812811000000,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"get_security","isDirectory":true,"clientIPAddr":"10.0.1.23","userSID":"S-1-5-21-1004336348-1177238915-682003330-1107","userID":2001,"fileName":"\\\\ifs\\\\data\\\\share\\\\dev","ntStatus":0,"fsId":1,"inode":4295295700}}',
        match: { key: 'get_security' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'read-file-permissions',
            op: 'read-attributes',
            type: 'access',
            ja: 'のアクセス許可を参照しました',
            en: 'read the permissions of',
            nounJa: 'アクセス許可の参照',
            nounEn: 'permission read',
          }),
      }),
      rule({
        id: 'set-security',
        sample:
          '{"id":"5c1a9f66-8f0b-11f1-9d0c-005056302134","timestamp":1790812812000000,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"set_security","isDirectory":true,"clientIPAddr":"10.0.1.9","userSID":"S-1-5-21-1004336348-1177238915-682003330-500","userID":10,"fileName":"\\\\ifs\\\\data\\\\share\\\\hr","ntStatus":0,"fsId":1,"inode":4295295720}}',
        match: { key: 'set_security' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'changed-file-permissions',
            op: 'permission-change',
            type: 'change',
            ja: 'のアクセス許可を変更しました',
            en: 'changed the permissions of',
            nounJa: 'アクセス許可の変更',
            nounEn: 'permission change',
          }),
      }),
      rule({
        id: 'read',
        sample:
          '{"id":"5c1a9f67-8f0b-11f1-9d0c-005056302134","timestamp":1790812813000000,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"SMB2","zoneID":1,"zoneName":"System","eventType":"read","isDirectory":false,"clientIPAddr":"10.0.1.23","userSID":"S-1-5-21-1004336348-1177238915-682003330-1107","userID":2001,"fileName":"\\\\ifs\\\\data\\\\share\\\\dev\\\\spec.pdf","ntStatus":0,"fsId":1,"inode":4295295760}}',
        match: { key: 'read' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'read-file',
            op: 'read',
            type: 'access',
            ja: 'を読み取りました',
            en: 'read',
            nounJa: '読み取り',
            nounEn: 'read',
          }),
      }),
      rule({
        id: 'write',
        sample:
          '{"id":"5c1a9f68-8f0b-11f1-9d0c-005056302134","timestamp":1790812814000000,"payloadType":"c411a642-c139-4c7a-be58-93680bc20b41","payload":{"protocol":"NFS3","zoneID":1,"zoneName":"System","eventType":"write","isDirectory":false,"clientIPAddr":"10.0.2.40","userSID":"S-1-22-1-2002","userID":2002,"fileName":"\\\\ifs\\\\data\\\\build\\\\out.log","ntStatus":0,"fsId":1,"inode":4295296001}}',
        match: { key: 'write' },
        build: (_g, r) =>
          fileEvent(r, {
            action: 'modified-file',
            op: 'write',
            type: 'change',
            ja: 'に書き込みました',
            en: 'wrote to',
            nounJa: '書き込み',
            nounEn: 'write to',
          }),
      }),
      rule({
        id: 'config-request',
        sample:
          '{"id":"5249b99d-a35e-11e4-9d0c-005056302134","timestamp":1790812900112992,"payload":{"user":{"token": {"UID":0, "GID":0, "SID": "SID:S-1-22-1-0", "GSID": "SID:S-1-22-2-0", "GROUPS": ["SID:S-1-5-11", "GID:5", "GID:20", "GID:70", "GID:10"], "protocol": 17, "zone id": 1, "client": "10.7.220.97", "local": "10.7.177.176" }},"uri":"/1/protocols/smb/shares","method":"POST","args":"","body":{"path": "/ifs/data", "name": "Test"}}}',
        match: { key: 'config-request' },
        build(_g, r) {
          const method = (str(r.p.method) ?? '').toUpperCase();
          const m = METHODS[method];
          const uri = configUri(r.p);
          const body = bodyText(r.p);
          const fields: KansaEvent = {
            'event.category': ['configuration'],
            'event.type': [m?.type ?? 'info'],
            'event.action': m?.action ?? 'config-request',
          };
          const detailsJa = [method, body ? `本文 ${body}` : '', ...r.details.ja];
          const detailsEn = [method, body ? `body ${body}` : '', ...r.details.en];
          return m
            ? {
                fields,
                ja: `${r.actor.ja} が ${r.host} の設定 ${uri} ${m.ja}${paren(detailsJa, 'ja')}`,
                en: `${r.actor.en} ${m.en} the configuration ${uri} on ${r.host}${paren(detailsEn, 'en')}`,
              }
            : {
                fields,
                ja: `${r.actor.ja} が ${r.host} の設定 API ${uri} を呼び出しました${paren(detailsJa, 'ja')}`,
                en: `${r.actor.en} called the configuration API ${uri} on ${r.host}${paren(detailsEn, 'en')}`,
              };
        },
      }),
      rule({
        id: 'config-response',
        sample:
          '{"id":"5249b99d-a35e-11e4-9d0c-005056302134","timestamp":1790812902144567,"payload":{"status":201,"statusmsg":"Created","body":{"id":"Test"}}}',
        match: { key: 'config-response' },
        build(_g, r) {
          const status = numberOf(r.p.status);
          const failed = status !== undefined && status >= 400;
          const what = [status, str(r.p.statusmsg)].filter((x) => x !== undefined).join(' ');
          return {
            fields: {
              'event.category': ['configuration'],
              'event.type': ['info'],
              'event.action': 'config-request-result',
              'event.outcome': failed ? 'failure' : 'success',
              ...(status !== undefined ? { 'http.response.status_code': status } : {}),
            },
            ja: `${r.host} の設定要求の結果: ${what}${paren(r.details.ja, 'ja')}`,
            en: `A configuration request on ${r.host} returned ${what}${paren(r.details.en, 'en')}`,
          };
        },
      }),
      rule({
        id: 'config-text',
        sample:
          '{"id":"524e0928-a35e-11e4-9d0c-005056302134","timestamp":1790812800106323,"payload":"PAPI config logging started."}',
        match: { key: 'config-text' },
        build: (_g, r) => ({
          fields: {
            'event.category': ['configuration'],
            'event.type': ['info'],
            'event.action': 'config-audit-message',
          },
          ja: `${r.host} の設定監査: ${str(r.p.text) ?? ''}`,
          en: `Configuration audit on ${r.host}: ${str(r.p.text) ?? ''}`,
        }),
      }),
    ],
    keyOf,
  );
}

/** Sets the file fields of a protocol payload (used by the reader, before a rule runs). */
export function fileOf(ev: KansaEvent, p: Json): string | undefined {
  const path = str(p.fileName) ?? str(p.path) ?? str(p.filename);
  const type =
    p.isDirectory === true || p.isDirectory === 'true'
      ? 'dir'
      : p.isDirectory === false || p.isDirectory === 'false'
        ? 'file'
        : undefined;
  if (path) setFile(ev, path, type);
  return path;
}
