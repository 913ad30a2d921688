import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { constants, gzipSync } from 'node:zlib';
import { importCommand } from '../../cli/import';
import { createClient } from '../../opensearch/client';

jest.setTimeout(120_000);

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, cb) {
        text += chunk;
        cb();
      },
    }),
    text: () => text,
  };
}

/** One CloudTrail record as the service writes it (an IAM user's API call). */
function record(account: string, region: string, day: string, n: number): Record<string, unknown> {
  const names = ['DescribeInstances', 'GetObject', 'CreateUser', 'ConsoleLogin', 'PutBucketPolicy'];
  const eventName = names[n % names.length];
  return {
    eventVersion: '1.10',
    userIdentity: {
      type: 'IAMUser',
      principalId: 'AIDA3XFRBF535EXAMPLE',
      arn: `arn:aws:iam::${account}:user/tanaka`,
      accountId: account,
      accessKeyId: 'AKIA3XFRBF53EXAMPLE',
      userName: 'tanaka',
    },
    eventTime: `${day}T${String(n % 24).padStart(2, '0')}:0${n % 10}:00Z`,
    eventSource:
      eventName === 'GetObject'
        ? 's3.amazonaws.com'
        : eventName === 'CreateUser'
          ? 'iam.amazonaws.com'
          : 'ec2.amazonaws.com',
    eventName,
    awsRegion: region,
    sourceIPAddress: '203.0.113.10',
    userAgent: 'aws-cli/2.17.0',
    requestParameters: eventName === 'GetObject' ? { bucketName: 'kansa-test', key: `reports/${n}.csv` } : null,
    responseElements: null,
    requestID: `REQ${region}${day}${n}`,
    eventID: `00000000-0000-4000-8000-${String(n).padStart(4, '0')}${region.length}${day.replace(/-/g, '')}`,
    readOnly: eventName.startsWith('Get') || eventName.startsWith('Describe'),
    eventType: 'AwsApiCall',
    managementEvent: eventName !== 'GetObject',
    recipientAccountId: account,
    eventCategory: eventName === 'GetObject' ? 'Data' : 'Management',
  };
}

