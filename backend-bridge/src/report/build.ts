import { FIELD as F } from '@kansa/schema';

import { LocalTime } from '../risk/localtime';
import { attendanceSheet, auditSections, riskRanking } from './queries';
import type { QueryRunner, Row } from './source';

export const REPORT_KINDS = ['audit', 'attendance', 'insider'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface Column {
  key: string;
  ja: string;
  /** Relative width in the PDF table. */
  width: number;
}

export interface ReportSection {
  title: string;
  columns: Column[];
  rows: string[][];
  /** Rows the query had beyond what the report lists (the page's limit). */
  truncated: boolean;
}

export interface Report {
  kind: ReportKind;
  month: string;
  department?: string;
  title: string;
  period: string;
  sections: ReportSection[];
}

export interface ReportRequest {
  kind: ReportKind;
  month: string;
  department?: string;
  timezone: string;
}

const TITLES: Record<ReportKind, string> = {
  audit: '月次監査報告',
  attendance: '月次勤怠報告 (PC 稼働実績)',
  insider: '内部不正リスク概要',
};

/** The local month YYYY-MM as [first local midnight, next month's first local midnight). */
export function monthRange(month: string, timezone: string): { from: Date; to: Date } {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new Error(`month expected as YYYY-MM, got "${month}"`);
  const next = m[2] === '12' ? `${Number(m[1]) + 1}-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}`;
  const clock = new LocalTime(timezone);
  return {
    from: new Date(clock.dayStart(LocalTime.dayOf(`${month}-01`))),
    to: new Date(clock.dayStart(LocalTime.dayOf(`${next}-01`))),
  };
}

const text = (v: Row[string]) => (v === null || v === undefined ? '' : String(v));
const minutes = (v: Row[string]) => (typeof v === 'number' ? (v / 60).toFixed(1) : '');
const yes = (v: Row[string]) => (v === true ? '○' : '');

function localTime(timezone: string, withDate: boolean) {
  const fmt = new Intl.DateTimeFormat('ja-JP', {
    timeZone: timezone,
    ...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (v: Row[string]) => (typeof v === 'number' ? fmt.format(new Date(v)) : '');
}

const AUDIT_LIMIT = 5000;

async function audit(q: QueryRunner, r: ReportRequest, from: Date, to: Date): Promise<ReportSection[]> {
  const at = localTime(r.timezone, true);
  const columns: Column[] = [
    { key: F.timestamp, ja: '日時', width: 2 },
    { key: F.userName, ja: 'ユーザー', width: 1.5 },
    { key: F.hostName, ja: 'ホスト', width: 2 },
    { key: F.kansaMessageJa, ja: '内容', width: 6 },
  ];
  const out: ReportSection[] = [];
  for (const s of auditSections(r.department)) {
    const rows = await q.run(s.query, from, to);
    out.push({
      title: s.title.ja,
      columns,
      rows: rows.map((x) => [
        at(x[F.timestamp]),
        text(x[F.userName]),
        text(x[F.hostName]),
        text(x[F.kansaMessageJa]) || text(x[F.eventAction]),
      ]),
      truncated: rows.length >= AUDIT_LIMIT,
    });
  }
  return out;
}

/** One line per person: the month's days, hours, overtime, late night, days off worked and short rests. */
async function attendance(q: QueryRunner, r: ReportRequest, from: Date, to: Date): Promise<ReportSection[]> {
  const rows = await q.run(attendanceSheet(r.department), from, to);
  const people = new Map<
    string,
    {
      name: string;
      dept: string;
      days: number;
      work: number;
      over: number;
      night: number;
      holidays: number;
      short: number;
    }
  >();
  for (const x of rows) {
    const user = text(x.user);
    const p = people.get(user) ?? {
      name: text(x.display_name),
      dept: text(x.department),
      days: 0,
      work: 0,
      over: 0,
      night: 0,
      holidays: 0,
      short: 0,
    };
    p.days += 1;
    p.work += Number(x.working_minutes) || 0;
    p.over += Number(x.overtime_minutes) || 0;
    p.night += Number(x.late_night_minutes) || 0;
    p.holidays += x.holiday === true ? 1 : 0;
    p.short += x.rest_violation === true ? 1 : 0;
    people.set(user, p);
  }
  const summary: ReportSection = {
    title: '個人別の月間集計',
    columns: [
      { key: 'user', ja: 'ユーザー', width: 1.6 },
      { key: 'display_name', ja: '氏名', width: 1.4 },
      { key: 'department', ja: '部署', width: 1.2 },
      { key: 'days', ja: '稼働日数', width: 1 },
      { key: 'working_hours', ja: '稼働 (時間)', width: 1 },
      { key: 'overtime_hours', ja: '時間外 (時間)', width: 1 },
      { key: 'late_night_hours', ja: '深夜 (時間)', width: 1 },
      { key: 'days_off_worked', ja: '休日稼働', width: 1 },
      { key: 'short_rests', ja: '勤務間隔不足', width: 1.1 },
    ],
    rows: [...people.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([user, p]) => [
        user,
        p.name,
        p.dept,
        String(p.days),
        minutes(p.work),
        minutes(p.over),
        minutes(p.night),
        String(p.holidays),
        String(p.short),
      ]),
    truncated: false,
  };
  const hm = localTime(r.timezone, false);
  const days: ReportSection = {
    title: '日別の稼働 (深夜・休日・勤務間隔不足・ログオフなしの日)',
    columns: [
      { key: 'user', ja: 'ユーザー', width: 1.6 },
      { key: 'date', ja: '日付', width: 1.3 },
      { key: 'first_activity', ja: '開始', width: 0.8 },
      { key: 'last_activity', ja: '終了', width: 0.8 },
      { key: 'working_hours', ja: '稼働 (時間)', width: 1 },
      { key: 'late_night_hours', ja: '深夜 (時間)', width: 1 },
      { key: 'holiday', ja: '休日', width: 0.7 },
      { key: 'rest_violation', ja: '勤務間隔不足', width: 1.1 },
      { key: 'missing_logoff', ja: 'ログオフなし', width: 1.1 },
    ],
    rows: rows
      .filter(
        (x) =>
          Number(x.late_night_minutes) > 0 ||
          x.holiday === true ||
          x.rest_violation === true ||
          x.missing_logoff === true,
      )
      .sort((a, b) => text(a.user).localeCompare(text(b.user)) || text(a.date).localeCompare(text(b.date)))
      .map((x) => [
        text(x.user),
        text(x.date),
        hm(x.first_activity),
        hm(x.last_activity),
        minutes(x.working_minutes),
        minutes(x.late_night_minutes),
        yes(x.holiday),
        yes(x.rest_violation),
        yes(x.missing_logoff),
      ]),
    truncated: false,
  };
  return [summary, days];
}

async function insider(q: QueryRunner, r: ReportRequest, from: Date, to: Date): Promise<ReportSection[]> {
  const rows = await q.run(riskRanking(r.department), from, to);
  return [
    {
      title: 'リスクスコア上位の利用者 (理由つき)',
      columns: [
        { key: 'entity', ja: 'ユーザー', width: 1.4 },
        { key: 'display_name', ja: '氏名', width: 1.2 },
        { key: 'department', ja: '部署', width: 1 },
        { key: 'score', ja: 'スコア', width: 0.7 },
        { key: 'confidence', ja: '確度', width: 0.6 },
        { key: 'days_flagged', ja: '要注意日数', width: 0.9 },
        { key: 'top_reasons', ja: '主な理由', width: 6 },
      ],
      rows: rows.map((x) => [
        text(x.entity),
        text(x.display_name),
        text(x.department),
        typeof x.score === 'number' ? x.score.toFixed(1) : '',
        typeof x.confidence === 'number' ? x.confidence.toFixed(1) : '',
        text(x.days_flagged),
        text(x.top_reasons),
      ]),
      truncated: rows.length >= 100,
    },
  ];
}

export async function buildReport(q: QueryRunner, r: ReportRequest): Promise<Report> {
  const { from, to } = monthRange(r.month, r.timezone);
  const sections = await { audit, attendance, insider }[r.kind](q, r, from, to);
  const last = new Date(to.getTime() - 1);
  const day = new Intl.DateTimeFormat('ja-JP', {
    timeZone: r.timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return {
    kind: r.kind,
    month: r.month,
    department: r.department,
    title: TITLES[r.kind],
    period: `${day.format(from)} 〜 ${day.format(last)} (${r.timezone})`,
    sections,
  };
}
