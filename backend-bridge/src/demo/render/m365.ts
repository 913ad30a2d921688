/**
 * Microsoft 365 unified audit log records of SharePoint Online and OneDrive, one JSON object per line, in the layout
 * the Office 365 Management Activity API returns them (`GET …/activity/feed/audit/{contentId}`; Microsoft Learn,
 * "Office 365 Management Activity API schema": the common schema, the SharePoint base and file schemas and the
 * sharing schema). CreationTime is UTC without a zone, as the API writes it.
 */

/** The demo tenant (example.co.jp) as the audit log names it. */
export const TENANT = {
  organizationId: '6f1c2a9e-3b4d-4c5e-8f70-1a2b3c4d5e6f',
  sharepoint: 'https://example.sharepoint.com',
  onedrive: 'https://example-my.sharepoint.com',
};

const EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/129.0.0.0 Safari/537.36 Edg/129.0.0.0';

/** A GUID from a label (FNV-1a over four salts): sites, lists and webs keep theirs all month without a draw. */
export function guidOf(label: string): string {
  let hex = '';
  for (let salt = 0; salt < 4; salt++) {
    let h = 2166136261 ^ salt;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 16777619);
    hex += (h >>> 0).toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The SharePoint Online sharing and file operations the demo writes (RecordType 14 sharing, 6 file). */
export type SpOperation =
  | 'FileAccessed'
  | 'FileModified'
  | 'FileUploaded'
  | 'FileDownloaded'
  | 'FileSyncDownloadedFull'
  | 'SharingSet'
  | 'CompanyLinkCreated'
  | 'SecureLinkCreated'
  | 'AddedToSecureLink'
  | 'AnonymousLinkCreated';

const SHARING: ReadonlySet<SpOperation> = new Set([
  'SharingSet',
  'CompanyLinkCreated',
  'SecureLinkCreated',
  'AddedToSecureLink',
  'AnonymousLinkCreated',
]);

export interface SpRecord {
  t: number;
  id: string;
  correlationId: string;
  operation: SpOperation;
  /** The acting user's UPN and the index that makes their UserKey. */
  upn: string;
  userIndex: number;
  clientIp: string;
  /** `https://example.sharepoint.com/sites/Sales/` or a OneDrive personal site. */
  siteUrl: string;
  /** The folder holding the item, relative to the site: `Shared Documents/見積`. */
  relativeUrl: string;
  /** The file or folder name. */
  name: string;
  folder?: boolean;
  /** Sharing: who was given access (UPN or guest address), Member or Guest, and the link's kind. */
  target?: string;
  targetType?: 'Member' | 'Guest';
  linkType?: 'View' | 'Edit';
  sharingId?: string;
}

/** The OneDrive sync client, which copies a whole library to the PC (FileSyncDownloadedFull) under its own agent. */
const SYNC_CLIENT = 'Microsoft SkyDriveSync 24.201.1006.0005 ship; Windows NT 10.0 (19045)';

const utc = (t: number): string => new Date(t).toISOString().slice(0, 19);

/** One audit record as the Management Activity API writes it (the keys in the API's order). */
export function spRecord(r: SpRecord): string {
  const onedrive = r.siteUrl.startsWith(TENANT.onedrive);
  const dot = r.name.lastIndexOf('.');
  const objectId = `${r.siteUrl}${r.relativeUrl}/${r.name}`;
  const rec: Record<string, unknown> = {
    CreationTime: utc(r.t),
    Id: r.id,
    Operation: r.operation,
    OrganizationId: TENANT.organizationId,
    RecordType: SHARING.has(r.operation) ? 14 : 6,
    UserKey: `i:0h.f|membership|1003${(0x20000000 + r.userIndex * 7919).toString(16)}a7c9@live.com`,
    UserType: 0,
    Version: 1,
    Workload: onedrive ? 'OneDrive' : 'SharePoint',
    ClientIP: r.clientIp,
    ObjectId: objectId,
    UserId: r.upn,
    CorrelationId: r.correlationId,
    EventSource: 'SharePoint',
    ItemType: r.folder ? 'Folder' : 'File',
    ListId: guidOf(`list ${r.siteUrl}`),
    ListItemUniqueId: guidOf(`item ${objectId}`),
    Site: guidOf(`site ${r.siteUrl}`),
    UserAgent: r.operation === 'FileSyncDownloadedFull' ? SYNC_CLIENT : EDGE,
    WebId: guidOf(`web ${r.siteUrl}`),
    ...(r.folder || dot < 0 ? {} : { SourceFileExtension: r.name.slice(dot + 1) }),
    SiteUrl: r.siteUrl,
    SourceFileName: r.name,
    SourceRelativeUrl: r.relativeUrl,
  };
  if (SHARING.has(r.operation)) {
    if (r.target) {
      rec.TargetUserOrGroupName = r.target;
      rec.TargetUserOrGroupType = r.targetType ?? 'Member';
    }
    if (r.linkType) rec.EventData = `<Type>${r.linkType}</Type>`;
    if (r.sharingId) rec.UniqueSharingId = r.sharingId;
  }
  return JSON.stringify(rec);
}
