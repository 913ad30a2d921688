import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findRule, isRuleTable, type RuleTable } from './rules';

const TRANSLATORS = join(__dirname, '..');

/** Every module of every translator folder (and of _lib), tests and test data left out. */
function modules(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'testdata' && !name.startsWith('testdata-')) out.push(...modules(p));
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      out.push(p);
    }
  }
  return out;
}

/** Every rule table any translator exports, found by loading the modules (no list to forget to update). */
function allTables(): Array<{ file: string; table: RuleTable<unknown> }> {
  const found: Array<{ file: string; table: RuleTable<unknown> }> = [];
  for (const file of modules(TRANSLATORS)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads each module found on disk, synchronously
    const exported = require(file) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (isRuleTable(value) && !found.some((f) => f.table === value))
        found.push({ file: file.slice(TRANSLATORS.length + 1), table: value });
    }
  }
  return found;
}

describe('message rule tables', () => {
  const tables = allTables();

  it('finds the tables of the translators written as tables', () => {
    expect(tables.map((t) => t.table.source)).toEqual(expect.arrayContaining(['shadow-utils']));
  });

  for (const { file, table } of tables) {
    describe(`${table.source} (${file})`, () => {
      it('has unique rule ids', () => {
        const ids = table.rules.map((r) => r.id);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      });
      for (const rule of table.rules) {
        it(`${rule.id}: its sample is matched first by this rule and gives a sentence`, () => {
          const found = findRule(table, rule.sample);
          expect(found?.rule.id).toBe(rule.id);
          const result = rule.build(found!.groups, rule.sampleContext ?? table.sampleContext);
          expect(result?.ja.trim()).toBeTruthy();
          expect(result?.en.trim()).toBeTruthy();
        });
      }
    });
  }
});
