import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import pino from 'pino';
import { FIELD } from '@kansa/schema';
import { loadConfig } from '../config/load';
import { createClient } from '../opensearch/client';
import { Bridge } from '../serve/bridge';
import { AUTH, TOKEN, docsOfHost, marker, until } from '../serve/testing/helpers';
import { archiveSetup } from './open';
import { verifyArchive } from './verify';
import { tempDir } from './testing/fixture';

jest.setTimeout(120_000);

const DIGEST_INDEX = 'kansa-h5-digest-test';

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: AUTH }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('kansa serve with the archive', () => {
  const client = createClient();
  afterAll(async () => {
    await client.transport.request({ method: 'DELETE', path: `/${DIGEST_INDEX}` }).catch(() => undefined);
    await client.close();
  });

  it('archives every accepted record; each event carries its record hash; the daily job seals and writes the digest', async () => {
    const base = tempDir('bridge-archive');
    const config = loadConfig({
      env: {},
      raw: {
        opensearch: { url: process.env.OPENSEARCH_URL },
        queue: { dir: join(base, 'queue') },
        http: { port: 0 },
        auth: { tokens: [{ name: 'tester', token: TOKEN }] },
        // Far from the demo month: the events land in 2012 daily indices.
        translate: { year: 2012, timeZone: 'Asia/Tokyo' },
        archive: {
          enabled: true,
          dir: join(base, 'archive'),
          encryption: { keys: [{ id: 'k1', key: Buffer.alloc(32, 5).toString('base64') }] },
          seal: { key: Buffer.alloc(32, 6).toString('base64') },
          digest: { index: DIGEST_INDEX },
        },
      },
    });
    const bridge = new Bridge(config, { logger: pino({ level: 'silent' }) });
    const addresses = await bridge.start();
    const host = marker('arch');
    try {
      for (let r = 0; r < 5; r++) {
        const lines = Array.from(
          { length: 10 },
          (_, i) =>
            `<86>Mar  3 10:${String(r).padStart(2, '0')}:${String(i).padStart(2, '0')} ${host} sshd[${r * 10 + i}]: Accepted publickey for user${i} from 10.1.${r}.${i} port 5${i}22 ssh2`,
        ).join('\n');
        expect(await post(addresses.http!.port, '/ingest', `${lines}\n`)).toBe(200);
      }
      const docs = await until(
        () => docsOfHost(client, host),
        (d) => d.length === 50,
        '50 documents',
      );
      await bridge.storage.daily(client);

      const setup = archiveSetup(config);
      const records = new Map<string, string>();
      const v = verifyArchive(setup.dir, setup.keyring, setup.sealer, {
        digestFile: setup.digestFile,
        onRecord: (r) => records.set(r.sha256, r.raw.toString()),
      });
      expect(v).toMatchObject({ ok: true, records: 5, notes: [] });
      for (const d of docs) {
        const sha = d.source[FIELD.kansaArchiveSha256] as string;
        expect(records.get(sha)).toContain(d.original);
      }
      const digest = JSON.parse(readFileSync(setup.digestFile, 'utf8').trim().split('\n').at(-1)!);
      expect(digest).toMatchObject({ type: 'digest', seq: 1, segments: 1, records: 5, head: v.head });
      const indexed = (await client.transport.request({
        method: 'GET',
        path: `/${DIGEST_INDEX}/_doc/${digest.date}-1`,
      })) as { body: { _source: { head: string } } };
      expect(indexed.body._source.head).toBe(v.head);
    } finally {
      await bridge.stop();
      await client.transport.request({
        method: 'POST',
        path: '/kansa-events-2012.*/_delete_by_query',
        querystring: { refresh: 'true' },
        body: { query: { term: { [FIELD.hostName]: host } } },
      });
    }
  });
});
