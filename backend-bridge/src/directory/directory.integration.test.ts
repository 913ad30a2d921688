import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIRECTORY_INDEX_ALIAS, DIRECTORY_INDEX_PATTERN } from '@kansa/schema';
import { connect } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../config/load';
import { createClient } from '../opensearch/client';
import { Bridge } from '../serve/bridge';
import { docsOfHost, marker, until } from '../serve/testing/helpers';
import { parseDirectory } from '../translate/directory';
import { directoryCommand } from '../cli/directory';
import { loadDirectory } from './store';
import { DirectoryWatch } from './watch';

jest.setTimeout(120_000);

// Against real OpenSearch: the load replaces the directory whole behind the alias, and the watch reloads it
// when the file changes. The alias is shared with whatever else runs on the node, so the test loads last
// what it found there first (a demo month's directory stays as it was).

const client = createClient();
const dir = mkdtempSync(join(tmpdir(), 'kansa-directory-'));
const HEADER = 'account,display_name,department,privileged,watchlist,departure_date\n';
let before: Array<Record<string, unknown>> = [];

async function docs(): Promise<Array<Record<string, unknown>>> {
  const res = await client.search(
    { index: DIRECTORY_INDEX_ALIAS, body: { size: 10000, query: { match_all: {} } } },
    { ignore: [404] },
  );
  const hits = (res.body as { hits?: { hits: Array<{ _source: Record<string, unknown> }> } }).hits?.hits ?? [];
  return hits.map((h) => h._source);
}
const accounts = async () =>
  (await docs())
    .map((d) => d['user.name'])
    .filter(Boolean)
    .sort();
const indices = async () => {
  const res = await client.transport.request({
    method: 'GET',
    path: `/_cat/indices/${DIRECTORY_INDEX_PATTERN}`,
    querystring: { format: 'json', h: 'index' },
  });
  return (res.body as Array<{ index: string }>).map((r) => r.index);
};

const aliased = async () => {
  const res = await client.indices.getAlias({ name: DIRECTORY_INDEX_ALIAS });
  return Object.keys(res.body as Record<string, unknown>);
};

beforeAll(async () => {
  before = await docs();
});
afterAll(async () => {
  const users = before.filter((d) => d['kansa.directory.kind'] === 'user');
  if (users.length > 0) {
    const csv =
      HEADER +
      users
        .map((d) =>
          [
            d['user.name'],
            d['kansa.user.display_name'] ?? '',
            d['kansa.user.department'] ?? '',
            d['kansa.user.privileged'],
            d['kansa.user.watchlist'],
            d['kansa.user.departure_date'] ?? '',
          ].join(','),
        )
        .join('\n');
    const hosts = before.filter((d) => d['kansa.directory.kind'] === 'asset');
    const assets =
      'host,owner,department,role\n' +
      hosts
        .map((d) =>
          [
            d['host.name'],
            d['kansa.host.owner'] ?? '',
            d['kansa.host.department'] ?? '',
            d['kansa.host.role'] ?? '',
          ].join(','),
        )
        .join('\n');
    writeFileSync(join(dir, 'restore.csv'), csv);
    writeFileSync(join(dir, 'restore-assets.csv'), assets);
    const out = { write: () => true } as never;
    await directoryCommand(['load', join(dir, 'restore.csv'), '--assets', join(dir, 'restore-assets.csv')], {
      stdout: out,
      stderr: out,
    });
  } else {
    await client.indices.delete({ index: DIRECTORY_INDEX_PATTERN }, { ignore: [404] });
  }
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

test('kansa directory load replaces the directory whole, one index behind the alias and the replaced one kept for readers until the next load', async () => {
  const users = join(dir, 'users.csv');
  const assets = join(dir, 'assets.csv');
  writeFileSync(
    users,
    `${HEADER}dirtest.a,試験 一郎,総務,false,true,\ndirtest.b,試験 二郎,開発,true,false,2031-03-31\ndirtest.c,試験 三郎,開発,false,false,next spring\n`,
  );
  writeFileSync(assets, 'host,owner,department,role\nDIRTEST01.corp.example,dirtest.a,総務,workstation\n');
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } } as never;
  expect(await directoryCommand(['load', users, '--assets', assets], io)).toBe(0);
  expect(out.join('')).toMatch(/^3 users and 1 assets in kansa-directory-/);
  expect(err.join('')).toContain('dirtest.c: departure date "next spring" is not YYYY-MM-DD');
  expect(await accounts()).toEqual(['dirtest.a', 'dirtest.b', 'dirtest.c']);
  const b = (await docs()).find((d) => d['user.name'] === 'dirtest.b')!;
  expect(b).toMatchObject({
    'kansa.directory.kind': 'user',
    'kansa.user.display_name': '試験 二郎',
    'kansa.user.privileged': true,
    'kansa.user.departure_date': '2031-03-31',
  });
  expect((await docs()).find((d) => d['kansa.directory.kind'] === 'asset')).toMatchObject({
    'host.name': 'DIRTEST01.corp.example',
    'kansa.host.owner': 'dirtest.a',
  });

  // A second load: the people of the first are gone (not merged). A reader that resolved the alias before
  // the move (a scroll here, a search in flight in the data source) still reads the replaced index.
  const first = await aliased();
  expect(first).toHaveLength(1);
  const reader = (
    await client.search({ index: DIRECTORY_INDEX_ALIAS, scroll: '1m', size: 1, body: { sort: ['_doc'] } })
  ).body as { _scroll_id: string };
  await loadDirectory(client, parseDirectory(`${HEADER}dirtest.z,試験 末子,営業,false,true,\n`, 'inline'), []);
  expect(await accounts()).toEqual(['dirtest.z']);
  const second = await aliased();
  expect(second).toHaveLength(1);
  expect(second).not.toEqual(first);
  const more = (await client.scroll({ scroll_id: reader._scroll_id, scroll: '1m' })).body as {
    hits: { hits: unknown[] };
  };
  expect(more.hits.hits).toHaveLength(1);
  await client.clear_scroll({ scroll_id: reader._scroll_id });
  expect((await indices()).sort()).toEqual([...first, ...second].sort());

  // A third load drops the generation before the one it replaces: never more than two at rest.
  await loadDirectory(client, parseDirectory(`${HEADER}dirtest.y,試験 次子,営業,false,false,\n`, 'inline'), []);
  expect(await accounts()).toEqual(['dirtest.y']);
  const third = await aliased();
  expect((await indices()).sort()).toEqual([...second, ...third].sort());
});

