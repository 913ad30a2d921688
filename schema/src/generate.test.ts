import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAll, repoRoot } from './generate';
import { loadRegistry, parseRegistry } from './registry';

describe('generated files', () => {
  const files = generateAll(loadRegistry());

  it.each(files.map((f) => [f.path, f] as const))(
    '%s is fresh (run `npm run generate -w @kansa/schema`)',
    (_path, file) => {
      expect(readFileSync(join(repoRoot(), file.path), 'utf8')).toBe(file.content);
    },
  );

  it('marks every generated file DO NOT EDIT', () => {
    for (const f of files) {
      expect(f.content).toContain('DO NOT EDIT');
    }
  });
});

describe('index template', () => {
  const template = JSON.parse(generateAll(loadRegistry()).find((f) => f.path.endsWith('index-template.json'))!.content);
  const props = template.template.mappings.properties;

  it('maps searchable text with a keyword sub-field', () => {
    expect(props.kansa.properties.message.properties.ja).toMatchObject({
      type: 'text',
      analyzer: 'cjk',
      fields: { keyword: { type: 'keyword' } },
    });
    expect(props.event.properties.original).toMatchObject({ type: 'text', fields: { keyword: { type: 'keyword' } } });
  });

  it('maps addresses, times and counts to their types', () => {
    expect(props.source.properties.ip.type).toBe('ip');
    expect(props['@timestamp'].type).toBe('date');
    expect(props.kansa.properties.count.type).toBe('long');
    expect(props.kansa.properties.risk.properties.reasons.properties.contribution.type).toBe('float');
  });

  it('puts daily indices behind the alias', () => {
    expect(template.index_patterns).toEqual(['kansa-events-*']);
    expect(template.template.aliases).toEqual({ 'kansa-events': {} });
  });
});

describe('registry validation', () => {
  const valid =
    'version: 1\nindex: {alias: a, pattern: a-*, prefix: a-}\nrisk_index: {alias: r, pattern: r-*, prefix: r-}\ndirectory_index: {alias: d, pattern: d-*, prefix: d-}\ntimesheet_index: {alias: t, pattern: t-*, prefix: t-}\nfields:\n';
  it('rejects an unknown type', () => {
    expect(() => parseRegistry(`${valid}  - {name: x.y, type: strng, en: e, ja: j, use: [audit]}\n`, 't')).toThrow(
      /type must be one of/,
    );
  });
  it('rejects a duplicate and a missing description', () => {
    expect(() =>
      parseRegistry(
        `${valid}  - {name: x, type: long, en: e, ja: j, use: [audit]}\n  - {name: x, type: long, en: e, use: [audit]}\n`,
        't',
      ),
    ).toThrow(/duplicate name[\s\S]*missing ja/);
  });
  it('rejects an unknown use case', () => {
    expect(() => parseRegistry(`${valid}  - {name: x, type: long, en: e, ja: j, use: [fun]}\n`, 't')).toThrow(
      /use must list/,
    );
  });
});
