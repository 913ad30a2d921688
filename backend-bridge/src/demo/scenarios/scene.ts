import type { Employee } from '../company';
import { workSession, type SessionOptions } from '../day/work-session';
import type { DemoLogs } from '../logs';
import type { Month } from '../month';
import type { Rng } from '../rng';
import { DAY, isoJst } from '../time';
import type { Cast } from './cast';
import type { ScenarioPlan } from './plan';
import type { Scenario } from './types';

/** What a scenario plays with: the month's logs and people, its cast and plan, and where it records itself. */
export class Scene {
  readonly logs: DemoLogs;
  readonly recorded: Scenario[] = [];

  constructor(
    readonly month: Month,
    readonly cast: Cast,
    readonly plan: ScenarioPlan,
  ) {
    this.logs = month.logs;
  }

  /** Day `d` at hh:mm:ss JST. */
  at(d: number, hh: number, mm: number, ss = 0): number {
    return this.month.t0 + d * DAY + ((hh * 60 + mm) * 60 + ss) * 1000;
  }

  /** A query term for the time range from `a` to `b`. */
  range(a: number, b: number): string {
    return `@timestamp:[${new Date(a).toISOString()} TO ${new Date(b).toISOString()}]`;
  }

  /** A whole working session on the person's PC, as on an ordinary day. */
  workSession(p: Employee, arrive: number, leave: number, rng: Rng, opts?: SessionOptions): void {
    workSession(this.month, p, arrive, leave, rng, opts);
  }

  /** Adds the scenario to scenarios.json, with the display name and department when `who` is a person. */
  record(s: Omit<Scenario, 'start' | 'end' | 'whoDisplayName' | 'whoDepartment'>, start: number, end: number): void {
    const person = this.month.people.find((p) => p.account === s.who);
    const who = person ? { whoDisplayName: person.displayName, whoDepartment: person.dept.ja } : {};
    this.recorded.push({
      id: s.id,
      title: s.title,
      who: s.who,
      ...who,
      what: s.what,
      start: isoJst(start),
      end: isoJst(end),
      monitoringPoint: s.monitoringPoint,
      useCase: s.useCase,
      detections: s.detections,
    });
  }
}
