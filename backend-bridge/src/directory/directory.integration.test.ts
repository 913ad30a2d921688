import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIRECTORY_INDEX_ALIAS, DIRECTORY_INDEX_PATTERN } from '@kansa/schema';
import pino from 'pino';
import { createClient } from '../opensearch/client';
import { parseDirectory } from '../translate/directory';
import { directoryCommand } from './command';
import { loadDirectory } from './store';
import { DirectoryWatch } from './watch';

// Against real OpenSearch: the load replaces the directory whole behind the alias, and the watch reloads it
// when the file changes. The alias is shared with whatever else runs on the node, so the test loads last
// what it found there first (a demo month's directory stays as it was).

const client = createClient();
const dir = mkdtempSync(join(tmpdir(), 'kansa-directory-'));
const HEADER = 'account,display_name,department,privileged,watchlist,departure_date\n';
let before: Array<Record<string, unknown>> = [];

async function docs(): Promise<Array<Record<string, unknown>>> {
  const res = await client.search({ index: DIRECTORY_INDEX_ALIAS, body: { size: 10000, query: { match_all: {} } } }, { ignore: [404] });
  const hits = (res.body as { hits?: { hits: Array<{ _source: Record<string, unknown> }> } }).hits?.hits ?? [];
  return hits.map((h) => h._source);
}
const accounts = async () => (await docs()).map((d) => d['user.name']).filter(Boolean).sort();
const indices = async () => {
  const res = await client.transport.request({ method: 'GET', path: `/_cat/indices/${DIRECTORY_INDEX_PATTERN}`, querystring: { format: 'json', h: 'index' } });
  return (res.body as Array<{ index: string }>).map((r) => r.index);
};

beforeAll(async () => {
  before = await docs();
});
afterAll(async () => {
  const users = before.filter((d) => d['kansa.directory.kind'] === 'user');
  if (users.length > 0) {
    const csv = HEADER + users.map((d) => [d['user.name'], d['kansa.user.display_name'] ?? '', d['kansa.user.department'] ?? '', d['kansa.user.privileged'], d['kansa.user.watchlist'], d['kansa.user.departure_date'] ?? ''].join(',')).join('\n');
    const hosts = before.filter((d) => d['kansa.directory.kind'] === 'asset');
    const assets = 'host,owner,department,role\n' + hosts.map((d) => [d['host.name'], d['kansa.host.owner'] ?? '', d['kansa.host.department'] ?? '', d['kansa.host.role'] ?? ''].join(',')).join('\n');
    writeFileSync(join(dir, 'restore.csv'), csv);
    writeFileSync(join(dir, 'restore-assets.csv'), assets);
    const out = { write: () => true } as never;
    await directoryCommand(['load', join(dir, 'restore.csv'), '--assets', join(dir, 'restore-assets.csv')], { stdout: out, stderr: out });
  } else {
    await client.indices.delete({ index: DIRECTORY_INDEX_PATTERN }, { ignore: [404] });
  }
  await client.close();
  rmSync(dir, { recursive: true, force: true });
});

test('kansa directory load replaces the directory whole and leaves one index behind the alias', async () => {
  const users = join(dir, 'users.csv');
  const assets = join(dir, 'assets.csv');
  writeFileSync(users, `${HEADER}dirtest.a,試験 一郎,総務,false,true,\ndirtest.b,試験 二郎,開発,true,false,2031-03-31\ndirtest.c,試験 三郎,開発,false,false,next spring\n`);
  writeFileSync(assets, 'host,owner,department,role\nDIRTEST01.corp.example,dirtest.a,総務,workstation\n');
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } } as never;
  expect(await directoryCommand(['load', users, '--assets', assets], io)).toBe(0);
  expect(out.join('')).toMatch(/^3 users and 1 assets in kansa-directory-/);
  expect(err.join('')).toContain('dirtest.c: departure date "next spring" is not YYYY-MM-DD');
  expect(await accounts()).toEqual(['dirtest.a', 'dirtest.b', 'dirtest.c']);
  const b = (await docs()).find((d) => d['user.name'] === 'dirtest.b')!;
  expect(b).toMatchObject({ 'kansa.directory.kind': 'user', 'kansa.user.display_name': '試験 二郎', 'kansa.user.privileged': true, 'kansa.user.departure_date': '2031-03-31' });
  expect((await docs()).find((d) => d['kansa.directory.kind'] === 'asset')).toMatchObject({ 'host.name': 'DIRTEST01.corp.example', 'kansa.host.owner': 'dirtest.a' });

  // A second load: the people of the first are gone (not merged), and so is its index.
  await loadDirectory(client, parseDirectory(`${HEADER}dirtest.z,試験 末子,営業,false,true,\n`, 'inline'), []);
  expect(await accounts()).toEqual(['dirtest.z']);
  expect(await indices()).toHaveLength(1);
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

test('the serve watch reloads the directory when the file changes, keeps the old one on a broken file, and swaps the enricher', async () => {
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
