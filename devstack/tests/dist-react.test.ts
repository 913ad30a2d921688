import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Grafana 13.2 runs React 19, which refuses elements made by another React: a plugin must get React and its
// JSX runtime from Grafana (AMD dependencies), never bundle them. These markers exist only in React's own code:
// the element type symbols of React 18 and 19 and the internals objects each version's runtime reads.
const BUNDLED_REACT = [
  'react.element',
  'react.transitional.element',
  '__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED',
  '__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE',
];

const repo = join(__dirname, '..', '..');

function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

/** The AMD dependencies of dist/module.js: define(["dep", ...], factory). */
function amdDependencies(moduleJs: string): string[] {
  const match = /^define\((\[[^\]]*\])/.exec(moduleJs);
  if (!match) throw new Error('dist/module.js does not start with an AMD define([...])');
  return JSON.parse(match[1]) as string[];
}

describe.each(['datasource-plugin', 'app-plugin'])('%s/dist (npm test builds it)', (plugin) => {
  const dist = join(repo, plugin, 'dist');

  it('takes React and its JSX runtime from Grafana', () => {
    const deps = amdDependencies(readFileSync(join(dist, 'module.js'), 'utf8'));
    expect(deps).toEqual(expect.arrayContaining(['react', 'react/jsx-runtime', '@grafana/data', '@grafana/ui']));
  });

  it('bundles no React in module.js or any chunk', () => {
    const files = scripts(dist);
    expect(files).toContain(join(dist, 'module.js'));
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return BUNDLED_REACT.filter((marker) => text.includes(marker)).map((marker) => `${file}: ${marker}`);
    });
    expect(found).toEqual([]);
  });
});
