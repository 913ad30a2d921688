import { epochSeconds } from '../time';

export interface SudoCommand {
  t: number;
  host: string;
  serial: number;
  pid: number;
  uid: number;
  session: number;
  cwd: string;
  /** The command as sudo ran it; auditd writes it hex-encoded. */
  command: string;
}

/** auditd's USER_CMD record for a sudo command, as the enriched log (`node=`) writes it. */
export function userCmdLine(c: SudoCommand): string {
  const cmd = Buffer.from(c.command).toString('hex').toUpperCase();
  const ids = `pid=${c.pid} uid=${c.uid} auid=${c.uid} ses=${c.session} subj=unconfined`;
  const msg = `cwd="${c.cwd}" cmd=${cmd} exe="/usr/bin/sudo" terminal=pts/0 res=success`;
  return `node=${c.host} type=USER_CMD msg=audit(${epochSeconds(c.t)}:${c.serial}): ${ids} msg='${msg}'`;
}
