import { FIELD, type FieldName } from '@kansa/schema';
import type { KansaEvent } from '../../translate/types';
import type { EventRef, Metric, Observation, UserInfo } from './observation';

/** The event fields extract() reads: what rebuild asks OpenSearch for. */
export const SOURCE_FIELDS = [
  FIELD.timestamp,
  FIELD.userName,
  FIELD.kansaUserDepartment,
  FIELD.kansaUserDisplayName,
  FIELD.kansaUserPrivileged,
  FIELD.kansaUserWatchlist,
  FIELD.kansaUserDepartureDate,
  FIELD.kansaHostOwner,
  FIELD.kansaHostRole,
  FIELD.hostName,
  FIELD.filePath,
  FIELD.eventAction,
  FIELD.kansaAccessOperation,
  FIELD.kansaUrlCategory,
  FIELD.kansaDbObject,
  FIELD.kansaDbName,
  FIELD.kansaPrintPages,
  FIELD.networkBytes,
  FIELD.eventKind,
  FIELD.kansaSourceType,
  FIELD.kansaUserTitle,
  FIELD.eventId,
  FIELD.sourceBytes,
  FIELD.emailToAddress,
  FIELD.urlDomain,
];

/** Postfix lines without a user that the scorer still reads: joined to the sender by queue id. */
export const MAIL_ACTIONS = ['mail-queued', 'mail-delivered'];

const WORKSTATION_ROLES = new Set(['workstation', 'laptop']);
const SERVER_LOGON_SKIP = new Set(['domain-controller']);

