// The app plugin's pages as Grafana routes them (/a/kansa-logs-app/...), and its configuration page under the
// plugin's settings, where "Install alert rules" talks to the host's alerting provisioning API.
import assert from 'node:assert/strict';

import { text } from './texts.mjs';

const APP = 'kansa-logs-app';
const BASE = `/a/${APP}`;

/** Resolves once check() holds; fails after 60 s. */
async function until(check) {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(check(), 'the host server saw the calls in time');
}

/** The rows of the table with this aria-label, as text cells. */
async function tableRows(page, label) {
  const table = page.getByRole('table', { name: label, exact: true });
  await table.waitFor({ timeout: 60000 });
  return table
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())));
}

function homeScenario(lang) {
  return {
    name: `app: home (${lang})`,
    async run(page, ctx) {
      await ctx.open(BASE, { lang });
      for (const key of ['pages.attendance', 'pages.risk', 'pages.audit']) {
        await page
          .getByText(text(APP, lang, key), { exact: true })
          .first()
          .waitFor();
      }
      await page.getByText(text(APP, lang, 'home.explore'), { exact: true }).waitFor();
      await ctx.screenshot(`app-home${lang === 'ja-JP' ? '' : '-en'}`);
    },
  };
}

function attendanceScenario(lang) {
  return {
    name: `app: attendance sheet (${lang})`,
    async run(page, ctx) {
      await ctx.open(`${BASE}/attendance`, { lang });
      await page.getByText(text(APP, lang, 'attendance.heading'), { exact: true }).waitFor();
      await page.locator('#kansa-month').fill(ctx.demo.month);
      await page.getByRole('button', { name: text(APP, lang, 'attendance.show'), exact: true }).click();
      const rows = await tableRows(page, text(APP, lang, 'attendance.sheet'));
      assert.ok(rows.length >= ctx.demo.users, `one row per user and day at least for every user: ${rows.length} rows`);
      assert.ok(
        rows.some((r) => r.some((c) => /^\d{4}-\d{2}-\d{2}/.test(c))),
        `rows carry dates: ${JSON.stringify(rows[0])}`,
      );
      // The 勤怠レポート: a 36協定 row per person who worked, and every 乖離 the demo seeded in its timesheet.
      const agreement = await tableRows(page, text(APP, lang, 'attendance.agreement36'));
      assert.ok(agreement.length >= ctx.demo.users, `a 36協定 row per person: ${agreement.length} rows`);
      assert.ok(
        agreement.every((r) => ['ok', 'warning', 'violation'].includes(r[12])),
        `statuses: ${JSON.stringify(agreement[0])}`,
      );
      const gaps = ctx.demo.timesheetGaps ?? [];
      if (gaps.length > 0) {
        const divergence = await tableRows(page, text(APP, lang, 'attendance.divergence'));
        for (const g of gaps)
          assert.ok(
            divergence.some((r) => r[0] === g.date && r[1] === g.account && r[7] === g.kind),
            `乖離 ${g.account} ${g.date} ${g.kind} listed`,
          );
      }
      await ctx.screenshot(`app-attendance${lang === 'ja-JP' ? '' : '-en'}`);
    },
  };
}

/**
 * One person's month as the 勤怠レポート shows it, for the closing note's screenshot: the person whose late work the
 * demo's timesheet leaves out (a developer with overtime), filtered by user: their days, one 36協定 row, their 乖離.
 */
function personMonthScenario(lang) {
  return {
    name: `app: one person's month (${lang})`,
    async run(page, ctx) {
      const gaps = ctx.demo.timesheetGaps ?? [];
      assert.ok(gaps.length > 0, 'the demo month seeds 乖離 in its timesheet (not --benign)');
      const who = (gaps.find((g) => g.kind === 'unreported-late-work') ?? gaps[0]).account;
      await ctx.open(`${BASE}/attendance`, { lang });
      await page.getByText(text(APP, lang, 'attendance.heading'), { exact: true }).waitFor();
      await page.locator('#kansa-month').fill(ctx.demo.month);
      await page.locator('#kansa-user').fill(who);
      await page.getByRole('button', { name: text(APP, lang, 'attendance.show'), exact: true }).click();
      const rows = await tableRows(page, text(APP, lang, 'attendance.sheet'));
      assert.ok(rows.length >= 3, `${who}'s working days: ${rows.length} rows`);
      const agreement = await tableRows(page, text(APP, lang, 'attendance.agreement36'));
      assert.equal(agreement.length, 1, `one 36協定 row: ${JSON.stringify(agreement)}`);
      assert.equal(agreement[0][0], who);
      assert.ok(['ok', 'warning', 'violation'].includes(agreement[0][12]), `status: ${JSON.stringify(agreement[0])}`);
      const divergence = await tableRows(page, text(APP, lang, 'attendance.divergence'));
      const theirs = gaps.filter((g) => g.account === who);
      assert.ok(
        divergence.every((r) => r[1] === who) &&
          theirs.every((g) => divergence.some((r) => r[0] === g.date && r[7] === g.kind)),
        `${who}'s seeded 乖離 listed: ${JSON.stringify(divergence)}`,
      );
      await ctx.screenshot(`attendance-month${lang === 'ja-JP' ? '' : '-en'}`, 'app-plugin/docs/screenshots');
    },
  };
}

