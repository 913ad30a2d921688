// Every scenario runs on every host; each asserts what the page shows, not just that it rendered.
import { APP_SCENARIOS } from './app.mjs';
import { DATASOURCE_SCENARIOS } from './datasource.mjs';
import { SIGMA_SCENARIOS } from './sigma.mjs';

// Sigma last: the install-twice scenario counts the folders a fresh Grafana holds.
export const SCENARIOS = [...DATASOURCE_SCENARIOS, ...APP_SCENARIOS, ...SIGMA_SCENARIOS];
