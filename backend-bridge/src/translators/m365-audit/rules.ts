/**
 * The Microsoft 365 unified audit log message rule table: one rule per form of record (a SharePoint or
 * OneDrive file action or sharing change, mailbox items accessed, a message sent, a sign-in, any other
 * operation Kansa names, any operation it does not). The words of each operation are the data of
 * `operations.ts`; a rule's sample is a record as the Management Activity API returns it, and the key is
 * the form its Operation (and the members that form needs) takes.
 */
import type { KansaEvent } from '../../translate/types';
import { obj, str, type Json } from '../_lib/json';
import { jsonKeyOf } from '../_lib/json-key';
import { ruleTable, type MessageRule, type RuleResult } from '../_lib/rules';
import { kebab } from '../_lib/wording';
import { OPERATIONS, type OperationRule } from './operations';

/** One record, read: what every rule needs to build its fields and sentence. */
export interface Record365 {
  r: Json;
  operation: string;
  workload: string;
  /** The operation's row in `operations.ts`, if Kansa names it. */
  rule?: OperationRule;
  /** kansa.raw as the translator filled it; a rule adds to a copy. */
  raw: Record<string, string>;
  /** OperationProperties as a map. */
  opProps: Record<string, string>;
  failed: boolean;
  /** `tanaka が ` / `Microsoft 365 で `, `tanaka` / `Someone`. */
  subj: string;
  whoEn: string;
  fromJa: string;
  fromEn: string;
}

const SEND = new Set(['Send', 'SendAs', 'SendOnBehalf']);

/** The form of a record, by its Operation and the members that form reads. */
export function keyOf(r: Json): string | undefined {
  const operation = str(r.Operation);
  if (!operation) return undefined;
  const rule = OPERATIONS[operation];
  if (rule?.access && (str(r.SourceFileName) || str(r.ObjectId))) return 'file';
  if (operation === 'MailItemsAccessed') return 'mail-items-accessed';
  if (obj(r.Item) && SEND.has(operation)) return 'mail-sent';
  if (operation === 'UserLoggedIn' || operation === 'UserLoginFailed') return 'sign-in';
  return rule ? 'operation' : 'other';
}

/** The sharing kind SharePoint writes in EventData: `<Type>View</Type>` / `<Type>Edit</Type>`. */
function linkType(eventData: string | undefined): string | undefined {
  return eventData ? /<Type>([^<]+)<\/Type>/.exec(eventData)?.[1] : undefined;
}

/** The category, type and action of a named operation. */
const named = (rule: OperationRule): KansaEvent => ({
  'event.category': rule.category,
  'event.type': rule.type,
  'event.action': rule.action,
});

const SAMPLE_FILE =
  '{"CreationTime":"2026-10-01T00:06:12","Id":"a3f00004-1c2d-4e5f-8a9b-0c1d2e3f4a5b","Operation":"FileDownloaded","OrganizationId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","RecordType":6,"UserKey":"i:0h.f|membership|10032001a2b3c4d5@live.com","UserType":0,"Version":1,"Workload":"OneDrive","ClientIP":"203.0.113.24","ObjectId":"https://contoso-my.sharepoint.com/personal/tanaka_contoso_co_jp/Documents/Projects/design-spec-v3.docx","UserId":"tanaka@contoso.co.jp","CorrelationId":"0f1e2d3c-4b5a-6978-8a9b-acbdcedfe0f1","EventSource":"SharePoint","ItemType":"File","ListId":"1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d","ListItemUniqueId":"2b3c4d5e-6f70-4b9c-8d0e-2f3a4b5c6d7e","Site":"3c4d5e6f-7081-4cad-9e0f-3a4b5c6d7e8f","UserAgent":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0","WebId":"4d5e6f70-8192-4dbe-8f01-4b5c6d7e8f90","GeoLocation":"JPN","IsManagedDevice":false,"DeviceDisplayName":"203.0.113.24","SourceFileExtension":"docx","SiteUrl":"https://contoso-my.sharepoint.com/personal/tanaka_contoso_co_jp/","SourceFileName":"design-spec-v3.docx","SourceRelativeUrl":"Documents/Projects","ApplicationDisplayName":"Microsoft Edge"}';

