import type { Employee } from '../company';
import type { Month } from '../month';
import { DC, DOMAIN, FQDN } from '../office';
import { dnsQuery, fileCreate, networkConnect, processCreate, processGuid, type SysmonProcess } from '../render/sysmon';
import type { Rng } from '../rng';
import { MINUTE } from '../time';

const OFFICE16 = 'C:\\Program Files\\Microsoft Office\\root\\Office16';

/** Sysmon runs on the IT department's PCs and the accounting PCs (invoices: phishing's favourite target). */
export function hasSysmon(p: Employee): boolean {
  return p.dept.code === 'joho' || p.dept.code === 'keiri';
}

/** The logon session Sysmon names: a LogonGuid made from the machine's GUID prefix, the 4624's logon id, the cwd. */
export function sysmonSession(machine: string, logonId: string, cwd: string, rng: Rng) {
  return { logonGuid: `{${machine}-${rng.hex(4)}-${rng.hex(4)}-0000-0020${rng.hex(8)}}`, logonId, cwd };
}

/** A Sysmon host's ordinary day: Outlook with its DNS lookup and connection, then the department's own tool. */
export function sysmonDay(m: Month, p: Employee, arrive: number, leave: number, logonId: string): void {
  const rng = m.sysmonRng.fork(`${p.account}@${arrive}`);
  const { windows } = m.logs;
  const comp = `${p.host}.${FQDN}`;
  const user = `${DOMAIN}\\${p.account}`;
  const machine = rng.hex(8);
  const session = sysmonSession(machine, logonId, `C:\\Users\\${p.account}\\`, rng);
  const explorer: SysmonProcess = {
    guid: processGuid(machine, rng),
    pid: rng.int(3000, 9000),
    image: 'C:\\Windows\\explorer.exe',
    commandLine: 'C:\\Windows\\Explorer.EXE',
    user,
  };
  const start = (image: string, commandLine: string): SysmonProcess => {
    return { guid: processGuid(machine, rng), pid: rng.int(1000, 15000) & ~3, image, commandLine, user };
  };
  const local = (port: number) => ({ ip: p.ip, host: comp, port });
  const t1 = Math.min(arrive + rng.int(40, 120) * 1000, leave - 60_000);
  const outlook = start(`${OFFICE16}\\OUTLOOK.EXE`, `"${OFFICE16}\\OUTLOOK.EXE" `);
  windows.sysmon(t1, comp, 1, processCreate(t1, outlook, explorer, session, rng));
  const resolved = { cname: 'outlook.ms-acdc.office.com', ips: ['203.0.113.40', '203.0.113.41'] };
  windows.sysmon(t1 + 2500, comp, 22, dnsQuery(t1 + 2500, outlook, 'outlook.office365.com', resolved));
  const exchange = { ip: '203.0.113.40', host: 'outlook.ms-acdc.office.com', port: 443, portName: 'https' };
  windows.sysmon(t1 + 2600, comp, 3, networkConnect(t1 + 2600, outlook, local(rng.int(49700, 60000)), exchange));
  const t2 = Math.max(t1 + 60_000, Math.min(arrive + rng.int(20, 240) * MINUTE, leave - 10 * MINUTE));
  if (p.dept.code === 'joho') {
    const mmc = start(
      'C:\\Windows\\System32\\mmc.exe',
      '"C:\\Windows\\system32\\mmc.exe" "C:\\Windows\\system32\\dsa.msc"',
    );
    windows.sysmon(t2, comp, 1, processCreate(t2, mmc, explorer, session, rng));
    const ldap = { ip: '10.0.0.11', host: DC, port: 389, portName: 'ldap' };
    windows.sysmon(t2 + 1200, comp, 3, networkConnect(t2 + 1200, mmc, local(rng.int(49700, 60000)), ldap));
  } else {
    const name = `${rng.pick(['月次集計', '見積書', '予算案', '発注書'])}_${rng.int(1, 40)}.xlsx`;
    const excel = start(`${OFFICE16}\\EXCEL.EXE`, `"${OFFICE16}\\EXCEL.EXE" "\\\\FS02\\${p.dept.ja}\\${name}"`);
    windows.sysmon(t2, comp, 1, processCreate(t2, excel, explorer, session, rng));
    const saved = t2 + rng.int(5, 40) * MINUTE;
    windows.sysmon(saved, comp, 11, fileCreate(saved, excel, `C:\\Users\\${p.account}\\Documents\\${name}`));
  }
}
