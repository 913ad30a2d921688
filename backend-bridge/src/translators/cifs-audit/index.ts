import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';
import { applyRules, assignFields, ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';

/**
 * NetApp ONTAP NAS auditing (SMB/CIFS and NFS) in its XML rendering: the `-format xml` audit log
 * (`<Events xmlns="http://www.netapp.com/schemas/ONTAP/2007/AuditLog"><Event>…`) and EVTX files
 * exported as XML (wevtutil / Get-WinEvent), both with `Provider Name="NetApp-Security-Auditing"`.
 * One event per `<Event>` element. See README.md for the events and fields covered.
 */

const PROVIDER = 'NetApp-Security-Auditing';

function detect(sample: string): number {
  if (!sample.includes('<Event')) return 0;
  return sample.includes(PROVIDER) ? 0.99 : 0;
}

function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : _m;
  });
}

function element(xml: string, name: string): string | undefined {
  const open = xml.indexOf(`<${name}>`);
  if (open === -1) return undefined;
  const start = open + name.length + 2;
  const close = xml.indexOf(`</${name}>`, start);
  if (close === -1) return undefined;
  return unescapeXml(xml.slice(start, close).trim());
}

function attribute(xml: string, elementName: string, attr: string): string | undefined {
  const re = new RegExp(`<${elementName}\\b[^>]*?\\b${attr}=(["'])(.*?)\\1`);
  const m = re.exec(xml);
  return m ? unescapeXml(m[2]) : undefined;
}

