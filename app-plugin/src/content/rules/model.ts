import type { UseCase } from '../../../../datasource-plugin/src/types';
import type { QueryDraft } from '../queries';
import type { Bi } from '../text';

/** Settings the configuration page edits; rules read them when the installer (or the generator, with defaults) builds them. */
export interface RuleSettings {
  /** Per rule id: the threshold the reduced value must exceed. */
  thresholds: Record<string, number>;
  /** Destination ports an office network may use outbound. */
  permittedPorts: number[];
  /** IANA zone for late night and days off, e.g. Asia/Tokyo. */
  timezone: string;
  /** Late-night window, HH:MM local. */
  lateNightStart: string;
  lateNightEnd: string;
  /** Public holidays and company days off, YYYY-MM-DD. */
  holidays: string[];
  /**
   * Working calendars by name, as the data source's `workday.calendars` defines them: the directory's calendar
   * column (kansa.user.calendar on events) names one per person. The late-night rule takes a calendar's shift
   * out of the late-night window and uses its days off instead of the company's.
   */
  calendars: Record<string, ShiftCalendar>;
  /** Departments left out of the late-night rule altogether, for people whose schedule no calendar describes. */
  offHoursDepartments: string[];
}

/** The part of a data-source working calendar (pkg/attendance/calendar.go) the rules read; absent = the company's. */
export interface ShiftCalendar {
  /** Scheduled shift, HH:MM local; an end not after the start is the next morning. */
  shiftStart?: string;
  shiftEnd?: string;
  /** Weekdays off, 0 = Sunday. */
  weeklyHolidays?: number[];
  /** Days off, YYYY-MM-DD. */
  holidays?: string[];
  /** Dates worked although they fall on a day off (a rota). */
  workingDays?: string[];
}

/** One query of a rule: the Kansa query and the window Grafana runs it over, ending `toSeconds` before now. */
export interface RuleQuery {
  refId: string;
  query: QueryDraft;
  fromSeconds: number;
  toSeconds?: number;
  intervalMs: number;
}

export type Reducer = 'sum' | 'max' | 'mean' | 'last';

export interface RuleDef {
  /** kansa_rule_id and, prefixed, the Grafana uid; never change it once shipped. */
  id: string;
  useCase: UseCase;
  point: string;
  severity: 'critical' | 'high' | 'warning';
  title: Bi;
  /** Default threshold and why; the configuration page shows both. */
  threshold: number;
  thresholdWhy: Bi;
  /** Group evaluation interval and pending period. */
  for: string;
  queries: (s: RuleSettings) => RuleQuery[];
  /** Reduces query A to one number per series as `Ar`, unless `reducers` says otherwise. */
  reducer: Reducer;
  /** Several reductions, e.g. the last bucket and the mean of the same series, so their labels always match. */
  reducers?: Array<{ refId: string; of: string; reducer: Reducer }>;
  /** Math over the reduced values; `$T` is the threshold. Without it the condition is `$Ar > $T`. */
  math?: string;
  summary: Bi;
  description: Bi;
  runbook: Bi;
  dashboardUid: string;
  panelKey: string;
  /** Scenario of the demo month the rule must fire on, and the label value it fires for. */
  scenario?: { id: string; label: string; value: string };
}

export const rule = (def: RuleDef): RuleDef => def;

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86400;
