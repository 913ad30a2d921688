import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELD, indexTemplate } from '@kansa/schema';
import { Keyring, listSegments, verifyArchive } from '../archive';
import { HMAC, KEY_1, line, meta, tempDir, writer } from '../archive/testing/fixture';
import { configSchema } from '../config/schema';
import { createClient } from '../opensearch/client';
import { runRetention } from './job';
import { retentionCommand } from '../cli/retention';
import { Writable } from 'node:stream';

jest.setTimeout(120_000);

const PREFIX = 'kansa-h5ret-';
const client = createClient();
const NOW = new Date('2012-02-05T03:30:00Z');

const retention = configSchema.shape.retention.parse({
  enabled: true,
  indexPrefix: PREFIX,
  defaultOpensearchDays: 20,
  defaultArchiveDays: 30,
  policies: [
    { name: 'auth-logs', sourceTypes: ['sshd'], opensearchDays: 30, archiveDays: 40 },
    { name: 'proxy-logs', sourceTypes: ['squid'], opensearchDays: 10, archiveDays: 20 },
  ],
  holds: [
    { name: 'case-17', user: 'sato', from: '2012-01-01T00:00:00Z', to: '2012-01-31T23:59:59Z' },
    { name: 'incident-3', from: '2012-01-20T10:00:00Z', to: '2012-01-20T11:00:00Z' },
  ],
});

function doc(ts: string, sourceType: string, user: string): Record<string, unknown> {
  return {
    [FIELD.timestamp]: ts,
    [FIELD.kansaSourceType]: sourceType,
    [FIELD.userName]: user,
    [FIELD.eventAction]: 'test',
  };
}

async function seed(docs: Array<Record<string, unknown>>): Promise<void> {
  let body = '';
  docs.forEach((d) => {
    const day = String(d[FIELD.timestamp]).slice(0, 10).replace(/-/g, '.');
    body += `${JSON.stringify({ create: { _index: `${PREFIX}${day}` } })}\n${JSON.stringify(d)}\n`;
  });
  await client.transport.request({
    method: 'POST',
    path: '/_bulk',
    body,
    bulkBody: body,
    querystring: { refresh: 'true' },
  } as never);
}

async function search(index: string, query: unknown = { match_all: {} }): Promise<Array<Record<string, unknown>>> {
  const r = (await client.transport.request({
    method: 'POST',
    path: `/${index}/_search`,
    body: { size: 1000, query },
    querystring: { ignore_unavailable: 'true', allow_no_indices: 'true' },
  })) as { body: { hits: { hits: Array<{ _source: Record<string, unknown> }> } } };
  return r.body.hits.hits.map((h) => h._source);
}

async function wipe(): Promise<void> {
  await client.transport.request({ method: 'DELETE', path: `/${PREFIX}*` }).catch(() => undefined);
}

