// Every scenario runs on every host; each asserts what the page shows, not just that it rendered.
import { DATASOURCE_SCENARIOS } from './datasource.mjs';

export const SCENARIOS = [...DATASOURCE_SCENARIOS];
