import type { Employee } from '../company';
import type { Month } from '../month';
import { DC, DOMAIN, FQDN, hex } from '../office';
import type { Rng } from '../rng';
import { DAY, HOUR, MINUTE } from '../time';
import { deskWork } from './desk-work';
import { hasSysmon, sysmonDay } from './sysmon-day';

const OTHER_LOGON = { task: 12551, taskName: 'Other Logon/Logoff Events' };
const LOGOFF = { task: 12545, taskName: 'Logoff' };

export interface SessionOptions {
  /** Whether the person takes a lunch break (lock, unlock) — default true. */
  lunch?: boolean;
  /** Whether the door readers see them come and go — default true. */
  door?: boolean;
}

/** A working session on the user's own PC, with everything that it leaves in the logs. */
export function workSession(
  m: Month,
  p: Employee,
  arrive: number,
  leave: number,
  rng: Rng,
  opts: SessionOptions = {},
): void {
  m.book.session(p, arrive, leave);
  const { windows, office } = m.logs;
  const comp = `${p.host}.${FQDN}`;
  const logonId = hex(0x100000 + rng.int(0, 0xefffff));
  const target: Array<[string, string]> = [
    ['TargetUserSid', p.sid],
    ['TargetUserName', p.account],
    ['TargetDomainName', DOMAIN],
    ['TargetLogonId', logonId],
  ];
  // Door entry a few minutes before.
  if (opts.door !== false) {
    office.door(arrive - rng.int(3, 9) * MINUTE, p, '本社1F 通用口', '入室');
    const room = `本社${p.dept.code === 'seizo' ? '工場棟' : '3F'} 執務室`;
    office.door(arrive - rng.int(1, 3) * MINUTE, p, room, '入室');
  }
  const logonType = powerOnAndLogon(m, p, arrive, logonId, rng);
  if (hasSysmon(p)) sysmonDay(m, p, arrive, leave, logonId);
  const validated: Array<[string, string]> = [
    ['PackageName', 'MICROSOFT_AUTHENTICATION_PACKAGE_V1_0'],
    ['TargetUserName', p.account],
    ['Workstation', p.host],
    ['Status', '0x0'],
  ];
  const validation = 'The computer attempted to validate the credentials for an account.';
  windows.security('dc', arrive + 600, DC, 4776, validated, validation, {
    task: 14336,
    taskName: 'Credential Validation',
  });
  // Lunch lock / unlock.
  const day = arrive - ((arrive - m.t0) % DAY);
  const lunchStart = day + (12 * 60 + rng.int(-5, 20)) * MINUTE + rng.int(0, 59_999);
  const hasLunch = opts.lunch !== false && lunchStart > arrive + HOUR && lunchStart + HOUR < leave;
  const lunchEnd = lunchStart + rng.int(40, 58) * MINUTE;
  const locked = [...target, ['SessionId', '1']] as Array<[string, string]>;
  if (hasLunch) {
    windows.security('workstations', lunchStart, comp, 4800, locked, 'The workstation was locked.', OTHER_LOGON);
    windows.security('workstations', lunchEnd, comp, 4801, locked, 'The workstation was unlocked.', OTHER_LOGON);
    if (rng.chance(0.5)) {
      office.door(lunchStart + 2 * MINUTE, p, '本社1F 通用口', '退室');
      office.door(lunchEnd - 3 * MINUTE, p, '本社1F 通用口', '入室');
    }
  }
  const busy = (t: number): boolean => !hasLunch || t < lunchStart || t > lunchEnd;
  // Screensaver now and then.
  if (rng.chance(0.3)) {
    const t = arrive + rng.int(60, 200) * MINUTE;
    if (t < leave - 30 * MINUTE && busy(t) && busy(t + 10 * MINUTE)) {
      windows.security('workstations', t, comp, 4802, locked, 'The screen saver was invoked.', OTHER_LOGON);
      const back = t + rng.int(3, 9) * MINUTE;
      windows.security('workstations', back, comp, 4803, locked, 'The screen saver was dismissed.', OTHER_LOGON);
    }
  }
  deskWork(m, p, arrive, leave, busy, rng);
  // Leave: logoff, shutdown or sleep, door exit.
  windows.security('workstations', leave, comp, 4647, target, 'User initiated logoff:', LOGOFF);
  const loggedOff = [...target, ['LogonType', String(logonType)]] as Array<[string, string]>;
  windows.security('workstations', leave + 1200, comp, 4634, loggedOff, 'An account was logged off.', LOGOFF);
  powerOff(m, p, leave, rng);
  if (opts.door !== false) office.door(leave + rng.int(2, 6) * MINUTE, p, '本社1F 通用口', '退室');
}