describe('kansa import DIR: a CloudTrail S3 bucket layout', () => {
  const client = createClient(process.env.OPENSEARCH_URL);
  afterAll(() => client.close());

  it('imports every Records file of every region and day, skips digests with a count, names a corrupt file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kansa-cloudtrail-layout-'));
    // A fresh account per run: the stored count below is this run's records only.
    const account = String(100000000000 + Math.floor(Math.random() * 800000000000));
    const base = join(root, 'AWSLogs', account);
    const put = (path: string, data: Buffer) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    };
    // November: the shared test node holds the demo month (October), whose tests expect no parse failure in it.
    const layout: Array<[string, string, number]> = [
      ['ap-northeast-1', '2026-11-12', 7],
      ['us-east-1', '2026-11-11', 3],
      ['ap-northeast-1', '2026-11-11', 12],
      ['eu-west-1', '2026-11-13', 1],
      ['us-east-1', '2026-11-12', 5],
    ];
    let written = 0;
    // Written out of order on purpose, two files for one region-day: the walk sorts, the ids do not depend on order.
    for (const [region, day, count] of layout) {
      for (const part of ['a1B2c3D4e5F6g7H8', 'Z9y8X7w6V5u4T3s2']) {
        const records = Array.from({ length: count }, (_, i) => record(account, region, day, written + i));
        written += count;
        const [y, m, d] = day.split('-');
        const stamp = `${y}${m}${d}T${String(count).padStart(2, '0')}${part === 'a1B2c3D4e5F6g7H8' ? '05' : '35'}Z`;
        put(
          join(base, 'CloudTrail', region, y, m, d, `${account}_CloudTrail_${region}_${stamp}_${part}.json.gz`),
          gzipSync(JSON.stringify({ Records: records })),
        );
      }
    }
    put(
      join(
        base,
        'CloudTrail-Digest',
        'ap-northeast-1',
        '2026',
        '11',
        '11',
        `${account}_CloudTrail-Digest_ap-northeast-1_main_ap-northeast-1_20261111T010000Z.json.gz`,
      ),
      gzipSync(
        JSON.stringify({
          awsAccountId: account,
          digestStartTime: '2026-11-11T00:00:00Z',
          digestEndTime: '2026-11-11T01:00:00Z',
          logFiles: [],
        }),
      ),
    );
    const corrupt = join(
      base,
      'CloudTrail',
      'us-east-1',
      '2026',
      '11',
      '12',
      `${account}_CloudTrail_us-east-1_20261112T0905Z_corrupt0000000.json.gz`,
    );
    put(
      corrupt,
      Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), Buffer.from('not gzip data at all, a broken download')]),
    );

    const out = capture();
    const code = await importCommand(['--tz', 'UTC', root], { stdout: capture().stream, stderr: out.stream });
    const text = out.text();
    expect(text).toContain(`${root}: ${layout.length * 2 + 1} files, 1 CloudTrail digest files skipped`);
    expect(text).toContain(`cannot read ${corrupt}:`);
    expect(text).toContain('kansa import: 1 inputs could not be read');
    expect(text).toContain(`indexed: ${written} new, 0 already present, 0 dead-lettered, 0 not sent`);
    expect(code).toBe(1);
    expect(await countAccount(client, account)).toBe(written);

    // Again: nothing new, the same count.
    const again = capture();
    await importCommand(['--tz', 'UTC', root], { stdout: capture().stream, stderr: again.stream });
    expect(again.text()).toContain(`indexed: 0 new, ${written} already present`);
    expect(await countAccount(client, account)).toBe(written);
  });

  it('indexes the complete records of a .gz cut short, keeps the cut record as a failure, and names the file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kansa-cloudtrail-cut-'));
    const account = String(100000000000 + Math.floor(Math.random() * 800000000000));
    const records = Array.from({ length: 6 }, (_, i) => record(account, 'ap-northeast-1', '2026-11-14', i));
    const text = JSON.stringify({ Records: records });
    // The download stopped inside the fifth record: four are whole; the gzip stream has no end (no final block, no trailer).
    const cutAt = text.indexOf(JSON.stringify(records[4])) + 40;
    const cut = join(
      root,
      'AWSLogs',
      account,
      'CloudTrail',
      'ap-northeast-1',
      '2026',
      '11',
      '14',
      `${account}_CloudTrail_ap-northeast-1_20261114T0005Z_cut0000000000000.json.gz`,
    );
    mkdirSync(dirname(cut), { recursive: true });
    writeFileSync(cut, gzipSync(text.slice(0, cutAt), { finishFlush: constants.Z_SYNC_FLUSH }));

    const out = capture();
    expect(await importCommand(['--tz', 'UTC', root], { stdout: capture().stream, stderr: out.stream })).toBe(1);
    expect(out.text()).toContain(`cannot read ${cut}: unexpected end of file`);
    expect(out.text()).toContain(`${cut}: 5 events from the part read before the error`);
    expect(await countAccount(client, account)).toBe(4);
    await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
    const failed = await client.transport.request({
      method: 'POST',
      path: '/kansa-events-*/_count',
      body: {
        query: { bool: { filter: [{ term: { 'log.file.path': cut } }, { term: { 'kansa.parse.status': 'failed' } }] } },
      },
    });
    expect((failed.body as { count: number }).count).toBe(1);
  });
});

async function countAccount(client: ReturnType<typeof createClient>, account: string): Promise<number> {
  await client.transport.request({ method: 'POST', path: '/kansa-events-*/_refresh' });
  const res = await client.transport.request({
    method: 'POST',
    path: '/kansa-events-*/_count',
    body: {
      query: {
        bool: { filter: [{ term: { 'user.domain': account } }, { term: { 'kansa.source_type': 'cloudtrail' } }] },
      },
    },
  });
  return (res.body as { count: number }).count;
}
