import { FIELD, RISK_INDEX_PATTERN, indexTemplate } from '@kansa/schema';
import { ensureDemoMonth, type DemoMonth } from '../demo/testing/demo-month';
import { createClient } from '../opensearch/client';
import { LocalTime } from './localtime';
import { RiskLoop } from './loop';
import { DEFAULT_SETTINGS } from './settings';
import type { UserDay } from './score/day';
import { queueBudget } from './score/queue';
import { loadState } from './store/state-store';
import { openedCases, writeDay } from './store/summaries';

const client = createClient();
afterAll(() => client.close());

interface SummaryHit {
  _source: Record<string, unknown> & {
    'kansa.risk.reasons': Array<{ code: string; en: string; ja: string; contribution: number; baseline: string }>;
  };
}

/** The day's summaries, highest score first, as the ranking reads them. */
async function topOfDay(date: string, timeZone: string, size = 5): Promise<SummaryHit[]> {
  const clock = new LocalTime(timeZone);
  const start = new Date(clock.dayStart(LocalTime.dayOf(date))).toISOString();
  const res = (
    await client.transport.request({
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_search`,
      body: { size, query: { term: { [FIELD.timestamp]: start } }, sort: [{ [FIELD.kansaRiskScore]: 'desc' }] },
    })
  ).body as { hits: { hits: SummaryHit[] } };
  return res.hits.hits;
}

describe('risk scores on the demo month', () => {
  let month: DemoMonth;
  const localDate = (iso: string) => LocalTime.dateOf(new LocalTime(month.timeZone).dayIndex(Date.parse(iso)));

  beforeAll(async () => {
    month = await ensureDemoMonth();
  }, 3_600_000);

  it('the sales user opening development shares ranks in the top 5 that day, for the first access to the share', async () => {
    const s = month.scenarios.find((x) => x.id === 'sales-opens-dev-share')!;
    const top = await topOfDay(localDate(s.start), month.timeZone);
    const hit = top.find((h) => h._source[FIELD.userName] === s.who);
    expect(hit).toBeDefined();
    // First access to an ordinary (not sensitive) share weighs ordinaryNovelty: with the files read it
    // ranks high but stays below the flag score on its own.
    expect(hit!._source[FIELD.kansaRiskScore]).toBeGreaterThanOrEqual(40);
    expect(hit!._source[FIELD.kansaRiskConfidence]).toBe(1);
    const reasons = hit!._source[FIELD.kansaRiskReasons];
    const share = reasons.find((r) => r.code === 'first-share')!;
    expect(share.ja).toContain('初めての共有フォルダ: 開発');
    expect(share.en).toContain('First access to share 開発');
    expect(JSON.parse(share.baseline)).toMatchObject({ resource: 'share:開発', userDaysSeen: 0, peersUsing: 0 });
    const sum = reasons.reduce((n, r) => n + r.contribution, 0);
    expect(sum).toBeCloseTo(hit!._source[FIELD.kansaRiskScore] as number, 0);
    // The event that opened the share carries the reason itself.
    const marked = (
      await client.transport.request({
        method: 'POST',
        path: `/kansa-events-*/_search`,
        body: {
          size: 1,
          query: {
            bool: {
              filter: [
                { term: { [FIELD.userName]: s.who } },
                { term: { [FIELD.kansaRiskReasonsCode]: 'first-share' } },
                { range: { [FIELD.timestamp]: { gte: s.start, lte: s.end } } },
              ],
            },
          },
        },
      })
    ).body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } };
    expect(String(marked.hits.hits[0]._source[FIELD.filePath])).toContain('\\Shares\\開発\\');
    expect(marked.hits.hits[0]._source[FIELD.kansaRiskScore]).toBeGreaterThan(0);
  });

  it('the leaver ranks in the top 5 on the scenario days, for the watchlist and the removable media or printing', async () => {
    const s = month.scenarios.find((x) => x.id === 'leaver-exfiltration')!;
    const clock = new LocalTime(month.timeZone);
    const first = clock.dayIndex(Date.parse(s.start));
    const last = clock.dayIndex(Date.parse(s.end));
    let checked = 0;
    for (let d = first; d <= last; d++) {
      const wd = LocalTime.weekday(d);
      if (wd === 0 || wd === 6) continue;
      const top = await topOfDay(LocalTime.dateOf(d), month.timeZone);
      if (top.length === 0) continue; // a holiday: nobody at work
      const hit = top.find((h) => h._source[FIELD.userName] === s.who);
      expect({ date: LocalTime.dateOf(d), inTop5: hit !== undefined }).toEqual({
        date: LocalTime.dateOf(d),
        inTop5: true,
      });
      const codes = hit!._source[FIELD.kansaRiskReasons].map((r) => r.code);
      expect(codes).toContain('context-watchlist');
      expect(codes.some((c) => c === 'volume-usb' || c === 'volume-printPages')).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });
});

describe('the review queue on the demo month', () => {
  it('opens at most 1 % of the users a day as new cases, and the leaver is one case, not the whole queue', async () => {
    const month = await ensureDemoMonth();
    const s = month.scenarios.find((x) => x.id === 'leaver-exfiltration')!;
    const queued = (
      await client.transport.request({
        method: 'POST',
        path: `/${RISK_INDEX_PATTERN}/_search`,
        body: {
          size: 10000,
          query: { exists: { field: FIELD.kansaRiskCaseStatus } },
          sort: [{ [FIELD.timestamp]: 'asc' }, { [FIELD.kansaRiskScore]: 'desc' }],
        },
      })
    ).body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } };
    const rows = queued.hits.hits.map((h) => h._source);
    const newPerDay = new Map<string, number>();
    for (const r of rows)
      if (r[FIELD.kansaRiskCaseStatus] === 'new')
        newPerDay.set(String(r[FIELD.timestamp]), (newPerDay.get(String(r[FIELD.timestamp])) ?? 0) + 1);
    expect(newPerDay.size).toBeGreaterThanOrEqual(15);
    const known = (
      await client.transport.request({
        method: 'POST',
        path: `/${RISK_INDEX_PATTERN}/_search`,
        body: { size: 0, aggs: { users: { cardinality: { field: FIELD.userName } } } },
      })
    ).body as { aggregations: { users: { value: number } } };
    expect(Math.max(...newPerDay.values())).toBeLessThanOrEqual(queueBudget(known.aggregations.users.value));
    const leaver = rows.filter((r) => r[FIELD.userName] === s.who);
    const opened = leaver.filter((r) => r[FIELD.kansaRiskCaseStatus] === 'new');
    expect(opened.length).toBeGreaterThanOrEqual(1);
    // Later days of the same story go into the open case and say when it opened.
    const later = leaver.find(
      (r) => r[FIELD.kansaRiskCaseStatus] === 'open' && r[FIELD.kansaRiskCase] === opened[0][FIELD.kansaRiskCase],
    );
    expect(later?.[FIELD.kansaRiskCaseOpened]).toBe(opened[0][FIELD.timestamp]);
    // While the leaver's case is open, other people open the day's new cases.
    const others = rows.filter(
      (r) =>
        r[FIELD.userName] !== s.who &&
        r[FIELD.kansaRiskCaseStatus] === 'new' &&
        String(r[FIELD.timestamp]) > String(opened[0][FIELD.timestamp]) &&
        String(r[FIELD.timestamp]) <= String(later![FIELD.timestamp]),
    );
    expect(others.length).toBeGreaterThanOrEqual(1);
  });
});

describe("the review queue's memory is the summaries", () => {
  const timeZone = 'Asia/Tokyo';
  const clock = new LocalTime(timeZone);
  const d0 = LocalTime.dayOf('2031-02-03');
  const day = (user: string, d: number, story: string, status: 'new' | 'open', opened: number): UserDay => ({
    user,
    info: { department: '営業', privileged: false, watchlist: false },
    day: d,
    score: 60,
    confidence: 1,
    reasons: [],
    events: 1,
    marks: [],
    lastSeen: clock.dayStart(d),
    case: { story, status, opened },
  });
  afterAll(async () => {
    await client.transport.request({
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_delete_by_query?refresh=true&ignore_unavailable=true&allow_no_indices=true`,
      body: { query: { prefix: { [FIELD.userName]: 'queuetest.' } } },
    });
  });

  it('reads back the cases opened on the days a case stays open, and not the others', async () => {
    const w = await writeDay(
      client,
      [
        day('queuetest.old', d0 - DEFAULT_SETTINGS.caseDays, 'mail', 'new', d0 - DEFAULT_SETTINGS.caseDays),
        day('queuetest.a', d0 - 3, 'mail', 'new', d0 - 3),
        day('queuetest.a', d0 - 2, 'mail', 'open', d0 - 3),
        day('queuetest.b', d0 - 1, 'files', 'new', d0 - 1),
        day('queuetest.today', d0, 'web', 'new', d0),
      ],
      clock,
    );
    expect(w.errors).toEqual([]);
    const opened = (await openedCases(client, d0, DEFAULT_SETTINGS.caseDays, clock))
      .filter((c) => c.user.startsWith('queuetest.'))
      .sort((a, b) => a.opened - b.opened);
    expect(opened).toEqual([
      { user: 'queuetest.a', story: 'mail', opened: d0 - 3 },
      { user: 'queuetest.b', story: 'files', opened: d0 - 1 },
    ]);
  });
});

