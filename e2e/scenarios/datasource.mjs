// The data source in the places Grafana shows it: its settings page (Save & test), Explore's query row for each
// query type, a variable's editor and a dashboard's annotation editor.
import assert from 'node:assert/strict';

/** Waits for the frames a run gave and returns their summary (name, rows, fields). */
async function frames(page) {
  await page.waitForFunction(() => window.__kansaHost.frames, undefined, { timeout: 60000 });
  return page.evaluate(() => window.__kansaHost.frames);
}

export const DATASOURCE_SCENARIOS = [
  {
    name: 'query editor: logs',
    async run(page, ctx) {
      await ctx.open('/explore', { params: { type: 'logs' } });
      const input = page.locator('input[role=combobox][placeholder^="event.action"]');
      await input.click();
      await input.pressSequentially('user.na');
      const option = page.getByRole('option').filter({ hasText: 'user.name' }).first();
      await option.waitFor({ timeout: 15000 });
      await input.fill('user.name:*');
      await input.press('Escape');
      await page.getByTestId('host-run-query').click();
      const f = await frames(page);
      assert.ok(f.length > 0 && f[0].rows > 0, `logs frames: ${JSON.stringify(f)}`);
      await ctx.screenshot('datasource-query-logs');
    },
  },
];
