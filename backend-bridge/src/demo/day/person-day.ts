import type { Employee } from '../company';
import type { Month } from '../month';
import type { Rng } from '../rng';
import { MINUTE } from '../time';
import { workSession } from './work-session';

/**
 * One person's ordinary day: 3 % off sick (unless a scenario needs them), days off only for the night shift,
 * arrival around their usual time, a day of their usual length with department-dependent overtime.
 */
export function personDay(m: Month, p: Employee, day: number, d: number, rng: Rng): void {
  const off = m.isOffDay(day);
  const sick = rng.chance(0.03);
  const key = `${p.account}@${d}`;
  if (!m.opts.benign && m.replaced.has(key)) return;
  if (sick && (m.opts.benign || !m.present.has(key))) return;
  // Days off: only the night shift (its own calendar) works some weekends; nobody else, so holiday alerts stay quiet.
  if (off && !(p.night && rng.chance(0.3))) return;
  let arrive = day + (p.arrive + Math.round(rng.normal() * 12)) * MINUTE + rng.int(0, 59_999);
  let length = p.workMinutes + Math.round(rng.normal() * 15);
  if (off) {
    arrive = day + (10 * 60 + rng.int(0, 120)) * MINUTE;
    length = rng.int(120, 300);
  } else if (rng.chance(p.overtime)) length += rng.int(30, 180);
  const end = arrive + length * MINUTE + rng.int(0, 59_999);
  // Day workers go home by 21:30 at the latest: late-night use is left to the scenarios.
  const leave = p.night ? end : Math.min(end, day + (21 * 60 + 30) * MINUTE - rng.int(0, 600_000));
  workSession(m, p, arrive, leave, rng);
}
