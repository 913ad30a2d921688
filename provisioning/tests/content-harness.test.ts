import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

import { ALL_VALUE, dashboardJson, variableJson } from '../../app-plugin/src/content/dashboard';
import { DASHBOARDS } from '../../app-plugin/src/content/dashboards';
import { RULES } from '../../app-plugin/src/content/rules';
import {
  firing,
  math,
  reduce,
  seriesOf,
  thresholdGt,
  type FrameJson,
  type NumberItem,
} from '../../app-plugin/src/content/rules/evaluate';
import { reductions } from '../../app-plugin/src/content/rules/grafana';
import { defaultSettings } from '../../app-plugin/src/content/rules/settings';
import { DEMO_MONTH_DIR, ensureDemoMonth, readDemoMonth } from '../../backend-bridge/src/demo/testing/demo-month';
import { dropIndex, SEED_URL, seedIndex } from './seed';

// Every panel query and every alert rule runs through kansa-dsquery (the built plugin over go-plugin, as Grafana
// runs it) against OpenSearch holding the demo month. OPENSEARCH_URL names the node; with
// KANSA_TEST_DEMO_READONLY=1 and KANSA_TEST_DEMO_DIR the month is taken as already imported (the shared node).

const repo = join(__dirname, '..', '..');
const DSQUERY = join(repo, 'datasource-plugin/bin/kansa-dsquery');
const settings = defaultSettings(RULES);
jest.setTimeout(600_000);

interface Scenario {
  id: string;
  start: string;
  end: string;
}
type Query = Record<string, unknown> & { refId: string };
/** The parts of a dashboard JSON panel these checks read. */
type PanelJson = { type: string; title: string; datasource: { uid: string }; targets: Array<Record<string, unknown>> };
type Result = { status: number; error?: string; frames?: FrameJson[] };

async function demoMonth(): Promise<{ scenarios: Scenario[]; from: string; to: string }> {
  return process.env.KANSA_TEST_DEMO_READONLY === '1' ? readDemoMonth(DEMO_MONTH_DIR) : ensureDemoMonth();
}