describe('restarting keeps the profiles', () => {
  const events = 'test-h4-risk-events';
  const stateIndex = 'kansa-state-risk-test-restart';
  const timeZone = 'Asia/Tokyo';
  const clock = new LocalTime(timeZone);
  const first = LocalTime.dayOf('2031-01-06'); // a Monday, far from any demo month
  const user = {
    'user.name': 'tester.a',
    'kansa.user.department': '営業',
    'kansa.user.display_name': '試験 太郎',
    'kansa.user.privileged': false,
    'kansa.user.watchlist': false,
  };

  beforeAll(async () => {
    await client.transport.request({ method: 'DELETE', path: `/${events},${stateIndex}?ignore_unavailable=true` });
    const mappings = (indexTemplate() as { template: { mappings: unknown } }).template.mappings;
    await client.transport.request({
      method: 'PUT',
      path: `/${events}`,
      body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings },
    });
    const lines: string[] = [];
    for (let d = first; d < first + 12; d++) {
      for (let h = 9; h < 17; h++) {
        const doc = {
          '@timestamp': new Date(clock.dayStart(d) + h * 3_600_000).toISOString(),
          'event.action': 'read-file',
          'kansa.access.operation': 'read',
          'file.path': `C:\\Shares\\営業\\doc_${h}.xlsx`,
          'host.name': 'FS01',
          'kansa.host.role': 'file-server',
          ...user,
        };
        lines.push(JSON.stringify({ create: { _index: events } }), JSON.stringify(doc));
      }
    }
    await client.transport.request({ method: 'POST', path: '/_bulk?refresh=true', body: `${lines.join('\n')}\n` });
  }, 60_000);

  afterAll(async () => {
    await client.transport.request({ method: 'DELETE', path: `/${events},${stateIndex}?ignore_unavailable=true` });
    await client.transport.request({
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_delete_by_query?refresh=true&ignore_unavailable=true&allow_no_indices=true`,
      body: { query: { term: { [FIELD.userName]: user['user.name'] } } },
    });
  });

  it('a new scorer carries on from the saved day with the same profiles', async () => {
    const settings = { ...DEFAULT_SETTINGS, timeZone };
    const options = { intervalMs: 60_000, graceMs: 0, lookbackDays: 12, eventsIndex: events, stateIndex };
    // First bridge: twelve days have ended.
    const a = new RiskLoop(client, settings, { ...options, now: () => clock.dayStart(first + 12) + 3_600_000 });
    expect((await a.tick()).learned).toBe(12);
    await a.stop();
    const saved = await loadState(client, stateIndex);
    expect(LocalTime.dateOf(saved.state.day!)).toBe('2031-01-17');
    expect(saved.state.users['tester.a']).toMatchObject({
      activeDays: 12,
      resources: { 'share:営業': { last: first + 11 } },
    });
    // Restart: a new instance two days later learns only the two new (empty) days, from the saved profiles.
    const b = new RiskLoop(client, settings, { ...options, now: () => clock.dayStart(first + 14) + 3_600_000 });
    expect((await b.tick()).learned).toBe(2);
    await b.stop();
    const after = await loadState(client, stateIndex);
    expect(LocalTime.dateOf(after.state.day!)).toBe('2031-01-19');
    expect(after.state.users['tester.a'].activeDays).toBe(12);
    expect(after.state.users['tester.a'].volumes.filesRead).toEqual(saved.state.users['tester.a'].volumes.filesRead);
    expect(after.state.users['tester.a'].resources['share:営業'].seen).toBeCloseTo(
      saved.state.users['tester.a'].resources['share:営業'].seen * Math.pow(0.5, 2 / 30),
      6,
    );
  }, 60_000);
});

describe('the review queue across a restart of the bridge', () => {
  const events = 'test-risk-queue-events';
  const stateIndex = 'kansa-state-risk-test-queue';
  const timeZone = 'Asia/Tokyo';
  const clock = new LocalTime(timeZone);
  const first = LocalTime.dayOf('2031-03-03'); // a Monday, far from any demo month and the other tests
  const user = {
    'user.name': 'queueloop.a',
    'kansa.user.department': '営業',
    'kansa.user.display_name': '試験 花子',
    'kansa.user.privileged': false,
    'kansa.user.watchlist': false,
  };
  const read = (d: number, h: number, path: string) => ({
    '@timestamp': new Date(clock.dayStart(d) + h * 3_600_000).toISOString(),
    'event.action': 'read-file',
    'kansa.access.operation': 'read',
    'file.path': path,
    'host.name': 'FS01',
    'kansa.host.role': 'file-server',
    ...user,
  });
  const cleanUp = async () => {
    await client.transport.request({ method: 'DELETE', path: `/${events},${stateIndex}?ignore_unavailable=true` });
    await client.transport.request({
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_delete_by_query?refresh=true&ignore_unavailable=true&allow_no_indices=true`,
      body: { query: { term: { [FIELD.userName]: user['user.name'] } } },
    });
  };

  beforeAll(async () => {
    await cleanUp();
    const mappings = (indexTemplate() as { template: { mappings: unknown } }).template.mappings;
    await client.transport.request({
      method: 'PUT',
      path: `/${events}`,
      body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings },
    });
    const docs: object[] = [];
    // Twelve ordinary days in the own share, then two days each opening another department's share.
    for (let d = first; d < first + 12; d++)
      for (let h = 9; h < 17; h++) docs.push(read(d, h, `C:\\Shares\\営業\\doc_${h}.xlsx`));
    for (let h = 9; h < 17; h++) docs.push(read(first + 12, h, `C:\\Shares\\経理\\ledger_${h}.xlsx`));
    for (let h = 9; h < 17; h++) docs.push(read(first + 13, h, `C:\\Shares\\人事\\staff_${h}.xlsx`));
    const lines = docs.flatMap((doc) => [JSON.stringify({ create: { _index: events } }), JSON.stringify(doc)]);
    await client.transport.request({ method: 'POST', path: '/_bulk?refresh=true', body: `${lines.join('\n')}\n` });
  }, 60_000);
  afterAll(cleanUp);

  it('a restarted bridge files the next day into the case the previous one opened', async () => {
    const settings = { ...DEFAULT_SETTINGS, timeZone };
    const options = { intervalMs: 60_000, graceMs: 0, lookbackDays: 13, eventsIndex: events, stateIndex };
    const a = new RiskLoop(client, settings, { ...options, now: () => clock.dayStart(first + 13) + 3_600_000 });
    expect((await a.tick()).learned).toBe(13);
    await a.stop();
    // A new instance learns the last day: its queue carries on from the case in the summaries.
    const b = new RiskLoop(client, settings, { ...options, now: () => clock.dayStart(first + 14) + 3_600_000 });
    expect((await b.tick()).learned).toBe(1);
    await b.stop();
    await client.indices.refresh({ index: RISK_INDEX_PATTERN });
    const res = (
      await client.search({
        index: RISK_INDEX_PATTERN,
        body: {
          size: 20,
          query: { term: { [FIELD.userName]: user['user.name'] } },
          sort: [{ [FIELD.timestamp]: 'asc' }],
        },
      })
    ).body as { hits: { hits: Array<{ _source: Record<string, unknown> }> } };
    const queued = res.hits.hits
      .map((h) => h._source)
      .filter((s) => s[FIELD.kansaRiskCaseStatus] !== undefined)
      .map((s) => [
        LocalTime.dateOf(clock.dayIndex(Date.parse(String(s[FIELD.timestamp])))),
        s[FIELD.kansaRiskCase],
        s[FIELD.kansaRiskCaseStatus],
        LocalTime.dateOf(clock.dayIndex(Date.parse(String(s[FIELD.kansaRiskCaseOpened])))),
      ]);
    expect(queued.slice(-2)).toEqual([
      ['2031-03-15', 'files', 'new', '2031-03-15'],
      ['2031-03-16', 'files', 'open', '2031-03-15'],
    ]);
  }, 60_000);
});
