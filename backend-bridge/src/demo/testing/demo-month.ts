import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { runDemoMonth } from '../../evaluation/demo-run';
import { PROFILES, type Scenario } from '../generate';
import { zonedToUtc } from '../../translate/time';

/**
 * Where the tests' demo month lives. `npm test` imports it once before jest; every test that needs it calls
 * ensureDemoMonth, which only imports when OpenSearch does not hold it yet. KANSA_TEST_DEMO_DIR points at another
 * copy (one already imported into the node OPENSEARCH_URL names), so nothing is imported twice.
 */
export const DEMO_MONTH_DIR = resolve(
  process.env.KANSA_TEST_DEMO_DIR ?? join(__dirname, '..', '..', '..', '..', '.kansa', 'test-demo-month'),
);

export interface DemoMonth {
  out: string;
  scenarios: Scenario[];
  timeZone: string;
  /** The month's first local midnight and the midnight after its last day, as UTC ISO strings. */
  from: string;
  to: string;
}

export async function ensureDemoMonth(): Promise<DemoMonth> {
  let errors = '';
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  const stderr = new Writable({
    write(chunk, _enc, done) {
      errors += String(chunk);
      done();
    },
  });
  const code = await runDemoMonth(
    { out: DEMO_MONTH_DIR, seed: 1, ...PROFILES.default, benign: false, force: false },
    { stdout: discard, stderr },
  );
  if (code !== 0) throw new Error(`kansa demo --out ${DEMO_MONTH_DIR} failed with exit code ${code}:\n${errors}`);
  return readDemoMonth(DEMO_MONTH_DIR);
}

export function readDemoMonth(out: string): DemoMonth {
  const meta = JSON.parse(readFileSync(join(out, 'scenarios.json'), 'utf8')) as {
    start: string;
    days: number;
    timeZone: string;
    scenarios: Scenario[];
  };
  const [y, m, d] = meta.start.split('-').map(Number);
  const first = zonedToUtc(y, m, d, 0, 0, 0, 0, meta.timeZone);
  const last = zonedToUtc(y, m, d + meta.days, 0, 0, 0, 0, meta.timeZone);
  return { out, scenarios: meta.scenarios, timeZone: meta.timeZone, from: first.toISOString(), to: last.toISOString() };
}
