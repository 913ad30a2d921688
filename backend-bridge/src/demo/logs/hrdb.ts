import { postgresLine } from '../render/postgres';
import type { Outputs } from './outputs';

/** The HR database's PostgreSQL log (pgaudit), with the backend PID and the HR application's statement counter. */
export class HrdbLog {
  private pid = 12300;
  private statement = 1;

  constructor(private readonly out: Outputs) {}

  /** A new backend's PID. */
  nextPid(): number {
    return ++this.pid;
  }

  /** The HR application's next audited statement number. */
  nextStatement(): number {
    return this.statement++;
  }

  line(t: number, pid: number, userAtDb: string | undefined, message: string): void {
    this.out.hrdb.add(t, postgresLine(t, pid, userAtDb, message));
  }
}
