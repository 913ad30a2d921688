import { DEFAULT_PERMITTED_PORTS } from '../signals';
import type { RuleDef, RuleSettings } from './model';

/** Japanese public holidays (国民の祝日, with substitute days), 2026–2027; the configuration page edits the list. */
export const JP_HOLIDAYS = [
  '2026-01-01', // 元日
  '2026-01-12', // 成人の日
  '2026-02-11', // 建国記念の日
  '2026-02-23', // 天皇誕生日
  '2026-03-20', // 春分の日
  '2026-04-29', // 昭和の日
  '2026-05-03', // 憲法記念日
  '2026-05-04', // みどりの日
  '2026-05-05', // こどもの日
  '2026-05-06', // 振替休日
  '2026-07-20', // 海の日
  '2026-08-11', // 山の日
  '2026-09-21', // 敬老の日
  '2026-09-22', // 国民の休日
  '2026-09-23', // 秋分の日
  '2026-10-12', // スポーツの日
  '2026-11-03', // 文化の日
  '2026-11-23', // 勤労感謝の日
  '2027-01-01', // 元日
  '2027-01-11', // 成人の日
  '2027-02-11', // 建国記念の日
  '2027-02-23', // 天皇誕生日
  '2027-03-21', // 春分の日
  '2027-03-22', // 振替休日
  '2027-04-29', // 昭和の日
  '2027-05-03', // 憲法記念日
  '2027-05-04', // みどりの日
  '2027-05-05', // こどもの日
  '2027-07-19', // 海の日
  '2027-08-11', // 山の日
  '2027-09-20', // 敬老の日
  '2027-09-23', // 秋分の日
  '2027-10-11', // スポーツの日
  '2027-11-03', // 文化の日
  '2027-11-23', // 勤労感謝の日
];

/**
 * The demo company's night shift in 製造 (users.csv calendar jp-night-shift), as provisioning/datasources/kansa.yaml
 * defines it for the attendance engine: 21:00 to 06:00 on working days, the company's days off. A calendar no
 * directory names matches no event, so the default does nothing elsewhere.
 */
export const DEMO_CALENDARS = { 'jp-night-shift': { shiftStart: '21:00', shiftEnd: '06:00' } };

export function defaultSettings(rules: readonly RuleDef[]): RuleSettings {
  return {
    thresholds: Object.fromEntries(rules.map((r) => [r.id, r.threshold])),
    permittedPorts: [...DEFAULT_PERMITTED_PORTS],
    timezone: 'Asia/Tokyo',
    lateNightStart: '22:00',
    lateNightEnd: '05:00',
    holidays: [...JP_HOLIDAYS],
    calendars: { ...DEMO_CALENDARS },
    offHoursDepartments: [],
  };
}
