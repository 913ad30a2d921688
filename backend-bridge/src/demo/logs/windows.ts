import type { Employee } from '../company';
import { DC, DOMAIN, FQDN, hex } from '../office';
import { SYSMON_CHANNEL, SYSMON_PROVIDER, SYSMON_VERSION } from '../render/sysmon';
import { renderNxlog, renderWinlogbeat, renderXml, type WinRecord } from '../render/windows';
import type { Outputs } from './outputs';

/** Where a Windows event is collected: PCs through NXLog, DC01 through WEF, the file servers through Winlogbeat. */
export type WindowsSink = 'workstations' | 'dc' | 'fileServers';
export type EventData = Array<[string, string]>;
/** Who acted: an employee or an account the scenario makes up (a backdoor). */
export type Account = Pick<Employee, 'sid' | 'account'>;

const SECURITY = 'Microsoft-Windows-Security-Auditing';
const NO_GUID = '{00000000-0000-0000-0000-000000000000}';

export function subject(who: Account, logonId: string): EventData {
  return [
    ['SubjectUserSid', who.sid],
    ['SubjectUserName', who.account],
    ['SubjectDomainName', DOMAIN],
    ['SubjectLogonId', logonId],
  ];
}

export function machineSubject(host: string): EventData {
  return [
    ['SubjectUserSid', 'S-1-5-18'],
    ['SubjectUserName', `${host}$`],
    ['SubjectDomainName', DOMAIN],
    ['SubjectLogonId', '0x3e7'],
  ];
}

/**
 * The Windows event logs: numbers each computer's records, keeps the object handle counter, and renders each
 * event the way its collector writes it.
 */
export class WindowsLog {
  private readonly recordIds = new Map<string, number>();
  /** Sysmon numbers its own records, so adding it shifted no other log. */
  private readonly sysmonRecordIds = new Map<string, number>();
  private handle = 0x1000;

  constructor(private readonly out: Outputs) {}

  nextHandle(): string {
    return hex((this.handle += 4));
  }

  event(sink: WindowsSink, r: Omit<WinRecord, 'recordId'>): void {
    const id = (this.recordIds.get(r.computer) ?? 100000) + 1;
    this.recordIds.set(r.computer, id);
    const rec: WinRecord = { ...r, recordId: id };
    const text =
      sink === 'workstations'
        ? renderNxlog(rec)
        : sink === 'dc'
          ? renderXml(rec)
          : renderWinlogbeat(rec, r.computer.split('.')[0].toLowerCase());
    this.out[sink].add(r.t, text);
  }

  security(
    sink: WindowsSink,
    t: number,
    computer: string,
    id: number,
    data: EventData,
    message: string,
    extra: Partial<WinRecord> = {},
  ): void {
    this.event(sink, {
      t,
      id,
      provider: SECURITY,
      channel: 'Security',
      computer,
      audit: 'success',
      data,
      message,
      ...extra,
    });
  }

  /** A PC's System log. */
  system(t: number, computer: string, provider: string, id: number, data: EventData, message: string): void {
    this.event('workstations', {
      t,
      id,
      provider,
      channel: 'System',
      computer,
      level: 4,
      data,
      message,
      processId: 4,
      threadId: 8,
    });
  }

  /** One Sysmon event, as Event XML (wevtutil / WEF of Microsoft-Windows-Sysmon/Operational). */
  sysmon(t: number, computer: string, id: number, data: EventData): void {
    const recordId = (this.sysmonRecordIds.get(computer) ?? 50000) + 1;
    this.sysmonRecordIds.set(computer, recordId);
    const rec: WinRecord = {
      t,
      id,
      provider: SYSMON_PROVIDER,
      channel: SYSMON_CHANNEL,
      computer,
      recordId,
      level: 4,
      task: id,
      version: SYSMON_VERSION[id],
      processId: 3180,
      threadId: 4016,
      data,
      message: '',
    };
    this.out.sysmon.add(t, renderXml(rec));
  }

  /** 4624: interactive (2), cached (11) on the PC, or network (3, Kerberos) on the DC. */
  logon(sink: WindowsSink, t: number, host: string, p: Employee, type: number, ip: string, logonId: string): void {
    const network = type === 3;
    const [proc, procName, auth] = network
      ? ['0x0', '-', 'Kerberos']
      : ['0x2f0', 'C:\\Windows\\System32\\svchost.exe', 'Negotiate'];
    const data: EventData = [
      ...machineSubject(host),
      ['TargetUserSid', p.sid],
      ['TargetUserName', p.account],
      ['TargetDomainName', DOMAIN],
      ['TargetLogonId', logonId],
      ['LogonType', String(type)],
      ['LogonProcessName', network ? 'Kerberos' : 'User32 '],
      ['AuthenticationPackageName', auth],
      ['WorkstationName', network ? '-' : host],
      ['LogonGuid', NO_GUID],
      ['TransmittedServices', '-'],
      ['LmPackageName', '-'],
      ['KeyLength', '0'],
      ['ProcessId', proc],
      ['ProcessName', procName],
      ['IpAddress', ip],
      ['IpPort', network ? String(49152 + (t % 10000)) : '0'],
      ['ImpersonationLevel', '%%1833'],
      ['RestrictedAdminMode', '-'],
      ['TargetOutboundUserName', '-'],
      ['TargetOutboundDomainName', '-'],
      ['VirtualAccount', '%%1843'],
      ['TargetLinkedLogonId', '0x0'],
      ['ElevatedToken', '%%1843'],
    ];
    const extra = { version: 2, task: 12544, taskName: 'Logon' };
    this.security(sink, t, `${host}.${FQDN}`, 4624, data, 'An account was successfully logged on.', extra);
  }

  /** 4625 on the DC: a network logon with a bad password (NTLM). */
  failedLogon(t: number, user: string, ip: string, workstation: string): void {
    const data: EventData = [
      ['SubjectUserSid', 'S-1-0-0'],
      ['SubjectUserName', '-'],
      ['SubjectDomainName', '-'],
      ['SubjectLogonId', '0x0'],
      ['TargetUserSid', 'S-1-0-0'],
      ['TargetUserName', user],
      ['TargetDomainName', DOMAIN],
      ['Status', '0xc000006d'],
      ['FailureReason', '%%2313'],
      ['SubStatus', '0xc000006a'],
      ['LogonType', '3'],
      ['LogonProcessName', 'NtLmSsp '],
      ['AuthenticationPackageName', 'NTLM'],
      ['WorkstationName', workstation],
      ['TransmittedServices', '-'],
      ['LmPackageName', '-'],
      ['KeyLength', '0'],
      ['ProcessId', '0x0'],
      ['ProcessName', '-'],
      ['IpAddress', ip],
      ['IpPort', String(40000 + (t % 20000))],
    ];
    const extra = { audit: 'failure' as const, task: 12544, taskName: 'Logon' };
    this.security('dc', t, DC, 4625, data, 'An account failed to log on.', extra);
  }
}