test('a file that does not parse is reported and changes nothing', async () => {
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'name_only_column\nx\n');
  const err: string[] = [];
  const io = { stdout: { write: () => true }, stderr: { write: (s: string) => err.push(s) } } as never;
  const kept = await accounts();
  expect(await directoryCommand(['load', bad], io)).toBe(1);
  expect(err.join('')).toContain('expected a header row with a column named account');
  expect(await accounts()).toEqual(kept);
});

test('the serve watch reloads the directory when the file changes, keeps the old one on a broken file, and reports only the loads that succeeded', async () => {
  const users = join(dir, 'watched.csv');
  writeFileSync(users, `${HEADER}dirtest.w1,監視 一,総務,false,false,\n`);
  const loaded: string[][] = [];
  let changed: () => void = () => undefined;
  const watch = new DirectoryWatch(
    { users },
    {
      client,
      log: pino({ level: 'silent' }),
      intervalMs: 50,
      onLoaded: (u) => {
        loaded.push(u.map((x) => x.account));
        changed();
      },
    },
  );
  await watch.start();
  expect(await accounts()).toEqual(['dirtest.w1']);

  const reloaded = new Promise<void>((resolve) => (changed = resolve));
  writeFileSync(users, `${HEADER}dirtest.w1,監視 一,総務,false,false,\ndirtest.w2,監視 二,総務,false,true,\n`);
  await reloaded;
  expect(await accounts()).toEqual(['dirtest.w1', 'dirtest.w2']);

  // A broken file: the next load fails (logged), the index keeps the two people, onLoaded is not called.
  writeFileSync(users, 'no_account_column\n1\n');
  await watch.reload();
  expect(await accounts()).toEqual(['dirtest.w1', 'dirtest.w2']);
  await watch.stop();
  expect(loaded).toEqual([['dirtest.w1'], ['dirtest.w1', 'dirtest.w2']]);
});

test('kansa serve loads its directory file, reloads it on change and stamps the next events with the new one', async () => {
  const users = join(dir, 'serve-users.csv');
  writeFileSync(users, `${HEADER}dirtest.s1,試験 花子,総務,false,false,\n`);
  const config = loadConfig({
    env: {},
    raw: {
      opensearch: { url: process.env.OPENSEARCH_URL },
      queue: { dir: mkdtempSync(join(tmpdir(), 'kansa-directory-q-')) },
      http: { enabled: false },
      syslog: { tcp: { enabled: true, port: 0 }, tls: { enabled: false }, udp: { enabled: false } },
      translate: { year: 2031, timeZone: 'UTC', directory: users },
      log: { level: 'warn' },
    },
  });
  const bridge = new Bridge(config, { logger: pino({ level: 'silent' }) });
  const addr = await bridge.start();
  const host = marker('dir');
  const send = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const socket = connect(addr.syslogTcp!.port, '127.0.0.1', () =>
        socket.end(
          `<38>Nov 28 10:00:0${i} ${host} sshd[1600]: Failed password for dirtest.s1 from 10.0.1.5 port 100${i} ssh2\n`,
        ),
      );
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
  try {
    await until(accounts, (a) => a.join() === 'dirtest.s1', 'the directory loaded at start');
    await send(1);
    const [first] = await until(
      () => docsOfHost(client, host),
      (d) => d.length === 1,
      'the first event',
    );
    expect(first.source).toMatchObject({
      'user.name': 'dirtest.s1',
      'kansa.user.display_name': '試験 花子',
      'kansa.user.watchlist': false,
    });

    writeFileSync(users, `${HEADER}dirtest.s1,試験 花子,総務,false,true,\n`);
    await until(docs, (d) => d.some((x) => x['kansa.user.watchlist'] === true), 'the reloaded directory');
    await send(2);
    const both = await until(
      () => docsOfHost(client, host),
      (d) => d.length === 2,
      'the second event',
    );
    const stamps = both.map((d) => d.source['kansa.user.watchlist']).sort();
    // The earlier event keeps what the directory said then; the query-time flag sees both (datasource tests).
    expect(stamps).toEqual([false, true]);
  } finally {
    await bridge.stop();
  }
});
