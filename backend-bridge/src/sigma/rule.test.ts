import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRules, MAX_RULE_FILE_BYTES, parseRules } from './rule';

describe('reading Sigma files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kansa-sigma-rule-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('skips and reports a file over the size bound instead of reading it', () => {
    writeFileSync(join(dir, 'huge.yml'), `title: t\n#${'x'.repeat(MAX_RULE_FILE_BYTES)}\n`);
    const { rules, errors } = loadRules([dir]);
    expect(rules).toEqual([]);
    expect(errors).toEqual([
      { file: join(dir, 'huge.yml'), message: `larger than ${MAX_RULE_FILE_BYTES} bytes: not read` },
    ]);
  });

  it('reports an alias bomb and a missing path per file, and reads the good file beside them', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
      'title: bomb',
    ].join('\n');
    writeFileSync(join(dir, 'bomb.yml'), bomb);
    writeFileSync(
      join(dir, 'good.yaml'),
      'title: g\nlogsource: {product: windows}\ndetection: {s: {EventID: 1}, condition: s}\n',
    );
    const { rules, errors } = loadRules([dir, join(dir, 'missing.yml')]);
    expect(rules.map((r) => r.title)).toEqual(['g']);
    expect(errors.map((e) => e.file)).toEqual([join(dir, 'missing.yml'), join(dir, 'bomb.yml')]);
  });

  it('merges legacy action: global documents into the documents after them', () => {
    const text =
      'action: global\ntitle: base\nlogsource: {product: windows}\ndetection: {condition: s}\n---\nlogsource: {service: security}\ndetection: {s: {EventID: 1}}\n';
    const { rules } = parseRules(text, 'g.yml');
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      title: 'base',
      logsource: { product: 'windows', service: 'security' },
      detection: { condition: 's', s: { EventID: 1 } },
    });
  });
});