/** The demo leaver's first scenario day on the person page, opened by a link as panels and rules open it. */
function personScenario(lang) {
  return {
    name: `app: person (${lang})`,
    async run(page, ctx) {
      const leaver = ctx.demo.scenarios.find((s) => s.id === 'leaver-exfiltration');
      const day = leaver.start.slice(0, 10);
      const from = Date.parse(`${day}T00:00:00+09:00`);
      await ctx.open(`${BASE}/person`, {
        lang,
        params: { user: leaver.who, from: String(from), to: String(from + 86400e3 - 1) },
      });
      const rows = await tableRows(page, text(APP, lang, 'person.timeline'));
      const sources = new Set(rows.map((r) => r[1]));
      assert.ok(
        sources.size >= 4 && ['squid', 'postfix', 'door'].every((s) => sources.has(s)),
        `several sources in the day: ${[...sources]}`,
      );
      const named = lang === 'ja-JP' ? `${leaver.whoDisplayName} が` : `${leaver.who} `;
      assert.ok(
        rows.filter((r) => r[3].startsWith(named)).length > rows.length / 2,
        `sentences name the person: ${JSON.stringify(rows[0])}`,
      );
      const riskDays = await tableRows(page, text(APP, lang, 'person.risk-days'));
      assert.deepEqual(
        riskDays.map((r) => r[0]),
        [day],
        'the day has its own risk score and reasons',
      );
      assert.ok(riskDays[0][2].length > 0, `reasons: ${JSON.stringify(riskDays[0])}`);
      const attendance = await tableRows(page, text(APP, lang, 'person.attendance'));
      assert.deepEqual(
        attendance.map((r) => r[0]),
        [day],
      );
      await ctx.screenshot(`app-person${lang === 'ja-JP' ? '' : '-en'}`);
    },
  };
}

/**
 * The review queue on the risk page over the demo month: new cases among its rows (each scored day opens at least
 * one), newest day first, each user linked to their timeline of that one day.
 */
function riskQueueScenario(lang) {
  return {
    name: `app: risk review queue (${lang})`,
    async run(page, ctx) {
      await ctx.open(`${BASE}/risk`, { lang });
      await page.getByRole('radio', { name: text(APP, lang, 'risk.view.queue'), exact: true }).check({ force: true });
      await page.getByRole('radio', { name: '30', exact: true }).check({ force: true });
      await page.getByRole('button', { name: text(APP, lang, 'risk.show'), exact: true }).click();
      const label = text(APP, lang, 'risk.view.queue');
      const rows = await tableRows(page, label);
      const newCase = text(APP, lang, 'risk.status.new');
      assert.ok(
        rows.some((r) => r[5] === newCase),
        `a "${newCase}" row: ${JSON.stringify(rows[0])}`,
      );
      const links = await page
        .getByRole('table', { name: label, exact: true })
        .locator('tbody tr td:nth-child(2) a')
        // Plain objects: URLSearchParams does not cross back from the page.
        .evaluateAll((as) => as.map((a) => Object.fromEntries(new URL(a.href).searchParams)));
      const spans = links.map((q) => ({ user: q['var-user'], from: Number(q.from), to: Number(q.to) }));
      assert.equal(spans.length, rows.length, 'every row links its user');
      assert.ok(
        spans.every((s) => s.user && s.to - s.from >= 23 * 3600e3 && s.to - s.from <= 25 * 3600e3),
        `each link covers one day: ${JSON.stringify(spans[0])}`,
      );
      assert.deepEqual(
        spans.map((s) => s.from),
        [...spans.map((s) => s.from)].sort((a, b) => b - a),
        'newest day first',
      );
      await ctx.screenshot(`app-risk-queue${lang === 'ja-JP' ? '' : '-en'}`);
    },
  };
}

