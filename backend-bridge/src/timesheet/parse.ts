import { zonedToUtc } from '../translate/time';
import { detectLayout, foldHeader, LAYOUTS, type Column, type Durations, type Layout } from './layouts';
import type { Row } from './table';

/** One person's reported day. Times are instants; a clock-out past midnight is on the next morning. */
export interface TimesheetRecord {
  row: number;
  employee: string;
  account: string;
  name?: string;
  department?: string;
  date: string;
  clockIn?: Date;
  clockOut?: Date;
  breakMinutes?: number;
  workedMinutes?: number;
  leaveType?: string;
  approvedOvertimeMinutes?: number;
}

/** A row that could not be read, by its line in the file: reported, never dropped in silence. */
export interface RowError {
  row: number;
  message: string;
}

export interface ParseOptions {
  /** A name in LAYOUTS, or auto (detected from the header). */
  layout?: string;
  durations?: Durations;
  timezone: string;
}

export interface Parsed {
  layout: string;
  records: TimesheetRecord[];
  errors: RowError[];
  /** Rows with no value at all (the spacer lines some exports write); counted, not errors. */
  blank: number;
}

const blankRow = (r: Row) => r.cells.every((c) => c.trim() === '');

/** Maps columns to positions from a header row; undefined when the row names neither a date nor an employee. */
function mapHeader(layout: Layout, header: string[]): Partial<Record<Column, number>> | undefined {
  const out: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const f = foldHeader(h);
    for (const [col, names] of Object.entries(layout.headers) as Array<[Column, string[]]>) {
      if (out[col] === undefined && names.some((n) => foldHeader(n) === f)) {
        out[col] = i;
        return;
      }
    }
  });
  return out.date !== undefined && (out.employee !== undefined || out.account !== undefined) ? out : undefined;
}

export function parseTimesheet(rows: Row[], opts: ParseOptions): Parsed {
  const content = rows.filter((r) => !blankRow(r));
  const blank = rows.length - content.length;
  const first = content[0];
  if (!first)
    return {
      layout: opts.layout ?? 'generic',
      records: [],
      errors: [{ row: 1, message: 'the file has no rows' }],
      blank,
    };
  const named = opts.layout && opts.layout !== 'auto' ? LAYOUTS[opts.layout] : detectLayout(first.cells);
  if (!named) throw new Error(`unknown layout "${opts.layout}": use auto, ${Object.keys(LAYOUTS).join(', ')}`);
  const layout = { ...named, durations: opts.durations ?? named.durations };
  let columns = mapHeader(layout, first.cells);
  let body = content.slice(1);
  if (!columns && layout.positions) {
    columns = {};
    layout.positions.forEach((c, i) => {
      if (c) columns![c] = i;
    });
    body = content;
  }
  if (!columns) {
    return {
      layout: layout.name,
      records: [],
      errors: [
        { row: first.line, message: `no header naming a date and an employee column among: ${first.cells.join(', ')}` },
      ],
      blank,
    };
  }
  const missing = (['clockIn', 'clockOut'] as Column[]).filter((c) => columns![c] === undefined);
  if (missing.length > 0 && columns.leaveType === undefined) {
    return {
      layout: layout.name,
      records: [],
      errors: [{ row: first.line, message: `no ${missing.join(' or ')} column among: ${first.cells.join(', ')}` }],
      blank,
    };
  }
  const records: TimesheetRecord[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const row of body) {
    try {
      const rec = parseRow(row, columns, layout.durations, opts.timezone);
      const key = `${rec.account}\u0000${rec.date}`;
      const earlier = seen.get(key);
      if (earlier !== undefined)
        throw new Error(
          `a second row for ${rec.account} on ${rec.date} (the first is row ${earlier}): one row per person and day`,
        );
      seen.set(key, row.line);
      records.push(rec);
    } catch (err) {
      errors.push({ row: row.line, message: (err as Error).message });
    }
  }
  return { layout: layout.name, records, errors, blank };
}

