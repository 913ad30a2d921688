import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UsageError } from './usage';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import { isValidTimeZone } from '../translate/time';
import { LAYOUTS, type Durations } from '../timesheet/layouts';
import { parseTimesheet } from '../timesheet/parse';
import { storeTimesheets } from '../timesheet/store';
import { readTable } from '../timesheet/table';

export const TIMESHEET_USAGE = `usage: kansa timesheet import <file.csv|file.xlsx> [--layout auto|${Object.keys(LAYOUTS).join('|')}]
       [--durations minutes|decimal|sexagesimal] [--timezone Asia/Tokyo] [--dry-run]
  Imports self-reported timesheets (one row per person and day) into kansa-timesheet-YYYY.MM, where the
  attendance view compares them with the PC and door logs (乖離). CSV in UTF-8 or CP932, or the first sheet
  of an XLSX; Japanese or English headers. Every row that cannot be read is printed with its row number and
  the command exits 1; the readable rows are imported. --dry-run reads and checks without importing.
  OPENSEARCH_URL names the cluster (default http://127.0.0.1:9200).`;

export async function timesheetCommand(argv: string[], io: { stdout: Writable; stderr: Writable }): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { layout: { type: 'string' }, durations: { type: 'string' }, timezone: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  const [verb, file, ...extra] = positionals;
  if (verb !== 'import' || !file || extra.length > 0) throw new UsageError('kansa timesheet: expected import <file>');
  if (values.layout && values.layout !== 'auto' && !LAYOUTS[values.layout]) throw new UsageError(`kansa timesheet: unknown layout "${values.layout}"`);
  if (values.durations && !['minutes', 'decimal', 'sexagesimal'].includes(values.durations)) throw new UsageError(`kansa timesheet: --durations must be minutes, decimal or sexagesimal`);
  const timezone = values.timezone ?? 'Asia/Tokyo';
  if (!isValidTimeZone(timezone)) throw new UsageError(`kansa timesheet: --timezone "${timezone}" is not an IANA time zone`);
  let table;
  try {
    table = await readTable(file);
  } catch (err) {
    io.stderr.write(`kansa timesheet: ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const parsed = parseTimesheet(table.rows, { layout: values.layout, durations: values.durations as Durations | undefined, timezone });
  const errors = [...parsed.errors];
  let summary = `${parsed.records.length} rows read from ${file} (layout ${parsed.layout}, ${table.encoding})`;
  if (!values['dry-run'] && parsed.records.length > 0) {
    const url = openSearchUrl();
    const client = createClient(url);
    try {
      const res = await storeTimesheets(client, parsed.records, parsed.layout, basename(file), timezone);
      errors.push(...res.errors);
      summary = `${res.stored} rows from ${file} (layout ${parsed.layout}, ${table.encoding}) in ${res.indices.join(', ')} at ${redactUrl(url)}`;
    } finally {
      await client.close();
    }
  }
  errors.sort((a, b) => a.row - b.row);
  for (const e of errors) io.stderr.write(`${file}:${e.row}: ${e.message}\n`);
  io.stdout.write(`${summary}; ${errors.length} rows with errors${parsed.blank ? `, ${parsed.blank} blank rows` : ''}\n`);
  return errors.length > 0 ? 1 : 0;
}
