// Plugin-specific webpack changes go here (merge them into the baseline); see .config/README.md.
import config from './.config/webpack/webpack.config';

export default config;
