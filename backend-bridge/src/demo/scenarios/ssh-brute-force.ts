import { ATTACK } from '../office';
import type { ScenarioDef } from './types';

const GUESSES = 240;

/**
 * Day 1, 01:40: 240 failed passwords from one external IP on bastion01 in 16 minutes; the last guess logs in as
 * root, which adds a Linux account `sysupd` to sudo.
 */
export default {
  id: 'ssh-brute-force',
  rules: ['cyber-logon-failures'],
  days: (plan) => [plan.workDay(1)],
  play(scene, d, rng) {
    const { linux } = scene.logs;
    const t = scene.at(d, 1, 40);
    const pid = 40000;
    for (let i = 0; i < GUESSES; i++) {
      const u = t + i * 4000 + rng.int(0, 1500);
      const user = i % 4 === 3 ? rng.pick(['admin', 'oracle', 'postgres']) : 'root';
      const from = `from ${ATTACK.brute} port ${40000 + i} ssh2`;
      const msg =
        user === 'root' ? `Failed password for root ${from}` : `Failed password for invalid user ${user} ${from}`;
      linux.line(u, 'bastion01', `sshd[${pid + Math.floor(i / 6)}]`, msg);
    }
    // The last guess works: root logs in from the attacker and leaves a Linux backdoor account.
    const ok = t + GUESSES * 4000 + 3000;
    const sp = pid + 100;
    const sshd = `sshd[${sp}]`;
    linux.line(ok, 'bastion01', sshd, `Accepted password for root from ${ATTACK.brute} port 47001 ssh2`);
    linux.line(ok + 20, 'bastion01', sshd, 'pam_unix(sshd:session): session opened for user root(uid=0) by (uid=0)');
    const ua = ok + 95_000;
    linux.line(ua, 'bastion01', `groupadd[${sp + 7}]`, 'group added to /etc/group: name=sysupd, GID=1050');
    linux.line(ua + 1, 'bastion01', `groupadd[${sp + 7}]`, 'new group: name=sysupd, GID=1050');
    const added = 'new user: name=sysupd, UID=1050, GID=1050, home=/home/sysupd, shell=/bin/bash, from=/dev/pts/0';
    linux.line(ua + 5, 'bastion01', `useradd[${sp + 8}]`, added);
    linux.line(ua + 9000, 'bastion01', `passwd[${sp + 9}]`, 'pam_unix(passwd:chauthtok): password changed for sysupd');
    linux.line(ua + 21_000, 'bastion01', `usermod[${sp + 10}]`, "add 'sysupd' to group 'sudo'");
    linux.line(ua + 21_001, 'bastion01', `usermod[${sp + 10}]`, "add 'sysupd' to shadow group 'sudo'");
    linux.line(ua + 300_000, 'bastion01', sshd, 'pam_unix(sshd:session): session closed for user root');
    scene.record(
      {
        id: 'ssh-brute-force',
        title: 'SSH brute force from one external IP, then a Linux backdoor account',
        who: ATTACK.brute,
        what:
          `${GUESSES} failed passwords for root and common accounts on bastion01 in 16 minutes; ` +
          'the last guess logs in as root, which adds the account sysupd to sudo',
        monitoringPoint: 'Intrusion: mass logon failures, account creation',
        useCase: '1 cyber attack',
        detections: [
          {
            description: 'sshd failures from the attacker',
            query: `event.outcome:failure AND source.ip:${ATTACK.brute}`,
            minCount: 200,
          },
          {
            description: 'root logged in from the attacker',
            query: `event.action:logged-in AND user.name:root AND source.ip:${ATTACK.brute}`,
            minCount: 1,
          },
          {
            description: 'Linux account created',
            query: 'host.name:bastion01 AND event.action:added-user-account AND user.target.name:sysupd',
            minCount: 1,
          },
        ],
      },
      t,
      ua + 300_000,
    );
  },
} satisfies ScenarioDef;
