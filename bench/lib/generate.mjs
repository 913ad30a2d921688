// Deterministic bench inputs: the same seed always writes the same bytes, so runs on different days compare.
import { createWriteStream, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** mulberry32: tiny, fast, and good enough to spread templates and values. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'tanaka',
  'suzuki',
  'sato',
  'takahashi',
  'watanabe',
  'ito',
  'yamamoto',
  'nakamura',
  'kobayashi',
  'kato',
  'yoshida',
  'yamada',
  'sasaki',
  'yamaguchi',
  'matsumoto',
  'inoue',
  'kimura',
  'hayashi',
  'shimizu',
  'yamazaki',
];
const USERS = [];
for (const s of SURNAMES) for (const i of ['', '2', '3', '.k', '.m', '-adm', '.t', '.y', '.h', '.n']) USERS.push(s + i);
const BAD_USERS = ['admin', 'oracle', 'test', 'ubuntu', 'pi', 'guest', 'ftpuser', 'postgres', 'git', 'user1'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pick = (r, a) => a[Math.floor(r() * a.length)];
const pad2 = (n) => (n < 10 ? `0${n}` : `${n}`);

/**
 * sshd and pam lines as rsyslog writes them (RFC 3164, no year). Eight templates in the proportions a
 * busy bastion sees; `fields` are the values every tool must extract, for the output check.
 */
export function sshdLine(r, i) {
  const sec = 1_790_000_000 + Math.floor(i / 20); // ~20 lines a second, rolling over days
  const d = new Date(sec * 1000);
  const ts = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const host = `web${pad2(1 + Math.floor(r() * 24))}`;
  const pid = 1000 + Math.floor(r() * 60000);
  const user = pick(r, USERS);
  const ip = `10.${Math.floor(r() * 40)}.${Math.floor(r() * 250)}.${1 + Math.floor(r() * 250)}`;
  const port = 1024 + Math.floor(r() * 64000);
  const head = `${ts} ${host} sshd[${pid}]: `;
  const t = r();
  if (t < 0.22)
    return `${head}Accepted ${r() < 0.7 ? 'publickey' : 'password'} for ${user} from ${ip} port ${port} ssh2`;
  if (t < 0.4)
    return `${head}Failed password for ${r() < 0.4 ? `invalid user ${pick(r, BAD_USERS)}` : user} from ${ip} port ${port} ssh2`;
  if (t < 0.5) return `${head}Invalid user ${pick(r, BAD_USERS)} from ${ip} port ${port}`;
  if (t < 0.62)
    return `${head}pam_unix(sshd:session): session opened for user ${user}(uid=${1001 + (USERS.indexOf(user) % 900)}) by (uid=0)`;
  if (t < 0.74) return `${head}pam_unix(sshd:session): session closed for user ${user}`;
  if (t < 0.86) return `${head}Disconnected from user ${user} ${ip} port ${port}`;
  if (t < 0.94) return `${head}Connection closed by authenticating user ${user} ${ip} port ${port} [preauth]`;
  return `${head}Received disconnect from ${ip} port ${port}:11: disconnected by user`;
}

const PROCESSES = [
  'C:\\Windows\\System32\\cmd.exe',
  'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  'C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE',
  'C:\\Windows\\explorer.exe',
  'C:\\Windows\\System32\\net.exe',
];
const SHARES = ['\\\\FS01\\経理', '\\\\FS01\\営業', '\\\\FS01\\人事', '\\\\FS01\\共有'];

/** Windows Security events as NXLog im_msvistalog writes them with xm_json to_json(). */
export function nxlogLine(r, i) {
  const sec = 1_790_000_000 + Math.floor(i / 10);
  const d = new Date(sec * 1000 + 9 * 3600_000);
  const time = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const user = pick(r, USERS);
  const ws = `PC${String(1 + Math.floor(r() * 200)).padStart(3, '0')}`;
  const host = r() < 0.5 ? 'DC01.corp.example.co.jp' : 'FS01.corp.example.co.jp';
  const ip = `10.0.${Math.floor(r() * 40)}.${1 + Math.floor(r() * 250)}`;
  const sid = `S-1-5-21-3623811015-3361044348-30300820-${1100 + USERS.indexOf(user)}`;
  const logonId = `0x${(0x1f2e000 + Math.floor(r() * 0xfffff)).toString(16)}`;
  const t = r();
  const id = t < 0.35 ? 4624 : t < 0.45 ? 4625 : t < 0.75 ? 4663 : t < 0.85 ? 4672 : 4688;
  const o = {
    EventTime: time,
    Hostname: host,
    Keywords: id === 4625 ? -9218868437227405312 : -9214364837600034816,
    EventType: id === 4625 ? 'AUDIT_FAILURE' : 'AUDIT_SUCCESS',
    SeverityValue: 2,
    Severity: 'INFO',
    EventID: id,
    SourceName: 'Microsoft-Windows-Security-Auditing',
    ProviderGuid: '{54849625-5478-4994-A5BA-3E3B0328C30D}',
    Version: 2,
    Task: { 4624: 12544, 4625: 12544, 4663: 12800, 4672: 12548, 4688: 13312 }[id],
    OpcodeValue: 0,
    RecordNumber: 700000 + i,
    ProcessID: 700,
    ThreadID: 1200 + Math.floor(r() * 50),
    Channel: 'Security',
  };
  if (id === 4624 || id === 4625) {
    Object.assign(o, {
      Message: id === 4624 ? 'An account was successfully logged on.' : 'An account failed to log on.',
      Category: 'Logon',
      Opcode: 'Info',
      SubjectUserSid: 'S-1-0-0',
      SubjectUserName: '-',
      SubjectDomainName: '-',
      SubjectLogonId: '0x0',
      TargetUserSid: id === 4624 ? sid : 'S-1-0-0',
      TargetUserName: user,
      TargetDomainName: 'CORP',
      ...(id === 4624
        ? { TargetLogonId: logonId }
        : { Status: '0xc000006d', FailureReason: '%%2313', SubStatus: '0xc000006a' }),
      LogonType: pick(r, ['2', '3', '3', '3', '10', '7']),
      LogonProcessName: 'Kerberos',
      AuthenticationPackageName: 'Kerberos',
      WorkstationName: ws,
      LogonGuid: '{8d3e6f2a-1b4c-4e5d-9a7b-2c1d0e9f8a7b}',
      TransmittedServices: '-',
      LmPackageName: '-',
      KeyLength: '0',
      ProcessId: '0x0',
      ProcessName: '-',
      IpAddress: ip,
      IpPort: String(49152 + Math.floor(r() * 16000)),
    });
  } else if (id === 4663) {
    Object.assign(o, {
      Message: 'An attempt was made to access an object.',
      Category: 'File System',
      Opcode: 'Info',
      SubjectUserSid: sid,
      SubjectUserName: user,
      SubjectDomainName: 'CORP',
      SubjectLogonId: logonId,
      ObjectServer: 'Security',
      ObjectType: 'File',
      ObjectName: `${pick(r, SHARES)}\\2026\\報告書${Math.floor(r() * 500)}.xlsx`,
      // Each access through its own handle, as when Explorer or Office opens a file; a handle is one object.
      HandleId: `0x${(0x100 + Math.floor(r() * 0xfff00)).toString(16)}`,
      AccessList: '%%4416',
      AccessMask: '0x1',
      ProcessId: '0x4',
      ProcessName: '',
      ResourceAttributes: '',
    });
  } else if (id === 4672) {
    Object.assign(o, {
      Message: 'Special privileges assigned to new logon.',
      Category: 'Special Logon',
      Opcode: 'Info',
      SubjectUserSid: sid,
      SubjectUserName: `${user}-adm`,
      SubjectDomainName: 'CORP',
      SubjectLogonId: logonId,
      PrivilegeList: 'SeSecurityPrivilege\n\t\t\tSeBackupPrivilege\n\t\t\tSeRestorePrivilege\n\t\t\tSeDebugPrivilege',
    });
  } else {
    Object.assign(o, {
      Message: 'A new process has been created.',
      Category: 'Process Creation',
      Opcode: 'Info',
      SubjectUserSid: sid,
      SubjectUserName: user,
      SubjectDomainName: 'CORP',
      SubjectLogonId: logonId,
      NewProcessId: `0x${(0x1000 + Math.floor(r() * 0xffff)).toString(16)}`,
      NewProcessName: pick(r, PROCESSES),
      TokenElevationType: '%%1936',
      ProcessId: '0x1d2c',
      CommandLine: '',
      TargetUserSid: 'S-1-0-0',
      TargetUserName: '-',
      TargetDomainName: '-',
      TargetLogonId: '0x0',
      ParentProcessName: 'C:\\Windows\\explorer.exe',
      MandatoryLabel: 'S-1-16-8192',
    });
  }
  o.EventReceivedTime = time;
  o.SourceModuleName = 'eventlog';
  o.SourceModuleType = 'im_msvistalog';
  // NXLog writes the 64-bit Keywords as a bare integer; JSON.stringify would round it.
  return JSON.stringify(o).replace(
    /"Keywords":-?\d+(\.\d+)?(e[+-]?\d+)?/,
    `"Keywords":${id === 4625 ? '-9218868437227405312' : '-9214364837600034816'}`,
  );
}

const SITES = [
  'http://www.example.co.jp/',
  'http://news.example.jp/a/',
  'www.google.co.jp:443',
  'www.youtube.com:443',
  'http://intra.corp.example.co.jp/wiki/',
  'outlook.office365.com:443',
  'http://www.nicovideo.jp/watch/sm',
  'www.doda.jp:443',
];
const CODES = [
  'TCP_MISS/200',
  'TCP_TUNNEL/200',
  'TCP_MEM_HIT/200',
  'TCP_MISS/404',
  'TCP_DENIED/403',
  'TCP_REFRESH_MODIFIED/200',
];
const TYPES = ['text/html', 'application/json', 'image/png', '-', 'application/octet-stream'];

/** Squid native access.log lines. */
export function squidLine(r, i) {
  const ms = 1_790_000_000_000 + i * 37;
  const site = pick(r, SITES);
  const connect = site.endsWith(':443');
  const url = connect ? site : `${site}${Math.floor(r() * 10000)}`;
  const code = connect ? 'TCP_TUNNEL/200' : pick(r, CODES);
  const user = r() < 0.8 ? pick(r, USERS) : '-';
  const peer =
    code.startsWith('TCP_MEM_HIT') || code.startsWith('TCP_DENIED')
      ? 'HIER_NONE/-'
      : `HIER_DIRECT/203.0.113.${1 + Math.floor(r() * 250)}`;
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')} ${String(Math.floor(r() * 5000)).padStart(6, ' ')} 10.0.${Math.floor(r() * 40)}.${1 + Math.floor(r() * 250)} ${code} ${Math.floor(r() * 200000)} ${connect ? 'CONNECT' : pick(r, ['GET', 'GET', 'GET', 'POST'])} ${url} ${user} ${peer} ${connect ? '-' : pick(r, TYPES)}`;
}

export const GENERATORS = {
  sshd: { line: sshdLine, seed: 1 },
  nxlog: { line: nxlogLine, seed: 2 },
  squid: { line: squidLine, seed: 3 },
};

/** Writes `lines` lines of one input to `path`, unless the file already holds exactly that input. */
export async function generate(kind, lines, path) {
  const stamp = `${path}.meta`;
  const want = `${kind} ${lines} v2`;
  if (existsSync(path) && existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return false;
  const { line, seed } = GENERATORS[kind];
  const r = rng(seed);
  const out = createWriteStream(`${path}.tmp`);
  let chunk = '';
  for (let i = 0; i < lines; i++) {
    chunk += `${line(r, i)}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((res) => out.once('drain', res));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise((res, rej) => out.end((err) => (err ? rej(err) : res())));
  renameSync(`${path}.tmp`, path);
  writeFileSync(stamp, want);
  return true;
}
