import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCENARIOS } from '.';

/**
 * A rule and its scenario find each other by id: every alert rule of the app that names a demo scenario
 * (`scenario: { id: … }` in app-plugin/src/content/rules/<rule>.ts) has that scenario file here, listing the rule
 * in its `rules`; and every rule a scenario lists names it back. The rule files are read as text: the app is a
 * separate package the bridge does not import.
 */
const RULES_DIR = join(__dirname, '..', '..', '..', '..', 'app-plugin', 'src', 'content', 'rules');

function ruleScenarios(): Map<string, string | undefined> {
  const rules = new Map<string, string | undefined>();
  for (const file of readdirSync(RULES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const text = readFileSync(join(RULES_DIR, file), 'utf8');
    if (!/\brule\(\{/.test(text)) continue;
    const id = /^\s*id: '([^']+)'/m.exec(text)?.[1];
    if (!id) throw new Error(`${file}: a rule without an id`);
    rules.set(id, /scenario: \{ id: '([^']+)'/.exec(text)?.[1]);
  }
  return rules;
}

const byId = new Map(SCENARIOS.map((s) => [s.id, s]));

test('every registered scenario has its own file named by its id, and every scenario file is registered', () => {
  const files = readdirSync(__dirname).filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.endsWith('.test.ts') &&
      readFileSync(join(__dirname, f), 'utf8').includes('satisfies ScenarioDef'),
  );
  expect(files.length).toBeGreaterThanOrEqual(20);
  expect([...files].sort()).toEqual(SCENARIOS.map((s) => `${s.id}.ts`).sort());
  expect(byId.size).toBe(SCENARIOS.length);
});

test("every rule's scenario has its file here, which lists the rule", () => {
  const named = [...ruleScenarios()].filter((entry): entry is [string, string] => entry[1] !== undefined);
  expect(named.length).toBeGreaterThanOrEqual(15);
  for (const [rule, scenario] of named) {
    const file = join(__dirname, `${scenario}.ts`);
    expect({ rule, scenario, file: existsSync(file) }).toEqual({ rule, scenario, file: true });
    // A scenario recorded by a function rather than a ScenarioDef (timesheet-divergence) names its rules in its text.
    const def = byId.get(scenario);
    const lists = def ? def.rules.includes(rule) : readFileSync(file, 'utf8').includes(`'${rule}'`);
    expect({ rule, scenario, lists }).toEqual({ rule, scenario, lists: true });
  }
});

test('every rule a scenario lists exists and names that scenario', () => {
  const rules = ruleScenarios();
  const listed = SCENARIOS.flatMap((s) => s.rules.map((rule) => ({ scenario: s.id, rule })));
  expect(listed.length).toBeGreaterThanOrEqual(15);
  for (const { scenario, rule } of listed) expect({ rule, names: rules.get(rule) }).toEqual({ rule, names: scenario });
});