const str = (e: KansaEvent, f: FieldName): string | undefined => {
  const v = (e as Record<string, unknown>)[f];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

function userInfo(e: KansaEvent): UserInfo | undefined {
  const department = str(e, FIELD.kansaUserDepartment);
  if (!department) return undefined;
  return {
    department,
    displayName: str(e, FIELD.kansaUserDisplayName),
    ...(str(e, FIELD.kansaUserTitle) ? { title: str(e, FIELD.kansaUserTitle) } : {}),
    privileged: e[FIELD.kansaUserPrivileged] === true,
    watchlist: e[FIELD.kansaUserWatchlist] === true,
    departureDate: str(e, FIELD.kansaUserDepartureDate),
  };
}

/** "C:\Shares\開発\製品設計\図面.dwg" → ["開発", "開発\製品設計"]; "\\FS01\製造" → ["製造"]. */
export function sharePrefixes(path: string): string[] {
  const unc = /^\\\\[^\\]+\\(.+)$/.exec(path);
  let rest: string[];
  if (unc) {
    rest = unc[1].split('\\').filter(Boolean);
    if (rest.length === 0) return [];
    return rest.length >= 2 ? [rest[0], `${rest[0]}\\${rest[1]}`] : [rest[0]];
  }
  // A drive path on a file server: "X:\<root>\<share>\…" whatever the root is called (Shares, Data, 共有 …).
  const drive = /^[a-z]:\\[^\\]+\\(.+)$/i.exec(path);
  if (!drive) return [];
  rest = drive[1].split('\\').filter(Boolean);
  // The last part is the file itself: a folder needs one more level.
  if (rest.length >= 3) return [rest[0], `${rest[0]}\\${rest[1]}`];
  return rest.length === 2 ? [rest[0]] : [];
}

const shortHost = (h: string): string => h.split('.')[0].toLowerCase();

/** One normalized event → what the risk scorer keeps of it, or null when it says nothing about a user. */
export function extract(e: KansaEvent, ref?: EventRef): Observation | null {
  if (e[FIELD.eventKind] === 'pipeline_error') return null;
  const t = Date.parse(String(e[FIELD.timestamp] ?? ''));
  if (Number.isNaN(t)) return null;
  const action = str(e, FIELD.eventAction);
  const host = str(e, FIELD.hostName);
  const role = str(e, FIELD.kansaHostRole);
  const owner = str(e, FIELD.kansaHostOwner);
  let user = str(e, FIELD.userName);
  const qid = e[FIELD.kansaSourceType] === 'postfix' ? str(e, FIELD.eventId) : undefined;
  if (qid && !user) return mailPart(e, t, qid, action, ref);
  // A USB stick is recognized by the machine, not by a user: it counts for the machine's owner.
  if (!user && action === 'recognized-external-device' && owner) {
    return { t, user: owner, metric: 'usb', amount: 1, ...(ref ? { ref } : {}) };
  }
  if (!user || user.endsWith('$')) return null;
  user = user.toLowerCase();
  const o: Observation = { t, user };
  const info = userInfo(e);
  if (info) o.info = info;
  if (ref) o.ref = ref;
  const resources: string[] = [];
  const path = str(e, FIELD.filePath);
  if (path && role === 'file-server') {
    const [share, folder] = sharePrefixes(path);
    if (share) resources.push(`share:${share}`);
    if (folder) resources.push(`folder:${folder}`);
    if (str(e, FIELD.kansaAccessOperation) === 'read') {
      o.metric = 'filesRead';
      o.amount = 1;
      o.file = path;
    }
  } else if (
    path &&
    role &&
    WORKSTATION_ROLES.has(role) &&
    /^[d-z]:\\/i.test(path) &&
    str(e, FIELD.kansaAccessOperation) === 'write'
  ) {
    // Writes to a drive other than C: on a PC: removable media.
    o.metric = 'usb';
    o.amount = 1;
  }
  if (action === 'logged-in' && host && !(role && SERVER_LOGON_SKIP.has(role)) && owner !== user) {
    if (!(role && WORKSTATION_ROLES.has(role)) || owner) resources.push(`host:${shortHost(host)}`);
  }
  const db = str(e, FIELD.kansaDbObject);
  if (db) resources.push(`db:${str(e, FIELD.kansaDbName) ?? ''}/${db}`);
  const category = str(e, FIELD.kansaUrlCategory);
  if (category) resources.push(`url:${category}`);
  // Which cloud storage service: the department's own is told apart from personal accounts by its peers.
  const domain = category === 'cloud-storage' ? str(e, FIELD.urlDomain) : undefined;
  if (domain) resources.push(`cloud:${serviceDomain(domain)}`);
  if (resources.length > 0) o.resources = resources;
  if (qid && action === 'mail-received-from-client') o.mail = { qid };
  if (!o.metric) {
    const metric = metricOf(e, action);
    if (metric) {
      o.metric = metric[0];
      o.amount = metric[1];
    }
  }
  return o;
}

/** A queue line (size) or a delivery line (recipient) of a message: no user yet, joined later by queue id. */
function mailPart(
  e: KansaEvent,
  t: number,
  qid: string,
  action: string | undefined,
  ref?: EventRef,
): Observation | null {
  if (action === 'mail-queued') {
    const size = e[FIELD.sourceBytes];
    return { t, user: '', mail: { qid, ...(typeof size === 'number' ? { size } : {}) }, ...(ref ? { ref } : {}) };
  }
  if (action === 'mail-delivered') {
    const to = e[FIELD.emailToAddress];
    const list = (Array.isArray(to) ? to : [to]).filter((x): x is string => typeof x === 'string' && x.includes('@'));
    return list.length > 0
      ? { t, user: '', mail: { qid, to: list.map((x) => x.toLowerCase()) }, ...(ref ? { ref } : {}) }
      : null;
  }
  return null;
}

function metricOf(e: KansaEvent, action: string | undefined): [Metric, number] | undefined {
  if (action === 'logon-failed') return ['failedLogons', 1];
  if (action === 'mail-received-from-client') return ['mailsOut', 1];
  if (action === 'document-printed') {
    const pages = e[FIELD.kansaPrintPages];
    return ['printPages', typeof pages === 'number' && pages > 0 ? pages : 1];
  }
  if (e[FIELD.kansaSourceType] === 'squid') {
    const bytes = e[FIELD.networkBytes];
    if (typeof bytes === 'number' && bytes > 0) {
      // Cloud storage and web mail are volumes of their own: where files leave, not just traffic.
      const category = str(e, FIELD.kansaUrlCategory);
      if (category === 'cloud-storage') return ['cloudBytes', bytes];
      if (category === 'webmail') return ['webmailBytes', bytes];
      return ['proxyBytes', bytes];
    }
  }
  return undefined;
}

/**
 * The service a host name belongs to, without its subdomains: "dl.dropbox.com" → "dropbox.com",
 * "files.example.co.jp" → "example.co.jp" (a short second level under a country code is kept).
 */
export function serviceDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^[\d:]+$/.test(labels[labels.length - 1])) return labels.join('.');
  const [sld, tld] = labels.slice(-2);
  const keep = tld.length === 2 && sld.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}