/** Runs many requests; kansa-dsquery takes one range per request, so each distinct range is one call. */
function dsquery(range: { from: string; to: string }, queries: Query[]): Record<string, Result> {
  const request = { settings: { url: process.env.OPENSEARCH_URL, jsonData: { language: 'ja' } }, queries, range };
  const run = spawnSync(DSQUERY, ['query', '--request', '-'], {
    input: JSON.stringify(request),
    maxBuffer: 1 << 30,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
  }
  return JSON.parse(run.stdout).results;
}

/** What Grafana sends: template variables at their defaults, no datasource reference. */
function resolved(target: Record<string, unknown>, refId: string): Query {
  const { datasource: _ds, ...rest } = target;
  return { ...rest, refId, query: String(rest.query).replace(/\$\{(\w+)\}/g, ALL_VALUE) };
}

const frameType = (f: FrameJson) => (f.schema.meta as { type?: string } | undefined)?.type;
const fieldTypes = (f: FrameJson) => f.schema.fields.map((x) => x.type);

/** The frame shape each visualization needs. */
function checkShape(viz: string, queryType: string, frames: FrameJson[], riskView?: string): string | undefined {
  if (frames.length === 0) return 'no frames';
  if (queryType === 'logs')
    return frameType(frames[0]) === 'log-lines' ? undefined : `logs frame expected, got ${frameType(frames[0])}`;
  if (queryType === 'attendance') {
    const attendanceFrames = ['attendance', 'attendance-sheet', 'attendance-agreement36', 'attendance-divergence'];
    return attendanceFrames.includes(String(frames[0].schema.name))
      ? undefined
      : `attendance frame expected, got ${frames[0].schema.name}`;
  }
  if (queryType === 'risk') {
    // The review queue is its own frame, one row per day and case shown, and over a month it is never empty.
    const want = riskView === 'queue' ? 'risk-queue' : 'risk';
    if (frames[0].schema.name !== want) return `${want} frame expected, got ${frames[0].schema.name}`;
    return riskView === 'queue' && rows(frames[0]) === 0 ? 'an empty review queue over the month' : undefined;
  }
  if (['timeseries', 'status-history', 'stat'].includes(viz)) {
    return frames.every((f) => fieldTypes(f).includes('time') && fieldTypes(f).includes('number'))
      ? undefined
      : 'time series frames expected';
  }
  const types = fieldTypes(frames[0]);
  return types.includes('number') || types.includes('time') ? undefined : `a table with numbers expected, got ${types}`;
}

const rows = (f: FrameJson) => (f.data?.values[0] ?? []).length;
const column = (f: FrameJson, name: string) => f.data?.values[f.schema.fields.findIndex((x) => x.name === name)] ?? [];
const seriesTotals = (frames: FrameJson[], label: string) =>
  frames.flatMap((f) =>
    f.schema.fields
      .filter((x) => x.type === 'number')
      .map((x, i) => ({
        key: x.labels?.[label],
        total: (f.data!.values[f.schema.fields.indexOf(x)] as number[]).reduce((a, b) => a + (b ?? 0), 0),
        i,
      })),
  );
const topSeries = (frames: FrameJson[], label: string) =>
  seriesTotals(frames, label).sort((a, b) => b.total - a.total)[0]?.key;

/** Scenario panels: over the scenario's window the panel's top value (or a row) is the scenario's. */
const EXPECT: Array<{ panel: string; scenario: string; says: string; check: (frames: FrameJson[]) => boolean }> = [
  {
    panel: 'kansa-cyber/logon-failures-by-ip',
    scenario: 'ssh-brute-force',
    says: 'top series source.ip 198.51.100.23',
    check: (f) => topSeries(f, 'source.ip') === '198.51.100.23',
  },
  {
    panel: 'kansa-cyber/logon-failures-sources',
    scenario: 'password-spray',
    says: 'row 203.0.113.77 with 40 accounts',
    check: (f) =>
      column(f[0], 'source.ip').some((ip, i) => ip === '203.0.113.77' && (column(f[0], 'accounts')[i] as number) >= 40),
  },
  {
    panel: 'kansa-cyber/escalation',
    scenario: 'escalation-domain-admins',
    says: 'a log line for the Domain Admins addition',
    check: (f) => rows(f[0]) > 0,
  },
  {
    panel: 'kansa-cyber/accounts-created',
    scenario: 'backdoor-account',
    says: 'svc_backup2 in user.target.name',
    check: (f) => column(f[0], 'user.target.name').includes('svc_backup2'),
  },
  {
    panel: 'kansa-cyber/policy-changes',
    scenario: 'audit-policy-and-log-clear',
    says: 'at least the 4719 and the 1102 line',
    check: (f) => rows(f[0]) >= 2,
  },
  {
    panel: 'kansa-cyber/file-reads-by-user',
    scenario: 'mass-file-reads',
    says: 'top series takahashi.n',
    check: (f) => topSeries(f, 'user.name') === 'takahashi.n',
  },
  {
    panel: 'kansa-cyber/renames-by-user',
    scenario: 'ransomware-rename-burst',
    says: 'top series yamaguchi.r',
    check: (f) => topSeries(f, 'user.name') === 'yamaguchi.r',
  },
  {
    panel: 'kansa-cyber/powershell-suspicious',
    scenario: 'encoded-powershell',
    says: 'lines for the cradle',
    check: (f) => rows(f[0]) >= 1,
  },
  {
    panel: 'kansa-cyber/process-chains',
    scenario: 'encoded-powershell',
    says: 'a row EXCEL.EXE → powershell.exe',
    check: (f) =>
      column(f[0], 'process.parent.name').some(
        (p, i) =>
          String(p).toUpperCase() === 'EXCEL.EXE' &&
          String(column(f[0], 'process.name')[i]).toLowerCase() === 'powershell.exe',
      ),
  },
  {
    panel: 'kansa-cyber/non-permitted-ports',
    scenario: 'non-permitted-port',
    says: 'first row 10.0.1.12',
    check: (f) => column(f[0], 'source.ip')[0] === '10.0.1.12',
  },
  {
    panel: 'kansa-cyber/upload-by-ip',
    scenario: 'large-upload',
    says: 'top series 10.0.1.19',
    check: (f) => topSeries(f, 'source.ip') === '10.0.1.19',
  },
  {
    panel: 'kansa-failure/top-talkers',
    scenario: 'uplink-saturation',
    says: 'first row 10.0.1.20',
    check: (f) => column(f[0], 'source.ip')[0] === '10.0.1.20',
  },
  {
    panel: 'kansa-insider/acl-changes',
    scenario: 'acl-change-confidential',
    says: 'a row by ishikawa.t',
    check: (f) => column(f[0], 'user.name').includes('ishikawa.t'),
  },
  {
    panel: 'kansa-insider/cloud-sharing',
    scenario: 'public-share-confidential',
    says: 'an anonymous link by sakamoto.a',
    check: (f) =>
      column(f[0], 'user.name').some(
        (u, i) => u === 'sakamoto.a' && column(f[0], 'event.action')[i] === 'anonymous-link-created',
      ),
  },
  {
    panel: 'kansa-insider/db-reads-by-user',
    scenario: 'db-bulk-export',
    says: 'top series saito.a2',
    check: (f) => topSeries(f, 'user.name') === 'saito.a2',
  },
  {
    panel: 'kansa-insider/leaver-cloud-downloads',
    scenario: 'leaver-cloud-downloads',
    says: 'top series sakamoto.a',
    check: (f) => topSeries(f, 'user.name') === 'sakamoto.a',
  },
  {
    panel: 'kansa-cyber/threat-alerts',
    scenario: 'ids-lateral-smb-exploit',
    says: 'first row an ETERNALBLUE signature against 10.0.0.21, severity 4',
    check: (f) =>
      String(column(f[0], 'rule.name')[0]).includes('ETERNALBLUE') &&
      column(f[0], 'destination.ip')[0] === '10.0.0.21' &&
      column(f[0], 'severity')[0] === 4,
  },
  {
    panel: 'kansa-insider/privileged-file-reads',
    scenario: 'admin-reads-hr',
    says: 'first row ishikawa.t',
    check: (f) => column(f[0], 'user.name')[0] === 'ishikawa.t',
  },
  {
    panel: 'kansa-insider/leaver-watchlist',
    scenario: 'leaver-exfiltration',
    says: 'first row sakamoto.a',
    check: (f) => column(f[0], 'user.name')[0] === 'sakamoto.a',
  },
  {
    panel: 'kansa-insider/leaver-printing',
    scenario: 'leaver-exfiltration',
    says: 'first row sakamoto.a',
    check: (f) => column(f[0], 'user.name')[0] === 'sakamoto.a',
  },
  {
    panel: 'kansa-attendance/sheet',
    scenario: 'rest-interval-short',
    says: 'yamashita.k2 on 2026-10-30 with rest_violation',
    check: (f) =>
      column(f[0], 'user').some(
        (u, i) =>
          u === 'yamashita.k2' &&
          column(f[0], 'date')[i] === '2026-10-30' &&
          column(f[0], 'rest_violation')[i] === true,
      ),
  },
  {
    panel: 'kansa-failure/network-interfaces',
    scenario: 'switch-port-flapping',
    says: 'first row floor3-sw01 GigabitEthernet1/0/17',
    check: (f) => column(f[0], 'observer.ingress.interface.name')[0] === 'GigabitEthernet1/0/17',
  },
  {
    panel: 'kansa-failure/ap-errors',
    scenario: 'ap-error-storm',
    says: 'top series ap-3f-02',
    check: (f) => topSeries(f, 'host.name') === 'ap-3f-02',
  },
  {
    panel: 'kansa-attendance/sheet',
    scenario: 'holiday-work',
    says: 'shimizu.m on 2026-10-17 marked as a day off',
    check: (f) =>
      column(f[0], 'user').some(
        (u, i) => u === 'shimizu.m' && column(f[0], 'date')[i] === '2026-10-17' && column(f[0], 'holiday')[i] === true,
      ),
  },
  {
    panel: 'kansa-attendance/sheet',
    scenario: 'late-night-work',
    says: 'shimizu.m on 2026-10-28 with late-night minutes',
    check: (f) =>
      column(f[0], 'user').some(
        (u, i) =>
          u === 'shimizu.m' &&
          column(f[0], 'date')[i] === '2026-10-28' &&
          (column(f[0], 'late_night_minutes')[i] as number) > 60,
      ),
  },
  {
    panel: 'kansa-attendance/timeline',
    scenario: 'late-night-work',
    says: 'shimizu.m working after 22:00 JST',
    check: (f) =>
      column(f[0], 'time').some(
        (t, i) => (t as number) >= Date.parse('2026-10-28T13:00:00Z') && column(f[0], 'shimizu.m')[i] === 'working',
      ),
  },
  {
    panel: 'kansa-insider/leaver-timeline',
    scenario: 'leaver-exfiltration',
    says: 'the leaver’s job-site, USB and printing lines',
    check: (f) => rows(f[0]) >= 100,
  },
  {
    panel: 'kansa-insider/leaver-mail',
    scenario: 'leaver-exfiltration',
    says: 'gmail.com recipients',
    check: (f) => column(f[0], 'email.to.address').some((a) => String(a).endsWith('@gmail.com')),
  },
  {
    panel: 'kansa-insider/privileged-db',
    scenario: 'admin-reads-hr',
    says: 'first row ishikawa.t',
    check: (f) => column(f[0], 'user.name')[0] === 'ishikawa.t',
  },
  {
    panel: 'kansa-cyber/renames-by-process',
    scenario: 'ransomware-rename-burst',
    says: 'first row svch0st.exe',
    check: (f) => String(column(f[0], 'process.executable')[0]).endsWith('svch0st.exe'),
  },
  {
    panel: 'kansa-audit/important-folder-access',
    scenario: 'mass-file-reads',
    says: 'first row takahashi.n',
    check: (f) => column(f[0], 'user.name')[0] === 'takahashi.n',
  },
  {
    panel: 'kansa-audit/account-changes',
    scenario: 'backdoor-account',
    says: 'svc_backup2 created',
    check: (f) => column(f[0], 'user.target.name').includes('svc_backup2'),
  },
];

/** Panels the demo month cannot fill, and why; they must still answer without an error. */
const EMPTY_IN_DEMO: Record<string, string> = {
  'kansa-insider/risk-events':
    'event-level risk scores come from the bridge scorer at ingest (kansa serve); kansa import leaves events unscored',
  'kansa-overview/retention': 'retention deletes nothing inside one month of data',
  'kansa-audit/retention-deletions': 'retention deletes nothing inside one month of data',
  'kansa-audit/retention-volume': 'retention deletes nothing inside one month of data',
};

const around = (s: Scenario, beforeMs = 3600000, afterMs = 3600000) => ({
  from: new Date(new Date(s.start).getTime() - beforeMs).toISOString(),
  to: new Date(new Date(s.end).getTime() + afterMs).toISOString(),
});

describe('content on the demo month', () => {
  let month: { scenarios: Scenario[]; from: string; to: string };
  beforeAll(async () => {
    if (!existsSync(DSQUERY)) {
      throw new Error(`${DSQUERY} is missing: build it with node datasource-plugin/scripts/build-backend.mjs`);
    }
    if (!process.env.OPENSEARCH_URL) {
      throw new Error('OPENSEARCH_URL must name the OpenSearch node holding the demo month');
    }
    month = await demoMonth();
  });

  it('every panel query returns the frame shape its visualization needs', () => {
    // The whole month, as Grafana asks for it from a panel about 1000 pixels wide; the attendance timeline over
    // its dashboard's default range, since a month of 200 people is over the backend's cell budget by design.
    const problems: string[] = [];
    const monthMs = new Date(month.to).getTime() - new Date(month.from).getTime();
    for (const d of DASHBOARDS) {
      const days = Number(/^now-(\d+)([dh])$/.exec(d.from)![1]) * (d.from.endsWith('h') ? 1 / 24 : 1);
      // Panels on Grafana's -- Dashboard -- source reuse another panel's frames; that panel is checked here.
      const panels = (dashboardJson(d).panels as PanelJson[]).filter(
        (p) => p.type !== 'row' && p.datasource.uid !== '-- Dashboard --',
      );
      const queries = panels.flatMap((p, i) => p.targets.map((t, j) => ({ q: resolved(t, `p${i}_${j}`), p })));
      const timeline = (q: Query) => q.queryType === 'attendance' && q.attendanceView === 'timeline';
      for (const [spanMs, pick] of [
        [monthMs, (q: Query) => !timeline(q)],
        [days * 86400000, timeline],
      ] as const) {
        const batch = queries.filter((x) => pick(x.q));
        if (batch.length === 0) continue;
        const range = { from: new Date(new Date(month.to).getTime() - spanMs).toISOString(), to: month.to };
        const intervalMs = Math.max(60000, Math.round(spanMs / 1000));
        const results = dsquery(
          range,
          batch.map((x) => ({ ...x.q, maxDataPoints: 1000, intervalMs })),
        );
        for (const { q, p } of batch) {
          const r = results[q.refId];
          const key = d.rows.flatMap((row) => row.panels).find((x) => p.title === `${x.title.ja} / ${x.title.en}`)!.key;
          const empty = EMPTY_IN_DEMO[`${d.uid}/${key}`] && (r?.frames ?? []).length === 0;
          const shape = r?.error
            ? r.error
            : empty
              ? undefined
              : checkShape(p.type, String(q.queryType), r?.frames ?? [], q.riskView as string | undefined);
          if (shape) problems.push(`${d.uid}/${key}: ${shape}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every scope variable lists values of its field, as Grafana asks the values resource for them', () => {
    // The query a dashboard variable stores is what KansaVariableSupport sends to the backend's values resource
    // (field, size, the dashboard's range in epoch ms); over the month each must list values, one per distinct term.
    const scopes = [...new Set(DASHBOARDS.flatMap((d) => d.variables))];
    expect(scopes.length).toBeGreaterThan(0);
    const listed: Record<string, number> = {};
    for (const scope of scopes) {
      const { field, size } = (variableJson(scope) as { query: { field: string; size: number } }).query;
      const path = `values?field=${encodeURIComponent(field)}&size=${size}&from=${Date.parse(month.from)}&to=${Date.parse(month.to)}`;
      const request = {
        settings: { url: process.env.OPENSEARCH_URL, jsonData: {} },
        resource: { method: 'GET', path },
      };
      const run = spawnSync(DSQUERY, ['resource', '--request', '-'], {
        input: JSON.stringify(request),
        maxBuffer: 1 << 28,
        encoding: 'utf8',
      });
      if (run.status !== 0)
        throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
      const { status, body } = JSON.parse(run.stdout) as {
        status: number;
        body: Array<{ value: string; count: number }> | { message: string };
      };
      if (status !== 200 || !Array.isArray(body))
        throw new Error(`${scope} (${field}): ${status} ${JSON.stringify(body)}`);
      expect(new Set(body.map((v) => v.value)).size).toBe(body.length);
      listed[scope] = body.length;
    }
    expect(Object.values(listed).every((n) => n > 1)).toBe(true);
  });

  it.each(EXPECT)('$panel shows $scenario: $says', ({ panel, scenario, check }) => {
    const [uid, key] = panel.split('/');
    const def = DASHBOARDS.find((d) => d.uid === uid)!;
    const p = def.rows.flatMap((r) => r.panels).find((x) => x.key === key)!;
    const json = dashboardJson(def).panels as PanelJson[];
    const target = json.find((x) => x.title === `${p.title.ja} / ${p.title.en}`)!.targets[0];
    const s = month.scenarios.find((x) => x.id === scenario)!;
    const results = dsquery(around(s), [{ ...resolved(target, 'A'), intervalMs: 60000, maxDataPoints: 1000 }]);
    expect(results.A.error ?? '').toBe('');
    expect(check(results.A.frames ?? [])).toBe(true);
  });

  it.each(RULES.filter((r) => r.scenario).map((r) => ({ id: r.id, r })))('rule $id fires on its scenario', ({ r }) => {
    const s = month.scenarios.find((x) => x.id === r.scenario!.id)!;
    const span = new Date(s.end).getTime() - new Date(s.start).getTime();
    const step = Math.max(300000, Math.ceil(span / 12 / 60000) * 60000);
    const fired: string[] = [];
    for (
      let t = new Date(s.start).getTime() + 60000;
      t <= new Date(s.end).getTime() + 2 * step && !fired.some((v) => v.startsWith(r.scenario!.value));
      t += step
    ) {
      const at = new Date(t).toISOString();
      const vars: Record<string, NumberItem[]> = {};
      const series: Record<string, ReturnType<typeof seriesOf>> = {};
      for (const q of r.queries(settings)) {
        const range = {
          from: new Date(t - q.fromSeconds * 1000).toISOString(),
          to: new Date(t - (q.toSeconds ?? 0) * 1000).toISOString(),
        };
        const query = {
          ...q.query,
          refId: q.refId,
          query: q.query.query.replace(/"now/g, `"${at}||`),
          intervalMs: q.intervalMs,
          maxDataPoints: 43200,
        };
        const res = dsquery(range, [query as Query])[q.refId];
        if (res.error) throw new Error(`rule ${r.id} query ${q.refId}: ${res.error}`);
        series[q.refId] = seriesOf(res.frames ?? []);
      }
      for (const red of reductions(r)) vars[red.refId] = reduce(series[red.of], red.reducer);
      const condition = r.math
        ? math(r.math.replace(/\$T\b/g, String(settings.thresholds[r.id])), vars)
        : thresholdGt(vars.Ar, settings.thresholds[r.id]);
      fired.push(...firing(condition).map((i) => i.labels[r.scenario!.label] ?? ''));
    }
    expect(fired.some((v) => v.startsWith(r.scenario!.value))).toBe(true);
  });
});

// The benign month (kansa demo --benign: the same company and noise, no scenario) needs its own OpenSearch node,
// since both months cover the same dates. KANSA_TEST_BENIGN_URL names it and KANSA_TEST_BENIGN_DIR its demo
// directory; see provisioning/README-content-tests.md for the commands.
const BENIGN_URL = process.env.KANSA_TEST_BENIGN_URL;
const BENIGN_DIR = process.env.KANSA_TEST_BENIGN_DIR;
const allowList: Array<{ rule: string; label: string; value: string; reason: string }> = JSON.parse(
  readFileSync(join(repo, 'app-plugin/src/content/rules/known-false-positives.json'), 'utf8'),
);

(BENIGN_URL && BENIGN_DIR ? describe : describe.skip)('rules on the benign month', () => {
  const month = BENIGN_DIR ? readDemoMonth(BENIGN_DIR) : undefined;
  const start = month ? Date.parse(month.from) : 0;
  const end = month ? Date.parse(month.to) : 0;
  const allowed = (ruleId: string, labels: Record<string, string>) =>
    allowList.some((a) => a.rule === ruleId && labels[a.label] === a.value);

  function query(range: { from: number; to: number }, q: Query): Result {
    const request = {
      settings: { url: BENIGN_URL, jsonData: {} },
      queries: [q],
      range: { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() },
    };
    const run = spawnSync(DSQUERY, ['query', '--request', '-'], {
      input: JSON.stringify(request),
      maxBuffer: 1 << 30,
      encoding: 'utf8',
    });
    if (run.status !== 0)
      throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
    return JSON.parse(run.stdout).results[q.refId];
  }

  /** Evaluates the rule as Grafana would at time t; returns the label sets that fire and are not allow-listed. */
  function evaluateAt(r: (typeof RULES)[number], t: number): Array<Record<string, string>> {
    const series: Record<string, ReturnType<typeof seriesOf>> = {};
    const at = new Date(t).toISOString();
    for (const q of r.queries(settings)) {
      const res = query({ from: t - q.fromSeconds * 1000, to: t - (q.toSeconds ?? 0) * 1000 }, {
        ...q.query,
        refId: q.refId,
        query: q.query.query.replace(/"now/g, `"${at}||`),
        intervalMs: q.intervalMs,
        maxDataPoints: 43200,
      } as Query);
      if (res.error) throw new Error(`rule ${r.id} at ${at}: ${res.error}`);
      series[q.refId] = seriesOf(res.frames ?? []);
    }
    const vars: Record<string, NumberItem[]> = {};
    for (const red of reductions(r)) vars[red.refId] = reduce(series[red.of], red.reducer);
    const threshold = settings.thresholds[r.id];
    const condition = r.math
      ? math(r.math.replace(/\$T\b/g, String(threshold)), vars)
      : thresholdGt(vars.Ar, threshold);
    return firing(condition)
      .map((i) => i.labels)
      .filter((l) => !allowed(r.id, l));
  }

  /**
   * For a sum over count buckets, sliding the rule's window over the whole period's buckets gives exactly what
   * Grafana computes at every bucket boundary, with far fewer calls than one query per evaluation.
   */
  function slidingFires(
    r: (typeof RULES)[number],
  ): Array<{ at: string; labels: Record<string, string>; value: number }> {
    const first = r.queries(settings)[0];
    // Top 10 per level is enough to find anything over a threshold, and keeps each call's bucket budget large.
    const q = {
      ...first,
      query: { ...first.query, groupBy: first.query.groupBy?.map((g) => ({ ...g, size: Math.min(g.size ?? 10, 10) })) },
    };
    const size = q.query.groupBy?.reduce((n, g) => n * (g.size ?? 10), 1) ?? 1;
    const bucketsPerCall = Math.max(1, Math.floor(9000 / size));
    const chunkMs = bucketsPerCall * q.intervalMs;
    const buckets = new Map<string, { labels: Record<string, string>; points: Map<number, number> }>();
    for (let from = start - q.fromSeconds * 1000; from < end; from += chunkMs) {
      const res = query({ from, to: Math.min(end, from + chunkMs) }, {
        ...q.query,
        refId: 'A',
        intervalMs: q.intervalMs,
        maxDataPoints: 43200,
      } as Query);
      if (res.error) throw new Error(`rule ${r.id}: ${res.error}`);
      for (const frame of res.frames ?? []) {
        const times = (frame.data?.values[0] ?? []) as number[];
        frame.schema.fields.forEach((f, i) => {
          if (f.type !== 'number') return;
          const key = JSON.stringify(f.labels ?? {});
          const entry = buckets.get(key) ?? { labels: f.labels ?? {}, points: new Map<number, number>() };
          ((frame.data?.values[i] ?? []) as Array<number | null>).forEach((v, j) =>
            entry.points.set(times[j], (v ?? 0) as number),
          );
          buckets.set(key, entry);
        });
      }
    }
    const out: Array<{ at: string; labels: Record<string, string>; value: number }> = [];
    const threshold = settings.thresholds[r.id];
    for (const { labels, points } of buckets.values()) {
      const sorted = [...points].sort((a, b) => a[0] - b[0]);
      for (const [t] of sorted) {
        const windowEnd = t + q.intervalMs;
        const inWindow = sorted
          .filter(([s]) => s >= windowEnd - q.fromSeconds * 1000 && s < windowEnd)
          .map(([, v]) => v);
        const value = r.reducer === 'sum' ? inWindow.reduce((a, b) => a + b, 0) : Math.max(...inWindow);
        if (value > threshold && !allowed(r.id, labels))
          out.push({ at: new Date(windowEnd).toISOString(), labels, value });
      }
    }
    return out;
  }

  const sliding = RULES.filter(
    (r) =>
      !r.math &&
      !r.reducers &&
      r.queries(settings).length === 1 &&
      !r.queries(settings)[0].query.query.includes('"now'),
  );
  const stepped = RULES.filter((r) => !sliding.includes(r));

  it.each(sliding.map((r) => ({ id: r.id, r })))(
    '$id stays silent at every evaluation of the benign period',
    ({ r }) => {
      expect(slidingFires(r).slice(0, 5)).toEqual([]);
    },
  );

  it.each(stepped.map((r) => ({ id: r.id, r })))(
    '$id stays silent at evaluations stepped by its bucket over the benign period',
    ({ r }) => {
      const q = r.queries(settings)[0];
      // Windows overlap (step at most half the window), so every burst shorter than half the window is seen whole.
      const step = Math.max(q.intervalMs, Math.min(3600000, (q.fromSeconds * 1000) / 2));
      const fired: Array<{ at: string; labels: Record<string, string> }> = [];
      for (let t = start + step; t <= end && fired.length < 5; t += step) {
        fired.push(...evaluateAt(r, t).map((labels) => ({ at: new Date(t).toISOString(), labels })));
      }
      expect(fired).toEqual([]);
    },
  );
});

// insider-mass-copies has no scenario in the demo month (the leaver copies a dozen files a day), so its positive
// case runs on seeded events in a private index: 60 copies to a file server in ten minutes fire, 30 do not.
(SEED_URL ? describe : describe.skip)('insider-mass-copies on seeded copies', () => {
  const index = 'kansa-test-h3-mass-copies';
  const rule = RULES.find((r) => r.id === 'insider-mass-copies')!;
  const at = Date.parse('2026-10-20T01:00:00Z');
  beforeAll(async () => {
    const doc = (user: string, i: number) => ({
      '@timestamp': new Date(at - 600000 + i * 9000).toISOString(),
      'event.action': 'created-file',
      'user.name': user,
      'kansa.host.role': 'file-server',
      'file.path': `C:\\Shares\\営業\\copy_${i}.xlsx`,
    });
    const docs = [
      ...Array.from({ length: 60 }, (_, i) => doc('seed.copier', i)),
      ...Array.from({ length: 30 }, (_, i) => doc('seed.worker', i)),
    ];
    expect(await seedIndex(SEED_URL!, index, docs)).toEqual({ status: 200, errors: false });
  });
  afterAll(async () => {
    await dropIndex(SEED_URL!, index);
  });

  it('fires for 60 copies in the hour and stays silent for 30', () => {
    const q = rule.queries(settings)[0];
    const request = {
      settings: { url: SEED_URL, jsonData: { indexPattern: index } },
      queries: [{ ...q.query, refId: 'A', intervalMs: q.intervalMs, maxDataPoints: 43200 }],
      range: { from: new Date(at - q.fromSeconds * 1000).toISOString(), to: new Date(at).toISOString() },
    };
    const run = spawnSync(DSQUERY, ['query', '--request', '-'], { input: JSON.stringify(request), encoding: 'utf8' });
    if (run.status !== 0)
      throw new Error(`kansa-dsquery exited ${run.status ?? run.signal ?? run.error?.message}: ${run.stderr}`);
    const result: Result = JSON.parse(run.stdout).results.A;
    expect(result.error ?? '').toBe('');
    const reduced = reduce(seriesOf(result.frames ?? []), rule.reducer);
    expect(reduced.map((i) => [i.labels['user.name'], i.value]).sort()).toEqual([
      ['seed.copier', 60],
      ['seed.worker', 30],
    ]);
    expect(firing(thresholdGt(reduced, settings.thresholds[rule.id])).map((i) => i.labels['user.name'])).toEqual([
      'seed.copier',
    ]);
  });
});
