// Plugin-specific webpack changes go here (merge them into the baseline); see .config/README.md.
import CopyWebpackPlugin from 'copy-webpack-plugin';
import type { Configuration } from 'webpack';

import baseConfig from './.config/webpack/webpack.config';

// The generated dashboards are plugin.json includes, so Grafana must find them next to plugin.json in dist/.
export default async (env: Record<string, unknown>): Promise<Configuration> => {
  const config = await baseConfig(env);
  return {
    ...config,
    plugins: [...(config.plugins ?? []), new CopyWebpackPlugin({ patterns: [{ from: 'dashboards/*.json', to: '.' }] })],
  };
};