type Rule = MessageRule<Record365>;

const RULE_LIST: Rule[] = [
  {
    id: 'file',
    sample: SAMPLE_FILE,
    match: { key: 'file' },
    build(_g, c): RuleResult {
      const { r, workload } = c;
      const rule = c.rule!;
      const fileName = str(r.SourceFileName);
      const path = str(r.ObjectId) ?? `${str(r.SiteUrl) ?? ''}${str(r.SourceRelativeUrl) ?? ''}/${fileName}`;
      const fields: KansaEvent = { 'file.path': path };
      if (fileName) fields['file.name'] = fileName;
      const dir = str(r.SourceRelativeUrl);
      if (dir) fields['file.directory'] = dir;
      const extn = str(r.SourceFileExtension);
      if (extn) fields['file.extension'] = extn.toLowerCase();
      const itemType = str(r.ItemType);
      if (itemType) fields['file.type'] = itemType === 'Folder' ? 'dir' : itemType.toLowerCase();
      fields['kansa.access.operation'] = rule.access!;
      Object.assign(fields, named(rule));
      const target = str(r.TargetUserOrGroupName);
      const targetType = str(r.TargetUserOrGroupType);
      if (target) fields['user.target.name'] = target.includes('@') ? target.slice(0, target.indexOf('@')) : target;
      const kind = linkType(str(r.EventData));
      if (targetType || kind)
        fields['kansa.raw'] = {
          ...c.raw,
          ...(targetType ? { TargetUserOrGroupType: targetType } : {}),
          ...(kind ? { SharingType: kind } : {}),
        };
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
      return {
        fields,
        ja: `${c.subj}${c.fromJa}${place} の ${shown} ${rule.ja}${detailJa ? `(${detailJa})` : ''}`,
        en: `${c.whoEn} ${rule.en} ${shown} in ${place}${c.fromEn}${detailEn ? ` (${detailEn})` : ''}`,
      };
    },
  },
  {
    id: 'mail-items-accessed',
    sample:
      '{"CreationTime":"2026-10-01T00:20:00","Id":"a3f00007-1c2d-4e5f-8a9b-0c1d2e3f4a5b","Operation":"MailItemsAccessed","OrganizationId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","RecordType":50,"ResultStatus":"Succeeded","UserKey":"10032001B2C3D4E5","UserType":0,"Version":1,"Workload":"Exchange","UserId":"sato@contoso.co.jp","AppId":"00000002-0000-0ff1-ce00-000000000000","ClientAppId":"","ClientIPAddress":"203.0.113.51","ClientInfoString":"Client=OWA;Action=ViaProxy","ExternalAccess":false,"InternalLogonType":0,"LogonType":0,"LogonUserSid":"S-1-5-21-1111111111-2222222222-3333333333-4101","MailboxGuid":"f5a6b7c8-0000-4000-8000-000000000005","MailboxOwnerSid":"S-1-5-21-1111111111-2222222222-3333333333-4101","MailboxOwnerUPN":"sato@contoso.co.jp","OperationProperties":[{"Name":"MailAccessType","Value":"Bind"},{"Name":"IsThrottled","Value":"False"}],"OrganizationName":"contoso.onmicrosoft.com","OriginatingServer":"TYCP286MB1234 (15.20.8000.010)","SessionId":"a6b7c8d9-0000-4000-8000-000000000006","Folders":[{"FolderItems":[{"InternetMessageId":"<TYCP286MB1234A1@TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM>","SizeInBytes":48211},{"InternetMessageId":"<TYCP286MB1234A2@TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM>","SizeInBytes":10240}],"Id":"LgAAAAB1EXAMPLE","Path":"\\\\Inbox"}],"OperationCount":2}',
    match: { key: 'mail-items-accessed' },
    build(_g, c): RuleResult {
      const { r, opProps } = c;
      const folders = Array.isArray(r.Folders) ? r.Folders : [];
      const paths = folders.map((f) => str(obj(f)?.Path)).filter((p): p is string => !!p);
      const count =
        Number(
          r.OperationCount ??
            folders.reduce(
              (n: number, f) =>
                n + (Array.isArray(obj(f)?.FolderItems) ? (obj(f)!.FolderItems as unknown[]).length : 0),
              0,
            ),
        ) || 0;
      const accessType = opProps.MailAccessType;
      const fields: KansaEvent = {};
      if (accessType || opProps.IsThrottled)
        fields['kansa.raw'] = {
          ...c.raw,
          ...(accessType ? { MailAccessType: accessType } : {}),
          ...(opProps.IsThrottled ? { IsThrottled: opProps.IsThrottled } : {}),
        };
      const owner = str(r.MailboxOwnerUPN);
      const other = owner && owner !== str(r.UserId) ? owner : undefined;
      if (other) fields['user.target.name'] = other.split('@')[0];
      fields['kansa.count'] = count;
      Object.assign(fields, named(c.rule!));
      const client = str(r.ClientInfoString);
      return {
        fields,
        ja: `${c.subj}${c.fromJa}${other ? `${other} の` : ''}メールボックスのメール ${count} 件にアクセスしました(${accessType ?? '種別不明'}${paths.length ? `、${paths.join(', ')}` : ''}${client ? `、${client}` : ''})`,
        en: `${c.whoEn} accessed ${count} mail items${other ? ` in ${other}'s mailbox` : ''}${c.fromEn} (${accessType ?? 'unknown access type'}${paths.length ? `, ${paths.join(', ')}` : ''})`,
      };
    },
  },
  {
    id: 'mail-sent',
    sample:
      '{"CreationTime":"2026-10-01T00:25:31","Id":"a3f00008-1c2d-4e5f-8a9b-0c1d2e3f4a5b","Operation":"Send","OrganizationId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","RecordType":2,"ResultStatus":"Succeeded","UserKey":"10032001A2B3C4D5","UserType":0,"Version":1,"Workload":"Exchange","ClientIP":"[2001:db8:10::24]:51234","UserId":"tanaka@contoso.co.jp","AppId":"00000002-0000-0ff1-ce00-000000000000","ClientIPAddress":"2001:db8:10::24","ClientInfoString":"Client=MSExchangeRPC","ExternalAccess":false,"InternalLogonType":0,"LogonType":0,"LogonUserSid":"S-1-5-21-1111111111-2222222222-3333333333-4102","MailboxGuid":"b7c8d9e0-0000-4000-8000-000000000007","MailboxOwnerSid":"S-1-5-21-1111111111-2222222222-3333333333-4102","MailboxOwnerUPN":"tanaka@contoso.co.jp","OrganizationName":"contoso.onmicrosoft.com","OriginatingServer":"TYCP286MB1234 (15.20.8000.010)","Item":{"Id":"RgAAAAB2EXAMPLE","InternetMessageId":"<TYCP286MB1234B7@TYCP286MB1234.JPNP286.PROD.OUTLOOK.COM>","ParentFolder":{"Id":"LgAAAAB3EXAMPLE","Path":"\\\\Sent Items"},"SizeInBytes":1850231,"Subject":"見積書の件","Attachments":"見積書_2026.xlsx (1830112b); 仕様.pdf (12040b)"}}',
    match: { key: 'mail-sent' },
    build(_g, c): RuleResult {
      const { r } = c;
      const rule = c.rule!;
      const item = obj(r.Item)!;
      const fields: KansaEvent = {};
      const subject = str(item.Subject);
      if (subject) fields['email.subject'] = subject;
      const mid = str(item.InternetMessageId);
      if (mid) fields['email.message_id'] = mid;
      const sender = str(r.SendAsUserSmtp) ?? str(r.SendOnBehalfOfUserSmtp) ?? str(r.MailboxOwnerUPN) ?? str(r.UserId);
      if (sender) fields['email.from.address'] = sender;
      fields['email.direction'] = 'outbound';
      const attachments = str(item.Attachments);
      const names = attachments
        ? attachments
            .split(/;\s*/)
            .map((a) => a.replace(/\s*\(\d+b\)$/, ''))
            .filter(Boolean)
        : undefined;
      if (names) fields['email.attachments.file.name'] = names;
      const size = Number(item.SizeInBytes);
      if (Number.isFinite(size) && size > 0) fields['kansa.raw'] = { ...c.raw, SizeInBytes: String(size) };
      Object.assign(fields, named(rule));
      const attJa = names ? `、添付 ${names.join(', ')}` : '';
      const attEn = names ? `, attachments ${names.join(', ')}` : '';
      return {
        fields,
        ja: `${c.subj}${c.fromJa}${rule.ja}(件名「${subject ?? ''}」${attJa})`,
        en: `${c.whoEn} ${rule.en}${c.fromEn} (subject "${subject ?? ''}"${attEn})`,
      };
    },
  },
  {
    id: 'sign-in',
    sample:
      '{"CreationTime":"2026-10-01T00:00:41","Id":"a3f00001-1c2d-4e5f-8a9b-0c1d2e3f4a5b","Operation":"UserLoggedIn","OrganizationId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","RecordType":15,"ResultStatus":"Success","UserKey":"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","UserType":0,"Version":1,"Workload":"AzureActiveDirectory","ClientIP":"203.0.113.24","ObjectId":"00000003-0000-0ff1-ce00-000000000000","UserId":"tanaka@contoso.co.jp","AzureActiveDirectoryEventType":1,"ExtendedProperties":[{"Name":"ResultStatusDetail","Value":"Redirect"},{"Name":"UserAgent","Value":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0"},{"Name":"RequestType","Value":"OAuth2:Authorize"}],"ModifiedProperties":[],"Actor":[{"ID":"9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","Type":0},{"ID":"tanaka@contoso.co.jp","Type":5}],"ActorContextId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","ActorIpAddress":"203.0.113.24","InterSystemsId":"b1c2d3e4-0000-4000-8000-000000000001","IntraSystemId":"c2d3e4f5-0000-4000-8000-000000000002","SupportTicketId":"","Target":[{"ID":"00000003-0000-0ff1-ce00-000000000000","Type":0}],"TargetContextId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","ApplicationId":"89bee1f7-5e6e-4d8a-9f3d-ecd601259da7","DeviceProperties":[{"Name":"OS","Value":"Windows10"},{"Name":"BrowserType","Value":"Edge"},{"Name":"IsCompliantAndManaged","Value":"False"},{"Name":"SessionId","Value":"d3e4f5a6-0000-4000-8000-000000000003"}],"ErrorNumber":"0"}',
    match: { key: 'sign-in' },
    build(_g, c): RuleResult {
      const rule = c.rule!;
      const fields: KansaEvent = {};
      const error = str(c.r.LogonError);
      const code = str(c.r.ErrorNumber);
      const loginFailed = c.operation === 'UserLoginFailed';
      if (loginFailed) {
        if (error) fields['event.reason'] = error;
        if (code) fields['error.code'] = code;
      }
      Object.assign(fields, named(rule));
      const why = loginFailed ? [error, code].filter(Boolean).join(' ') : '';
      return {
        fields,
        ja: `${c.subj}${c.fromJa}${rule.ja}${why ? `(${why})` : ''}`,
        en: `${c.whoEn} ${rule.en}${c.fromEn}${why ? ` (${why})` : ''}`,
      };
    },
  },
  {
    id: 'operation',
    sample:
      '{"CreationTime":"2026-10-01T01:00:00","Id":"a3f00009-1c2d-4e5f-8a9b-0c1d2e3f4a5b","Operation":"MemberAdded","OrganizationId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","RecordType":25,"UserKey":"7d6c5b4a-3928-4170-8f5e-4d3c2b1a0918","UserType":0,"Version":1,"Workload":"MicrosoftTeams","UserId":"sato@contoso.co.jp","CommunicationType":"Team","Members":[{"DisplayName":"Partner Kim","Role":1,"UPN":"partner.kim_example.com#EXT#@contoso.onmicrosoft.com"}],"TeamName":"新製品プロジェクト","TeamGuid":"19:abcdEXAMPLE@thread.tacv2","ItemName":"新製品プロジェクト","AADGroupId":"c8d9e0f1-0000-4000-8000-000000000008"}',
    match: { key: 'operation' },
    build(_g, c): RuleResult {
      const rule = c.rule!;
      const { fields, objJa, objEn, members } = generic(c);
      Object.assign(fields, named(rule));
      return {
        fields,
        ja: `${c.subj}${c.fromJa}${objJa}${rule.ja}${members.length ? `(${members.join(', ')})` : ''}${c.failed ? '(失敗)' : ''}`,
        en: `${c.whoEn} ${rule.en}${objEn}${c.fromEn}${members.length ? ` (${members.join(', ')})` : ''}${c.failed ? ' (failed)' : ''}`,
      };
    },
  },
  {
    // An operation without a row in operations.ts: named as the audit log names it, nothing guessed.
    id: 'other',
    sample:
      '{"CreationTime":"2026-10-01T02:00:00","Id":"a3f00010-1c2d-4e5f-8a9b-0c1d2e3f4a5b","Operation":"Set-TransportRule","OrganizationId":"5b7e3c1a-2f4d-4e8b-9a6c-0d1e2f3a4b5c","RecordType":1,"ResultStatus":"True","UserKey":"10032001C3D4E5F6","UserType":0,"Version":1,"Workload":"Exchange","ObjectId":"Block external forwarding","UserId":"admin@contoso.onmicrosoft.com","ExternalAccess":false,"OrganizationName":"contoso.onmicrosoft.com","OriginatingServer":"TYCP286MB1234 (15.20.8000.010)","Parameters":[{"Name":"Identity","Value":"Block external forwarding"},{"Name":"Mode","Value":"Audit"}]}',
    match: { key: 'other' },
    build(_g, c): RuleResult {
      const { fields, objJa, objEn } = generic(c);
      fields['event.category'] = ['configuration'];
      fields['event.type'] = ['info'];
      fields['event.action'] = kebab(c.operation);
      return {
        fields,
        ja: `${c.subj}${c.fromJa}${c.workload} で ${objJa}${c.operation} を実行しました${c.failed ? '(失敗)' : ''}`,
        en: `${c.whoEn} performed ${c.operation} in ${c.workload}${objEn}${c.fromEn}${c.failed ? ' (failed)' : ''}`,
      };
    },
  },
];

/** What any other operation names: the team or object it acted on, and the members it added. */
function generic(c: Record365): { fields: KansaEvent; objJa: string; objEn: string; members: string[] } {
  const { r } = c;
  const members = Array.isArray(r.Members)
    ? r.Members.map((m) => str(obj(m)?.UPN)).filter((m): m is string => !!m)
    : [];
  const fields: KansaEvent = {};
  if (members.length === 1) fields['user.target.name'] = members[0].split('@')[0];
  const team = str(r.TeamName);
  const objectId = str(r.ObjectId);
  return {
    fields,
    objJa: team ? `チーム ${team} で` : objectId ? `${objectId} に対して ` : '',
    objEn: team ? ` in team ${team}` : objectId ? ` on ${objectId}` : '',
    members,
  };
}

/** Reads a sample the way the translator reads a record, for the rule-table test. */
export type Reader = (text: string) => Record365;

/** Builds the table with the reader that turns each sample into the context its rule sees. */
export function m365Rules(read: Reader) {
  return ruleTable<Record365>(
    'm365-audit',
    read(SAMPLE_FILE),
    RULE_LIST.map((r) => ({ ...r, sampleContext: read(r.sample) })),
    jsonKeyOf(keyOf),
  );
}
