// Sigma rules as a user installs them: converted by the bridge's `kansa sigma convert --out rules.json` from the
// project's own Sigma fixtures, picked on the app's configuration page, installed paused into "Kansa Sigma"; a rule
// the user enabled stays enabled when the file is installed again.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { text } from './texts.mjs';

const APP = 'kansa-logs-app';
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The converter's JSON output for the fixtures, made once per run. */
let converted;
function convertedRules() {
  if (!converted) {
    converted = join(mkdtempSync(join(tmpdir(), 'kansa-e2e-sigma-')), 'rules.json');
    execFileSync(
      process.execPath,
      [
        join(REPO, 'backend-bridge', 'bin', 'kansa.js'),
        'sigma',
        'convert',
        join(REPO, 'backend-bridge', 'src', 'sigma', 'fixtures'),
        '--out',
        converted,
      ],
      { stdio: 'ignore' },
    );
  }
  return converted;
}

export const SIGMA_SCENARIOS = [
  {
    name: 'app: configuration, install Sigma rules twice',
    async run(page, ctx) {
      const file = convertedRules();
      const uids = JSON.parse(readFileSync(file, 'utf8')).groups.flatMap((g) => g.rules.map((r) => r.uid));
      assert.ok(uids.length >= 5, `the converter wrote rules: ${uids.length}`);
      await ctx.open(`/plugins/${APP}`, { params: { page: 'configuration' } });
      const installed = (n, enabled) =>
        text(APP, 'ja-JP', 'sigma.installed').replace('{{installed}}', n).replace('{{enabled}}', enabled);
      const install = page.getByRole('button', { name: text(APP, 'ja-JP', 'sigma.install'), exact: true });
      await page.locator('input[type=file]').setInputFiles(file);
      await page
        .getByText(
          text(APP, 'ja-JP', 'sigma.ready').replace('{{groups}}', '1').replace('{{rules}}', String(uids.length)),
        )
        .waitFor({ timeout: 30000 });
      await install.click();
      await page.getByText(installed(uids.length, 0)).waitFor({ timeout: 60000 });
      const rules = ctx.server.state.rules;
      const sigma = () => uids.map((uid) => rules.get(uid));
      assert.ok(
        sigma().every((r) => r && r.folderUID === 'kansa-sigma' && r.isPaused === true && r.provenance === ''),
        'every Sigma rule is in Kansa Sigma, paused and editable',
      );
      assert.ok(
        sigma().every((r) => r.data.some((q) => q.datasourceUid === 'kansa')),
        'and queries the Kansa data source',
      );
      assert.equal(ctx.server.state.folders.get('kansa-sigma')?.title, 'Kansa Sigma');
      await ctx.screenshot('app-configuration-sigma');

      // The user enables one rule in Grafana's rule list, then installs the same file again.
      rules.get(uids[0]).isPaused = false;
      await install.click();
      await page.getByText(installed(uids.length, 1)).waitFor({ timeout: 60000 });
      assert.equal(rules.get(uids[0]).isPaused, false, 'the enabled rule stays enabled');
      assert.ok(
        sigma()
          .slice(1)
          .every((r) => r.isPaused === true),
        'the others stay paused',
      );
    },
  },
];
