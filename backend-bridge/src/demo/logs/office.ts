import type { Employee } from '../company';
import { pageLogLine } from '../render/cups';
import { leaseLines } from '../render/dhcpd';
import { doorLine } from '../render/door';
import type { Rng } from '../rng';
import type { Outputs } from './outputs';

/** The office's own systems: the door readers, DHCP and CUPS (with its job counter). */
export class OfficeLog {
  private job = 100;

  constructor(private readonly out: Outputs) {}

  print(p: Employee, t: number, rng: Rng, pages: number, title: string): void {
    const printer = p.dept.code === 'seizo' ? 'MFP_Factory' : rng.pick(['Color_MFP_3F', 'HP_LaserJet_3F']);
    const job = ++this.job;
    const sides = rng.pick(['one-sided', 'two-sided-long-edge']);
    this.out.print.add(t, pageLogLine({ t, printer, user: p.account, job, pages, client: p.ip, title, sides }));
  }

  door(t: number, p: Employee, door: string, direction: '入室' | '退室', result = '許可', reason = ''): void {
    const { card, account, employeeId } = p;
    this.out.door.add(t, doorLine({ t, card, account, employeeId, door, direction, result, reason }));
  }

  dhcpLease(t: number, p: Employee): void {
    for (const [at, line] of leaseLines(t, p)) this.out.dhcp.add(at, line);
  }
}
