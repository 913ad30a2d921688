import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parseDuration, parseTimesheet } from './parse';
import { readTable } from './table';

const data = (name: string) => join(__dirname, 'testdata', name);
const iso = (d?: Date) => d?.toISOString();

describe('generic layout, English headers', () => {
  it('reads good rows and names every bad row by its line', async () => {
    const table = await readTable(data('generic-en.csv'));
    expect(table.encoding).toBe('utf8');
    const p = parseTimesheet(table.rows, { timezone: 'Asia/Tokyo' });
    expect(p.layout).toBe('generic');
    expect(p.blank).toBe(1);
    expect(
      p.records.map((r) => [
        r.row,
        r.date,
        iso(r.clockIn),
        iso(r.clockOut),
        r.breakMinutes,
        r.workedMinutes,
        r.leaveType,
        r.approvedOvertimeMinutes,
      ]),
    ).toEqual([
      [2, '2026-10-01', '2026-10-01T00:00:00.000Z', '2026-10-01T09:00:00.000Z', 60, 480, undefined, undefined],
      [3, '2026-10-02', '2026-10-02T00:00:00.000Z', '2026-10-02T12:30:00.000Z', 60, 690, undefined, 150],
      [4, '2026-10-05', undefined, undefined, undefined, undefined, 'Paid leave', undefined],
      // 22:00 to 07:00 ends the next morning.
      [5, '2026-10-06', '2026-10-06T13:00:00.000Z', '2026-10-06T22:00:00.000Z', 60, 480, undefined, undefined],
    ]);
    expect(p.errors).toEqual([
      { row: 7, message: 'date "2026-10-32" is not a date such as 2026/10/01' },
      { row: 8, message: 'clock-in "09:00" without a clock-out' },
      { row: 9, message: 'no employee' },
      { row: 10, message: 'clock-in "9時" is not a time such as 09:00' },
      { row: 11, message: 'a second row for t-sato on 2026-10-01 (the first is row 2): one row per person and day' },
      { row: 12, message: 'the break of 120 minutes is longer than the day (60 minutes)' },
    ]);
    // Nothing is lost: every non-blank data row is a record or an error.
    expect(p.records.length + p.errors.length).toBe(table.rows.length - 1 - p.blank);
  });

  it('refuses a file without a date or employee column, naming the headers it saw', () => {
    const p = parseTimesheet(
      [
        { line: 1, cells: ['who', 'when'] },
        { line: 2, cells: ['a', 'b'] },
      ],
      { timezone: 'Asia/Tokyo' },
    );
    expect(p.records).toEqual([]);
    expect(p.errors).toEqual([{ row: 1, message: 'no header naming a date and an employee column among: who, when' }]);
  });
});

describe('KING OF TIME daily data in CP932', () => {
  it('reads 10進数 durations, weekdays after dates, 翌 times and quoted names', async () => {
    const table = await readTable(data('kingoftime-cp932.csv'));
    expect(table.encoding).toBe('cp932');
    const p = parseTimesheet(table.rows, { layout: 'kingoftime', timezone: 'Asia/Tokyo' });
    expect(p.errors).toEqual([]);
    expect(
      p.records.map((r) => [
        r.employee,
        r.name,
        r.department,
        r.date,
        r.breakMinutes,
        r.workedMinutes,
        r.leaveType,
        r.approvedOvertimeMinutes,
      ]),
    ).toEqual([
      ['1001', '山田 太郎', '営業', '2026-10-01', 60, 510, undefined, 30],
      ['1001', '山田 太郎', '営業', '2026-10-02', 75, 855, undefined, undefined],
      ['1001', '山田 太郎', '営業', '2026-10-03', undefined, undefined, undefined, undefined],
      ['1001', '山田 太郎', '営業', '2026-10-05', undefined, undefined, '有休', undefined],
      ['1002', '鈴木, 花子', '総務', '2026-10-01', 45, 465, undefined, undefined],
    ]);
    expect(iso(p.records[1].clockOut)).toBe('2026-10-02T15:15:00.000Z'); // 翌0:15 JST
  });

  it('reads 60進数 when told: 1.15 is an hour and a quarter', () => {
    expect(parseDuration('1.15', 'sexagesimal', 'break')).toBe(75);
    expect(parseDuration('1.25', 'decimal', 'break')).toBe(75);
    expect(parseDuration('75', 'minutes', 'break')).toBe(75);
    expect(parseDuration('1:15', 'decimal', 'break')).toBe(75);
    expect(() => parseDuration('1.75', 'sexagesimal', 'break')).toThrow(/60進数/);
  });
});

