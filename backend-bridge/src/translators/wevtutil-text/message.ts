/**
 * The rendered message of `wevtutil qe … /f:text` back into EventData names, so the shared Windows mappers
 * read it as they read Event XML. A Security message is a sentence, then sections (`Subject:`, `New Logon:`)
 * of tab-indented `Label:<tabs>value` lines; older Windows prints some labels (`Logon Type:`) outside any
 * section. Sysmon prints `Name: value` lines whose names are its EventData names already.
 */

/** The account labels every Security section shares; a section's role gives the name prefix. */
const ACCOUNT: Record<string, string> = {
  'Security ID': 'UserSid',
  'Account Name': 'UserName',
  'Account Domain': 'DomainName',
  'Logon ID': 'LogonId',
  'Logon GUID': 'LogonGuid',
  'Linked Logon ID': 'LinkedLogonId',
};

const account = (prefix: 'Subject' | 'Target'): Record<string, string> =>
  Object.fromEntries(
    Object.entries(ACCOUNT).map(([label, name]) => [label, name === 'LogonGuid' ? 'LogonGuid' : `${prefix}${name}`]),
  );

const SUBJECT = account('Subject');
const TARGET = account('Target');
/** 4720-4726 and the group events name the target account's SID TargetSid, not TargetUserSid. */
const TARGET_SID = {
  ...TARGET,
  'Security ID': 'TargetSid',
  'Group Name': 'TargetUserName',
  'Group Domain': 'TargetDomainName',
};

/** Sections whose labels mean the same in every Security event that has them. */
const COMMON: Record<string, Record<string, string>> = {
  Subject: SUBJECT,
  'Creator Subject': SUBJECT,
  'Target Subject': TARGET,
  'New Logon': TARGET,
  'Account For Which Logon Failed': TARGET,
  'Account Whose Credentials Were Used': {
    'Account Name': 'TargetUserName',
    'Account Domain': 'TargetDomainName',
    'Logon GUID': 'TargetLogonGuid',
  },
  'Logon Information': {
    'Logon Type': 'LogonType',
    'Restricted Admin Mode': 'RestrictedAdminMode',
    'Virtual Account': 'VirtualAccount',
    'Elevated Token': 'ElevatedToken',
  },
  'Failure Information': { 'Failure Reason': 'FailureReason', Status: 'Status', 'Sub Status': 'SubStatus' },
  'Process Information': {
    'Process ID': 'ProcessId',
    'Process Name': 'ProcessName',
    'New Process ID': 'NewProcessId',
    'New Process Name': 'NewProcessName',
    'Token Elevation Type': 'TokenElevationType',
    'Mandatory Label': 'MandatoryLabel',
    'Creator Process ID': 'ProcessId',
    'Creator Process Name': 'ParentProcessName',
    'Process Command Line': 'CommandLine',
  },
  'Network Information': {
    'Workstation Name': 'WorkstationName',
    'Source Network Address': 'IpAddress',
    'Source Port': 'IpPort',
    'Client Address': 'IpAddress',
    'Client Port': 'IpPort',
    'Network Address': 'IpAddress',
    Port: 'IpPort',
  },
  'Detailed Authentication Information': {
    'Logon Process': 'LogonProcessName',
    'Authentication Package': 'AuthenticationPackageName',
    'Transited Services': 'TransmittedServices',
    'Package Name (NTLM only)': 'LmPackageName',
    'Key Length': 'KeyLength',
  },
  Object: {
    'Object Server': 'ObjectServer',
    'Object Type': 'ObjectType',
    'Object Name': 'ObjectName',
    'Handle ID': 'HandleId',
    'Resource Attributes': 'ResourceAttributes',
  },
  'Access Request Information': { 'Access Mask': 'AccessMask', Accesses: 'AccessList' },
  Member: { 'Security ID': 'MemberSid', 'Account Name': 'MemberName' },
  Group: { 'Security ID': 'TargetSid', 'Group Name': 'TargetUserName', 'Group Domain': 'TargetDomainName' },
  'Share Information': {
    'Share Name': 'ShareName',
    'Share Path': 'ShareLocalPath',
    'Relative Target Name': 'RelativeTargetName',
  },
  Privileges: { Privileges: 'PrivilegeList' },
  '': {
    'Logon Type': 'LogonType',
    Privileges: 'PrivilegeList',
    'Logon Account': 'TargetUserName',
    'Source Workstation': 'Workstation',
    'Error Code': 'Status',
  },
};

/**
 * Per event ID, the sections whose meaning differs from COMMON, each beside the lines of its message it reads.
 * Events not listed use COMMON alone.
 */
