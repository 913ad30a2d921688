import { appendFileSync, closeSync, mkdtempSync, openSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../config/load';
import { createClient } from '../../opensearch/client';
import { Bridge } from '../../serve/bridge';
import { countHost, docsOfHost, marker, until } from '../../serve/testing/helpers';
import { expand } from './tail';

jest.setTimeout(120_000);

describe('file tailing', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  afterAll(() => client.close());

  it('expands wildcards in the last segment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-glob-'));
    for (const f of ['a.log', 'b.log', 'a.log.1', 'c.txt']) appendFileSync(join(dir, f), '');
    expect(expand([join(dir, '*.log')])).toEqual([join(dir, 'a.log'), join(dir, 'b.log')]);
    expect(expand([join(dir, 'c.txt')])).toEqual([join(dir, 'c.txt')]);
  });

  it('follows appends, rotation and truncation, and resumes from its checkpoint without re-reading', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kansa-tail-'));
    const queueDir = mkdtempSync(join(tmpdir(), 'kansa-tail-q-'));
    const host = marker('tail');
    let seq = 0;
    const lines = (n: number) =>
      Array.from(
        { length: n },
        () => `Nov 28 14:00:00 ${host} sshd[7]: Failed password for f${seq++} from 10.4.0.1 port 22 ssh2\n`,
      ).join('');
    const log = join(dir, 'auth.log');
    const config = loadConfig({
      env: {},
      raw: {
        opensearch: { url: process.env.OPENSEARCH_URL },
        queue: { dir: queueDir },
        http: { enabled: false },
        files: { pollMs: 100, sources: [{ paths: [join(dir, '*.log')], format: 'syslog' }] },
        translate: { year: 2031 },
      },
    });
    const run = async () => {
      const b = new Bridge(config, { logger: pino({ level: 'silent' }) });
      await b.start();
      return b;
    };
    const settled = async (b: Bridge, n: number) => {
      await until(
        () => b.queue.depthEvents === 0 && b.metrics.received.get({ input: 'file' }) >= 0,
        (ok) => ok,
        'queue drained',
      );
      return until(
        () => countHost(client, host),
        (c) => c >= n,
        `${n} documents`,
      );
    };

    appendFileSync(log, lines(100));
    let bridge = await run();
    expect(await settled(bridge, 100)).toBe(100);

    appendFileSync(log, lines(50));
    // A line still being written (no LF yet) waits for its end.
    appendFileSync(log, `Nov 28 14:00:00 ${host} sshd[7]: Failed password for f${seq++}`);
    expect(await settled(bridge, 150)).toBe(150);
    appendFileSync(log, ' from 10.4.0.1 port 22 ssh2\n');
    expect(await settled(bridge, 151)).toBe(151);

    // Rotation: the old file gets a few more lines after the rename, then a new file appears.
    const old = openSync(log, 'a');
    renameSync(log, join(dir, 'auth.log.1'));
    writeSync(old, lines(10));
    closeSync(old);
    appendFileSync(log, lines(20));
    expect(await settled(bridge, 181)).toBe(181);

    // copytruncate
    truncateSync(log, 0);
    appendFileSync(log, lines(5));
    expect(await settled(bridge, 186)).toBe(186);

    // Restart: the checkpoint says where it stopped; lines written meanwhile are read once.
    await bridge.stop();
    appendFileSync(log, lines(14));
    bridge = await run();
    expect(await settled(bridge, 200)).toBe(200);
    await until(
      () => bridge.metrics.received.get({ input: 'file' }),
      (n) => n >= 14,
      'the new lines',
    );
    expect(bridge.metrics.received.get({ input: 'file' })).toBe(14);
    await bridge.stop();

    const docs = await docsOfHost(client, host);
    const seqs = docs.map((d) => Number(/ f(\d+) /.exec(d.original)![1])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(
      docs.every(
        (d) => typeof d.source['log.offset'] === 'number' && String(d.source['log.file.path']).startsWith(dir),
      ),
    ).toBe(true);
  });
});