function parseRow(row: Row, cols: Partial<Record<Column, number>>, durations: Durations, tz: string): TimesheetRecord {
  const get = (c: Column) => (cols[c] === undefined ? '' : (row.cells[cols[c]!] ?? '').trim());
  const account = get('account') || get('employee');
  if (!account) throw new Error('no employee');
  const date = parseDate(get('date'));
  const rec: TimesheetRecord = { row: row.line, employee: get('employee') || account, account, date };
  if (get('name')) rec.name = get('name');
  if (get('department')) rec.department = get('department');
  if (get('leaveType')) rec.leaveType = get('leaveType');
  const inText = get('clockIn');
  const outText = get('clockOut');
  if (inText || outText) {
    if (!inText) throw new Error(`clock-out "${outText}" without a clock-in`);
    if (!outText) throw new Error(`clock-in "${inText}" without a clock-out`);
    const start = parseClock(inText, date, 'clock-in');
    let end = parseClock(outText, date, 'clock-out');
    if (end <= start && end < 24 * 60) end += 24 * 60; // a shift past midnight written as 06:00
    if (end <= start) throw new Error(`clock-out ${outText} is not after clock-in ${inText}`);
    if (end - start > 24 * 60) throw new Error(`clock-in ${inText} to clock-out ${outText} is longer than 24 hours`);
    rec.clockIn = at(date, start, tz);
    rec.clockOut = at(date, end, tz);
    let breaks = 0;
    if (get('breakMinutes')) breaks = parseDuration(get('breakMinutes'), durations, 'break');
    else if (get('breakStart') || get('breakEnd')) {
      if (!get('breakStart') || !get('breakEnd'))
        throw new Error('a break start without an end, or an end without a start');
      breaks = parseClock(get('breakEnd'), date, 'break end') - parseClock(get('breakStart'), date, 'break start');
      if (breaks < 0) throw new Error(`break end ${get('breakEnd')} is before its start ${get('breakStart')}`);
    }
    if (breaks > end - start)
      throw new Error(`the break of ${breaks} minutes is longer than the day (${end - start} minutes)`);
    rec.breakMinutes = breaks;
    rec.workedMinutes = end - start - breaks;
  } else if (get('breakMinutes') && parseDuration(get('breakMinutes'), durations, 'break') > 0) {
    throw new Error('a break without clock-in and clock-out');
  }
  if (get('approvedOvertime'))
    rec.approvedOvertimeMinutes = parseDuration(get('approvedOvertime'), durations, 'approved overtime');
  return rec;
}

function at(date: string, minutes: number, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return zonedToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60, 0, 0, tz);
}

const validDate = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/** 2026-10-01, 2026/10/01, 2026年10月1日, 20261001, with or without a weekday after it: (木), Thu. */
export function parseDate(s: string): string {
  const t = s.normalize('NFKC').trim();
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s*(?:\(.\)|[A-Za-z]{3}|00:00(?::00)?))?$/.exec(t) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m || !validDate(+m[1], +m[2], +m[3])) throw new Error(`date "${s}" is not a date such as 2026/10/01`);
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/** Minutes after the working day's midnight: 9:00, 09:00:00, 25:30 or 翌1:30 (the next morning), or a full date and time. */
export function parseClock(s: string, date: string, what: string): number {
  let t = s.normalize('NFKC').trim();
  let base = 0;
  if (t.startsWith('翌')) {
    base = 24 * 60;
    t = t.slice(1).trim();
  }
  const full = /^(\d{4}[-/]\d{1,2}[-/]\d{1,2})[ T](.+)$/.exec(t);
  if (full) {
    const day = parseDate(full[1]);
    base += Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 60000);
    t = full[2];
  }
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (!m || +m[2] > 59 || +m[1] > 47) throw new Error(`${what} "${s}" is not a time such as 09:00`);
  const minutes = base + +m[1] * 60 + +m[2];
  if (minutes < 0 || minutes > 48 * 60) throw new Error(`${what} "${s}" is more than a day away from ${date}`);
  return minutes;
}

/** H:MM always; a plain number as the layout's durations say. */
export function parseDuration(s: string, durations: Durations, what: string): number {
  const t = s.normalize('NFKC').trim();
  const hm = /^(\d+):(\d{2})$/.exec(t);
  if (hm && +hm[2] < 60) return +hm[1] * 60 + +hm[2];
  if (!/^\d+(\.\d+)?$/.test(t)) throw new Error(`${what} "${s}" is not a duration such as 1:00 or 60`);
  const n = Number(t);
  switch (durations) {
    case 'minutes':
      return n;
    case 'decimal':
      return Math.round(n * 60 * 100) / 100;
    case 'sexagesimal': {
      const [h, frac = ''] = t.split('.');
      const min = Number(frac.padEnd(2, '0').slice(0, 2));
      if (frac.length > 2 || min > 59) throw new Error(`${what} "${s}" is not hours.minutes (60進数) such as 1.15`);
      return Number(h) * 60 + min;
    }
  }
}
