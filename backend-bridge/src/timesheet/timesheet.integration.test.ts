import { join } from 'node:path';
import { Writable } from 'node:stream';
import { TIMESHEET_INDEX_ALIAS } from '@kansa/schema';
import { createClient } from '../opensearch/client';
import { timesheetCommand } from '../cli/timesheet';

// The accounts (t-sato, 1001, 1002, E-0042) are ones the demo company never has: the shared test node holds the
// demo month's timesheets, which an import here would otherwise replace and the clean-up delete.
// Against real OpenSearch: the command indexes the readable rows into monthly indices behind the alias,
// reports the others with their rows, and a second import of the same file replaces rather than doubles.

const client = createClient();
const data = (name: string) => join(__dirname, 'testdata', name);

function sink(): { stream: Writable; text: () => string } {
  let out = '';
  return { stream: new Writable({ write: (c, _e, cb) => ((out += c.toString()), cb()) }), text: () => out };
}

async function rows(account: string): Promise<Array<Record<string, unknown>>> {
  const res = await client.search({
    index: TIMESHEET_INDEX_ALIAS,
    body: { size: 100, query: { term: { 'user.name': account } }, sort: [{ 'kansa.timesheet.date': 'asc' }] },
  });
  return (res.body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } }).hits.hits.map((h) => h._source);
}

afterAll(async () => {
  await client.deleteByQuery(
    {
      index: TIMESHEET_INDEX_ALIAS,
      body: { query: { terms: { 'user.name': ['t-sato', '1001', '1002'] } } },
      refresh: true,
    },
    { ignore: [404] },
  );
  await client.close();
});

it('imports the good rows, prints the bad ones with their row numbers and exits 1', async () => {
  const out = sink();
  const err = sink();
  expect(await timesheetCommand(['import', data('generic-en.csv')], { stdout: out.stream, stderr: err.stream })).toBe(
    1,
  );
  expect(out.text()).toMatch(
    /^4 rows from .*generic-en\.csv \(layout generic, utf8\) in kansa-timesheet-2026\.10 at .*; 6 rows with errors, 1 blank rows\n$/,
  );
  expect(
    err
      .text()
      .split('\n')
      .filter(Boolean)
      .map((l) => l.replace(/^.*generic-en\.csv:/, '')),
  ).toEqual([
    '7: date "2026-10-32" is not a date such as 2026/10/01',
    '8: clock-in "09:00" without a clock-out',
    '9: no employee',
    '10: clock-in "9時" is not a time such as 09:00',
    '11: a second row for t-sato on 2026-10-01 (the first is row 2): one row per person and day',
    '12: the break of 120 minutes is longer than the day (60 minutes)',
  ]);
  const docs = await rows('t-sato');
  expect(
    docs.map((d) => [
      d['kansa.timesheet.date'],
      d['kansa.timesheet.row'],
      d['kansa.timesheet.worked_minutes'] ?? null,
      d['kansa.timesheet.leave_type'] ?? null,
    ]),
  ).toEqual([
    ['2026-10-01', 2, 480, null],
    ['2026-10-02', 3, 690, null],
    ['2026-10-05', 4, null, 'Paid leave'],
    ['2026-10-06', 5, 480, null],
  ]);
  expect(docs[3]).toMatchObject({
    '@timestamp': '2026-10-06T13:00:00.000Z',
    'kansa.timesheet.clock_out': '2026-10-06T22:00:00.000Z',
    'kansa.timesheet.layout': 'generic',
    'kansa.timesheet.file': 'generic-en.csv',
    'kansa.user.department': 'Dev',
    'event.dataset': 'kansa.timesheet',
  });
  // The leave day is stamped at its local midnight.
  expect(docs[2]['@timestamp']).toBe('2026-10-04T15:00:00.000Z');

  // Importing again replaces each person-day.
  expect(
    await timesheetCommand(['import', data('generic-en.csv')], { stdout: sink().stream, stderr: sink().stream }),
  ).toBe(1);
  expect(await rows('t-sato')).toHaveLength(4);
});

it('imports a CP932 KING OF TIME export cleanly and exits 0', async () => {
  const out = sink();
  const err = sink();
  expect(
    await timesheetCommand(['import', data('kingoftime-cp932.csv'), '--layout', 'kingoftime'], {
      stdout: out.stream,
      stderr: err.stream,
    }),
  ).toBe(0);
  expect(err.text()).toBe('');
  expect(out.text()).toMatch(
    /^5 rows .* \(layout kingoftime, cp932\) in kansa-timesheet-2026\.10 .*; 0 rows with errors\n$/,
  );
  const docs = await rows('1001');
  expect(
    docs.map((d) => [
      d['kansa.timesheet.date'],
      d['kansa.user.display_name'],
      d['kansa.timesheet.approved_overtime_minutes'] ?? null,
    ]),
  ).toEqual([
    ['2026-10-01', '山田 太郎', 30],
    ['2026-10-02', '山田 太郎', null],
    ['2026-10-03', '山田 太郎', null],
    ['2026-10-05', '山田 太郎', null],
  ]);
});

it('checks a file without importing it on --dry-run', async () => {
  const out = sink();
  expect(
    await timesheetCommand(['import', data('rakuro.csv'), '--dry-run'], { stdout: out.stream, stderr: sink().stream }),
  ).toBe(0);
  expect(out.text()).toMatch(/^1 rows read from .*rakuro\.csv \(layout rakuro, utf8\); 0 rows with errors\n$/);
  expect(await rows('E-0042')).toEqual([]);
});