const DATA = /<Data\s+Name=(["'])([^"']+)\1([^>]*?)(?:\/>|>([\s\S]*?)<\/Data>)/g;
const ATTR = /(\w+)=(["'])(.*?)\2/g;

interface Parsed {
  data: Record<string, string>;
  attrs: Record<string, Record<string, string>>;
}

function eventData(xml: string): Parsed {
  const data: Record<string, string> = {};
  const attrs: Record<string, Record<string, string>> = {};
  DATA.lastIndex = 0;
  for (let m = DATA.exec(xml); m; m = DATA.exec(xml)) {
    const name = m[2];
    if (m[4] !== undefined) data[name] = unescapeXml(m[4].trim());
    if (m[3].trim() !== '') {
      const a: Record<string, string> = {};
      ATTR.lastIndex = 0;
      for (let x = ATTR.exec(m[3]); x; x = ATTR.exec(m[3])) a[x[1]] = unescapeXml(x[3]);
      attrs[name] = a;
    }
  }
  return { data, attrs };
}

/** "2019-03-26T23:27:07.015494000Z" or python-evtx's "2026-09-01 05:57:51.494787+00:00". */
function timeOf(text: string | undefined): string {
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/.exec(text ?? '');
  if (!m)
    throw new ParseError(
      `expected TimeCreated SystemTime such as 2026-10-01T00:00:01.123456000Z, found "${text ?? ''}"`,
    );
  const ms = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  const zone = !m[4] || m[4] === 'Z' ? 'Z' : m[4].includes(':') ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`;
  const d = new Date(`${m[1]}T${m[2]}.${ms}${zone}`);
  if (Number.isNaN(d.getTime())) throw new ParseError(`expected a valid TimeCreated, found "${text}"`);
  return d.toISOString();
}

/** %%44xx / %%15xx access codes as the Windows translators name them. */
const ACCESS_CODES: Record<string, string> = {
  '1537': 'DELETE',
  '1538': 'READ_CONTROL',
  '1539': 'WRITE_DAC',
  '1540': 'WRITE_OWNER',
  '1541': 'SYNCHRONIZE',
  '1542': 'ACCESS_SYS_SEC',
  '4416': 'ReadData',
  '4417': 'WriteData',
  '4418': 'AppendData',
  '4419': 'ReadEA',
  '4420': 'WriteEA',
  '4421': 'Execute',
  '4422': 'DeleteChild',
  '4423': 'ReadAttributes',
  '4424': 'WriteAttributes',
};

type Operation =
  | 'read'
  | 'write'
  | 'append'
  | 'create'
  | 'delete'
  | 'rename'
  | 'permission-change'
  | 'execute'
  | 'read-attributes'
  | 'write-attributes';

const OPS: Record<Operation, { action: string; type: string; ja: string; en: string; nounJa: string; nounEn: string }> =
  {
    read: {
      action: 'read-file',
      type: 'access',
      ja: 'を読み取りました',
      en: 'read',
      nounJa: '読み取り',
      nounEn: 'read',
    },
    write: {
      action: 'modified-file',
      type: 'change',
      ja: 'を変更しました',
      en: 'modified',
      nounJa: '書き込み',
      nounEn: 'write',
    },
    append: {
      action: 'appended-file',
      type: 'change',
      ja: 'に追記しました',
      en: 'appended to',
      nounJa: '追記',
      nounEn: 'append',
    },
    create: {
      action: 'created-file',
      type: 'creation',
      ja: 'を作成しました',
      en: 'created',
      nounJa: '作成',
      nounEn: 'create',
    },
    delete: {
      action: 'deleted-file',
      type: 'deletion',
      ja: 'を削除しました',
      en: 'deleted',
      nounJa: '削除',
      nounEn: 'delete',
    },
    rename: {
      action: 'renamed-file',
      type: 'change',
      ja: 'の名前を変更(または移動)しました',
      en: 'renamed or moved',
      nounJa: '名前の変更',
      nounEn: 'rename',
    },
    'permission-change': {
      action: 'changed-file-permissions',
      type: 'change',
      ja: 'のアクセス許可を変更しました',
      en: 'changed the permissions of',
      nounJa: 'アクセス許可の変更',
      nounEn: 'permission change',
    },
    execute: {
      action: 'executed-file',
      type: 'access',
      ja: 'を実行しました',
      en: 'executed',
      nounJa: '実行',
      nounEn: 'execute',
    },
    'read-attributes': {
      action: 'read-file-attributes',
      type: 'access',
      ja: 'の属性を参照しました',
      en: 'read the attributes of',
      nounJa: '属性の参照',
      nounEn: 'attribute read',
    },
    'write-attributes': {
      action: 'changed-file-attributes',
      type: 'change',
      ja: 'の属性を変更しました',
      en: 'changed the attributes of',
      nounJa: '属性の変更',
      nounEn: 'attribute change',
    },
  };

function rightsOf(d: Record<string, string>): string[] {
  const out: string[] = [];
  for (const m of (d.AccessList ?? '').matchAll(/%%(\d+)/g)) {
    const r = ACCESS_CODES[m[1]];
    if (r && !out.includes(r)) out.push(r);
  }
  if (out.length === 0 && d.DesiredAccess) {
    // "Read Data; List Directory; Write Data; …" when no AccessList codes are given.
    const words: Record<string, string> = {
      'read data': 'ReadData',
      'list directory': 'ReadData',
      'write data': 'WriteData',
      'add file': 'WriteData',
      'append data': 'AppendData',
      'add subdirectory': 'AppendData',
      execute: 'Execute',
      traverse: 'Execute',
      delete: 'DELETE',
      'write acl': 'WRITE_DAC',
      'write owner': 'WRITE_OWNER',
      'read attributes': 'ReadAttributes',
      'write attributes': 'WriteAttributes',
      'write extended attributes': 'WriteEA',
      'read extended attributes': 'ReadEA',
      'read acl': 'READ_CONTROL',
    };
    for (const part of d.DesiredAccess.split(';')) {
      const r = words[part.trim().toLowerCase()];
      if (r && !out.includes(r)) out.push(r);
    }
  }
  return out;
}

/** What an open or an access did, from the rights it asked for (delete, rename and permission events say it). */
function operationOf(rights: string[], attributes: string | undefined): Operation {
  const has = (r: string): boolean => rights.includes(r);
  if (
    attributes &&
    /\bCreate\b/.test(attributes) &&
    !/Open a?n? ?(existing|directory)/i.test(attributes) &&
    (has('WriteData') || has('AppendData'))
  )
    return 'create';
  if (has('DELETE')) return 'delete';
  if (has('WRITE_DAC') || has('WRITE_OWNER')) return 'permission-change';
  if (has('WriteData')) return 'write';
  if (has('AppendData')) return 'append';
  if (has('ReadData')) return 'read';
  if (has('Execute')) return 'execute';
  if (has('WriteAttributes') || has('WriteEA')) return 'write-attributes';
  return 'read-attributes';
}

/** "(vol1);/dir/file.txt" → volume and path. */
function splitObjectName(name: string | undefined): { volume?: string; path?: string } {
  if (!name) return {};
  const m = /^\(([^)]*)\);(.*)$/.exec(name);
  return m ? { volume: m[1], path: m[2] } : { path: name };
}

function setFile(e: KansaEvent, path: string, objectType: string | undefined): void {
  e['file.path'] = path;
  const sep = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = sep === -1 ? path : path.slice(sep + 1);
  if (name) e['file.name'] = name;
  if (sep > 0) e['file.directory'] = path.slice(0, sep);
  else if (sep === 0) e['file.directory'] = path.slice(0, 1);
  const dot = name.lastIndexOf('.');
  if (dot > 0 && objectType !== 'Directory') e['file.extension'] = name.slice(dot + 1).toLowerCase();
  if (objectType)
    e['file.type'] = objectType === 'Directory' ? 'dir' : objectType === 'File' ? 'file' : objectType.toLowerCase();
}

const LOGON_TYPES: Record<string, [string, string]> = {
  '2': ['対話型', 'interactive'],
  '3': ['ネットワーク', 'network'],
  '8': ['ネットワーク平文', 'network cleartext'],
};

function splitIpPort(s: string | undefined): { ip?: string; port?: number } {
  if (!s) return {};
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(s);
  if (v4) return { ip: v4[1], ...(v4[2] ? { port: Number(v4[2]) } : {}) };
  return /^[0-9a-fA-F:.]+$/.test(s) ? { ip: s } : {};
}

/** What every rule reads of one event. */
interface CifsCtx {
  eventId: string;
  eventName?: string;
  source?: string;
  failure: boolean;
  /** The SVM, else "NetApp": the file server the sentence names. */
  host: string;
  d: Record<string, string>;
  unix?: Record<string, string>;
  /** The event's kansa.raw: a file rule adds the volume to it. */
  raw: Record<string, string>;
}

/** The event's System and EventData read, and the fields every event has; a record of another provider is a parse failure. */
function readEvent(xml: string): { c: CifsCtx; e: KansaEvent } {
  if (!xml.includes('<Event')) throw new ParseError('expected an <Event> element of the NetApp audit log');
  const provider = attribute(xml, 'Provider', 'Name');
  if (provider !== PROVIDER)
    throw new ParseError(`expected Provider Name="${PROVIDER}", found ${provider ? `"${provider}"` : 'none'}`);
  const eventId = element(xml, 'EventID');
  if (!eventId || !/^\d+$/.test(eventId)) throw new ParseError('expected an <EventID> in the NetApp audit event');
  const eventName = element(xml, 'EventName');
  // EVTX exports have no <Result>: the keywords carry it (0x8020… success, 0x8010… failure).
  const keywords = element(xml, 'Keywords') ?? '';
  const result =
    element(xml, 'Result') ??
    (/^0x802/i.test(keywords) ? 'Audit Success' : /^0x801/i.test(keywords) ? 'Audit Failure' : undefined);
  const source = element(xml, 'Source');
  const computer = element(xml, 'Computer');
  const timestamp = timeOf(attribute(xml, 'TimeCreated', 'SystemTime'));
  const { data: d, attrs } = eventData(xml);
  // Computer is "cluster/svm"; the SVM is the file server clients see.
  const slash = computer ? computer.lastIndexOf('/') : -1;
  const svm = computer ? (slash === -1 ? computer : computer.slice(slash + 1)) : undefined;
  const failure = result !== undefined && /failure/i.test(result);

  const raw: Record<string, string> = { ...d };
  if (eventName) raw.EventName = eventName;
  if (result) raw.Result = result;
  if (source) raw.Source = source;
  if (computer) raw.Computer = computer;
  const unix = attrs.SubjectUnix;
  if (unix) {
    if (unix.Uid) raw.SubjectUnixUid = unix.Uid;
    if (unix.Gid) raw.SubjectUnixGid = unix.Gid;
  }

  const e: KansaEvent = {
    '@timestamp': timestamp,
    'event.kind': 'event',
    'event.code': eventId,
    'event.provider': PROVIDER,
    'event.module': 'netapp',
    'event.dataset': 'netapp.audit',
    'event.outcome': result === undefined ? 'unknown' : failure ? 'failure' : 'success',
    'kansa.source_type': 'cifs-audit',
    'observer.vendor': 'NetApp',
    'observer.product': 'ONTAP',
    'kansa.raw': raw,
  };
  if (svm) {
    e['host.name'] = svm;
    e['observer.name'] = computer;
  }
  if (source) e['network.protocol'] = source.toLowerCase();
  return { c: { eventId, eventName, source, failure, host: svm ?? 'NetApp', d, unix, raw }, e };
}

/** The message form of each EventID the table words; any other event is `other`. */
const FORMS: Record<string, string> = {
  '4624': 'logon',
  '4625': 'logon-failed',
  '4634': 'logoff',
  '5142': 'share-added',
  '5143': 'share-modified',
  '5144': 'share-deleted',
  '4656': 'open-object',
  '4658': 'close-object',
  '4663': 'object-access',
  '4664': 'object-access',
  '4660': 'delete-object',
  '9998': 'delete-object',
  '9999': 'rename-object',
  '4670': 'permissions-changed',
  '4907': 'audit-settings-changed',
};
const FILE_FORMS = new Set([
  'open-object',
  'close-object',
  'object-access',
  'delete-object',
  'rename-object',
  'permissions-changed',
]);

/** The form of an event; a file event without an ObjectName (an audit settings change without a path) is `other`. */
function formOf(eventId: string, d: Record<string, string>): string {
  const form = FORMS[eventId];
  if (form === undefined) return 'other';
  const { path } = splitObjectName(d.ObjectName);
  if (FILE_FORMS.has(form)) return path !== undefined ? form : 'other';
  if (form === 'audit-settings-changed') return path ? form : 'other';
  return form;
}

const keyOf = (xml: string): string => formOf(element(xml, 'EventID') ?? '', eventData(xml).data);

/** An SMB session's logon (`in`), failed logon or logoff. */
function session({ d, host }: CifsCtx, kind: 'in' | 'failed' | 'off'): RuleResult {
  const f: KansaEvent = {};
  const user = d.TargetUserName;
  const { ip } = splitIpPort(d.IpAddress);
  if (user) f['user.name'] = user;
  if (d.TargetDomainName) f['user.domain'] = d.TargetDomainName;
  if (d.TargetUserSID && d.TargetUserSID !== 'S-1-0-0') f['user.id'] = d.TargetUserSID;
  if (ip) f['source.ip'] = ip;
  const port = d.IpPort !== undefined ? Number(d.IpPort) : undefined;
  if (port !== undefined && Number.isInteger(port)) f['source.port'] = port;
  if (d.LogonType) f['winlog.logon.type'] = LOGON_TYPES[d.LogonType]?.[1] ?? d.LogonType;
  const logoff = kind === 'off';
  const failed = kind === 'failed';
  f['event.category'] = ['authentication'];
  f['event.type'] = logoff ? ['end'] : ['start'];
  f['event.action'] = logoff ? 'logged-out' : failed ? 'logon-failed' : 'logged-in';
  f['event.outcome'] = failed ? 'failure' : 'success';
  const why = d.FailureReasonString ?? d.FailureReason;
  if (failed && why) f['event.reason'] = why;
  const who = user ? `${user} が ` : '';
  const whoEn = user ?? 'Someone';
  const from = ip ? `${ip} から` : '';
  const pkg =
    d.AuthenticationPackageName && d.AuthenticationPackageName !== 'NONE' ? d.AuthenticationPackageName : undefined;
  const detailsJa = [...(pkg ? [pkg] : []), ...(failed && why ? [why] : [])].join('、');
  const detailsEn = [...(pkg ? [pkg] : []), ...(failed && why ? [why] : [])].join(', ');
  return {
    fields: f,
    ja: logoff
      ? `${who}${host} の SMB セッションからログオフしました${from ? `(${from})` : ''}`
      : `${who}${from ? `${from} ` : ''}${host} への SMB ログオンに${failed ? '失敗しました' : '成功しました'}${detailsJa ? `(${detailsJa})` : ''}`,
    en: logoff
      ? `${whoEn} logged off the SMB session on ${host}${ip ? ` from ${ip}` : ''}`
      : `${whoEn} ${failed ? 'failed to log on' : 'logged on'} to ${host} over SMB${ip ? ` from ${ip}` : ''}${detailsEn ? ` (${detailsEn})` : ''}`,
  };
}

/** The subject of a file or share event (user, SID or UID, client address) and how the sentence names them. */
function subject({ d, unix }: CifsCtx) {
  const f: KansaEvent = {};
  const user = d.SubjectUserName;
  if (user) f['user.name'] = user;
  if (d.SubjectDomainName) f['user.domain'] = d.SubjectDomainName;
  if (d.SubjectUserSid) f['user.id'] = d.SubjectUserSid;
  else if (unix?.Uid) f['user.id'] = unix.Uid;
  const { ip, port } = splitIpPort(d.SubjectIP);
  if (ip) f['source.ip'] = ip;
  if (port !== undefined) f['source.port'] = port;
  return {
    f,
    user,
    ip,
    actorJa: user ? `${user} が ` : unix?.Uid ? `UID ${unix.Uid} が ` : '',
    actorEn: user ?? (unix?.Uid ? `UID ${unix.Uid}` : 'Someone'),
    fromJa: ip ? `${ip} から` : '',
  };
}

/** A share added, modified or deleted: `verb` in both languages, the event type and action. */
function share(c: CifsCtx, verb: [string, string], type: string, action: string): RuleResult {
  const { f, ip, actorJa, actorEn, fromJa } = subject(c);
  const { d, host } = c;
  f['event.category'] = ['configuration'];
  f['event.type'] = [type];
  f['event.action'] = action;
  const name = d.ShareName ?? '?';
  return {
    fields: f,
    ja: `${actorJa}${host} の共有 ${name}${d.SharePath ? ` (${d.SharePath})` : ''} を${verb[0]}しました${fromJa ? `(${fromJa})` : ''}`,
    en: `${actorEn} ${verb[1]} the share ${name}${d.SharePath ? ` (${d.SharePath})` : ''} on ${host}${ip ? ` from ${ip}` : ''}`,
  };
}

/** The subject and file fields of a file event (its form guarantees an ObjectName) and the words around the path. */
function fileEvent(c: CifsCtx) {
  const s = subject(c);
  const { d, host, raw } = c;
  const { volume, path } = splitObjectName(d.ObjectName) as { volume?: string; path: string };
  setFile(s.f, path, d.ObjectType);
  if (volume) raw.Volume = volume;
  const rights = rightsOf(d);
  if (rights.length > 0) s.f['kansa.access.rights'] = rights;
  s.f['event.category'] = ['file'];
  return {
    ...s,
    rights,
    where: `${host} 上の ${path}`,
    whereEn: `${path} on ${host}`,
    details: [...(volume ? [`ボリューム ${volume}`] : []), ...(s.fromJa ? [s.fromJa] : [])],
    detailsEn: [...(volume ? [`volume ${volume}`] : []), ...(s.ip ? [`from ${s.ip}`] : [])],
  };
}

/** The handle request: what the client asked for; the access itself follows as 4663. */
function open(c: CifsCtx): RuleResult {
  const { f, rights, where, whereEn, details, detailsEn, actorJa, actorEn } = fileEvent(c);
  const { failure, source } = c;
  const op = operationOf(rights, c.d.Attributes);
  const asked = OPS[op];
  f['kansa.access.operation'] = op;
  f['event.type'] = failure ? ['access', 'denied'] : ['access'];
  f['event.action'] = failure ? 'file-access-denied' : 'requested-file-access';
  return {
    fields: f,
    ja: failure
      ? `${actorJa}${where} の${asked.nounJa}を拒否されました${paren([...details, ...(source ? [source] : [])])}`
      : `${actorJa}${where} を開きました(${asked.nounJa}${details.length > 0 ? `、${details.join('、')}` : ''}${source ? `、${source}` : ''})`,
    en: failure
      ? `${actorEn} was denied ${asked.nounEn} access to ${whereEn}${parenEn([...detailsEn, ...(source ? [source] : [])])}`
      : `${actorEn} opened ${whereEn} (${asked.nounEn}${detailsEn.length > 0 ? `, ${detailsEn.join(', ')}` : ''}${source ? `, ${source}` : ''})`,
  };
}

/** An access of the operation `op` (what the rights asked for when not given), refused on Audit Failure. */
function access(c: CifsCtx, given?: Operation): RuleResult {
  const { f, rights, where, whereEn, details, detailsEn, actorJa, actorEn } = fileEvent(c);
  const { failure, d } = c;
  const op = given ?? operationOf(rights, d.Attributes);
  const o = OPS[op];
  f['kansa.access.operation'] = op;
  f['event.type'] = failure ? [o.type, 'denied'] : [o.type];
  f['event.action'] = failure ? 'file-access-denied' : o.action;
  if (op === 'rename') {
    const target = d.NewObjectName ?? d.NewPath ?? d.TargetObjectName;
    if (target) f['kansa.access.new_path'] = splitObjectName(target).path ?? target;
  }
  const renamedTo = f['kansa.access.new_path'] as string | undefined;
  return {
    fields: f,
    ja: failure
      ? `${actorJa}${where} の${o.nounJa}を拒否されました${paren(details)}`
      : `${actorJa}${where} ${o.ja}${renamedTo ? `(新しい名前 ${renamedTo})` : ''}${paren(details)}`,
    en: failure
      ? `${actorEn} was denied ${o.nounEn} access to ${whereEn}${parenEn(detailsEn)}`
      : `${actorEn} ${o.en} ${whereEn}${renamedTo ? ` (new name ${renamedTo})` : ''}${parenEn(detailsEn)}`,
  };
}

/** The category, type and action of an event without words of its own (an audit policy change is configuration). */
function genericFields(c: CifsCtx, f: KansaEvent): void {
  const { eventId, eventName } = c;
  f['event.category'] = eventId === '4719' || eventId === '4907' ? ['configuration'] : ['file'];
  f['event.type'] = eventId === '4719' || eventId === '4907' ? ['change'] : ['info'];
  f['event.action'] =
    eventId === '4719'
      ? 'changed-audit-config'
      : (eventName ?? `netapp-${eventId}`)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '');
}

/** Any other event: generic and searchable, by its name, path and client. */
function other(c: CifsCtx): RuleResult {
  const { f, user, ip, fromJa } = subject(c);
  const { eventId, eventName, host, d } = c;
  genericFields(c, f);
  const { path } = splitObjectName(d.ObjectName);
  const what = eventName ?? `event ${eventId}`;
  return {
    fields: f,
    ja: user
      ? `${user} が ${host} で NetApp 監査イベント「${what}」(${eventId}) を発生させました${paren([...(path ? [path] : []), ...(fromJa ? [fromJa] : [])])}`
      : `${host} で NetApp 監査イベント「${what}」(${eventId}) が記録されました${paren([...(path ? [path] : []), ...(fromJa ? [fromJa] : [])])}`,
    en: `NetApp audit event "${what}" (${eventId}) on ${host}${user ? ` by ${user}` : ''}${parenEn([...(path ? [path] : []), ...(ip ? [`from ${ip}`] : [])])}`,
  };
}

const SYSTEM = (id: string, name: string, time: string, result = 'Audit Success') =>
  `<Event><System><Provider Name="NetApp-Security-Auditing" Guid="{3CB2A168-FE19-4A4E-BDAD-DCF422F13473}"/><EventID>${id}</EventID><EventName>${name}</EventName><Version>101.3</Version><Source>CIFS</Source><Level>0</Level><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords><Result>${result}</Result><TimeCreated SystemTime="2026-10-01T${time}.000000000Z"/><Correlation/><Channel>Security</Channel><Computer>fas01/svm_fs01</Computer><ComputerUUID>8f6b2c1e-1a2b-11ee-9c3d-00a098a5d936/91f49999-55fe-11e6-b525-00a098a5d936</ComputerUUID><Security/></System>`;
const SUBJECT =
  '<Data Name="SubjectIP" IPVersion="4">10.0.1.23</Data><Data Name="SubjectHostname" Source=""/><Data Name="SubjectUnix" Uid="65534" Gid="65534" Local="false"/><Data Name="SubjectUserSid">S-1-5-21-2770437333-1905999116-3561299612-1104</Data><Data Name="SubjectUserIsLocal">false</Data><Data Name="SubjectDomainName">CORP</Data><Data Name="SubjectUserName">tanaka</Data>';
/** An ONTAP `-format xml` file event of `id` on `object`, with `data` after the subject. */
const fileSample = (id: string, name: string, time: string, type: string, object: string, data = '') =>
  `${SYSTEM(id, name, time)}<EventData>${SUBJECT}<Data Name="ObjectServer">Security</Data><Data Name="ObjectType">${type}</Data><Data Name="HandleID">00000000000444;00;002a3b04;0c1e3f2a</Data><Data Name="ObjectName">${object}</Data>${data}</EventData></Event>`;
const shareSample = (id: string, name: string, time: string) =>
  `${SYSTEM(id, name, time)}<EventData><Data Name="SubjectIP" IPVersion="4">10.0.0.10</Data><Data Name="SubjectUserSid">S-1-5-21-2770437333-1905999116-3561299612-500</Data><Data Name="SubjectUserIsLocal">false</Data><Data Name="SubjectDomainName">CORP</Data><Data Name="SubjectUserName">admin</Data><Data Name="ShareName">export$</Data><Data Name="SharePath">/vol_share/export</Data></EventData></Event>`;
const SAMPLE_READ = fileSample(
  '4663',
  'Read Object',
  '00:00:01',
  'File',
  '(vol_share);/開発/設計書.xlsx',
  '<Data Name="AccessList">%%4416 </Data><Data Name="AccessMask">1</Data><Data Name="DesiredAccess">Read Data; List Directory; </Data><Data Name="Attributes"></Data>',
);

type Rule = MessageRule<CifsCtx>;
const rule = (r: Omit<Rule, 'sampleContext' | 'match'>): Rule => ({
  ...r,
  match: { key: r.id },
  sampleContext: readEvent(r.sample).c,
});

/**
 * One rule per message form, keyed by EventID (`FORMS`): SMB logons, share changes, file events (open,
 * close, access, delete, rename, permissions), audit settings, and any other event. Samples are events
 * as ONTAP writes them with `-format xml`.
 */
export const RULES = ruleTable<CifsCtx>(
  'cifs-audit',
  readEvent(SAMPLE_READ).c,
  [
    rule({
      id: 'logon',
      sample: `${SYSTEM('4624', 'Logon Attempt', '00:00:00')}<EventData><Data Name="IpAddress" IPVersion="4">10.0.1.23</Data><Data Name="IpPort">52344</Data><Data Name="TargetUserSID">S-1-5-21-2770437333-1905999116-3561299612-1104</Data><Data Name="TargetUserName">tanaka</Data><Data Name="TargetUserIsLocal">false</Data><Data Name="TargetDomainName">CORP</Data><Data Name="AuthenticationPackageName">KERBEROS</Data><Data Name="LogonType">3</Data></EventData></Event>`,
      build: (_g, c) => session(c, 'in'),
    }),
    rule({
      id: 'logon-failed',
      sample: `${SYSTEM('4625', 'Logon Attempt', '00:10:00', 'Audit Failure')}<EventData><Data Name="IpAddress" IPVersion="4">203.0.113.9</Data><Data Name="IpPort">40022</Data><Data Name="TargetUserSID">S-1-0-0</Data><Data Name="TargetUserName">administrator</Data><Data Name="TargetDomainName">CORP</Data><Data Name="AuthenticationPackageName">NONE</Data><Data Name="LogonType">3</Data><Data Name="Status">0xc000006d</Data><Data Name="FailureReason">%%2313</Data><Data Name="FailureReasonString">Unknown user name or bad password</Data></EventData></Event>`,
      build: (_g, c) => session(c, 'failed'),
    }),
    rule({
      id: 'logoff',
      sample: `${SYSTEM('4634', 'Logoff', '01:00:00')}<EventData><Data Name="IpAddress" IPVersion="4">10.0.1.23</Data><Data Name="IpPort">52344</Data><Data Name="TargetUserSID">S-1-5-21-2770437333-1905999116-3561299612-1104</Data><Data Name="TargetUserName">tanaka</Data><Data Name="TargetUserIsLocal">false</Data><Data Name="TargetDomainName">CORP</Data></EventData></Event>`,
      build: (_g, c) => session(c, 'off'),
    }),
    rule({
      id: 'share-added',
      sample: shareSample('5142', 'Share Object Added', '00:11:00'),
      build: (_g, c) => share(c, ['追加', 'added'], 'creation', 'added-share'),
    }),
    rule({
      id: 'share-modified',
      sample: shareSample('5143', 'Share Object Modified', '00:12:00'),
      build: (_g, c) => share(c, ['変更', 'modified'], 'change', 'modified-share'),
    }),
    rule({
      id: 'share-deleted',
      sample: shareSample('5144', 'Share Object Deleted', '00:13:00'),
      build: (_g, c) => share(c, ['削除', 'deleted'], 'deletion', 'deleted-share'),
    }),
    rule({
      id: 'open-object',
      sample: fileSample(
        '4656',
        'Open Object',
        '00:00:01',
        'File',
        '(vol_share);/開発/設計書.xlsx',
        '<Data Name="AccessList">%%4416 %%4423 %%1538 %%1541 </Data><Data Name="AccessMask">120089</Data><Data Name="DesiredAccess">Read Data; List Directory; Read Attributes; Read ACL; Synchronize; </Data><Data Name="Attributes">Open a non-directory; </Data>',
      ),
      build: (_g, c) => open(c),
    }),
    rule({
      id: 'close-object',
      sample: fileSample('4658', 'Close Object', '00:00:02', 'File', '(vol_share);/開発/設計書.xlsx'),
      build(_g, c) {
        const { f, where, whereEn, details, detailsEn, actorJa, actorEn } = fileEvent(c);
        f['event.type'] = ['access', 'end'];
        f['event.action'] = 'closed-file';
        return {
          fields: f,
          ja: `${actorJa}${where} を閉じました${paren(details)}`,
          en: `${actorEn} closed ${whereEn}${parenEn(detailsEn)}`,
        };
      },
    }),
    rule({ id: 'object-access', sample: SAMPLE_READ, build: (_g, c) => access(c) }),
    rule({
      id: 'delete-object',
      sample: fileSample('4660', 'Delete Object', '00:07:00', 'File', '(vol_share);/開発/old.txt'),
      build: (_g, c) => access(c, 'delete'),
    }),
    rule({
      id: 'rename-object',
      sample: fileSample(
        '9999',
        'Rename Object',
        '00:07:30',
        'File',
        '(vol_share);/開発/draft.txt',
        '<Data Name="NewPath">(vol_share);/開発/final.txt</Data>',
      ),
      build: (_g, c) => access(c, 'rename'),
    }),
    rule({
      id: 'permissions-changed',
      sample: fileSample('4670', 'Permissions on an object were changed', '00:08:30', 'Directory', '(vol_share);/人事'),
      build: (_g, c) => access(c, 'permission-change'),
    }),
    rule({
      id: 'audit-settings-changed',
      sample: fileSample(
        '4907',
        'Auditing settings on object were changed',
        '00:09:30',
        'Directory',
        '(vol_share);/経理',
      ),
      build(_g, c) {
        const { f, ip, actorJa, actorEn, fromJa } = subject(c);
        const { volume, path } = splitObjectName(c.d.ObjectName) as { volume?: string; path: string };
        genericFields(c, f);
        setFile(f, path, c.d.ObjectType);
        f['event.action'] = 'changed-audit-settings';
        return {
          fields: f,
          ja: `${actorJa}${c.host} 上の ${path} の監査設定 (SACL) を変更しました${paren([...(volume ? [`ボリューム ${volume}`] : []), ...(fromJa ? [fromJa] : [])])}`,
          en: `${actorEn} changed the audit settings (SACL) of ${path} on ${c.host}${parenEn([...(volume ? [`volume ${volume}`] : []), ...(ip ? [`from ${ip}`] : [])])}`,
        };
      },
    }),
    rule({
      id: 'other',
      sample: `${SYSTEM('4719', 'System audit policy was changed', '00:14:00')}<EventData>${SUBJECT}</EventData></Event>`,
      build: (_g, c) => other(c),
    }),
  ],
  keyOf,
);

function translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
  void _ctx;
  const { c, e } = readEvent(record.text);
  // Every event has a form (`formOf` is total), so a rule always applies.
  const { result } = applyRules(RULES, record.text, c, formOf(c.eventId, c.d))!;
  assignFields(e, result.fields);
  e['kansa.message.ja'] = result.ja;
  e['kansa.message.en'] = result.en;
  return [e];
}

function paren(parts: string[]): string {
  return parts.length > 0 ? `(${parts.join('、')})` : '';
}

function parenEn(parts: string[]): string {
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

export const cifsAuditFormat: Format = {
  id: 'cifs-audit',
  framing: 'xml-events',
  detect,
  translate,
};

export default cifsAuditFormat;
