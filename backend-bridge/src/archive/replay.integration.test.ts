import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { FIELD } from '@kansa/schema';
import { importCommand } from '../cli/import';
import { createClient } from '../opensearch/client';
import { writeBulkSerialized } from '../pipeline/bulk';
import { installTemplate } from '../opensearch/template';
import { translateChunk, type Translation } from '../pipeline/translate';
import { FORMATS, STAGES } from '../translators';
import { archiveCommand } from '../cli/archive';
import { line, tempDir } from './testing/fixture';

jest.setTimeout(180_000);

/** Far from the demo month: these daily indices belong to this test alone. */
const YEAR = 2011;
const PATTERN = `kansa-events-${YEAR}.*`;
const KEY = Buffer.alloc(32, 3).toString('base64');
const SEAL = Buffer.alloc(32, 4).toString('base64');

function io() {
  let out = '';
  const sink = new Writable({ write: (c, _e, cb) => ((out += c), cb()) });
  return { io: { stdout: sink, stderr: sink }, text: () => out };
}

async function snapshot(client: ReturnType<typeof createClient>): Promise<Map<string, Record<string, unknown>>> {
  await client.transport.request({ method: 'POST', path: `/${PATTERN}/_refresh` });
  const r = (await client.transport.request({
    method: 'POST',
    path: `/${PATTERN}/_search`,
    body: { size: 10000, query: { match_all: {} } },
  })) as {
    body: { hits: { hits: Array<{ _id: string; _index: string; _source: Record<string, unknown> }> } };
  };
  return new Map(r.body.hits.hits.map((h) => [`${h._index}/${h._id}`, h._source]));
}

async function wipe(client: ReturnType<typeof createClient>): Promise<void> {
  const r = (await client.transport.request({
    method: 'GET',
    path: `/_cat/indices/${PATTERN}`,
    querystring: { format: 'json', h: 'index' },
  })) as { body: Array<{ index: string }> };
  for (const { index } of r.body)
    if (index.startsWith(`kansa-events-${YEAR}.`))
      await client.transport.request({ method: 'DELETE', path: `/${index}` });
}

describe('archive replay', () => {
  const client = createClient();
  afterAll(async () => {
    await wipe(client);
    await client.close();
  });

  it('wipe the indices, replay the archive: the same documents with the same ids and counts', async () => {
    await installTemplate(client);
    await wipe(client);
    const base = tempDir('replay');
    const dir = join(base, 'archive');
    const config = join(base, 'kansa.yaml');
    writeFileSync(
      config,
      `archive:\n  enabled: true\n  dir: ${dir}\n  segmentBytes: 4KiB\n  encryption:\n    keys:\n      - { id: k1, key: ${KEY} }\n  seal:\n    key: ${SEAL}\n  digest:\n    index: ''\n`,
    );

    // kansa serve's path: chunks through translateChunk with the archive hook, as the bridge does.
    const { openWriter } = await import('./open');
    const { loadConfig } = await import('../config/load');
    const writer = openWriter(loadConfig({ file: config, env: {} }));
    const t: Translation = {
      formats: FORMATS,
      stages: () => STAGES.map((m) => m()),
      ctx: () => ({ year: YEAR, timeZone: 'Asia/Tokyo', now: new Date('2011-03-02T00:00:00Z') }),
      maxLineBytes: 65536,
      archive: writer,
    };
    const entries = [];
    for (let c = 0; c < 20; c++) {
      const chunk = Buffer.concat(Array.from({ length: 10 }, (_, i) => line(c * 10 + i)));
      entries.push(
        ...translateChunk(
          chunk,
          { source: 'syslog-tcp', identity: `syslog-tcp:10.0.0.${c}:conn`, baseOffset: c * 5000, format: 'syslog' },
          t,
        ).entries,
      );
    }
    writer.close();
    expect(entries).toHaveLength(200);
    const sent = await writeBulkSerialized(client, entries);
    expect(sent.indexed).toBe(200);

    // kansa import's path: a file read in parts, archived as one stream.
    const file = join(base, 'auth.log');
    writeFileSync(file, Buffer.concat(Array.from({ length: 300 }, (_, i) => line(1000 + i))));
    const imp = io();
    expect(await importCommand(['--config', config, '--year', String(YEAR), '--tz', 'Asia/Tokyo', file], imp.io)).toBe(
      0,
    );
    expect(imp.text()).toMatch(/indexed: 300 new/);

    const before = await snapshot(client);
    expect(before.size).toBe(500);
    for (const doc of before.values()) expect(doc[FIELD.kansaArchiveSha256]).toMatch(/^[0-9a-f]{64}$/);

    const verify = io();
    expect(await archiveCommand(['verify', '--config', config], verify.io)).toBe(0);
    expect(verify.text()).toMatch(/^OK: \d+ records in \d+ segments verified/m);

    await wipe(client);
    expect((await snapshot(client)).size).toBe(0);
    const replay = io();
    expect(await archiveCommand(['replay', '--config', config], replay.io)).toBe(0);
    expect(replay.text()).toMatch(/into 500 events: 500 indexed, 0 already present, 0 dead-lettered, 0 not sent/);
    const after = await snapshot(client);
    expect(after.size).toBe(500);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [id, doc] of before) expect({ id, doc: after.get(id) }).toEqual({ id, doc });

    // Replaying over documents still present adds nothing.
    const again = io();
    expect(await archiveCommand(['replay', '--config', config], again.io)).toBe(0);
    expect(again.text()).toMatch(/0 indexed, 500 already present/);
  });

  it('export --query: the raw records behind the matching events, verifiable with node alone', async () => {
    const base = tempDir('export-query');
    const dir = join(base, 'archive');
    const config = join(base, 'kansa.yaml');
    writeFileSync(
      config,
      `archive:\n  enabled: true\n  dir: ${dir}\n  segmentBytes: 4KiB\n  encryption:\n    keys:\n      - { id: k1, key: ${KEY} }\n  seal:\n    key: ${SEAL}\n`,
    );
    const file = join(base, 'auth.log');
    writeFileSync(file, Buffer.concat(Array.from({ length: 80 }, (_, i) => line(5000 + i))));
    expect(await importCommand(['--config', config, '--year', String(YEAR), file], io().io)).toBe(0);
    const out = join(base, 'bundle');
    const exp = io();
    const code = await archiveCommand(
      [
        'export',
        '--config',
        config,
        '--out',
        out,
        '--index',
        PATTERN,
        '--query',
        'user.name:tanaka',
        '--from',
        `${YEAR}-01-01`,
        '--to',
        `${YEAR}-12-31`,
      ],
      exp.io,
    );
    expect({ code, text: exp.text() }).toEqual({
      code: 0,
      text: expect.stringMatching(/exported [1-9]\d* raw records/),
    });
    const r = spawnSync(process.execPath, [join(out, 'verify.js'), '--hmac-key', SEAL], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/^OK: [1-9]\d* raw records .*all seals verified/);
    expect(r.status).toBe(0);
  });
});
