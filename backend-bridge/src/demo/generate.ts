import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCompany, DEPARTMENTS, type Employee, loadCategoryDomains, loadHolidays, usersCsv } from './company';
import { Rng } from './rng';
import { Sink } from './sinks';
import {
  bindStamp, ciscoStamp, clfStamp, DAY, doorStamp, epochSeconds, fortiDateTime, HOUR, isoJst, jst, jstDate, jstMidnight, MINUTE, pgStamp, syslogStamp,
} from './time';
import { renderNxlog, renderWinlogbeat, renderXml, type WinRecord } from './windows';

export interface GenerateOptions {
  out: string;
  seed: number;
  days: number;
  users: number;
  /** First day, YYYY-MM-DD (JST). */
  start: string;
  benign: boolean;
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
  who: string;
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

  constructor(private readonly opts: GenerateOptions) {
    this.rng = new Rng(opts.seed);
    this.t0 = jstMidnight(opts.start);
    this.people = buildCompany(this.rng.fork('company'), opts.users, opts.start, opts.days);
    mkdirSync(opts.out, { recursive: true });
    const o = opts.out;
    this.sinks = {
      ws: new Sink('windows/workstations-nxlog.json', o),
      dc: new Sink('windows/dc01-security.xml', o),
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
      for (const s of Object.values(this.sinks)) s.flush();
    }
    for (const s of Object.values(this.sinks)) s.close();
    writeFileSync(join(this.opts.out, 'users.csv'), usersCsv(this.people));
    writeFileSync(join(this.opts.out, 'assets.csv'), this.assetsCsv());
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
    for (const p of this.people) rows.push(`${p.host},${p.account},${p.dept.ja},${p.laptop ? 'laptop' : 'workstation'}`);
    rows.push('DC01,,情報システム,domain-controller', 'FS01,,情報システム,file-server', 'FS02,,情報システム,file-server');
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
    if (sick) return;
    if (off && !(p.night && rng.chance(0.3)) && !rng.chance(0.02)) return;
    const leaverBusy = false;
    let arrive = day + (p.arrive + Math.round(rng.normal() * 12)) * MINUTE + rng.int(0, 59_999);
    let length = p.workMinutes + Math.round(rng.normal() * 15);
    if (off) {
      arrive = day + (10 * 60 + rng.int(0, 120)) * MINUTE;
      length = rng.int(120, 300);
    } else if (rng.chance(p.overtime)) length += rng.int(30, 180);
    const leave = arrive + length * MINUTE + rng.int(0, 59_999);
    this.workSession(p, arrive, leave, rng, d, leaverBusy);
  }

  /** A working session on the user's own PC, with everything that it leaves in the logs. */
  private workSession(p: Employee, arrive: number, leave: number, rng: Rng, d: number, _busy: boolean, opts: { lunch?: boolean; door?: boolean } = {}): void {
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
    for (let i = 0; i < nFiles; i++) {
      const t = at();
      const path = this.sharePath(p.dept.ja, rng);
      const reads = rng.int(1, 3);
      let u = t;
      for (let k = 0; k < reads; k++) u = this.fileAccess(u + rng.int(200, 1500), server, p, fsLogon, path, 'read');
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

  private scenarioDay(d: number, day: number, rng: Rng): void {
    void d;
    void day;
    void rng;
  }
}

export { DEPARTMENTS, p2 };