export const APP_SCENARIOS = [
  homeScenario('ja-JP'),
  homeScenario('en-US'),
  attendanceScenario('ja-JP'),
  attendanceScenario('en-US'),
  personMonthScenario('ja-JP'),
  personScenario('ja-JP'),
  personScenario('en-US'),
  {
    name: 'app: risk ranking',
    async run(page, ctx) {
      await ctx.open(`${BASE}/risk`);
      await page.getByRole('radio', { name: '30', exact: true }).check({ force: true });
      await page.getByRole('button', { name: text(APP, 'ja-JP', 'risk.show'), exact: true }).click();
      const rows = await tableRows(page, text(APP, 'ja-JP', 'risk.heading'));
      assert.ok(rows.length > 0, 'risk ranking has users');
      const scores = rows.map((r) => Number(r[3]));
      assert.ok(scores[0] > 0 && scores.every((s) => s >= 0), `scores: ${scores}`);
      assert.deepEqual(
        [...scores].sort((a, b) => b - a),
        scores,
        'highest first',
      );
      await ctx.screenshot('app-risk');
    },
  },
  riskQueueScenario('ja-JP'),
  riskQueueScenario('en-US'),
  {
    name: 'app: audit report',
    async run(page, ctx) {
      await ctx.open(`${BASE}/audit`);
      const day = (ms) => new Date(ms + 9 * 3600e3).toISOString().slice(0, 10);
      await page.locator('#kansa-audit-from').fill(day(ctx.demo.from));
      // Two days: enough to show every section, small enough to stay quick on the 30-day month of npm test.
      await page.locator('#kansa-audit-to').fill(day(ctx.demo.from + 86400e3));
      await page.getByRole('button', { name: text(APP, 'ja-JP', 'audit.create'), exact: true }).click();
      await page.getByText(text(APP, 'ja-JP', 'audit.print'), { exact: true }).waitFor({ timeout: 60000 });
      const counts = await page.locator('h3, h4').allInnerTexts();
      const events = counts.map((c) => Number(/\((\d+)/.exec(c)?.[1] ?? 0)).reduce((a, b) => a + b, 0);
      assert.ok(events > 0, `the report lists events: ${JSON.stringify(counts)}`);
      await ctx.screenshot('app-audit');
    },
  },
  {
    name: 'app: configuration, install rules twice',
    async run(page, ctx) {
      await ctx.open(`/plugins/${APP}`, { params: { page: 'configuration' } });
      const install = page.getByRole('button', { name: text(APP, 'ja-JP', 'config.install'), exact: true });
      const installed = text(APP, 'ja-JP', 'config.installed');
      const rules = ctx.server.state.rules;
      const unanswered = ctx.server.unanswered.length;
      // Counted from here, so a retried run (on the same host server) judges only its own two installs.
      const putsBefore = ctx.server.state.ruleGroupPuts.length;
      await install.click();
      await page.getByText(installed, { exact: false }).waitFor({ timeout: 60000 });
      const first = JSON.stringify([...rules.entries()]);
      const puts = ctx.server.state.ruleGroupPuts.length - putsBefore;
      assert.ok(rules.size > 0 && puts > 0, `rules installed: ${rules.size} rules in ${puts} groups`);
      assert.ok(
        [...rules.values()].every((r) => r.data.some((q) => q.datasourceUid === 'kansa')),
        'every rule queries the Kansa data source',
      );
      await ctx.screenshot('app-configuration');
      await install.click();
      await until(
        () =>
          ctx.server.state.ruleGroupPuts.length - putsBefore >= puts * 2 || ctx.server.unanswered.length > unanswered,
      );
      await page.getByText(installed, { exact: false }).waitFor();
      assert.equal(
        ctx.server.state.ruleGroupPuts.length - putsBefore,
        puts * 2,
        'the second install puts the same groups again',
      );
      const before = new Map(JSON.parse(first));
      const changed = [...rules.entries()].filter(([uid, r]) => JSON.stringify(r) !== JSON.stringify(before.get(uid)));
      assert.deepEqual(
        changed.map(([uid, r]) => [
          uid,
          Object.keys(r).filter((k) => JSON.stringify(r[k]) !== JSON.stringify(before.get(uid)?.[k])),
        ]),
        [],
        'and changes nothing',
      );
      assert.equal(rules.size, before.size, 'no rule added or removed');
      assert.equal(ctx.server.state.folders.size, 1, 'one Kansa folder');
    },
  },
];
