import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openLogFile } from '../../inputs/compressed/open';
import { translateBuffer } from '../../translate/run';
import { describeGoldenCases, GOLDEN_CONTEXT } from '../../translate/testing/golden';
import { cloudtrailFormat } from '.';
import { kebab } from '../_lib/wording';
import { recordTexts } from '../_lib/records';

const origin = { source: 't', line: 1, offset: 0 };

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('cloudtrail', () => {
  it('names API calls in kebab case', () => {
    expect(kebab('GetObject')).toBe('get-object');
    expect(kebab('AuthorizeSecurityGroupIngress')).toBe('authorize-security-group-ingress');
    expect(kebab('PutBucketACL')).toBe('put-bucket-acl');
  });

  it('cuts Records elements exactly as written, braces inside strings included', () => {
    const text = '{"Records":[{"a":"}{"},{"b":[1,{"c":2}]},{"cut":"sho';
    expect(recordTexts(text)).toEqual(['{"a":"}{"}', '{"b":[1,{"c":2}]}', '{"cut":"sho']);
    expect(recordTexts('{"eventVersion":"1.10"}')).toBeNull();
  });

  it('translates an SSO user downloading from S3, the person being the session name', () => {
    const records = JSON.parse(
      readFileSync(join(__dirname, 'testdata', 's3-delivered-file', 'case.input'), 'utf8'),
    ).Records;
    const [ev] = cloudtrailFormat.translate({ text: JSON.stringify(records[2]), origin }, GOLDEN_CONTEXT);
    expect(ev).toMatchObject({
      'user.name': 'tanaka',
      'user.email': 'tanaka@example.co.jp',
      'source.ip': '203.0.113.24',
      'event.action': 'get-object',
      'kansa.access.operation': 'read',
      'file.path': 's3://corp-sales-share/reports/2026Q3/customer-list.xlsx',
      'file.size': 2457600,
      'kansa.message.en':
        'tanaka downloaded s3://corp-sales-share/reports/2026Q3/customer-list.xlsx from 203.0.113.24 (account 111122223333, ap-northeast-1)',
    });
  });

  it('keeps the good records of a file with one broken element', () => {
    const events = cloudtrailFormat.translate(
      {
        text: '{"Records":[{"eventVersion":"1.10","eventTime":"2026-10-01T00:00:00Z","eventSource":"s3.amazonaws.com","eventName":"ListBuckets"},{"eventTime":"bad"}]}',
        origin,
      },
      GOLDEN_CONTEXT,
    );
    expect(events.map((e) => e['kansa.parse.status'] ?? 'ok')).toEqual(['ok', 'failed']);
    expect(events[1]['event.original']).toBe('{"eventTime":"bad"}');
  });

  it('detects delivered files and single records, not other JSON', () => {
    expect(
      cloudtrailFormat.detect('{"Records":[{"eventVersion":"1.10","eventSource":"iam.amazonaws.com"'),
    ).toBeGreaterThan(0.95);
    expect(cloudtrailFormat.detect('{"EventTime":"2026-10-01 09:00:00","EventID":4624}')).toBe(0);
  });

  it('reads a gzipped file from the S3 layout and detects it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kansa-ct-'));
    try {
      const day = join(root, 'AWSLogs', '111122223333', 'CloudTrail', 'ap-northeast-1', '2026', '10', '01');
      mkdirSync(day, { recursive: true });
      const file = join(day, '111122223333_CloudTrail_ap-northeast-1_20261001T0005Z_h0Kz7ExampleA1b2.json.gz');
      writeFileSync(file, gzipSync(readFileSync(join(__dirname, 'testdata', 's3-delivered-file', 'case.input'))));
      const [log] = openLogFile(file, () => undefined);
      const { events, stream } = translateBuffer(await readAll(log.stream()), { source: file, ctx: GOLDEN_CONTEXT });
      expect(stream.format?.id).toBe('cloudtrail');
      expect(events).toHaveLength(10);
      expect(events.filter((e) => e['kansa.parse.status'] !== 'ok')).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describeGoldenCases(__dirname);
