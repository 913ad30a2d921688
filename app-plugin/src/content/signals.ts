import { FIELD as F } from '@kansa/schema/fields';

import { and, anyOf } from './queries';

// The Lucene selections behind both the panels and the alert rules, so a rule always counts what its panel shows.
// Windows events are selected by event code (the spec names them), other sources by the normalized action.

export const LOGON_FAILURES = and(`${F.eventCategory}:authentication`, `${F.eventOutcome}:failure`);
export const LOCKOUTS = `${F.eventCode}:4740`;

const ADMIN_GROUPS = `${F.groupName}:(*Admins OR Administrators OR sudo OR wheel OR root)`;
export const ADMIN_GROUP_ADDITIONS = and(`${F.eventAction}:added-member-to-group`, ADMIN_GROUPS);
export const SPECIAL_LOGONS = `${F.eventCode}:4672`;
export const ROOT_SWITCHES = and(
  anyOf(F.eventAction, ['sudo-command', 'su-session-opened', 'switched-user']),
  `${F.userEffectiveName}:root`,
);

export const ACCOUNTS_CREATED = `(${F.eventCode}:4720 OR ${F.eventAction}:added-user-account)`;
export const ACCOUNT_CHANGES = anyOf(F.eventAction, [
  'added-user-account',
  'deleted-user-account',
  'enabled-user-account',
  'disabled-user-account',
  'reset-password',
  'renamed-user-account',
  'added-member-to-group',
  'removed-member-from-group',
  'added-group-account',
  'deleted-group-account',
]);
export const POLICY_CHANGES = `(${anyOf(F.eventCode, [4719, 4739, 4713, 4704, 4705, 1102])} OR ${anyOf(F.eventAction, ['audit-log-cleared', 'log-cleared'])})`;

export const FILE_READS = `${F.eventAction}:read-file`;
export const FILE_RENAMES = `${F.eventAction}:renamed-file`;
export const FILE_SERVERS = `${F.kansaHostRole}:file-server`;
/** Drive letters Windows gives USB sticks and card readers; C: is the system disk. */
export const REMOVABLE_PATHS = `${F.filePath}:(D\\:\\\\* OR E\\:\\\\* OR F\\:\\\\* OR G\\:\\\\*)`;
/** A copy to a USB stick shows as the file written (created or modified) on the removable drive. */
export const REMOVABLE_COPIES = and(`${F.eventAction}:(created-file OR modified-file)`, REMOVABLE_PATHS);
export const FILE_COPIES = `((${F.eventAction}:created-file AND ${FILE_SERVERS}) OR (${REMOVABLE_COPIES}))`;
export const USB_DEVICES = `${F.eventCode}:6416`;
export const ACL_CHANGES = `(${F.eventCode}:4670 OR ${F.eventAction}:(changed-file-permissions OR permissions-changed))`;
/** Who may open a cloud file or folder widened: SharePoint/OneDrive sharing (unified audit log) and Drive visibility. */
export const SHARING_CHANGES = anyOf(F.eventAction, [
  'sharing-set',
  'sharing-invitation-created',
  'secure-link-created',
  'added-to-secure-link',
  'company-link-created',
  'anonymous-link-created',
  'change-document-visibility',
]);
/** Anonymous ("anyone with the link") links: whoever holds the URL opens the item, no sign-in, no audit of who. */
export const ANONYMOUS_LINKS = `${F.eventAction}:anonymous-link-created`;

export const SUSPICIOUS_POWERSHELL = `((${F.eventCode}:4104 AND ${F.powershellFileScriptBlockText}:(*DownloadString* OR *DownloadFile* OR *Invoke-Expression* OR *IEX* OR *FromBase64String* OR *Net.WebClient*)) OR (${F.eventCode}:4688 AND ${F.processCommandLine}:(*powershell* OR *PowerShell*) AND ${F.processCommandLine}:(*-enc* OR *-Enc* OR *-EncodedCommand* OR *DownloadString* OR *hidden*)))`;
export const POWERSHELL = `(${anyOf(F.eventCode, [4104, 4103, 400, 800])} OR (${F.eventCode}:4688 AND ${F.processCommandLine}:(*powershell* OR *PowerShell*)))`;

/** Ports an office network may use outbound; the configuration page edits the list the installer uses. */
export const DEFAULT_PERMITTED_PORTS = [20, 21, 22, 25, 53, 80, 110, 123, 143, 443, 465, 587, 993, 995];
export const FIREWALL = `${F.kansaSourceType}:fortigate`;
export const INTERNAL_SOURCES = `${F.sourceIp}:"10.0.0.0/8"`;
export function nonPermittedPorts(permitted: readonly number[] = DEFAULT_PERMITTED_PORTS): string {
  return and(FIREWALL, INTERNAL_SOURCES, `NOT ${F.destinationPort}:(${permitted.join(' OR ')})`);
}
export const TRAFFIC = `${F.kansaSourceType}:(fortigate OR zeek)`;
export const PROXY = `${F.kansaSourceType}:squid`;
/** Threat alerts of an IDS or a next-generation firewall (Suricata, PAN-OS threat log). */
export const THREAT_ALERTS = and(`${F.eventKind}:alert`, `${F.kansaSourceType}:(suricata OR panos)`);
/** High and critical (event.severity 4-5: Suricata's priority 1, PAN-OS high and critical) against a LAN address. */
export const HIGH_THREATS_TO_INTERNAL = and(THREAT_ALERTS, `${F.eventSeverity}:>=4`, `${F.destinationIp}:"10.0.0.0/8"`);