/** Power on (or resume from sleep), DHCP, logon at the PC and at the DC; returns the logon type. */
function powerOnAndLogon(m: Month, p: Employee, arrive: number, logonId: string, rng: Rng): number {
  const { windows } = m.logs;
  const comp = `${p.host}.${FQDN}`;
  const boot = arrive - rng.int(60, 240) * 1000;
  if (p.laptop && rng.chance(0.5)) {
    windows.system(boot, comp, 'Microsoft-Windows-Kernel-Power', 107, [], 'The system has resumed from sleep.');
  } else {
    const started: Array<[string, string]> = [
      ['MajorVersion', '10'],
      ['MinorVersion', '0'],
      ['BuildVersion', '19045'],
      ['StartTime', new Date(boot - 5000).toISOString()],
    ];
    windows.system(
      boot,
      comp,
      'Microsoft-Windows-Kernel-General',
      12,
      started,
      'The operating system started at system time.',
    );
    windows.system(boot + 9000, comp, 'EventLog', 6005, [], 'The Event log service was started.');
  }
  m.logs.office.dhcpLease(boot + 15_000, p);
  const logonType = p.laptop && rng.chance(0.15) ? 11 : 2;
  windows.logon('workstations', arrive, p.host, p, logonType, logonType === 11 ? '-' : '127.0.0.1', logonId);
  windows.logon('dc', arrive + 800, 'DC01', p, 3, p.ip, hex(0x900000 + rng.int(0, 0xffff)));
  return logonType;
}

/** Laptops often sleep; the rest shut down (User32 1074, EventLog 6006, Kernel-General 13). */
function powerOff(m: Month, p: Employee, leave: number, rng: Rng): void {
  const { windows } = m.logs;
  const comp = `${p.host}.${FQDN}`;
  if (p.laptop && rng.chance(0.5)) {
    const sleep: Array<[string, string]> = [
      ['TargetState', '4'],
      ['EffectiveState', '4'],
      ['Reason', '7'],
      ['Flags', '0'],
    ];
    windows.system(leave + 5000, comp, 'Microsoft-Windows-Kernel-Power', 42, sleep, 'The system is entering sleep.');
    return;
  }
  const user = `${DOMAIN}\\${p.account}`;
  const shutdown: Array<[string, string]> = [
    ['param1', `C:\\Windows\\Explorer.EXE (${p.host})`],
    ['param2', p.host],
    ['param3', 'Other (Unplanned)'],
    ['param4', '0x0'],
    ['param5', 'power off'],
    ['param6', ''],
    ['param7', user],
  ];
  const message =
    `The process C:\\Windows\\Explorer.EXE (${p.host}) has initiated the power off of computer ${p.host} ` +
    `on behalf of user ${user} for the following reason: Other (Unplanned)`;
  windows.system(leave + 3000, comp, 'User32', 1074, shutdown, message);
  windows.system(leave + 9000, comp, 'EventLog', 6006, [], 'The Event log service was stopped.');
  const stopped: Array<[string, string]> = [['StopTime', new Date(leave + 11000).toISOString()]];
  windows.system(
    leave + 11000,
    comp,
    'Microsoft-Windows-Kernel-General',
    13,
    stopped,
    'The operating system is shutting down at system time.',
  );
}