describe('Garoon time cards', () => {
  it('detects the layout, takes 外出 to 復帰 as the break and keeps row numbers past a line break in a note', async () => {
    const table = await readTable(data('garoon.csv'));
    const p = parseTimesheet(table.rows, { timezone: 'Asia/Tokyo' });
    expect(p.layout).toBe('garoon');
    expect(p.records.map((r) => [r.row, r.account, r.date, r.breakMinutes, r.workedMinutes])).toEqual([
      [2, 'tanaka.y', '2026-10-01', 50, 564],
      [3, 'tanaka.y', '2026-10-02', 0, 538],
    ]);
    expect(p.errors).toEqual([{ row: 5, message: 'a break start without an end, or an end without a start' }]);
  });

  it('reads the columns by position when the export has no header row', async () => {
    const table = await readTable(data('garoon.csv'));
    const p = parseTimesheet(table.rows.slice(1), { layout: 'garoon', timezone: 'Asia/Tokyo' });
    expect(p.records.map((r) => r.row)).toEqual([2, 3]);
    expect(p.errors.map((e) => e.row)).toEqual([5]);
  });
});

describe('ラクロー daily status', () => {
  it('takes the 【自己申告】 columns and leaves the system’s own 【参考ログ】 aside', async () => {
    const p = parseTimesheet((await readTable(data('rakuro.csv'))).rows, { timezone: 'Asia/Tokyo' });
    expect(p.layout).toBe('rakuro');
    expect(p.errors).toEqual([]);
    expect(
      p.records.map((r) => [r.employee, iso(r.clockIn), iso(r.clockOut), r.breakMinutes, r.workedMinutes]),
    ).toEqual([['E-0042', '2026-10-01T00:00:00.000Z', '2026-10-01T09:00:00.000Z', 60, 480]]);
  });
});

describe('XLSX', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kansa-timesheet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the first sheet with Excel dates and times as the wall clock they show', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('勤怠');
    sheet.addRow(['社員番号', '氏名', '日付', '出勤', '退勤', '休憩']);
    sheet.addRow([
      '2001',
      '伊藤 愛',
      new Date(Date.UTC(2026, 9, 1)),
      new Date(Date.UTC(1899, 11, 30, 9, 30)),
      new Date(Date.UTC(1899, 11, 30, 18, 45)),
      60,
    ]);
    sheet.addRow(['2001', '伊藤 愛', new Date(Date.UTC(2026, 9, 2)), '9:00', '25:00', 45]);
    sheet.addRow(['2001', '伊藤 愛', 'きのう', '9:00', '18:00', 60]);
    const path = join(dir, 'sheet.xlsx');
    await book.xlsx.writeFile(path);
    const table = await readTable(path);
    expect(table.encoding).toBe('xlsx');
    const p = parseTimesheet(table.rows, { timezone: 'Asia/Tokyo' });
    expect(p.records.map((r) => [r.date, iso(r.clockIn), iso(r.clockOut), r.workedMinutes])).toEqual([
      ['2026-10-01', '2026-10-01T00:30:00.000Z', '2026-10-01T09:45:00.000Z', 495],
      ['2026-10-02', '2026-10-02T00:00:00.000Z', '2026-10-02T16:00:00.000Z', 915],
    ]);
    expect(p.errors).toEqual([{ row: 4, message: 'date "きのう" is not a date such as 2026/10/01' }]);
  });
});
