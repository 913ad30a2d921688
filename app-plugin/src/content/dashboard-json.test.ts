import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import ts from 'typescript';

// The generated dashboard files, as committed, compiled by TypeScript against the pinned @grafana/schema
// (dashboard-json.ts): each file's JSON becomes `<json> satisfies DashboardJson`, so an option Grafana's model
// does not have, a value outside an enum or a missing required field is a compile error naming its place.

const repo = join(__dirname, '..', '..', '..');
const typesModule = join(__dirname, 'dashboard-json');
const virtualDir = join(__dirname, '__typecheck__');

const generated = (dir: string) =>
  readdirSync(join(repo, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ path: `${dir}/${f}`, json: readFileSync(join(repo, dir, f), 'utf8') }));

const files = [
  ...generated('provisioning/dashboards/kansa').map((f) => ({ ...f, type: 'DashboardJson' })),
  ...generated('app-plugin/dashboards-standalone').map((f) => ({ ...f, type: 'StandaloneDashboardJson' })),
];

/** Compiles each source in one program and returns the errors of each, as "line:col message". */
function compile(sources: Record<string, string>): Record<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    esModuleInterop: true,
    resolveJsonModule: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const virtual = new Map(Object.entries(sources).map(([name, text]) => [join(virtualDir, `${name}.ts`), text]));
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, ...rest) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, language) : getSourceFile.call(host, f, language, ...rest);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors: Record<string, string[]> = {};
  for (const [name] of Object.entries(sources)) {
    const file = program.getSourceFile(join(virtualDir, `${name}.ts`))!;
    errors[name] = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map((d) => {
      const { line, character } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      return `${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
  }
  return errors;
}

const check = (type: string, json: string) =>
  `import type { ${type} } from '${typesModule}';\nexport const dashboard = ${json.trim()} satisfies ${type};\n`;

/** A generated dashboard with one change: the first panel of `type` gets `patch` merged into the given section. */
function broken(type: string, section: 'options' | 'color', patch: Record<string, unknown>): string {
  const dashboard = JSON.parse(files[0].json);
  const panels = [
    ...dashboard.panels,
    ...JSON.parse(readFileSync(join(repo, 'provisioning/dashboards/kansa/working-hours.json'), 'utf8')).panels,
  ];
  const panel = panels.find((p: { type: string }) => p.type === type);
  if (section === 'options') {
    Object.assign(panel.options, patch);
  } else {
    Object.assign(panel.fieldConfig.defaults.color, patch);
  }
  dashboard.panels = [panel];
  return JSON.stringify(dashboard);
}

describe('generated dashboards against the @grafana/schema model', () => {
  let errors: Record<string, string[]>;
  const sources: Record<string, string> = {
    ...Object.fromEntries(files.map((f, i) => [`file${i}`, check(f.type, f.json)])),
    tableFooter: check('DashboardJson', broken('table', 'options', { footer: { show: false, reducer: ['sum'] } })),
    unknownColorMode: check('DashboardJson', broken('timeseries', 'color', { mode: 'rainbow' })),
    variableSort: check('DashboardJson', files[0].json.replace('"sort": 1', '"sort": "yes"')),
  };

  beforeAll(() => {
    errors = compile(sources);
  }, 120_000);

  it('checks both delivered kinds: the provisioned dashboards and the standalone copies', () => {
    expect(files.filter((f) => f.type === 'DashboardJson').length).toBe(6);
    expect(files.filter((f) => f.type === 'StandaloneDashboardJson').length).toBe(6);
  });

  it.each(files.map((f, i) => ({ path: f.path, name: `file${i}` })))('$path type-checks', ({ name }) => {
    expect(errors[name]).toEqual([]);
  });

  it('fails on a table option the current TableOptions no longer have (footer)', () => {
    expect(errors.tableFooter.join('\n')).toMatch(/known properties, and '"footer"' does not exist/);
  });

  it('fails on a variable field of the wrong type', () => {
    expect(errors.variableSort.join('\n')).toMatch(/'string' is not assignable to type 'VariableSort/);
  });

  it('fails on a colour mode outside FieldColorModeId', () => {
    expect(errors.unknownColorMode.join('\n')).toMatch(/"rainbow"/);
  });
});