export const WATCHLIST = `${F.kansaUserWatchlist}:true`;
export const JOB_SITES = `${F.kansaUrlCategory}:job-site`;
export const CLOUD_UPLOADS = and(`${F.kansaUrlCategory}:cloud-storage`, `${F.sourceBytes}:>=1000000`);
export const OUTBOUND_MAIL = `${F.emailDirection}:outbound`;
/** Free-mail domains: mail there from a company account is a private copy. */
export const PRIVATE_MAIL = and(
  OUTBOUND_MAIL,
  `${F.emailToAddress}:(*@gmail.com OR *@yahoo.co.jp OR *@outlook.com OR *@hotmail.com OR *@icloud.com)`,
);
/** Postfix names the sender only in the queue record, as an address. */
export const MAIL_SENT = `${F.eventAction}:mail-queued`;
export const MAIL_RECEIVED = and(`${F.eventAction}:mail-delivered`, `${F.emailDirection}:inbound`);
export const PRINTING = `${F.eventAction}:(document-printed OR printed-document)`;
/**
 * Files pulled out of SharePoint/OneDrive (FileDownloaded, and FileSyncDownloadedFull: the OneDrive sync client
 * copying a library to the PC), Google Drive and Box: all three vendors' downloads are file-downloaded.
 */
export const CLOUD_DOWNLOADS = anyOf(F.eventAction, ['file-downloaded', 'file-sync-downloaded']);
/** Everything the leaver watchlist tracks, one clause per activity of the spec. */
export const LEAVER_ACTIVITY = `(${[
  JOB_SITES,
  FILE_READS,
  USB_DEVICES,
  REMOVABLE_COPIES,
  CLOUD_UPLOADS,
  CLOUD_DOWNLOADS,
  PRINTING,
]
  .map((q) => `(${q})`)
  .join(' OR ')})`;

/** The leaver signals a baseline rule counts: everything on the watchlist except ordinary file reads. */
export const LEAVER_SIGNALS = `(${[JOB_SITES, USB_DEVICES, REMOVABLE_COPIES, CLOUD_UPLOADS, CLOUD_DOWNLOADS, PRINTING]
  .map((q) => `(${q})`)
  .join(' OR ')})`;

export const PRIVILEGED = `${F.kansaUserPrivileged}:true`;
export const DB_OPERATIONS = `${F.kansaSourceType}:(pgaudit OR mysql-audit OR mssql-audit)`;
/** SELECTs (and other reads) by people in the directory: application and service accounts are not in it. */
export const DB_READS_BY_PEOPLE = and(DB_OPERATIONS, `${F.eventAction}:db-read`, `_exists_:${F.kansaUserDepartment}`);
export const SUDO = `${F.eventAction}:(sudo-command OR user-command)`;

export const SESSION_EVENTS = `_exists_:${F.kansaSessionTransition}`;
/** Session events on PCs (logon, unlock, lock, logoff, power), the objective record of PC use. */
export const PC_SESSIONS = and(SESSION_EVENTS, `${F.kansaHostRole}:(workstation OR laptop)`);
export const SNS_VIDEO = `${F.kansaUrlCategory}:(sns OR video)`;

const ACCESS_POINTS = `${F.kansaHostRole}:access-point`;
/** Cisco IOS devices other than access points (Cisco APs log through the same translator). */
export const NETWORK_DEVICES = and(`${F.kansaSourceType}:cisco`, `NOT ${ACCESS_POINTS}`);
export const NETWORK_ERRORS = and(
  NETWORK_DEVICES,
  `(${F.logSyslogSeverityCode}:<=3 OR ${F.eventAction}:(*link* OR *line-protocol*))`,
);
/** hostapd and Cisco AP logs: warnings and worse (radio errors, max retries) and failed associations. */
export const AP_ERRORS = and(
  `(${F.kansaSourceType}:wireless-ap OR ${ACCESS_POINTS})`,
  `(${F.eventSeverity}:<=4 OR ${F.eventOutcome}:failure)`,
);
export const ERROR_LOGS = `(${F.logLevel}:(error OR err OR crit OR critical OR alert OR emerg OR fatal) OR ${F.logSyslogSeverityCode}:<=3 OR ${F.eventSeverity}:<=3)`;

export const RETENTION = `${F.kansaSourceType}:kansa-retention`;
