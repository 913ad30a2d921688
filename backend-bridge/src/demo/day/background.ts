import type { Month } from '../month';
import { pgauditMessage } from '../render/postgres';
import type { Rng } from '../rng';
import { DAY, HOUR, MINUTE } from '../time';

/** What happens every day whoever comes to work: Internet noise, the HR application, the network, typos. */
export function background(m: Month, day: number, rng: Rng): void {
  internetNoise(m, day, rng);
  hrApplication(m, day, rng);
  networkChatter(m, day, rng);
  // Failed logons by people who mistype their password (one or two, then success).
  for (const p of m.people) {
    if (rng.chance(0.02)) m.logs.windows.failedLogon(day + (p.arrive - 2) * MINUTE, p.account, p.ip, p.host);
  }
}

/** SSH scanners against the bastion, and the firewall denying probes of other ports. */
function internetNoise(m: Month, day: number, rng: Rng): void {
  const { linux, firewall } = m.logs;
  const scans = rng.int(15, 40);
  for (let i = 0; i < scans; i++) {
    const t = day + Math.floor(rng.next() * DAY);
    const ip = `192.0.2.${rng.int(1, 250)}`;
    const sshd = `sshd[${linux.nextPid(rng.int(1, 20))}]`;
    const user = rng.pick(['root', 'admin', 'test', 'oracle', 'ubuntu', 'pi']);
    const root = user === 'root';
    const tried = root
      ? `Failed password for root from ${ip} port ${rng.int(30000, 65000)} ssh2`
      : `Invalid user ${user} from ${ip} port ${rng.int(30000, 65000)}`;
    linux.line(t, 'bastion01', sshd, tried);
    const who = root ? 'authenticating user root ' : `invalid user ${user} `;
    linux.line(t + 900, 'bastion01', sshd, `Connection closed by ${who}${ip} port ${rng.int(30000, 65000)} [preauth]`);
    if (rng.chance(0.5)) firewall.deniedInbound(t, ip, rng);
  }
}

/** The HR application talks to its database all day; PostgreSQL checkpoints at night. */
function hrApplication(m: Month, day: number, rng: Rng): void {
  const { hrdb } = m.logs;
  for (let i = 0; i < 40; i++) {
    const t = day + 8 * HOUR + Math.floor(rng.next() * 11 * HOUR);
    const pid = hrdb.nextPid();
    const table = rng.pick(['employees', 'attendance', 'leave_requests']);
    hrdb.line(t, pid, 'hr_app@hrdb', 'connection authorized: user=hr_app database=hrdb application_name=hr-portal');
    const select = `SELECT id, name, dept FROM ${table} WHERE id = $1`;
    hrdb.line(t + 15, pid, 'hr_app@hrdb', pgauditMessage(hrdb.nextStatement(), 'READ', 'SELECT', table, select));
    if (rng.chance(0.2)) {
      const update = 'UPDATE attendance SET clock_out = now() WHERE emp_id = $1';
      hrdb.line(
        t + 40,
        pid,
        'hr_app@hrdb',
        pgauditMessage(hrdb.nextStatement(), 'WRITE', 'UPDATE', 'attendance', update),
      );
    }
  }
  const checkpoint = `checkpoint complete: wrote ${rng.int(10, 900)} buffers (0.${rng.int(1, 9)}%)`;
  hrdb.line(day + 3 * HOUR, 12300, undefined, checkpoint);
}

/** Wi-Fi clients coming and going on the hostapd APs, and now and then a switch configuration change. */
function networkChatter(m: Month, day: number, rng: Rng): void {
  const { devices } = m.logs;
  for (let i = 0; i < 6; i++) {
    const t = day + 8 * HOUR + Math.floor(rng.next() * 10 * HOUR);
    const mac = `3c:22:fb:${rng.hex(2)}:${rng.hex(2)}:${rng.hex(2)}`;
    const ap = rng.pick(['ap-3f-01', 'ap-3f-02']);
    devices.hostapd(t, ap, `wlan0: STA ${mac} IEEE 802.11: authenticated`);
    devices.hostapd(t + 30, ap, `wlan0: STA ${mac} IEEE 802.11: associated (aid ${rng.int(1, 30)})`);
    devices.hostapd(t + 60, ap, `wlan0: AP-STA-CONNECTED ${mac}`);
    devices.hostapd(t + 2 * HOUR, ap, `wlan0: STA ${mac} IEEE 802.11: disassociated`);
  }
  if (rng.chance(0.3)) {
    const t = day + 10 * HOUR + rng.int(0, 6 * 3600) * 1000;
    devices.cisco(
      'switch',
      t,
      189,
      'core-sw01',
      '%SYS-5-CONFIG_I: Configured from console by netadmin on vty0 (10.0.0.10)',
    );
  }
}