describe('retention with a fake clock', () => {
  beforeAll(async () => {
    await wipe();
    const tpl = indexTemplate() as { template: Record<string, unknown> };
    await client.transport.request({
      method: 'PUT',
      path: '/_index_template/kansa-h5ret-test',
      body: { index_patterns: [`${PREFIX}*`], priority: 500, template: tpl.template },
    });
  });
  afterAll(async () => {
    await wipe();
    await client.transport
      .request({ method: 'DELETE', path: '/_index_template/kansa-h5ret-test' })
      .catch(() => undefined);
    await client.close();
  });

  it('removes expired data from OpenSearch and the archive, keeps held data, and audits every deletion', async () => {
    await seed([
      // 2011-12-15: every class expired, no hold covers the day → the whole index goes.
      doc('2011-12-15T09:00:00Z', 'sshd', 'tanaka'),
      doc('2011-12-15T09:01:00Z', 'squid', 'sato'),
      doc('2011-12-15T09:02:00Z', 'cron', 'suzuki'),
      // 2012-01-10: proxy and default expired (auth-logs keeps 30 days); sato is on hold this month.
      doc('2012-01-10T09:00:00Z', 'sshd', 'tanaka'),
      doc('2012-01-10T09:01:00Z', 'sshd', 'sato'),
      doc('2012-01-10T09:02:00Z', 'squid', 'sato'),
      doc('2012-01-10T09:03:00Z', 'cron', 'yamada'),
      // 2012-01-20: only the proxy class expired; the 10:00–11:00 hold keeps one of them, sato's hold another.
      doc('2012-01-20T09:00:00Z', 'squid', 'tanaka'),
      doc('2012-01-20T10:30:00Z', 'squid', 'tanaka'),
      doc('2012-01-20T12:00:00Z', 'squid', 'sato'),
      doc('2012-01-20T12:30:00Z', 'sshd', 'tanaka'),
      doc('2012-01-20T12:31:00Z', 'cron', 'tanaka'),
      // 2012-02-01: nothing expired.
      doc('2012-02-01T09:00:00Z', 'squid', 'tanaka'),
    ]);

    // Archive segments, each sealed on its own day.
    const dir = tempDir('retention-archive');
    let clock = new Date(0);
    const w = writer(dir, { clock: () => clock, segmentBytes: 1 << 20 });
    const segment = (at: string, sourceType: string, user: string) => {
      clock = new Date(at);
      for (let i = 0; i < 5; i++) w.accept(line(i), meta(i, `${at}:${i}`)).tag(doc(at, sourceType, user) as never);
      w.sealOpen();
    };
    segment('2011-12-15T09:00:00Z', 'sshd', 'tanaka'); // 1: expired (auth-logs, 40 days) → deleted
    segment('2012-01-05T09:00:00Z', 'squid', 'sato'); // 2: expired (proxy-logs, 20 days), sato on hold → kept
    segment('2012-01-10T09:00:00Z', 'squid', 'tanaka'); // 3: expired → deleted
    segment('2012-01-12T09:00:00Z', 'squid', 'tanaka'); // 4: expired but tampered → kept, not deleted
    segment('2012-01-20T09:00:00Z', 'sshd', 'tanaka'); // 5: not expired
    w.close();
    const seg4 = listSegments(dir)[3];
    const bytes = readFileSync(seg4.path);
    bytes[40] ^= 0xff;
    writeFileSync(seg4.path, bytes);
    const keyring = new Keyring([KEY_1], 'k1');

    // A dry run first: it reports the same deletions and changes nothing.
    const dry = await runRetention({
      retention,
      client,
      archive: { dir, keyring, sealer: HMAC, digestFile: '', digestIndex: '' },
      now: NOW,
      dryRun: true,
    });
    expect(listSegments(dir).map((s) => s.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(await search(`${PREFIX}2011.12.15`)).toHaveLength(3);
    expect(await search(`${PREFIX}2012.02.05`)).toHaveLength(0);

    const report = await runRetention({
      retention,
      client,
      archive: { dir, keyring, sealer: HMAC, digestFile: '', digestIndex: '' },
      now: NOW,
    });
    expect(report.errors).toEqual([]);
    expect(dry.deletions.map((d) => [d.what, d.count])).toEqual(report.deletions.map((d) => [d.what, d.count]));
    expect(dry.kept).toEqual(report.kept);

    // OpenSearch: what is left, by day.
    const left = async (day: string) =>
      (await search(`${PREFIX}${day}`))
        .map((d) => `${d[FIELD.timestamp]} ${d[FIELD.kansaSourceType]} ${d[FIELD.userName]}`)
        .sort();
    const indices = (await client.transport.request({
      method: 'GET',
      path: `/_cat/indices/${PREFIX}*`,
      querystring: { format: 'json', h: 'index' },
    })) as { body: Array<{ index: string }> };
    expect(indices.body.map((i) => i.index)).not.toContain(`${PREFIX}2011.12.15`);
    expect(await left('2012.01.10')).toEqual([
      '2012-01-10T09:00:00Z sshd tanaka',
      '2012-01-10T09:01:00Z sshd sato',
      '2012-01-10T09:02:00Z squid sato',
    ]);
    expect(await left('2012.01.20')).toEqual([
      '2012-01-20T10:30:00Z squid tanaka',
      '2012-01-20T12:00:00Z squid sato',
      '2012-01-20T12:30:00Z sshd tanaka',
      '2012-01-20T12:31:00Z cron tanaka',
    ]);
    expect(await left('2012.02.01')).toEqual(['2012-02-01T09:00:00Z squid tanaka']);

    // Archive: segments 1 and 3 deleted; 2 held; 4 kept because it fails verification; 5 not expired.
    expect(listSegments(dir).map((s) => s.seq)).toEqual([2, 4, 5]);
    expect(report.kept.join('\n')).toMatch(/segment 2 .* kept by legal hold case-17 \(user sato\)/);
    expect(report.kept.join('\n')).toMatch(/segment 4 .* fails verification .* kept as evidence, not deleted/);
    bytes[40] ^= 0xff;
    writeFileSync(seg4.path, bytes);
    const v = verifyArchive(dir, keyring, HMAC);
    expect(v).toMatchObject({ ok: true, records: 15 });
    expect(v.notes.join('\n')).toMatch(/2 segments were removed by retention/);

    // The audit trail: one event per deletion, in the contract's shape.
    const audit = await search(`${PREFIX}2012.02.05`, { term: { [FIELD.kansaSourceType]: 'kansa-retention' } });
    const byAction = (a: string) => audit.filter((e) => e[FIELD.eventAction] === a);
    expect(byAction('retention-delete-index').map((e) => e[FIELD.kansaCount])).toEqual([3]);
    expect(
      byAction('retention-delete-documents')
        .map((e) => e[FIELD.kansaCount])
        .sort(),
    ).toEqual([1, 1]);
    expect(byAction('retention-delete-archive-segment').map((e) => e[FIELD.kansaCount])).toEqual([5, 5]);
    expect(audit).toHaveLength(report.deletions.length);
    for (const e of audit) {
      expect(e).toMatchObject({
        [FIELD.eventKind]: 'event',
        [FIELD.eventCategory]: ['configuration'],
        [FIELD.eventType]: ['deletion'],
      });
      expect(e[FIELD.kansaMessageEn]).toMatch(/retention policy .*chain head at deletion: [0-9a-f]{64}/i);
      expect(e[FIELD.kansaMessageJa]).toMatch(/保存期間ポリシー .*チェーンヘッド: [0-9a-f]{64}/);
    }
    const index = byAction('retention-delete-index')[0];
    expect(index[FIELD.kansaMessageEn]).toMatch(
      new RegExp(
        `Deleted index ${PREFIX}2011.12.15 \\(3 events\\) under retention policy auth-logs \\(30 d\\), proxy-logs \\(10 d\\), default \\(20 d\\)`,
      ),
    );

    // The next run: segment 4 (repaired, so it verifies now) goes; nothing else is left to delete.
    const again = await runRetention({
      retention,
      client,
      archive: { dir, keyring, sealer: HMAC, digestFile: '', digestIndex: '' },
      now: NOW,
    });
    expect(again.deletions.map((d) => d.what)).toEqual([expect.stringMatching(/^archive segment 4 /)]);
    expect(listSegments(dir).map((s) => s.seq)).toEqual([2, 5]);
    expect(verifyArchive(dir, keyring, HMAC)).toMatchObject({ ok: true, records: 10 });
  });

  it('kansa retention run --now: the same job from the command line, reported in both languages', async () => {
    await seed([doc('2011-11-01T09:00:00Z', 'cron', 'ito'), doc('2011-11-01T09:05:00Z', 'cron', 'ito')]);
    const config = join(tempDir('retention-cli'), 'kansa.yaml');
    writeFileSync(
      config,
      `opensearch:\n  url: ${process.env.OPENSEARCH_URL}\nretention:\n  enabled: true\n  indexPrefix: ${PREFIX}\n  defaultOpensearchDays: 20\n`,
    );
    let out = '';
    const sink = new Writable({ write: (c, _e, cb) => ((out += c), cb()) });
    expect(
      await retentionCommand(['run', '--config', config, '--now', NOW.toISOString()], { stdout: sink, stderr: sink }),
    ).toBe(0);
    expect(out).toMatch(
      new RegExp(`Deleted index ${PREFIX}2011.11.01 \\(2 events\\) under retention policy default \\(20 d\\)`),
    );
    expect(out).toMatch(/索引 kansa-h5ret-2011.11.01 を削除しました \(2 件\)/);
    expect(out).toMatch(/^保存期間: 削除 \d+ 件/m);
  });
});
