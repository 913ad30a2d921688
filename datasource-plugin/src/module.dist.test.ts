import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUi from '@grafana/ui';
import i18next from 'i18next';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as react from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as rxjs from 'rxjs';

// The bundle Grafana loads: dist/module.js is AMD, with Grafana's shared modules as dependencies.
const MODULE_JS = join(__dirname, '..', 'dist', 'module.js');

const PROVIDED: Record<string, unknown> = {
  '@emotion/css': emotionCss,
  '@grafana/data': grafanaData,
  '@grafana/runtime': grafanaRuntime,
  '@grafana/ui': grafanaUi,
  // Grafana hands plugins its own i18next instance, which @grafana/i18n in the bundle adds the plugin's texts to.
  i18next,
  react,
  // Grafana's own JSX runtime (the bundle must not carry React 18's: React 19 refuses its elements).
  'react/jsx-runtime': jsxRuntime,
  rxjs,
  module: { uri: 'public/plugins/kansa-logs-datasource/module.js', id: 'kansa-logs-datasource' },
};

function loadBundle(): Record<string, unknown> {
  let exported: Record<string, unknown> | undefined;
  const define = (deps: string[], factory: (...modules: unknown[]) => Record<string, unknown>) => {
    const missing = deps.filter((d) => !(d in PROVIDED));
    if (missing.length) {
      throw new Error(`dist/module.js needs modules Grafana does not provide here: ${missing.join(', ')}`);
    }
    exported = factory(...deps.map((d) => PROVIDED[d]));
  };
  new Function('define', readFileSync(MODULE_JS, 'utf8'))(define);
  if (!exported) {
    throw new Error('dist/module.js did not call define');
  }
  return exported;
}

describe('the built dist/module.js', () => {
  it('exists (npm test builds it; otherwise run npm run build:frontend -w kansa-logs-datasource)', () => {
    expect(existsSync(MODULE_JS)).toBe(true);
  });

  it('defines the data source plugin with its editors, query help, variables and annotations', () => {
    const { plugin } = loadBundle() as { plugin: typeof import('./module').plugin };
    expect(plugin).toBeInstanceOf(grafanaData.DataSourcePlugin);
    expect(typeof plugin.components.ConfigEditor).toBe('function');
    expect(typeof plugin.components.QueryEditor).toBe('function');
    expect(typeof plugin.components.QueryEditorHelp).toBe('function');
    const ds = new plugin.DataSourceClass({
      id: 1,
      uid: 'k',
      type: 'kansa-logs-datasource',
      name: 'K',
      jsonData: {},
    } as never) as unknown as {
      getDefaultQuery: () => unknown;
      variables: unknown;
      annotations: { QueryEditor?: unknown };
    };
    expect(ds.getDefaultQuery()).toEqual({ queryType: 'logs', query: '', queryModelVersion: 1 });
    expect(ds.variables).toBeInstanceOf(grafanaData.CustomVariableSupport);
    expect(typeof ds.annotations.QueryEditor).toBe('function');
  });
});
