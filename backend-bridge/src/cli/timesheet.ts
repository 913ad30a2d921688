import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { UsageError } from './usage';
import { isValidTimeZone } from '../translate/time';
import { importTimesheet } from '../timesheet/import';
import { LAYOUTS, type Durations } from '../timesheet/layouts';

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
    options: {
      layout: { type: 'string' },
      durations: { type: 'string' },
      timezone: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
  });
  const [verb, file, ...extra] = positionals;
  if (verb !== 'import' || !file || extra.length > 0) throw new UsageError('kansa timesheet: expected import <file>');
  if (values.layout && values.layout !== 'auto' && !LAYOUTS[values.layout])
    throw new UsageError(`kansa timesheet: unknown layout "${values.layout}"`);
  if (values.durations && !['minutes', 'decimal', 'sexagesimal'].includes(values.durations))
    throw new UsageError(`kansa timesheet: --durations must be minutes, decimal or sexagesimal`);
  const timezone = values.timezone ?? 'Asia/Tokyo';
  if (!isValidTimeZone(timezone))
    throw new UsageError(`kansa timesheet: --timezone "${timezone}" is not an IANA time zone`);
  return importTimesheet(
    file,
    {
      layout: values.layout,
      durations: values.durations as Durations | undefined,
      timezone,
      dryRun: values['dry-run'] ?? false,
    },
    io,
  );
}
