import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { isCloudTrailDigest, walkTree } from './walk';

describe('walkTree', () => {
  it('lists every file under the tree sorted, sets CloudTrail digests apart, and does not follow a directory link', () => {
    const root = mkdtempSync(join(tmpdir(), 'kansa-walk-'));
    const put = (p: string) => {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), 'x');
    };
    put(
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/02/111122223333_CloudTrail_us-east-1_20261002T0100Z_b.json.gz',
    );
    put(
      'AWSLogs/111122223333/CloudTrail/ap-northeast-1/2026/10/01/111122223333_CloudTrail_ap-northeast-1_20261001T0005Z_a.json.gz',
    );
    put(
      'AWSLogs/111122223333/CloudTrail-Digest/ap-northeast-1/2026/10/01/111122223333_CloudTrail-Digest_ap-northeast-1_t_ap-northeast-1_20261001T010000Z.json.gz',
    );
    put('other/app.log');
    symlinkSync(join(root, 'AWSLogs'), join(root, 'loop'));
    symlinkSync(join(root, 'other/app.log'), join(root, 'other/app-link.log'));

    const tree = walkTree(root);
    const rel = (ps: string[]) => ps.map((p) => relative(root, p));
    expect(rel(tree.files)).toEqual([
      'AWSLogs/111122223333/CloudTrail/ap-northeast-1/2026/10/01/111122223333_CloudTrail_ap-northeast-1_20261001T0005Z_a.json.gz',
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/10/02/111122223333_CloudTrail_us-east-1_20261002T0100Z_b.json.gz',
      'other/app-link.log',
      'other/app.log',
    ]);
    expect(rel(tree.digests)).toHaveLength(1);
    expect(tree.unreadable.map((u) => [relative(root, u.path), u.reason])).toEqual([
      ['loop', 'a symbolic link to a directory (not followed)'],
    ]);
  });

  it('knows a digest by its folder or its name, and a log file is not one', () => {
    expect(isCloudTrailDigest('AWSLogs/1/CloudTrail-Digest/eu-west-1/2026/10/01/x.json.gz')).toBe(true);
    expect(isCloudTrailDigest('/copy/1_CloudTrail-Digest_eu-west-1_t_eu-west-1_20261001T010000Z.json.gz')).toBe(true);
    expect(
      isCloudTrailDigest('AWSLogs/1/CloudTrail/eu-west-1/2026/10/01/1_CloudTrail_eu-west-1_20261001T0005Z_a.json.gz'),
    ).toBe(false);
  });

  it('reports a directory it cannot list', () => {
    expect(walkTree('/nonexistent-kansa-dir').unreadable[0].reason).toContain('ENOENT');
  });
});
