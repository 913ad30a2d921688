import type { Client } from '@opensearch-project/opensearch';
import { FIELD, TIMESHEET_INDEX_ALIAS, TIMESHEET_INDEX_PREFIX } from '@kansa/schema';
import { eventsTemplate } from '../opensearch/template';
import { zonedToUtc } from '../translate/time';
import type { RowError, TimesheetRecord } from './parse';

/** Documents per bulk request: a month of 1000 people is 30 000 rows, six requests. */
const BULK_DOCS = 5000;

type Doc = Record<string, unknown>;

/** The monthly index a day goes to; a re-import of the day replaces it (its id is person and date). */
export function timesheetIndex(date: string): string {
  return `${TIMESHEET_INDEX_PREFIX}${date.slice(0, 7).replace('-', '.')}`;
}

export function timesheetDoc(
  r: TimesheetRecord,
  layout: string,
  file: string,
  tz: string,
): { id: string; index: string; doc: Doc } {
  const doc: Doc = {
    [FIELD.timestamp]: (r.clockIn ?? localMidnight(r.date, tz)).toISOString(),
    [FIELD.eventKind]: 'event',
    [FIELD.eventDataset]: 'kansa.timesheet',
    [FIELD.userName]: r.account,
    [FIELD.kansaTimesheetEmployeeId]: r.employee,
    [FIELD.kansaTimesheetDate]: r.date,
    [FIELD.kansaTimesheetLayout]: layout,
    [FIELD.kansaTimesheetFile]: file,
    [FIELD.kansaTimesheetRow]: r.row,
  };
  if (r.name) doc[FIELD.kansaUserDisplayName] = r.name;
  if (r.department) doc[FIELD.kansaUserDepartment] = r.department;
  if (r.clockIn) doc[FIELD.kansaTimesheetClockIn] = r.clockIn.toISOString();
  if (r.clockOut) doc[FIELD.kansaTimesheetClockOut] = r.clockOut.toISOString();
  if (r.breakMinutes !== undefined) doc[FIELD.kansaTimesheetBreakMinutes] = r.breakMinutes;
  if (r.workedMinutes !== undefined) doc[FIELD.kansaTimesheetWorkedMinutes] = r.workedMinutes;
  if (r.leaveType) doc[FIELD.kansaTimesheetLeaveType] = r.leaveType;
  if (r.approvedOvertimeMinutes !== undefined)
    doc[FIELD.kansaTimesheetApprovedOvertimeMinutes] = r.approvedOvertimeMinutes;
  return { id: `${r.account}|${r.date}`, index: timesheetIndex(r.date), doc };
}

/** A day without a clock-in (leave, a day off) is stamped at its local midnight. */
function localMidnight(date: string, tz: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return zonedToUtc(y, m, d, 0, 0, 0, 0, tz);
}

/** Creates a monthly index with the events' mappings and the kansa-timesheet alias, unless it exists. */
async function ensureIndex(client: Client, index: string, replicas: number): Promise<void> {
  const exists = await client.indices.exists({ index });
  if (exists.body) return;
  const { template } = eventsTemplate(replicas) as { template: { settings: unknown; mappings: unknown } };
  await client.transport.request(
    {
      method: 'PUT',
      path: `/${index}`,
      body: { settings: template.settings, mappings: template.mappings, aliases: { [TIMESHEET_INDEX_ALIAS]: {} } },
    },
    { ignore: [400] }, // created meanwhile by another import
  );
}

/** Indexes the records; a document OpenSearch refuses comes back as an error on its row. */
export async function storeTimesheets(
  client: Client,
  records: TimesheetRecord[],
  layout: string,
  file: string,
  tz: string,
  replicas = 0,
): Promise<{ indices: string[]; stored: number; errors: RowError[] }> {
  const docs = records.map((r) => ({ ...timesheetDoc(r, layout, file, tz), row: r.row }));
  const indices = [...new Set(docs.map((d) => d.index))].sort();
  for (const index of indices) await ensureIndex(client, index, replicas);
  const errors: RowError[] = [];
  let stored = 0;
  for (let i = 0; i < docs.length; i += BULK_DOCS) {
    const chunk = docs.slice(i, i + BULK_DOCS);
    const body = chunk.flatMap((d) => [{ index: { _index: d.index, _id: d.id } }, d.doc]);
    const res = (await client.bulk({ body })).body as { items: Array<{ index: { error?: { reason?: string } } }> };
    res.items.forEach((it, k) => {
      if (it.index.error)
        errors.push({ row: chunk[k].row, message: `OpenSearch refused the row: ${it.index.error.reason}` });
      else stored++;
    });
  }
  if (indices.length > 0) await client.indices.refresh({ index: indices.join(',') });
  return { indices, stored, errors };
}
