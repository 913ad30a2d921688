// The data source in the places Grafana shows it: its settings page (Save & test), Explore's query row for each
// query type, a variable's editor and a dashboard's annotation editor.
import assert from 'node:assert/strict';

import { text } from './texts.mjs';

const DS = 'kansa-logs-datasource';

/** Waits for the frames a run gave and returns their summary (name, rows, fields). */
async function frames(page) {
  await page.waitForFunction(() => window.__kansaHost.frames, undefined, { timeout: 60000 });
  return page.evaluate(() => window.__kansaHost.frames);
}

const lucene = (page) => page.locator('input[role=combobox][placeholder^="event.action"]');

/** Explore with the query type picked in the editor's own switch, a Lucene query typed with autocomplete, run. */
function queryTypeScenario(type, { lang = 'ja-JP', query: queryOf = () => 'user.name:*', expect }) {
  return {
    name: `query editor: ${type} (${lang})`,
    async run(page, ctx) {
      const query = queryOf(ctx.demo);
      await ctx.open('/explore', { lang });
      await page.getByText(text(DS, lang, 'query-editor.query-type'), { exact: true }).waitFor();
      if (type !== 'logs')
        await page.getByRole('radio', { name: text(DS, lang, `query-editor.type.${type}`), exact: true }).click();
      const input = lucene(page);
      await input.click();
      await input.pressSequentially(query.slice(0, 7));
      // Field autocomplete from the backend's field resource, as the user types.
      await page
        .getByRole('option')
        .filter({ hasText: query.split(':')[0] })
        .first()
        .waitFor({ timeout: 15000 });
      await input.fill(query);
      await input.press('Escape');
      await page.getByTestId('host-run-query').click();
      const f = await frames(page);
      const failure = await page.evaluate(() => window.__kansaHost.queryError);
      assert.equal(failure, undefined, `the ${type} query failed`);
      assert.ok(
        f.every((x) => x.queryType === type),
        `the answer is to the ${type} query: ${JSON.stringify(f)}`,
      );
      expect(f);
      await page.getByTestId('frame').first().waitFor();
      await ctx.screenshot(`datasource-query-${type}${lang === 'ja-JP' ? '' : '-en'}`);
    },
  };
}

const rowsOf = (f) => f.reduce((n, x) => n + x.rows, 0);

export const DATASOURCE_SCENARIOS = [
  {
    name: 'config editor: save & test',
    async run(page, ctx) {
      await ctx.open('/connections/datasources/edit/kansa');
      const url = page.locator('input[placeholder="http://opensearch:9200"]');
      assert.equal(await url.inputValue(), ctx.server.state.datasource.url);
      await page.getByText(text(DS, 'ja-JP', 'config-editor.index-pattern'), { exact: true }).waitFor();
      const before = ctx.server.state.datasource.version;
      await page.getByTestId('host-save-and-test').click();
      const health = page.getByTestId('host-health');
      await health.waitFor({ timeout: 30000 });
      const message = await health.innerText();
      assert.ok(ctx.server.state.datasource.version > before, 'Save & test saved the settings');
      assert.ok(
        ctx.server.log.some((r) => r.path === '/api/datasources/uid/kansa/health' && r.status === 200),
        `health answered OK: ${message}`,
      );
      assert.match(message, /kansa-events|OpenSearch|\d/, `health message names what it found: ${message}`);
      await ctx.screenshot('datasource-config');
    },
  },
  queryTypeScenario('logs', {
    expect: (f) => assert.ok(f[0]?.rows > 0 && f[0].fields.includes('body'), `logs: ${JSON.stringify(f)}`),
  }),
  queryTypeScenario('metrics', {
    expect: (f) =>
      assert.ok(
        rowsOf(f) > 0 && f[0].fields.includes('time') && f[0].fields.length >= 2,
        `metrics: ${JSON.stringify(f)}`,
      ),
  }),
  queryTypeScenario('table', { expect: (f) => assert.ok(rowsOf(f) > 0, `table: ${JSON.stringify(f)}`) }),
  // The attendance timeline is capped at 2,000,000 cells: the 30-day month of npm test needs one user.
  queryTypeScenario('attendance', {
    query: (demo) => `user.name:${demo.someone}`,
    expect: (f) => assert.ok(rowsOf(f) > 0, `attendance: ${JSON.stringify(f)}`),
  }),
  queryTypeScenario('risk', { expect: (f) => assert.ok(rowsOf(f) > 0, `risk: ${JSON.stringify(f)}`) }),
  queryTypeScenario('logs', { lang: 'en-US', expect: (f) => assert.ok(f[0]?.rows > 0, `logs: ${JSON.stringify(f)}`) }),
  {
    name: 'variable editor',
    async run(page, ctx) {
      await ctx.open('/explore', { params: { editor: 'variable' } });
      const pick = page.getByText(text(DS, 'ja-JP', 'variable-editor.pick-field'), { exact: true });
      // react-select's placeholder never settles for Playwright's stability check; the user's click lands on it.
      await pick.click({ force: true });
      await page.keyboard.type('user.name');
      await page.getByRole('option').filter({ hasText: 'user.name' }).first().click();
      await page.getByTestId('host-run-variable').click();
      await page.waitForFunction(() => window.__kansaHost.variableValues, undefined, { timeout: 30000 });
      const values = await page.evaluate(() => window.__kansaHost.variableValues);
      assert.ok(values.length > 1 && values.every((v) => v.length > 0), `user.name values: ${JSON.stringify(values)}`);
      await ctx.screenshot('datasource-variable-editor');
    },
  },
  {
    name: 'annotation editor',
    async run(page, ctx) {
      await ctx.open('/explore', { params: { editor: 'annotations' } });
      await page.getByText(text(DS, 'ja-JP', 'annotation-query-editor.tags'), { exact: true }).waitFor();
      const input = lucene(page);
      await input.click();
      await input.fill('event.action:logon-failed');
      await input.press('Escape');
      await page.getByTestId('host-run-annotations').click();
      const f = await frames(page);
      assert.ok(rowsOf(f) > 0, `annotations found events: ${JSON.stringify(f)}`);
      await ctx.screenshot('datasource-annotation-editor');
    },
  },
];
