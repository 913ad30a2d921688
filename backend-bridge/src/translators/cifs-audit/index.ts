import { ParseError, type Format, type KansaEvent, type RawRecord, type TranslateContext } from '../../translate/types';

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

function operationOf(rights: string[], eventId: string, attributes: string | undefined): Operation {
  const has = (r: string): boolean => rights.includes(r);
  if (eventId === '4660' || eventId === '9998') return 'delete';
  if (eventId === '9999') return 'rename';
  if (eventId === '4670') return 'permission-change';
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

function translate(record: RawRecord, _ctx: TranslateContext): KansaEvent[] {
  void _ctx;
  const xml = record.text;
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
  const host = svm ?? 'NetApp';
  const protocolText = source ? `、${source}` : '';
  const protocolEn = source ? `, ${source}` : '';

  // Logon / logoff (cifs-logon-logoff category).
  if (eventId === '4624' || eventId === '4625' || eventId === '4634') {
    const user = d.TargetUserName;
    const { ip } = splitIpPort(d.IpAddress);
    if (user) e['user.name'] = user;
    if (d.TargetDomainName) e['user.domain'] = d.TargetDomainName;
    if (d.TargetUserSID && d.TargetUserSID !== 'S-1-0-0') e['user.id'] = d.TargetUserSID;
    if (ip) e['source.ip'] = ip;
    const port = d.IpPort !== undefined ? Number(d.IpPort) : undefined;
    if (port !== undefined && Number.isInteger(port)) e['source.port'] = port;
    if (d.LogonType) e['winlog.logon.type'] = LOGON_TYPES[d.LogonType]?.[1] ?? d.LogonType;
    const logoff = eventId === '4634';
    const failed = eventId === '4625';
    e['event.category'] = ['authentication'];
    e['event.type'] = logoff ? ['end'] : ['start'];
    e['event.action'] = logoff ? 'logged-out' : failed ? 'logon-failed' : 'logged-in';
    e['event.outcome'] = failed ? 'failure' : 'success';
    const why = d.FailureReasonString ?? d.FailureReason;
    if (failed && why) e['event.reason'] = why;
    const who = user ? `${user} が ` : '';
    const whoEn = user ?? 'Someone';
    const from = ip ? `${ip} から` : '';
    const pkg =
      d.AuthenticationPackageName && d.AuthenticationPackageName !== 'NONE' ? d.AuthenticationPackageName : undefined;
    const detailsJa = [...(pkg ? [pkg] : []), ...(failed && why ? [why] : [])].join('、');
    const detailsEn = [...(pkg ? [pkg] : []), ...(failed && why ? [why] : [])].join(', ');
    e['kansa.message.ja'] = logoff
      ? `${who}${host} の SMB セッションからログオフしました${from ? `(${from})` : ''}`
      : `${who}${from ? `${from} ` : ''}${host} への SMB ログオンに${failed ? '失敗しました' : '成功しました'}${detailsJa ? `(${detailsJa})` : ''}`;
    e['kansa.message.en'] = logoff
      ? `${whoEn} logged off the SMB session on ${host}${ip ? ` from ${ip}` : ''}`
      : `${whoEn} ${failed ? 'failed to log on' : 'logged on'} to ${host} over SMB${ip ? ` from ${ip}` : ''}${detailsEn ? ` (${detailsEn})` : ''}`;
    return [e];
  }

  // Subject of file and share events.
  const user = d.SubjectUserName;
  if (user) e['user.name'] = user;
  if (d.SubjectDomainName) e['user.domain'] = d.SubjectDomainName;
  if (d.SubjectUserSid) e['user.id'] = d.SubjectUserSid;
  else if (unix?.Uid) e['user.id'] = unix.Uid;
  const { ip, port } = splitIpPort(d.SubjectIP);
  if (ip) e['source.ip'] = ip;
  if (port !== undefined) e['source.port'] = port;
  const actorJa = user ? `${user} が ` : unix?.Uid ? `UID ${unix.Uid} が ` : '';
  const actorEn = user ?? (unix?.Uid ? `UID ${unix.Uid}` : 'Someone');
  const fromJa = ip ? `${ip} から` : '';

  if (eventId === '5142' || eventId === '5143' || eventId === '5144') {
    const verb =
      eventId === '5142' ? ['追加', 'added'] : eventId === '5144' ? ['削除', 'deleted'] : ['変更', 'modified'];
    e['event.category'] = ['configuration'];
    e['event.type'] = [eventId === '5142' ? 'creation' : eventId === '5144' ? 'deletion' : 'change'];
    e['event.action'] = eventId === '5142' ? 'added-share' : eventId === '5144' ? 'deleted-share' : 'modified-share';
    const share = d.ShareName ?? '?';
    e['kansa.message.ja'] =
      `${actorJa}${host} の共有 ${share}${d.SharePath ? ` (${d.SharePath})` : ''} を${verb[0]}しました${fromJa ? `(${fromJa})` : ''}`;
    e['kansa.message.en'] =
      `${actorEn} ${verb[1]} the share ${share}${d.SharePath ? ` (${d.SharePath})` : ''} on ${host}${ip ? ` from ${ip}` : ''}`;
    return [e];
  }

  const { volume, path } = splitObjectName(d.ObjectName);
  if (path !== undefined && ['4656', '4663', '4660', '4664', '4670', '9999', '9998', '4658'].includes(eventId)) {
    const objectType = d.ObjectType;
    setFile(e, path, objectType);
    if (volume) raw.Volume = volume;
    const rights = rightsOf(d);
    if (rights.length > 0) e['kansa.access.rights'] = rights;
    const where = `${host} 上の ${path}`;
    const whereEn = `${path} on ${host}`;
    const details = [...(volume ? [`ボリューム ${volume}`] : []), ...(fromJa ? [fromJa] : [])];
    const detailsEn = [...(volume ? [`volume ${volume}`] : []), ...(ip ? [`from ${ip}`] : [])];
    e['event.category'] = ['file'];
    if (eventId === '4656') {
      // The handle request: what the client asked for; the access itself follows as 4663.
      const op = operationOf(rights, eventId, d.Attributes);
      const asked = OPS[op];
      e['kansa.access.operation'] = op;
      e['event.type'] = failure ? ['access', 'denied'] : ['access'];
      e['event.action'] = failure ? 'file-access-denied' : 'requested-file-access';
      e['kansa.message.ja'] = failure
        ? `${actorJa}${where} の${asked.nounJa}を拒否されました${paren([...details, ...(protocolText ? [source!] : [])])}`
        : `${actorJa}${where} を開きました(${asked.nounJa}${details.length > 0 ? `、${details.join('、')}` : ''}${protocolText})`;
      e['kansa.message.en'] = failure
        ? `${actorEn} was denied ${asked.nounEn} access to ${whereEn}${parenEn([...detailsEn, ...(source ? [source] : [])])}`
        : `${actorEn} opened ${whereEn} (${asked.nounEn}${detailsEn.length > 0 ? `, ${detailsEn.join(', ')}` : ''}${protocolEn})`;
      return [e];
    }
    if (eventId === '4658') {
      e['event.type'] = ['access', 'end'];
      e['event.action'] = 'closed-file';
      e['kansa.message.ja'] = `${actorJa}${where} を閉じました${paren(details)}`;
      e['kansa.message.en'] = `${actorEn} closed ${whereEn}${parenEn(detailsEn)}`;
      return [e];
    }
    const op = operationOf(rights, eventId, d.Attributes);
    const o = OPS[op];
    e['kansa.access.operation'] = op;
    e['event.type'] = failure ? [o.type, 'denied'] : [o.type];
    e['event.action'] = failure ? 'file-access-denied' : o.action;
    if (eventId === '9999') {
      const target = d.NewObjectName ?? d.NewPath ?? d.TargetObjectName;
      if (target) e['kansa.access.new_path'] = splitObjectName(target).path ?? target;
    }
    const renamedTo = e['kansa.access.new_path'] as string | undefined;
    e['kansa.message.ja'] = failure
      ? `${actorJa}${where} の${o.nounJa}を拒否されました${paren(details)}`
      : `${actorJa}${where} ${o.ja}${renamedTo ? `(新しい名前 ${renamedTo})` : ''}${paren(details)}`;
    e['kansa.message.en'] = failure
      ? `${actorEn} was denied ${o.nounEn} access to ${whereEn}${parenEn(detailsEn)}`
      : `${actorEn} ${o.en} ${whereEn}${renamedTo ? ` (new name ${renamedTo})` : ''}${parenEn(detailsEn)}`;
    return [e];
  }

  // Audit policy change and anything else: a generic, searchable event.
  e['event.category'] = eventId === '4719' || eventId === '4907' ? ['configuration'] : ['file'];
  e['event.type'] = eventId === '4719' || eventId === '4907' ? ['change'] : ['info'];
  e['event.action'] =
    eventId === '4719'
      ? 'changed-audit-config'
      : (eventName ?? `netapp-${eventId}`)
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '');
  const what = eventName ?? `event ${eventId}`;
  if (eventId === '4907' && path) {
    setFile(e, path, d.ObjectType);
    e['event.action'] = 'changed-audit-settings';
    e['kansa.message.ja'] =
      `${actorJa}${host} 上の ${path} の監査設定 (SACL) を変更しました${paren([...(volume ? [`ボリューム ${volume}`] : []), ...(fromJa ? [fromJa] : [])])}`;
    e['kansa.message.en'] =
      `${actorEn} changed the audit settings (SACL) of ${path} on ${host}${parenEn([...(volume ? [`volume ${volume}`] : []), ...(ip ? [`from ${ip}`] : [])])}`;
    return [e];
  }
  e['kansa.message.ja'] = user
    ? `${user} が ${host} で NetApp 監査イベント「${what}」(${eventId}) を発生させました${paren([...(path ? [path] : []), ...(fromJa ? [fromJa] : [])])}`
    : `${host} で NetApp 監査イベント「${what}」(${eventId}) が記録されました${paren([...(path ? [path] : []), ...(fromJa ? [fromJa] : [])])}`;
  e['kansa.message.en'] =
    `NetApp audit event "${what}" (${eventId}) on ${host}${user ? ` by ${user}` : ''}${parenEn([...(path ? [path] : []), ...(ip ? [`from ${ip}`] : [])])}`;
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
