import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './generate';
import { generateQueryModel, loadQueryModel, parseQueryModel } from './query-model';

describe('query model', () => {
  const model = loadQueryModel();
  const files = generateQueryModel(model);

  it.each(files.map((f) => [f.path, f] as const))(
    '%s is fresh (run `npm run generate -w @kansa/schema`)',
    (_path, file) => {
      expect(readFileSync(join(repoRoot(), file.path), 'utf8')).toBe(file.content);
    },
  );

  it('marks every generated file DO NOT EDIT', () => {
    for (const f of files) expect(f.content).toContain('DO NOT EDIT');
  });

  it('gives both sides the same metric kinds', () => {
    const ts = files.find((f) => f.path.endsWith('.ts'))!.content;
    const go = files.find((f) => f.path.endsWith('_gen.go'))!.content;
    for (const k of model.metricKinds) {
      expect(ts).toMatch(new RegExp(`^  ${k.type}: \\{ field: '${k.field}'`, 'm'));
      expect(go).toMatch(new RegExp(`^\\t"${k.type}":\\s+\\{field: metricField`, 'm'));
    }
    expect(model.metricKinds.find((k) => k.type === 'count')).toEqual({
      type: 'count',
      field: 'none',
      emptyBucket: 'zero',
      orderBy: 'docCount',
      aggregation: null,
    });
  });
});

describe('query model validation', () => {
  const valid = [
    'version: 1',
    'limits: {maxLimit: {value: 10, doc: d}}',
    'metricKinds:',
    '  count: {field: none, emptyBucket: zero, orderBy: docCount, aggregation: none}',
    'enums:',
    '  UseCase: {doc: d, values: [cyber, insider, audit, attendance, failure]}',
    'structs:',
    '  KansaQuery:',
    '    doc: d',
    '    go: queryModel',
    '    fields:',
    '      query: {type: string}',
  ].join('\n');

  it('reads a minimal model', () => {
    expect(parseQueryModel(valid, 't').structs[0].fields).toEqual([{ name: 'query', type: 'string', required: false }]);
  });
  it('rejects an unknown field type and an unknown key', () => {
    expect(() =>
      parseQueryModel(
        `${valid}\n      limit: {type: integr, required: true}\n      size: {type: integer, default: 3}`,
        't',
      ),
    ).toThrow(/unknown key default[\s\S]*type integr is neither/);
  });
  it('rejects a metric kind outside the vocabulary', () => {
    expect(() => parseQueryModel(valid.replace('emptyBucket: zero', 'emptyBucket: nothing'), 't')).toThrow(
      /emptyBucket must be one of zero, null/,
    );
  });
  it('rejects use cases other than the registry names', () => {
    expect(() => parseQueryModel(valid.replace('failure]', 'fun]'), 't')).toThrow(/registry's use cases/);
  });
});
