import { pgStamp } from '../time';

/** A PostgreSQL stderr log line with log_line_prefix `%m [%p] %q%u@%d ` (user@db absent for background work). */
export function postgresLine(t: number, pid: number, userAtDb: string | undefined, message: string): string {
  return `${pgStamp(t)} [${pid}] ${userAtDb ? `${userAtDb} ` : ''}LOG:  ${message}`;
}

/** The message of a pgaudit session audit record (the parameters are not logged). */
export function pgauditMessage(
  statement: number,
  auditClass: string,
  command: string,
  table: string,
  sql: string,
): string {
  return `AUDIT: SESSION,${statement},1,${auditClass},${command},TABLE,public.${table},"${sql}",<not logged>`;
}
