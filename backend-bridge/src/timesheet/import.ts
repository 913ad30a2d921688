import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import { createClient, openSearchUrl, redactUrl } from '../opensearch/client';
import type { Durations } from './layouts';
import { parseTimesheet } from './parse';
import { storeTimesheets } from './store';
import { readTable } from './table';

export interface TimesheetImportOptions {
  /** A layout name, auto or undefined: detected from the headers. */
  layout?: string;
  durations?: Durations;
  timezone: string;
  /** Read and check without importing. */
  dryRun?: boolean;
}

/**
 * `kansa timesheet import` without its command line (also how `kansa demo` imports the demo company's
 * timesheet): reads the file, stores the readable rows in OPENSEARCH_URL and prints every unreadable row.
 * Returns the exit code: 1 when a row or the file could not be read.
 */
export async function importTimesheet(
  file: string,
  options: TimesheetImportOptions,
  io: { stdout: Writable; stderr: Writable },
): Promise<number> {
  const { timezone } = options;
  let table;
  try {
    table = await readTable(file);
  } catch (err) {
    io.stderr.write(`kansa timesheet: ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const parsed = parseTimesheet(table.rows, { layout: options.layout, durations: options.durations, timezone });
  const errors = [...parsed.errors];
  let summary = `${parsed.records.length} rows read from ${file} (layout ${parsed.layout}, ${table.encoding})`;
  if (!options.dryRun && parsed.records.length > 0) {
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
  io.stdout.write(
    `${summary}; ${errors.length} rows with errors${parsed.blank ? `, ${parsed.blank} blank rows` : ''}\n`,
  );
  return errors.length > 0 ? 1 : 0;
}
