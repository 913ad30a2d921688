// Plugin-specific webpack changes go here (merge them into the baseline); see .config/README.md.
// None today: the dashboards reach Grafana through file provisioning, not as plugin.json includes (README.md).
import type { Configuration } from 'webpack';

import baseConfig from './.config/webpack/webpack.config';

export default async (env: Record<string, unknown>): Promise<Configuration> => baseConfig(env);
