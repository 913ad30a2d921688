// The bridge's own fault tests (outage, kill -9, backpressure/429), run where they live, through jest.
// They assert their exact counts inside; here each test is one row with jest's verdict.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, runStatus } from '../../lib.mjs';

const TESTS = ['outage', 'crash', 'backpressure'].map((t) => `backend-bridge/src/serve/${t}.integration.test.ts`);

export default {
  name: 'serve-jest',
  description:
    'OpenSearch outage, kill -9 of the bridge, 429 with a full queue (backend-bridge/src/serve/*.integration.test.ts)',
  async run(ctx) {
    const url = await ctx.singleNode();
    const out = join(ctx.tmpDir, `kansa-faults-jest-${process.pid}.json`);
    const code = await runStatus(
      'npx',
      [
        'jest',
        '-c',
        'backend-bridge/jest.config.js',
        '--ci',
        '--json',
        `--outputFile=${out}`,
        '--runTestsByPath',
        ...TESTS,
      ],
      {
        // The outage test stops and starts a node of its own; this keeps it off ports others use.
        env: { OPENSEARCH_URL: url, KANSA_TEST_OUTAGE_PORT: process.env.KANSA_TEST_OUTAGE_PORT || '9279' },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    let report;
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      return {
        rows: [{ case: this.name, input: 'jest', note: `jest exited with ${code} and wrote no report`, passed: false }],
      };
    } finally {
      rmSync(out, { force: true });
    }
    const rows = [];
    for (const file of report.testResults) {
      const name = file.name
        .slice(REPO.length + 1)
        .replace(/^backend-bridge\/src\/serve\//, '')
        .replace(/\.integration\.test\.ts$/, '');
      if (file.assertionResults.length === 0)
        rows.push({ case: this.name, input: name, note: `did not run: ${file.message.split('\n')[0]}`, passed: false });
      for (const t of file.assertionResults) {
        const seconds = ((t.duration ?? 0) / 1000).toFixed(0);
        const why =
          t.status === 'passed' ? 'counts asserted inside the test' : (t.failureMessages[0] ?? t.status).split('\n')[0];
        rows.push({
          case: this.name,
          input: `${name}: ${t.title}`,
          note: `${why} (${seconds} s)`,
          passed: t.status === 'passed',
        });
      }
    }
    return { rows };
  },
};
