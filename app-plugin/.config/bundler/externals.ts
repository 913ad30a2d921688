import type { Configuration, ExternalItemFunctionData } from 'webpack';

type ExternalCallback = (error?: Error, result?: string) => void;

// Grafana hands these to plugins through its AMD loader, so a plugin must use Grafana's copies: a
// bundled second React or @grafana/data would break hooks, theming and instanceof checks.
export const externals: Configuration['externals'] = [
  // SystemJS exposes the loading module's own metadata (its URL) as the AMD dependency "module".
  { 'amd-module': 'module' },
  'lodash',
  'jquery',
  'moment',
  'slate',
  'emotion',
  '@emotion/react',
  '@emotion/css',
  'prismjs',
  'slate-plain-serializer',
  '@grafana/slate-react',
  'react',
  // The automatic JSX transform imports these: bundled, they would be React 18's element factory, whose
  // elements React 19 (Grafana 13.2) refuses. Grafana provides them to plugins since 12.3 (and 12.0.10,
  // 12.1.7, 12.2.5), so grafanaDependency >=13.1.0 covers it; dist tests check no React is bundled.
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom',
  'react-redux',
  'redux',
  'rxjs',
  'i18next',
  'react-router',
  'd3',
  'angular',
  /^@grafana\/ui/i,
  /^@grafana\/runtime/i,
  /^@grafana\/data/i,
  // Old plugins import Grafana internals as "grafana/app/...": hand those to the loader unprefixed.
  ({ request }: ExternalItemFunctionData, callback: ExternalCallback) => {
    const prefix = 'grafana/';
    if (request?.startsWith(prefix)) {
      return callback(undefined, request.slice(prefix.length));
    }
    callback();
  },
];
