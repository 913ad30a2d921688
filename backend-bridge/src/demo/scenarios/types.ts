import type { Employee } from '../company';
import type { Rng } from '../rng';
import type { Cast } from './cast';
import type { ScenarioPlan } from './plan';
import type { Scene } from './scene';

export interface Detection {
  description: string;
  /** A query on normalized fields: `field:value` terms joined by AND; `*`, `field:>=N`, `@timestamp:[a TO b]`. */
  query: string;
  minCount: number;
}

/** A scenario as scenarios.json records it: who did what when, and the queries that find it. */
export interface Scenario {
  id: string;
  title: string;
  /** An account, a source IP or a device. */
  who: string;
  whoDisplayName?: string;
  whoDepartment?: string;
  what: string;
  start: string;
  end: string;
  monitoringPoint: string;
  useCase: string;
  detections: Detection[];
}

/** One scenario of the demo month, in its own file under scenarios/, registered in scenarios/index.ts. */
export interface ScenarioDef {
  /** The id in scenarios.json; alert rules name it in `scenario.id` (app-plugin/src/content/rules/<rule>.ts). */
  id: string;
  /** The alert rules that must fire on it (their ids); none when only its detections and the panels find it. */
  rules: readonly string[];
  /** The days of the period (0 = the first) it plays on. */
  days(plan: ScenarioPlan, cast: Cast): number[];
  /** People it needs at work on those days, so they are never off sick then. */
  present?(plan: ScenarioPlan, cast: Cast): Array<[Employee, number]>;
  /** People whose ordinary day it replaces with a session of its own. */
  replaces?(plan: ScenarioPlan, cast: Cast): Array<[Employee, number]>;
  /** Writes its events for day `d` and records itself; scenarios of one day draw from one `rng`, in registry order. */
  play(scene: Scene, d: number, rng: Rng): void;
}
