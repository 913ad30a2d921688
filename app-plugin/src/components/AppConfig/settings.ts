import type { WorkdaySettings } from '../../../../datasource-plugin/src/types';
import type { RuleSettings } from '../../content/rules/model';

/** The configuration form's text fields, as typed. */
export interface SettingsText {
  thresholds: Record<string, string>;
  permittedPorts: string;
  offHoursDepartments: string;
  holidays: string;
  importantFolders: string;
  timezone: string;
  lateNightStart: string;
  lateNightEnd: string;
  standardDayMinutes: string;
  restIntervalHours: string;
}

export type Parsed =
  | { ok: true; ruleSettings: Partial<RuleSettings>; importantFolders: string[]; workday: WorkdaySettings }
  | { ok: false; errors: string[] };

const lines = (s: string) =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const list = (s: string) =>
  s
    .split(/[,\s、]+/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Checks every field and names each bad one with what was expected, instead of saving half a configuration. */
export function parseSettings(text: SettingsText): Parsed {
  const errors: string[] = [];
  const number = (name: string, v: string, min: number, max: number): number => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      errors.push(`${name}: a number from ${min} to ${max} expected, got "${v}"`);
    }
    return n;
  };
  const thresholds = Object.fromEntries(
    Object.entries(text.thresholds).map(([id, v]) => [id, number(`threshold ${id}`, v, 0, Number.MAX_SAFE_INTEGER)]),
  );
  const permittedPorts = list(text.permittedPorts).map((p) => number('permitted ports', p, 1, 65535));
  const holidays = lines(text.holidays).map((l) => l.split(/\s+/)[0]);
  holidays.forEach((d, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) {
      errors.push(`holidays line ${i + 1}: YYYY-MM-DD expected, got "${d}"`);
    }
  });
  for (const [name, v] of [
    ['late-night start', text.lateNightStart],
    ['late-night end', text.lateNightEnd],
  ]) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(v)) {
      errors.push(`${name}: HH:MM expected, got "${v}"`);
    }
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: text.timezone });
  } catch {
    errors.push(`time zone: an IANA zone such as Asia/Tokyo expected, got "${text.timezone}"`);
  }
  const standardDayMinutes = number('standard day (minutes)', text.standardDayMinutes, 60, 1440);
  const restIntervalHours = number('rest interval (hours)', text.restIntervalHours, 1, 24);
  if (errors.length) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    ruleSettings: {
      thresholds,
      permittedPorts,
      offHoursDepartments: list(text.offHoursDepartments),
      holidays,
      timezone: text.timezone,
      lateNightStart: text.lateNightStart,
      lateNightEnd: text.lateNightEnd,
    },
    importantFolders: lines(text.importantFolders),
    workday: {
      timezone: text.timezone,
      lateNightStart: text.lateNightStart,
      lateNightEnd: text.lateNightEnd,
      holidays,
      standardDayMinutes,
      restIntervalHours,
    },
  };
}
