import CopyWebpackPlugin from 'copy-webpack-plugin';
import path from 'path';
import ReplaceInFileWebpackPlugin from 'replace-in-file-webpack-plugin';
import TerserPlugin from 'terser-webpack-plugin';
import type { Configuration } from 'webpack';
import VirtualModulesPlugin from 'webpack-virtual-modules';

import { externals } from '../bundler/externals';
import { DIST_DIR, SOURCE_DIR } from './constants';
import { getEntries, getPackageJson, getPluginJson, hasReadme } from './utils';

export type Env = Record<string, true | string | undefined>;

const pluginJson = getPluginJson();
const pluginVersion: string = getPackageJson().version;

// Chunks and assets must load from wherever Grafana serves this plugin (a CDN, a sub-path), which
// only the AMD loader knows at run time; module.ts imports this first to set webpack's public path.
const publicPathModule = new VirtualModulesPlugin({
  'node_modules/grafana-public-path.js': `
import amdModule from 'amd-module';
__webpack_public_path__ =
  amdModule && amdModule.uri
    ? amdModule.uri.slice(0, amdModule.uri.lastIndexOf('/') + 1)
    : 'public/plugins/${pluginJson.id}/';
`,
});

const swcOptions = {
  jsc: {
    baseUrl: path.resolve(process.cwd(), SOURCE_DIR),
    target: 'es2018',
    loose: false,
    parser: { syntax: 'typescript', tsx: true, decorators: false, dynamicImport: true },
    transform: { react: { runtime: 'automatic' } },
  },
};

const config = async (env: Env): Promise<Configuration> => {
  const production = Boolean(env.production);
  return {
    cache: {
      type: 'filesystem',
      buildDependencies: { config: [path.resolve(process.cwd(), '.config', 'webpack', 'webpack.config.ts')] },
    },
    context: path.join(process.cwd(), SOURCE_DIR),
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: await getEntries(),
    externals,
    mode: production ? 'production' : 'development',
    module: {
      rules: [
        // Must stay first: it prepends the public-path import to every plugin module entry.
        {
          test: /src\/(?:.*\/)?module\.tsx?$/,
          use: [{ loader: 'imports-loader', options: { imports: 'side-effects grafana-public-path' } }],
        },
        {
          // Workspace packages (@kansa/schema) resolve to their real path outside node_modules and are compiled too.
          exclude: /node_modules/,
          test: /\.[tj]sx?$/,
          use: { loader: 'swc-loader', options: swcOptions },
        },
        {
          test: /\.(png|jpe?g|gif|svg)$/,
          type: 'asset/resource',
          generator: { filename: production ? '[hash][ext]' : '[file]' },
        },
      ],
    },
    optimization: {
      minimize: production,
      // swc's minifier: the same output size as terser at a fraction of the time on a small machine.
      minimizer: [
        new TerserPlugin({ minify: TerserPlugin.swcMinify, terserOptions: { compress: true, mangle: true } }),
      ],
    },
    output: {
      clean: {
        // The Go backend binaries live in dist/ too and are built by a separate step.
        keep: /(.*?_(amd64|arm(64)?)(.exe)?|go_plugin_build_manifest)/,
      },
      filename: '[name].js',
      chunkFilename: production ? '[name].js?_cache=[contenthash]' : '[name].js',
      library: { type: 'amd' },
      path: path.resolve(process.cwd(), DIST_DIR),
      publicPath: `public/plugins/${pluginJson.id}/`,
      uniqueName: pluginJson.id,
    },
    plugins: [
      publicPathModule,
      new CopyWebpackPlugin({
        patterns: [
          { from: hasReadme() ? 'README.md' : '../README.md', to: '.', force: true },
          // Grafana's plugin validator wants both in the archive: the plugin's changelog and the repo's license.
          { from: '../CHANGELOG.md', to: '.' },
          { from: path.resolve(process.cwd(), '..', 'LICENSE'), to: '.' },
          { from: 'plugin.json', to: '.' },
          { from: 'img/**/*', to: '.', noErrorOnMissing: true },
          // Grafana 12.1+ serves each plugin.json `languages` entry from locales/<language>/<plugin id>.json.
          { from: 'locales/**/*.json', to: '.', noErrorOnMissing: true },
        ],
      }),
      new ReplaceInFileWebpackPlugin([
        {
          dir: DIST_DIR,
          files: ['plugin.json', 'README.md'],
          rules: [
            { search: /%VERSION%/g, replace: pluginVersion },
            { search: /%TODAY%/g, replace: new Date().toISOString().substring(0, 10) },
            { search: /%PLUGIN_ID%/g, replace: pluginJson.id },
          ],
        },
      ]),
    ],
    resolve: {
      extensions: ['.js', '.jsx', '.ts', '.tsx'],
      modules: [path.resolve(process.cwd(), SOURCE_DIR), 'node_modules'],
      unsafeCache: true,
    },
  };
};

export default config;
