/**
 * Raw log lines in the formats the translators parse, written the way the products write them
 * (NXLog im_msvistalog JSON, Squid access.log, Postfix through syslog, CUPS page_log). Times are
 * rendered in the population's zone, as the machines would.
 */
import type { LocalTime } from '../../risk/localtime';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Wall-clock parts of an instant in the zone. */
function local(t: number, clock: LocalTime): Date {
  return new Date(t + clock.offsetMs(t));
}

const nxTime = (t: number, clock: LocalTime) => {
  const d = local(t, clock);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

export interface WinAccount {
  name: string;
  domain: string;
  sid: string;
}

const SECURITY = {
  SourceName: 'Microsoft-Windows-Security-Auditing',
  ProviderGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
  Channel: 'Security',
  EventType: 'AUDIT_SUCCESS',
  SeverityValue: 2,
  Severity: 'INFO',
  Keywords: -9214364837600034816,
};

/** 4624: an interactive (2) or unlock (7) logon on the user's PC. */
export function nxlogLogon(
  t: number,
  clock: LocalTime,
  host: string,
  who: WinAccount,
  record: number,
  logonType: 2 | 7,
  logonId: string,
): string {
  return JSON.stringify({
    EventTime: nxTime(t, clock),
    Hostname: host,
    ...SECURITY,
    EventID: 4624,
    Version: 2,
    Task: 12544,
    OpcodeValue: 0,
    RecordNumber: record,
    ProcessID: 700,
    ThreadID: 812,
    Message: 'An account was successfully logged on.',
    Category: 'Logon',
    Opcode: 'Info',
    SubjectUserSid: 'S-1-5-18',
    SubjectUserName: `${host.split('.')[0].toUpperCase()}$`,
    SubjectDomainName: who.domain,
    SubjectLogonId: '0x3e7',
    TargetUserSid: who.sid,
    TargetUserName: who.name,
    TargetDomainName: who.domain,
    TargetLogonId: logonId,
    LogonType: String(logonType),
    LogonProcessName: 'User32 ',
    AuthenticationPackageName: 'Negotiate',
    WorkstationName: host.split('.')[0].toUpperCase(),
    LogonGuid: '{00000000-0000-0000-0000-000000000000}',
    TransmittedServices: '-',
    LmPackageName: '-',
    KeyLength: '0',
    ProcessName: 'C:\\Windows\\System32\\svchost.exe',
    IpAddress: '127.0.0.1',
    IpPort: '0',
    ImpersonationLevel: '%%1833',
    EventReceivedTime: nxTime(t + 1000, clock),
    SourceModuleName: 'eventlog',
    SourceModuleType: 'im_msvistalog',
  });
}

/** 4663 on the file server: ReadData (0x1) or WriteData (0x2) on a file. */
export function nxlogFileAccess(
  t: number,
  clock: LocalTime,
  server: string,
  who: WinAccount,
  record: number,
  path: string,
  write: boolean,
  logonId: string,
  handle: number,
): string {
  return JSON.stringify({
    EventTime: nxTime(t, clock),
    Hostname: server,
    ...SECURITY,
    EventID: 4663,
    Version: 1,
    Task: 12800,
    OpcodeValue: 0,
    RecordNumber: record,
    ProcessID: 4,
    ThreadID: 3308,
    Message: 'An attempt was made to access an object.',
    Category: 'File System',
    Opcode: 'Info',
    SubjectUserSid: who.sid,
    SubjectUserName: who.name,
    SubjectDomainName: who.domain,
    SubjectLogonId: logonId,
    ObjectServer: 'Security',
    ObjectType: 'File',
    ObjectName: path,
    HandleId: `0x${handle.toString(16)}`,
    AccessList: `${write ? '%%4417' : '%%4416'}\n\t\t\t\t`,
    AccessMask: write ? '0x2' : '0x1',
    ProcessId: '0x4',
    ProcessName: '',
    ResourceAttributes: 'S:AI',
    EventReceivedTime: nxTime(t + 1000, clock),
    SourceModuleName: 'eventlog',
    SourceModuleType: 'im_msvistalog',
  });
}

/** One Squid access.log line (native format); CONNECT tunnels carry the bytes both ways. */
export function squidLine(
  t: number,
  elapsedMs: number,
  clientIp: string,
  bytes: number,
  domain: string,
  user: string,
  serverIp: string,
): string {
  return `${(t / 1000).toFixed(3)} ${String(elapsedMs).padStart(6)} ${clientIp} TCP_TUNNEL/200 ${bytes} CONNECT ${domain}:443 ${user} HIER_DIRECT/${serverIp} -`;
}

/** RFC 3164 timestamp as syslog writes it: "Jan  5 08:01:46". */
export function syslogTime(t: number, clock: LocalTime): string {
  const d = local(t, clock);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export interface Mail {
  t: number;
  qid: string;
  user: string;
  from: string;
  to: string[];
  size: number;
  clientHost: string;
  clientIp: string;
  /** Relay per recipient: internal mail store or the recipient domain's MX. */
  relay: (to: string) => { name: string; ip: string };
}

/** The lines Postfix logs for one submitted message: smtpd, cleanup, qmgr, one smtp per recipient, removed. */
export function postfixLines(m: Mail, clock: LocalTime, mailHost: string, pid: () => number): string[] {
  const at = (dt: number) => `${syslogTime(m.t + dt, clock)} ${mailHost}`;
  const lines = [
    `${at(0)} postfix/smtpd[${pid()}]: connect from ${m.clientHost}[${m.clientIp}]`,
    `${at(0)} postfix/smtpd[${pid()}]: ${m.qid}: client=${m.clientHost}[${m.clientIp}], sasl_method=PLAIN, sasl_username=${m.user}`,
    `${at(0)} postfix/cleanup[${pid()}]: ${m.qid}: message-id=<${m.qid}.${Math.floor(m.t / 1000)}@${mailHost}>`,
    `${at(1000)} postfix/qmgr[1102]: ${m.qid}: from=<${m.from}>, size=${m.size}, nrcpt=${m.to.length} (queue active)`,
  ];
  for (const to of m.to) {
    const r = m.relay(to);
    lines.push(
      `${at(2000)} postfix/smtp[${pid()}]: ${m.qid}: to=<${to}>, relay=${r.name}[${r.ip}]:25, delay=1.4, delays=0.1/0.01/0.6/0.7, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)`,
    );
  }
  lines.push(`${at(2000)} postfix/qmgr[1102]: ${m.qid}: removed`);
  return lines;
}

/** CUPS 2 page_log "total" line; the time carries the zone's offset. */
export function cupsLine(
  t: number,
  clock: LocalTime,
  printer: string,
  user: string,
  job: number,
  pages: number,
  clientIp: string,
  document: string,
): string {
  const off = clock.offsetMs(t);
  const d = local(t, clock);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off) / 60_000;
  const stamp = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${printer} ${user} ${job} [${stamp}] total ${pages} - ${clientIp} ${document} iso_a4_210x297mm one-sided`;
}
