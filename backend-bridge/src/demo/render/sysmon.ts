import type { Rng } from '../rng';

/**
 * Sysmon (Microsoft-Windows-Sysmon/Operational, schema 4.90) EventData, in the order Sysmon writes it,
 * for the four events the demo's Sysmon hosts log: 1 process create, 3 network connect, 11 file
 * create, 22 DNS query. The generator renders them as Event XML like any other Windows event.
 */

export const SYSMON_PROVIDER = 'Microsoft-Windows-Sysmon';
export const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';
/** The event versions Sysmon 15 writes. */
export const SYSMON_VERSION: Record<number, number> = { 1: 5, 3: 5, 11: 2, 22: 5 };

/** A process as Sysmon identifies it: a GUID unique across the domain, the PID, the image and its account. */
export interface SysmonProcess {
  guid: string;
  pid: number;
  image: string;
  commandLine: string;
  /** DOMAIN\name. */
  user: string;
}

type Data = Array<[string, string]>;

/** Sysmon's UtcTime: `YYYY-MM-DD hh:mm:ss.mmm`, UTC. */
export function utcTime(t: number): string {
  return new Date(t).toISOString().replace('T', ' ').slice(0, 23);
}

/** A ProcessGuid as Sysmon makes them: a per-machine prefix, the start time, a counter. */
export function processGuid(machine: string, rng: Rng): string {
  return `{${machine}-${rng.hex(4)}-${rng.hex(4)}-0000-0010${rng.hex(8)}}`;
}

/** Version information Sysmon reads from the image's resources, for the images the demo starts. */
const IMAGE_INFO: Record<
  string,
  [fileVersion: string, description: string, product: string, company: string, original: string]
> = {
  'OUTLOOK.EXE': ['16.0.17928.20156', 'Microsoft Outlook', 'Microsoft Outlook', 'Microsoft Corporation', 'Outlook.exe'],
  'EXCEL.EXE': ['16.0.17928.20156', 'Microsoft Excel', 'Microsoft Office', 'Microsoft Corporation', 'Excel.exe'],
  'mmc.exe': [
    '10.0.19041.3636 (WinBuild.160101.0800)',
    'Microsoft Management Console',
    'Microsoft® Windows® Operating System',
    'Microsoft Corporation',
    'MMC.EXE',
  ],
  'ssh.exe': ['9.5.0.0', 'OpenSSH SSH client', 'OpenSSH for Windows', 'Microsoft Corporation', 'ssh.exe'],
  'powershell.exe': [
    '10.0.19041.3996 (WinBuild.160101.0800)',
    'Windows PowerShell',
    'Microsoft® Windows® Operating System',
    'Microsoft Corporation',
    'PowerShell.EXE',
  ],
};

function base(image: string): string {
  return image.slice(image.lastIndexOf('\\') + 1);
}

export function processCreate(
  t: number,
  child: SysmonProcess,
  parent: SysmonProcess,
  session: { logonGuid: string; logonId: string; cwd: string },
  rng: Rng,
): Data {
  const info = IMAGE_INFO[base(child.image)] ?? ['-', '-', '-', '-', '-'];
  const hashes = `SHA1=${rng.hex(40)},MD5=${rng.hex(32)},SHA256=${rng.hex(64)},IMPHASH=${rng.hex(32)}`.toUpperCase();
  return [
    ['RuleName', '-'],
    ['UtcTime', utcTime(t)],
    ['ProcessGuid', child.guid],
    ['ProcessId', String(child.pid)],
    ['Image', child.image],
    ['FileVersion', info[0]],
    ['Description', info[1]],
    ['Product', info[2]],
    ['Company', info[3]],
    ['OriginalFileName', info[4]],
    ['CommandLine', child.commandLine],
    ['CurrentDirectory', session.cwd],
    ['User', child.user],
    ['LogonGuid', session.logonGuid],
    ['LogonId', session.logonId],
    ['TerminalSessionId', '1'],
    ['IntegrityLevel', 'Medium'],
    ['Hashes', hashes],
    ['ParentProcessGuid', parent.guid],
    ['ParentProcessId', String(parent.pid)],
    ['ParentImage', parent.image],
    ['ParentCommandLine', parent.commandLine],
    ['ParentUser', parent.user],
  ];
}

export function networkConnect(
  t: number,
  p: SysmonProcess,
  from: { ip: string; host: string; port: number },
  to: { ip: string; host: string; port: number; portName: string },
): Data {
  return [
    ['RuleName', '-'],
    ['UtcTime', utcTime(t)],
    ['ProcessGuid', p.guid],
    ['ProcessId', String(p.pid)],
    ['Image', p.image],
    ['User', p.user],
    ['Protocol', 'tcp'],
    ['Initiated', 'true'],
    ['SourceIsIpv6', 'false'],
    ['SourceIp', from.ip],
    ['SourceHostname', from.host],
    ['SourcePort', String(from.port)],
    ['SourcePortName', '-'],
    ['DestinationIsIpv6', 'false'],
    ['DestinationIp', to.ip],
    ['DestinationHostname', to.host],
    ['DestinationPort', String(to.port)],
    ['DestinationPortName', to.portName],
  ];
}

export function fileCreate(t: number, p: SysmonProcess, path: string): Data {
  return [
    ['RuleName', '-'],
    ['UtcTime', utcTime(t)],
    ['ProcessGuid', p.guid],
    ['ProcessId', String(p.pid)],
    ['Image', p.image],
    ['TargetFilename', path],
    ['CreationUtcTime', utcTime(t)],
    ['User', p.user],
  ];
}

/** QueryResults as Sysmon prints them: `type:  5 alias;` for a CNAME, then `::ffff:a.b.c.d;` per address. */
export function dnsQuery(t: number, p: SysmonProcess, name: string, results: { cname?: string; ips: string[] }): Data {
  const cname = results.cname ? `type:  5 ${results.cname};` : '';
  const out = `${cname}${results.ips.map((ip) => `::ffff:${ip};`).join('')}`;
  return [
    ['RuleName', '-'],
    ['UtcTime', utcTime(t)],
    ['ProcessGuid', p.guid],
    ['ProcessId', String(p.pid)],
    ['QueryName', name],
    ['QueryStatus', '0'],
    ['QueryResults', out],
    ['Image', p.image],
    ['User', p.user],
  ];
}
