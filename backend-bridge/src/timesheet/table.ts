import { readFileSync, statSync } from 'node:fs';
import * as iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { isUtf8 } from '../translate/decode';

/** A timesheet file larger than this is refused: 32 MiB of CSV is some 300 000 person-days. */
export const MAX_TIMESHEET_BYTES = 32 << 20;

/** One row of cells and the line (CSV) or row (XLSX) it starts on, 1-based, as a spreadsheet shows it. */
export interface Row {
  line: number;
  cells: string[];
}

export interface Table {
  rows: Row[];
  encoding: 'utf8' | 'cp932' | 'xlsx';
}

/** Reads a CSV (UTF-8 with or without BOM, or CP932 as Japanese Excel saves it) or the first sheet of an XLSX. */
export async function readTable(path: string): Promise<Table> {
  const size = statSync(path).size;
  if (size > MAX_TIMESHEET_BYTES)
    throw new Error(`${path}: ${size} bytes, more than the ${MAX_TIMESHEET_BYTES} a timesheet file may have`);
  return tableOf(readFileSync(path), path);
}

/** The table in a file's bytes (a file, or an HTTP body): an XLSX by its name or its ZIP signature, otherwise CSV. */
export async function tableOf(bytes: Buffer, name = ''): Promise<Table> {
  if (/\.xlsx$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b)) return readXlsx(bytes);
  return decodeCsv(bytes);
}

export function decodeCsv(bytes: Buffer): Table {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const utf8 = bom || isUtf8(bytes);
  const text = utf8 ? bytes.subarray(bom ? 3 : 0).toString('utf8') : iconv.decode(bytes, 'cp932');
  return { rows: parseCsv(text), encoding: utf8 ? 'utf8' : 'cp932' };
}

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; the row keeps the line it starts on. */
export function parseCsv(text: string): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: start, cells });
      cells = [];
      cell = '';
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: start, cells });
  }
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel keeps wall-clock times as dates in UTC; they are written back as the wall clock they show. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    const date = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
    const time = `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
    // A time-only cell is a date on 1899-12-30, Excel's day zero.
    if (v.getUTCFullYear() <= 1900) return time;
    return v.getUTCHours() === 0 && v.getUTCMinutes() === 0 ? date : `${date} ${time}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

async function readXlsx(bytes: Buffer): Promise<Table> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const rows: Row[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[];
    rows.push({ line: n, cells: values.slice(1).map(cellText) });
  });
  return { rows, encoding: 'xlsx' };
}
