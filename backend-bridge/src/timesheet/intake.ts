import type { IntakeContext } from '../inputs/intake';
import { HttpError, badRequest, tooLarge } from '../inputs/http/errors';
import type { Exchange, HttpFront, Route } from '../inputs/http/front';
import { RouteIntake, type RequestLimits } from '../inputs/http/route-intake';
import { isValidTimeZone } from '../translate/time';
import { LAYOUTS, type Durations } from './layouts';
import { parseTimesheet, type RowError, type TimesheetRecord } from './parse';
import { MAX_TIMESHEET_BYTES, tableOf } from './table';

/** Stores parsed rows (storeTimesheets against the bridge's OpenSearch); throws when OpenSearch cannot be reached. */
export type TimesheetStore = (
  records: TimesheetRecord[],
  layout: string,
  file: string,
  timezone: string,
) => Promise<{ indices: string[]; stored: number; errors: RowError[] }>;

const DURATIONS = ['minutes', 'decimal', 'sexagesimal'];

/**
 * POST /timesheet: `kansa timesheet import` over HTTP, for an attendance system's scheduled export. The body is
 * the export itself (CSV in UTF-8 or CP932, or an XLSX); ?layout=, ?durations=, ?timezone= and ?file= are the
 * command's options and the name kept in kansa.timesheet.file. The answer names every unreadable row with its
 * row number; readable rows are stored either way, as the command does, and the status is 422 when any row
 * could not be read, 200 otherwise.
 *
 * Unlike /ingest this does not go through the queue: a timesheet is not a log (it goes to its own index, by
 * person and day, so sending it again replaces rather than doubles), and the sender needs the row errors in the
 * answer. When OpenSearch is unreachable the answer is 503 and nothing is kept; the sender retries.
 */
export class TimesheetIntake extends RouteIntake {
  readonly name = 'http-timesheet';

  constructor(
    ctx: IntakeContext,
    front: HttpFront,
    limits: RequestLimits,
    private readonly store: TimesheetStore,
  ) {
    super(ctx, front, limits);
  }

  protected routes(): Route[] {
    return [{ input: this.name, methods: ['POST'], path: '/timesheet', handle: (x) => this.receive(x) }];
  }

  private async receive(x: Exchange): Promise<void> {
    const q = x.url.searchParams;
    const layout = q.get('layout') ?? 'auto';
    if (layout !== 'auto' && !LAYOUTS[layout])
      throw badRequest(
        `${this.name}: unknown layout "${layout}"; expected auto or one of: ${Object.keys(LAYOUTS).join(', ')}`,
      );
    const durations = q.get('durations') ?? undefined;
    if (durations !== undefined && !DURATIONS.includes(durations))
      throw badRequest(`${this.name}: durations must be one of ${DURATIONS.join(', ')}, got "${durations}"`);
    const timezone = q.get('timezone') ?? 'Asia/Tokyo';
    if (!isValidTimeZone(timezone)) throw badRequest(`${this.name}: timezone "${timezone}" is not an IANA time zone`);
    const file = (q.get('file') ?? 'http').slice(0, 200);
    const body = await x.body();
    if (body.length > MAX_TIMESHEET_BYTES)
      throw tooLarge(`${this.name}: ${body.length} bytes, more than the ${MAX_TIMESHEET_BYTES} a timesheet may have`);
    let table;
    try {
      table = await tableOf(body, file);
    } catch (err) {
      throw badRequest(`${this.name}: cannot read the body as CSV or XLSX: ${(err as Error).message}`);
    }
    const max = this.limits.maxRecords;
    if (table.rows.length > max)
      throw tooLarge(
        `${this.name}: ${table.rows.length} rows, more than ${max} in one request (http.maxRecords); nothing was stored, send smaller files`,
      );
    const parsed = parseTimesheet(table.rows, { layout, durations: durations as Durations | undefined, timezone });
    const errors = [...parsed.errors];
    let stored = 0;
    let indices: string[] = [];
    if (parsed.records.length > 0) {
      let res;
      try {
        res = await this.store(parsed.records, parsed.layout, file, timezone);
      } catch (err) {
        throw new HttpError(
          503,
          'unavailable_shards_exception',
          `${this.name}: OpenSearch cannot take the timesheet now (${(err as Error).message}); send it again (rows are kept by person and day, so a second time replaces what the first stored)`,
          { 'retry-after': '30' },
        );
      }
      errors.push(...res.errors);
      stored = res.stored;
      indices = res.indices;
    }
    errors.sort((a, b) => a.row - b.row);
    this.ctx.log.info({ token: x.token, input: this.name, file, stored, errors: errors.length }, 'timesheet stored');
    x.send(errors.length > 0 ? 422 : 200, {
      file,
      layout: parsed.layout,
      encoding: table.encoding,
      stored,
      indices,
      blank: parsed.blank,
      errors,
    });
  }
}