const RULES: Record<number, Record<string, Record<string, string>>> = {
  // 4720 "A user account was created. … New Account: Security ID: … Account Name: svc_backup2"
  4720: { 'New Account': TARGET_SID },
  // 4722 / 4724 / 4725 / 4726 / 4738 "Target Account: Security ID: … Account Name: …"
  4722: { 'Target Account': TARGET_SID },
  4724: { 'Target Account': TARGET_SID },
  4725: { 'Target Account': TARGET_SID },
  4726: { 'Target Account': TARGET_SID },
  4738: { 'Target Account': TARGET_SID },
  // 4740 "A user account was locked out. … Account That Was Locked Out: Security ID: … Account Name: … Additional Information: Caller Computer Name: WS07"
  4740: {
    'Account That Was Locked Out': TARGET_SID,
    'Additional Information': { 'Caller Computer Name': 'TargetDomainName' },
  },
  // 4728 / 4732 / 4756 "Member: Security ID: … Account Name: CN=… Group: Security ID: … Group Name: Domain Admins"
  4728: { Group: TARGET_SID },
  4732: { Group: TARGET_SID },
  4756: { Group: TARGET_SID },
  // 4776 "The computer attempted to validate the credentials for an account. Authentication Package: … Logon Account: … Source Workstation: … Error Code: 0x0"
  4776: {
    '': {
      'Authentication Package': 'PackageName',
      'Logon Account': 'TargetUserName',
      'Source Workstation': 'Workstation',
      'Error Code': 'Status',
    },
  },
  // 4771 "Kerberos pre-authentication failed. Account Information: Security ID: … Account Name: … Service Information: … Network Information: Client Address: …"
  4771: {
    'Account Information': { ...TARGET_SID, 'Security ID': 'TargetSid' },
    'Additional Information': { 'Failure Code': 'Status', 'Pre-Authentication Type': 'PreAuthType' },
  },
  4768: {
    'Account Information': {
      'Account Name': 'TargetUserName',
      'Supplied Realm Name': 'TargetDomainName',
      'User ID': 'TargetSid',
    },
    'Additional Information': { 'Result Code': 'Status', 'Ticket Encryption Type': 'TicketEncryptionType' },
  },
};

/** `TokenElevationTypeLimited (3)` as newer Windows renders it, back to the `%%1938` insertion string. */
function tokenElevation(v: string): string {
  const n = /\((\d)\)\s*$/.exec(v)?.[1];
  return n ? `%%${1935 + Number(n)}` : v;
}

/** A label without a rule, kept as `NewLogon_NetworkAccountName`: no dots or spaces inside winlog.event_data's keys. */
function unnamed(section: string, label: string): string {
  const compact = (t: string) => t.replace(/[^A-Za-z0-9]+/g, '');
  return section ? `${compact(section)}_${compact(label)}` : compact(label);
}

/** A section header: unindented text ending in a colon, nothing after it. */
const SECTION = /^([A-Za-z][^\t:]*):\s*$/;
/** A labelled value: optional indent, label, colon, then tabs or spaces and the value. */
const LABELLED = /^\s*([A-Za-z][^\t:]*?):[\t ]+(.*?)\s*$/;

/**
 * The message's sentence (its first paragraph) and its labelled values as EventData names. Labels without a
 * rule are kept too, as `Section_Label`, so nothing the message said is lost from winlog.event_data.
 */
export function readSecurityMessage(eventId: number, message: string): Record<string, string> {
  const rules = RULES[eventId] ?? {};
  const data: Record<string, string> = {};
  let section = '';
  // The value a following indented line without a label continues (4672's privileges, one per line).
  let last: string | undefined;
  for (const raw of message.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') {
      last = undefined;
      continue;
    }
    const header = /^\S/.test(line) ? SECTION.exec(line) : null;
    if (header) {
      section = header[1].trim();
      last = undefined;
      continue;
    }
    const m = LABELLED.exec(line);
    if (!m) {
      if (last !== undefined && /^\s/.test(line)) data[last] += `\n${line.trim()}`;
      else last = undefined;
      continue;
    }
    const label = m[1].trim();
    const value = m[2];
    // Labels outside any section are only those printed unindented after the sentence (older Windows).
    const where = /^\s/.test(line) ? section : '';
    const name = rules[where]?.[label] ?? COMMON[where]?.[label];
    const key = name ?? unnamed(where, label);
    if (key in data) {
      last = undefined;
      continue;
    }
    data[key] = name === 'TokenElevationType' ? tokenElevation(value) : value;
    last = key;
  }
  return data;
}

/** Sysmon's message: `Process Create:` then `Name: value` lines named as its EventData. */
export function readSysmonMessage(message: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const raw of message.split('\n').slice(1)) {
    const m = /^([A-Za-z][A-Za-z0-9]*): ?(.*?)\r?$/.exec(raw);
    if (m && !(m[1] in data)) data[m[1]] = m[2];
  }
  return data;
}
