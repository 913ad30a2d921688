// Every scenario runs on every host; each asserts what the page shows, not just that it rendered.
import { APP_SCENARIOS } from './app.mjs';
import { DATASOURCE_SCENARIOS } from './datasource.mjs';

export const SCENARIOS = [...DATASOURCE_SCENARIOS, ...APP_SCENARIOS];
