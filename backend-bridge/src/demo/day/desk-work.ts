import type { Employee } from '../company';
import { fileAccess } from '../logs/file-access';
import { subject } from '../logs/windows';
import type { Month } from '../month';
import { EXTS, FQDN, hex, SHARE_FILES } from '../office';
import type { Rng } from '../rng';
import { MINUTE } from '../time';

const COMPANY_WIDE = ['就業規則', '社内報', '経費精算マニュアル', '年間カレンダー', '組織図'];

/**
 * The day's work between logon and logoff: the department share, web, mail, now and then printing, and SSH for
 * the administrators. Everything happens at random times when the person is not at lunch (`busy`).
 */
export function deskWork(
  m: Month,
  p: Employee,
  arrive: number,
  leave: number,
  busy: (t: number) => boolean,
  rng: Rng,
): void {
  const span = leave - arrive;
  const at = (): number => {
    for (let i = 0; i < 5; i++) {
      const t = arrive + 60_000 + Math.floor(rng.next() * (span - 120_000));
      if (busy(t)) return t;
    }
    return arrive + 60_000;
  };
  shareWork(m, p, arrive, leave, at, rng);
  // Web, DNS, firewall, Zeek.
  const nWeb = rng.int(25, 70);
  for (let i = 0; i < nWeb; i++) {
    const t = at();
    m.logs.web.browse(p, t, rng, pickCategory(m, p, rng));
  }
  // Mail.
  const nMail = Math.max(0, p.mailPerDay + Math.round(rng.normal() * 2));
  for (let i = 0; i < nMail; i++) m.logs.mail.send(p, at(), rng);
  for (let i = 0; i < Math.round(nMail * 1.5); i++) m.logs.mail.receive(p, at(), rng);
  // Printing, now and then.
  if (rng.chance(0.25)) {
    const t = at();
    const pages = rng.int(1, 12);
    m.logs.office.print(p, t, rng, pages, rng.pick(SHARE_FILES) + rng.pick(['.pdf', '.xlsx', '.docx']));
  }
  // Linux work for the administrators.
  if (p.privileged) m.logs.linux.adminSession(p, at(), rng);
}

/** The own department's share (5140 once, then reads and saves); now and then the company-wide folder on FS02. */
function shareWork(m: Month, p: Employee, arrive: number, leave: number, at: () => number, rng: Rng): void {
  const { windows } = m.logs;
  const server = p.dept.server;
  const fsLogon = hex(0xa00000 + rng.int(0, 0xfffff));
  const nFiles = rng.int(3, 14);
  if (nFiles > 0) {
    const t = arrive + rng.int(2, 20) * MINUTE;
    const share: Array<[string, string]> = [
      ...subject(p, fsLogon),
      ['ObjectType', 'File'],
      ['IpAddress', p.ip],
      ['IpPort', String(49700 + rng.int(0, 200))],
      ['ShareName', `\\\\*\\${p.dept.ja}`],
      ['ShareLocalPath', `\\??\\C:\\Shares\\${p.dept.ja}`],
      ['AccessMask', '0x1'],
      ['AccessList', '%%4416\n\t\t\t\t'],
    ];
    const fileShare = { version: 1, task: 12808, taskName: 'File Share' };
    windows.security(
      'fileServers',
      t,
      `${server}.${FQDN}`,
      5140,
      share,
      'A network share object was accessed.',
      fileShare,
    );
  }
  const smb = { src: p.ip, dst: server === 'FS01' ? '10.0.0.20' : '10.0.0.21', port: 445, service: 'smb,gssapi' };
  const sent = rng.int(200_000, 5_000_000);
  const received = rng.int(1_000_000, 80_000_000);
  m.logs.zeek.conn(arrive + 2 * MINUTE, { ...smb, duration: (leave - arrive) / 1000 - 200, sent, received }, rng);
  for (let i = 0; i < nFiles; i++) {
    const t = at();
    const common = rng.chance(0.08);
    const path = common ? `C:\\Shares\\全社共有\\${rng.pick(COMPANY_WIDE)}_2026.pdf` : sharePath(p.dept.ja, rng);
    const reads = rng.int(1, 3);
    let u = t;
    for (let k = 0; k < reads; k++)
      u = fileAccess(windows, u + rng.int(200, 1500), common ? 'FS02' : server, p, fsLogon, path, 'read');
    if (common) continue;
    if (rng.chance(0.3)) fileAccess(windows, u + rng.int(30, 600) * 1000, server, p, fsLogon, path, 'write');
  }
}

function sharePath(dept: string, rng: Rng): string {
  const year = rng.chance(0.5) ? '2026年度\\' : '';
  return `C:\\Shares\\${dept}\\${year}${rng.pick(SHARE_FILES)}_${rng.int(1, 40)}${rng.pick(EXTS)}`;
}

/** Mostly business sites; job sites are a quiet baseline, but never from the scenario's leaver. */
function pickCategory(m: Month, p: Employee, rng: Rng): string {
  const r = rng.next();
  if (r < 0.55) return 'business';
  if (r < 0.7) return 'search';
  if (r < 0.8) return 'news';
  if (r < 0.86) return 'video';
  if (r < 0.92) return 'sns';
  if (r < 0.96) return 'webmail';
  if (r < 0.995) return 'cloud-storage';
  return p === m.leaver() ? 'business' : 'job-site';
}
