import type { Employee } from '../company';

/** The people the scenarios are about, chosen by department from the generated company. */
export interface Cast {
  admin: Employee;
  victim: Employee;
  explorer: Employee;
  devReader: Employee;
  uploader: Employee;
  ransom: Employee;
  psUser: Employee;
  restUser: Employee;
  portUser: Employee;
  saturator: Employee;
  lateWorker: Employee;
  leaver: Employee;
  /** A developer with months of long overtime (the timesheet helper's agreement36-average scenario). */
  overworked: Employee;
}

export function castOf(people: Employee[]): Cast {
  /** The n-th day worker of a department, never the leaver. */
  const pick = (dept: string, n: number): Employee => {
    const list = people.filter((p) => p.dept.code === dept && !p.night && !p.watchlist);
    return list[n % list.length];
  };
  return {
    admin: people.filter((p) => p.privileged)[0],
    victim: pick('eigyo', 0),
    explorer: pick('eigyo', 1),
    devReader: pick('kaihatsu', 0),
    uploader: pick('kaihatsu', 1),
    ransom: pick('somu', 0),
    psUser: pick('keiri', 0),
    restUser: pick('keiri', 1),
    portUser: pick('seizo', 0),
    saturator: pick('seizo', 1),
    lateWorker: pick('homu', 0),
    leaver: people.find((p) => p.watchlist)!,
    overworked: pick('kaihatsu', 2),
  };
}
