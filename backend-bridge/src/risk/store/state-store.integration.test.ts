import { FIELD, RISK_INDEX_PATTERN, indexTemplate } from '@kansa/schema';
import type { Client } from '@opensearch-project/opensearch';
import { createClient } from '../../opensearch/client';
import { LocalTime } from '../localtime';
import { RiskLoop, type RiskLoopOptions } from '../loop';
import { DEFAULT_SETTINGS } from '../settings';
import { loadState } from './state-store';

// Two faults of a state saved as profiles first and meta document last, against real OpenSearch:
// a bridge dying between the two writes, and a bridge that lost the race saving older profiles late.
// Either way the profiles must end up as those of one scorer that ran without a fault.

const client = createClient();
afterAll(() => client.close());

const events = 'test-risk-conditional-events';
const state = (name: string) => `kansa-state-risk-test-${name}`;
const timeZone = 'Asia/Tokyo';
const clock = new LocalTime(timeZone);
const first = LocalTime.dayOf('2031-02-03'); // a Monday, far from any demo month
const settings = { ...DEFAULT_SETTINGS, timeZone };
const USERS = ['tester.crash1', 'tester.crash2'];
/** User u reads (u + 1)·(i + 1) files on day first + i. */
const reads = (u: number) => [0, 1, 2].map((i) => (u + 1) * (i + 1));

/** A scorer whose clock is an hour into `day`, learning back to `first`. */
const loop = (c: Client, stateIndex: string, day: number) => {
  const options: RiskLoopOptions = {
    intervalMs: 60_000,
    graceMs: 0,
    lookbackDays: day - first,
    eventsIndex: events,
    stateIndex,
    now: () => clock.dayStart(day) + 3_600_000,
  };
  return new RiskLoop(c, settings, options);
};

type Request = Client['transport']['request'];

/** A client whose requests pass `hook` first: the place a test stops or holds a bridge's write. */
function hooked(
  hook: (params: { method: string; path: string; body?: unknown; bulkBody?: unknown }) => Promise<void>,
): Client {
  const c = createClient();
  const request = c.transport.request.bind(c.transport) as Request;
  c.transport.request = (async (params: Parameters<Request>[0], options?: Parameters<Request>[1]) => {
    await hook(params as never);
    return request(params, options);
  }) as unknown as Request;
  return c;
}

const profiles = async (stateIndex: string) => {
  const { state: s } = await loadState(client, stateIndex);
  return { day: s.day, users: s.users, peers: s.peers };
};

describe('the risk state under a crash between its writes and a lost race', () => {
  let reference: Awaited<ReturnType<typeof profiles>>;

  beforeAll(async () => {
    await client.transport.request({
      method: 'DELETE',
      path: `/${events},${state('*')}?ignore_unavailable=true&expand_wildcards=all`,
    });
    const mappings = (indexTemplate() as { template: { mappings: unknown } }).template.mappings;
    await client.transport.request({
      method: 'PUT',
      path: `/${events}`,
      body: { settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings },
    });
    const lines: string[] = [];
    USERS.forEach((name, u) =>
      reads(u).forEach((n, i) => {
        for (let k = 0; k < n; k++) {
          const doc = {
            '@timestamp': new Date(clock.dayStart(first + i) + (10 + k) * 60_000).toISOString(),
            'event.action': 'read-file',
            'kansa.access.operation': 'read',
            'file.path': `C:\\Shares\\総務\\doc_${k}.xlsx`,
            'host.name': 'FS01',
            'kansa.host.role': 'file-server',
            'user.name': name,
            'kansa.user.department': '総務',
          };
          lines.push(JSON.stringify({ create: { _index: events } }), JSON.stringify(doc));
        }
      }),
    );
    await client.transport.request({ method: 'POST', path: '/_bulk?refresh=true', body: `${lines.join('\n')}\n` });
    // What one scorer with nothing going wrong learns from the three days.
    expect((await loop(client, state('reference'), first + 3).tick()).learned).toBe(3);
    reference = await profiles(state('reference'));
  }, 60_000);

  afterAll(async () => {
    await client.transport.request({
      method: 'DELETE',
      path: `/${events},${state('*')}?ignore_unavailable=true&expand_wildcards=all`,
    });
    // The summaries were rewritten by every scorer here: refresh first, or the delete meets older versions.
    await client.transport.request({
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_refresh?ignore_unavailable=true&allow_no_indices=true`,
    });
    await client.transport.request({
      method: 'POST',
      path: `/${RISK_INDEX_PATTERN}/_delete_by_query?refresh=true&conflicts=proceed&ignore_unavailable=true&allow_no_indices=true`,
      body: { query: { terms: { [FIELD.userName]: USERS } } },
    });
  });

  it('the reference counts every day once', () => {
    expect(LocalTime.dateOf(reference.day!)).toBe('2031-02-05');
    USERS.forEach((name, u) =>
      expect(reference.users[name]).toMatchObject({ activeDays: 3, day: first + 2, volumes: { filesRead: reads(u) } }),
    );
    expect(Object.keys(reference.peers)).toEqual(['総務']);
  });

  it('a bridge that dies after saving the profiles of a day and before the meta document: the restart counts the day once', async () => {
    const stateIndex = state('crash');
    const crashDay = LocalTime.dateOf(first + 1);
    let died = false;
    // The meta PUT of the second day never reaches OpenSearch: the bridge is gone once its profiles are written.
    const dying = hooked(async ({ method, path, body }) => {
      if (
        method === 'PUT' &&
        path.startsWith(`/${stateIndex}/_doc/meta`) &&
        (body as { day?: string }).day === crashDay
      ) {
        died = true;
        throw new Error('killed');
      }
    });
    await expect(loop(dying, stateIndex, first + 3).tick()).rejects.toThrow('killed');
    await dying.close();
    expect(died).toBe(true);
    // The restart comes after OpenSearch's refresh interval: the profiles written are visible to it.
    await client.transport.request({ method: 'POST', path: `/${stateIndex}/_refresh` });
    const between = await profiles(stateIndex);
    expect(LocalTime.dateOf(between.day!)).toBe(LocalTime.dateOf(first));
    expect(between.users[USERS[0]]).toMatchObject({ activeDays: 2 });
    // The restart learns the second day again (the meta says the first) and the third.
    expect((await loop(client, stateIndex, first + 3).tick()).learned).toBe(2);
    expect(await profiles(stateIndex)).toEqual(reference);
  }, 60_000);

  it('a bridge that lost the race does not overwrite newer profiles with older ones', async () => {
    const stateIndex = state('race');
    expect((await loop(client, stateIndex, first + 1).tick()).learned).toBe(1);
    // The slow bridge loaded the state at the first day and holds its save of the second until the fast
    // one has learned and saved the second and the third.
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let first_ = true;
    const slow = hooked(async ({ method, path, bulkBody }) => {
      if (!first_ || method !== 'POST' || path !== '/_bulk' || !String(bulkBody).includes(`"_index":"${stateIndex}"`))
        return;
      first_ = false;
      holding();
      await released;
    });
    const slowTick = loop(slow, stateIndex, first + 3).tick();
    await held;
    expect((await loop(client, stateIndex, first + 3).tick()).learned).toBe(2);
    release();
    // Its profiles conflict: it re-reads the state, which is already at the third day, and learns nothing.
    expect((await slowTick).learned).toBe(0);
    await slow.close();
    expect(await profiles(stateIndex)).toEqual(reference);
  }, 60_000);
});
