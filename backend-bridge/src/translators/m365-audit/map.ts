import type { KansaEvent } from '../../translate/types';
import { ParseError } from '../../translate/types';
import { kebab } from '../_lib/wording';
import { obj, str } from '../_lib/json';
import { isIp } from '../_lib/network';
import { OPERATIONS } from './operations';

type Json = Record<string, unknown>;

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

/** The sharing kind SharePoint writes in EventData: `<Type>View</Type>` / `<Type>Edit</Type>`. */
function linkType(eventData: string | undefined): string | undefined {
  return eventData ? /<Type>([^<]+)<\/Type>/.exec(eventData)?.[1] : undefined;
}

/** Maps one unified audit log record (the common schema plus its workload's fields). */
export function mapM365(r: Json): KansaEvent {
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
  const subj = who ? `${who} が ` : 'Microsoft 365 で ';
  const whoEn = who ?? 'Someone';
  const fromJa = ip ? `${ip} から ` : '';
  const fromEn = ip ? ` from ${ip}` : '';

  // Files in SharePoint and OneDrive.
  const fileName = str(r.SourceFileName);
  if (rule?.access && (fileName || str(r.ObjectId))) {
    const path = str(r.ObjectId) ?? `${str(r.SiteUrl) ?? ''}${str(r.SourceRelativeUrl) ?? ''}/${fileName}`;
    ev['file.path'] = path;
    if (fileName) ev['file.name'] = fileName;
    const dir = str(r.SourceRelativeUrl);
    if (dir) ev['file.directory'] = dir;
    const extn = str(r.SourceFileExtension);
    if (extn) ev['file.extension'] = extn.toLowerCase();
    const itemType = str(r.ItemType);
    if (itemType) ev['file.type'] = itemType === 'Folder' ? 'dir' : itemType.toLowerCase();
    ev['kansa.access.operation'] = rule.access;
    ev['event.category'] = rule.category;
    ev['event.type'] = rule.type;
    ev['event.action'] = rule.action;
    const target = str(r.TargetUserOrGroupName);
    const targetType = str(r.TargetUserOrGroupType);
    if (target) ev['user.target.name'] = target.includes('@') ? target.slice(0, target.indexOf('@')) : target;
    const kind = linkType(str(r.EventData));
    if (targetType) raw.TargetUserOrGroupType = targetType;
    if (kind) raw.SharingType = kind;
    const shown = fileName ?? path;
    const place = workload === 'OneDrive' ? 'OneDrive' : 'SharePoint';
    const detailJa = [
      target ? `相手 ${target}${targetType === 'Guest' ? '(ゲスト)' : ''}` : '',
      kind ? `権限 ${kind}` : '',
      str(r.SiteUrl) ?? '',
    ]
      .filter(Boolean)
      .join('、');
    const detailEn = [
      target ? `with ${target}${targetType === 'Guest' ? ' (guest)' : ''}` : '',
      kind ? `${kind} access` : '',
      str(r.SiteUrl) ?? '',
    ]
      .filter(Boolean)
      .join(', ');
    ev['kansa.message.ja'] = `${subj}${fromJa}${place} の ${shown} ${rule.ja}${detailJa ? `(${detailJa})` : ''}`;
    ev['kansa.message.en'] = `${whoEn} ${rule.en} ${shown} in ${place}${fromEn}${detailEn ? ` (${detailEn})` : ''}`;
    return ev;
  }

  if (operation === 'MailItemsAccessed') {
    const folders = Array.isArray(r.Folders) ? r.Folders : [];
    const paths = folders.map((f) => str(obj(f)?.Path)).filter((p): p is string => !!p);
    const count =
      Number(
        r.OperationCount ??
          folders.reduce(
            (n: number, f) => n + (Array.isArray(obj(f)?.FolderItems) ? (obj(f)!.FolderItems as unknown[]).length : 0),
            0,
          ),
      ) || 0;
    const accessType = opProps.MailAccessType;
    if (accessType) raw.MailAccessType = accessType;
    if (opProps.IsThrottled) raw.IsThrottled = opProps.IsThrottled;
    const owner = str(r.MailboxOwnerUPN);
    if (owner && owner !== str(r.UserId)) ev['user.target.name'] = owner.split('@')[0];
    ev['kansa.count'] = count;
    ev['event.category'] = rule!.category;
    ev['event.type'] = rule!.type;
    ev['event.action'] = rule!.action;
    const box = owner && owner !== str(r.UserId) ? `${owner} の` : '';
    ev['kansa.message.ja'] =
      `${subj}${fromJa}${box}メールボックスのメール ${count} 件にアクセスしました(${accessType ?? '種別不明'}${paths.length ? `、${paths.join(', ')}` : ''}${str(r.ClientInfoString) ? `、${str(r.ClientInfoString)}` : ''})`;
    ev['kansa.message.en'] =
      `${whoEn} accessed ${count} mail items${owner && owner !== str(r.UserId) ? ` in ${owner}'s mailbox` : ''}${fromEn} (${accessType ?? 'unknown access type'}${paths.length ? `, ${paths.join(', ')}` : ''})`;
    return ev;
  }

  const item = obj(r.Item);
  if (item && (operation === 'Send' || operation === 'SendAs' || operation === 'SendOnBehalf')) {
    const subject = str(item.Subject);
    if (subject) ev['email.subject'] = subject;
    const mid = str(item.InternetMessageId);
    if (mid) ev['email.message_id'] = mid;
    ev['email.from.address'] =
      str(r.SendAsUserSmtp) ?? str(r.SendOnBehalfOfUserSmtp) ?? str(r.MailboxOwnerUPN) ?? str(r.UserId) ?? '';
    if (!ev['email.from.address']) delete ev['email.from.address'];
    ev['email.direction'] = 'outbound';
    const attachments = str(item.Attachments);
    if (attachments)
      ev['email.attachments.file.name'] = attachments
        .split(/;\s*/)
        .map((a) => a.replace(/\s*\(\d+b\)$/, ''))
        .filter(Boolean);
    const size = Number(item.SizeInBytes);
    if (Number.isFinite(size) && size > 0) raw.SizeInBytes = String(size);
    ev['event.category'] = rule!.category;
    ev['event.type'] = rule!.type;
    ev['event.action'] = rule!.action;
    const attJa = attachments ? `、添付 ${(ev['email.attachments.file.name'] as string[]).join(', ')}` : '';
    const attEn = attachments ? `, attachments ${(ev['email.attachments.file.name'] as string[]).join(', ')}` : '';
    ev['kansa.message.ja'] = `${subj}${fromJa}${rule!.ja}(件名「${subject ?? ''}」${attJa})`;
    ev['kansa.message.en'] = `${whoEn} ${rule!.en}${fromEn} (subject "${subject ?? ''}"${attEn})`;
    return ev;
  }

  if (operation === 'UserLoggedIn' || operation === 'UserLoginFailed') {
    const error = str(r.LogonError);
    const code = str(r.ErrorNumber);
    if (operation === 'UserLoginFailed') {
      if (error) ev['event.reason'] = error;
      if (code) ev['error.code'] = code;
    }
    ev['event.category'] = rule!.category;
    ev['event.type'] = rule!.type;
    ev['event.action'] = rule!.action;
    const why = operation === 'UserLoginFailed' ? [error, code].filter(Boolean).join(' ') : '';
    ev['kansa.message.ja'] = `${subj}${fromJa}${rule!.ja}${why ? `(${why})` : ''}`;
    ev['kansa.message.en'] = `${whoEn} ${rule!.en}${fromEn}${why ? ` (${why})` : ''}`;
    return ev;
  }

  const members = Array.isArray(r.Members)
    ? r.Members.map((m) => str(obj(m)?.UPN)).filter((m): m is string => !!m)
    : [];
  if (members.length === 1) ev['user.target.name'] = members[0].split('@')[0];
  const team = str(r.TeamName);
  ev['event.category'] = rule?.category ?? ['configuration'];
  ev['event.type'] = rule?.type ?? ['info'];
  ev['event.action'] = rule?.action ?? kebab(operation);
  const obj_ = team ? `チーム ${team} で` : str(r.ObjectId) ? `${str(r.ObjectId)} に対して ` : '';
  const objEn = team ? ` in team ${team}` : str(r.ObjectId) ? ` on ${str(r.ObjectId)}` : '';
  const memJa = members.length ? `(${members.join(', ')})` : '';
  const memEn = members.length ? ` (${members.join(', ')})` : '';
  ev['kansa.message.ja'] = rule
    ? `${subj}${fromJa}${obj_}${rule.ja}${memJa}${failed ? '(失敗)' : ''}`
    : `${subj}${fromJa}${workload} で ${obj_}${operation} を実行しました${failed ? '(失敗)' : ''}`;
  ev['kansa.message.en'] = rule
    ? `${whoEn} ${rule.en}${objEn}${fromEn}${memEn}${failed ? ' (failed)' : ''}`
    : `${whoEn} performed ${operation} in ${workload}${objEn}${fromEn}${failed ? ' (failed)' : ''}`;
  return ev;
}
