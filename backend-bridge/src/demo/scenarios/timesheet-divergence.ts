import type { Employee } from '../company';
import type { SeededGap } from '../timesheet';
import { isoJst, jstMidnight } from '../time';
import type { Scenario, ScenarioDef } from './types';

/**
 * Registered so the rule and the scenario find each other; it plays nothing itself, since TimesheetBook seeds
 * the gaps while timesheet.csv is written, after every day: generate.ts records it then (divergenceScenario).
 */
export default {
  id: 'timesheet-divergence',
  rules: ['attendance-timesheet-divergence'],
  days: () => [],
  play: () => undefined,
} satisfies ScenarioDef;

/**
 * The 乖離 the timesheet seeds (TimesheetBook: one person reports leaving 1.5-2.5 h before the logs show, one
 * arriving 1-1.7 h after, one a day off while at work), as a scenario: the unreported late work, from its first
 * to its last day. It is recorded after timesheet.csv is written, since that is where the gaps are chosen.
 */
export function divergenceScenario(seeded: readonly SeededGap[], people: readonly Employee[]): Scenario | undefined {
  const late = seeded.filter((g) => g.kind === 'unreported-late-work');
  if (late.length === 0) return undefined;
  const who = late[0].account;
  const days = late
    .filter((g) => g.account === who)
    .map((g) => g.date)
    .sort();
  const person = people.find((p) => p.account === who);
  const end = jstMidnight(days[days.length - 1]) + 24 * 3600_000 - 1;
  return {
    id: 'timesheet-divergence',
    title: '自己申告との乖離: work after the reported end of the day, on several days',
    who,
    ...(person ? { whoDisplayName: person.displayName, whoDepartment: person.dept.ja } : {}),
    what: `timesheet.csv reports the day ending 1.5-2.5 h before the last PC activity on ${days.join(', ')}`,
    start: isoJst(jstMidnight(days[0])),
    end: isoJst(end),
    monitoringPoint: 'Working hours: 自己申告との乖離',
    useCase: '4 working hours',
    // The gap is between two indices (the logs and kansa-timesheet-*), which no single event query shows: the
    // 乖離 view and rule find it; this names the person's timesheet rows, which the event index never holds.
    detections: [
      {
        description: "the person's rows in the timesheet index (kansa-timesheet-*, not an event)",
        query: `event.dataset:kansa.timesheet AND user.name:${who}`,
        minCount: 0,
      },
    ],
  };
}
