import * as iconv from 'iconv-lite';
import { TIMESHEET_INDEX_ALIAS } from '@kansa/schema';
import type { Bridge } from '../serve/bridge';
import { AUTH } from '../serve/testing/helpers';
import { createClient } from '../opensearch/client';
import { call, startBridge } from '../inputs/http/testing/bridge';

// POST /timesheet on a real bridge against real OpenSearch. The accounts (h-*) are ones neither the demo company
// nor the command's test uses, so the clean-up deletes only these rows.

jest.setTimeout(120_000);

const client = createClient(process.env.OPENSEARCH_URL);
let bridge: Bridge;
let port: number;
const post = (query: string, body: string | Buffer, headers: Record<string, string> = AUTH) =>
  call(port, 'POST', `/timesheet${query}`, body, headers);

async function rows(account: string): Promise<Array<Record<string, unknown>>> {
  await client.indices.refresh({ index: TIMESHEET_INDEX_ALIAS });
  const res = await client.search({
    index: TIMESHEET_INDEX_ALIAS,
    body: { size: 100, query: { term: { 'user.name': account } }, sort: [{ 'kansa.timesheet.date': 'asc' }] },
  });
  return (res.body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } }).hits.hits.map((h) => h._source);
}

beforeAll(async () => ({ bridge, port } = await startBridge({ maxRecords: 8 })));
afterAll(async () => {
  await bridge?.stop();
  await client.deleteByQuery(
    { index: TIMESHEET_INDEX_ALIAS, body: { query: { prefix: { 'user.name': 'h-' } } }, refresh: true },
    { ignore: [404] },
  );
  await client.close();
});

const CSV = [
  'アカウント,氏名,所属,日付,出勤,退勤,休憩,休暇区分',
  'h-tanaka,田中 一郎,開発,2026/10/01,09:00,18:00,60,',
  'h-tanaka,田中 一郎,開発,2026/10/02,09:00,翌01:30,60,',
  'h-tanaka,田中 一郎,開発,2026/10/32,09:00,18:00,60,',
  'h-tanaka,田中 一郎,開発,2026/10/05,,,,有休',
  'h-tanaka,田中 一郎,開発,2026/10/06,9時,18:00,60,',
].join('\r\n');

it('stores the readable rows and answers 422 with every unreadable row by its number', async () => {
  const r = await post('?file=october.csv', CSV);
  expect(r.status).toBe(422);
  const body = JSON.parse(r.body);
  expect(body).toEqual({
    file: 'october.csv',
    layout: 'generic',
    encoding: 'utf8',
    stored: 3,
    indices: ['kansa-timesheet-2026.10'],
    blank: 0,
    errors: [
      { row: 4, message: 'date "2026/10/32" is not a date such as 2026/10/01' },
      { row: 6, message: 'clock-in "9時" is not a time such as 09:00' },
    ],
  });
  const docs = await rows('h-tanaka');
  expect(
    docs.map((d) => [
      d['kansa.timesheet.date'],
      d['kansa.timesheet.row'],
      d['kansa.timesheet.worked_minutes'] ?? null,
      d['kansa.timesheet.file'],
    ]),
  ).toEqual([
    ['2026-10-01', 2, 480, 'october.csv'],
    ['2026-10-02', 3, 930, 'october.csv'],
    ['2026-10-05', 5, null, 'october.csv'],
  ]);
  // The night's clock-out is the next morning, in UTC.
  expect(docs[1]['kansa.timesheet.clock_out']).toBe('2026-10-02T16:30:00.000Z');

  // Sending it again replaces each person-day.
  expect((await post('?file=october.csv', CSV)).status).toBe(422);
  expect(await rows('h-tanaka')).toHaveLength(3);
});

it('reads a CP932 body and answers 200 when every row is readable', async () => {
  const csv = [
    '社員番号,アカウント,氏名,日付,出勤,退勤,休憩',
    '7001,h-suzuki,鈴木 花子,2026-10-07,08:30,17:30,60',
  ].join('\r\n');
  const r = await post('', iconv.encode(csv, 'cp932'));
  expect([r.status, JSON.parse(r.body).encoding, JSON.parse(r.body).stored, JSON.parse(r.body).errors]).toEqual([
    200,
    'cp932',
    1,
    [],
  ]);
  expect((await rows('h-suzuki')).map((d) => d['kansa.user.display_name'])).toEqual(['鈴木 花子']);
});

it('refuses more rows than http.maxRecords as a whole, and bad options, storing nothing', async () => {
  const many = [
    'アカウント,日付,出勤,退勤',
    ...Array.from({ length: 8 }, (_, i) => `h-kato,2026/10/${String(i + 10)},09:00,18:00`),
  ].join('\n');
  const r = await post('', many);
  expect([r.status, JSON.parse(r.body).error.reason]).toEqual([
    413,
    'http-timesheet: 9 rows, more than 8 in one request (http.maxRecords); nothing was stored, send smaller files',
  ]);
  expect(await rows('h-kato')).toEqual([]);

  const layout = await post('?layout=nosuch', CSV);
  expect([layout.status, JSON.parse(layout.body).error.reason]).toEqual([
    400,
    'http-timesheet: unknown layout "nosuch"; expected auto or one of: generic, kingoftime, garoon, rakuro',
  ]);
  expect((await post('?timezone=Mars/Olympus', CSV)).status).toBe(400);
  expect((await post('', CSV, {})).status).toBe(401);
});
