import type { Employee } from '../company';
import { userCmdLine } from '../render/auditd';
import { syslogLine } from '../render/syslog';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

const ADMIN_COMMANDS = [
  '/usr/bin/systemctl restart nginx',
  '/usr/bin/journalctl -u nginx',
  '/usr/bin/apt-get update',
  '/usr/bin/df -h',
  '/usr/bin/systemctl status postgresql',
];

/** The Linux servers' /var/log/secure (sshd, pam_unix, sudo) and audit.log, with their PID and audit counters. */
export class LinuxLog {
  private pid = 3000;
  private auditSerial = 4500;

  constructor(private readonly out: Outputs) {}

  /** The next sshd PID, `step` after the last. */
  nextPid(step: number): number {
    return (this.pid += step);
  }

  line(t: number, host: string, tag: string, message: string): void {
    this.out.secure.add(t, syslogLine(t, host, tag, message));
  }

  /** An administrator's SSH session: public-key logon, one to three sudo commands (auditd sees them), logoff. */
  adminSession(p: Employee, t: number, rng: Rng): void {
    const host = rng.pick(['web01', 'db01', 'bastion01']);
    const pid = this.nextPid(rng.int(3, 40));
    const port = rng.int(49152, 65000);
    const uid = 1001 + p.index;
    const sshd = `sshd[${pid}]`;
    this.line(
      t,
      host,
      sshd,
      `Accepted publickey for ${p.account} from ${p.ip} port ${port} ssh2: ED25519 SHA256:${rng.hex(16)}`,
    );
    this.line(
      t + 30,
      host,
      sshd,
      `pam_unix(sshd:session): session opened for user ${p.account}(uid=${uid}) by (uid=0)`,
    );
    const n = rng.int(1, 3);
    let u = t + 60_000;
    for (let i = 0; i < n; i++) {
      const cmd = rng.pick(ADMIN_COMMANDS);
      const sudo = `${p.account.padStart(8)} : TTY=pts/0 ; PWD=/home/${p.account} ; USER=root ; COMMAND=${cmd}`;
      this.line(u, host, `sudo[${pid + 10 + i}]`, sudo);
      const command = cmd.replace(/^\/usr\/bin\//, '');
      const record = {
        t: u,
        host,
        serial: ++this.auditSerial,
        pid: pid + 10 + i,
        uid,
        session: 3 + i,
        cwd: `/home/${p.account}`,
      };
      this.out.audit.add(u, userCmdLine({ ...record, command }));
      u += rng.int(30, 600) * 1000;
    }
    this.line(u, host, sshd, `pam_unix(sshd:session): session closed for user ${p.account}`);
  }
}
