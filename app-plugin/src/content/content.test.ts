import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

import { FIELD_TYPES } from '@kansa/schema/fields';

import type { KansaQuery } from '../../../datasource-plugin/src/types';
import { dashboardJson, panelTarget } from './dashboard';
import { DASHBOARDS } from './dashboards';
import { generatedFiles, standaloneRequires } from './generate';
import { MONITORING_POINTS, POINT_IDS } from './monitoring-points';
import { RULES } from './rules';
import { APP_ORIGIN_LABEL, KANSA_FOLDER, ruleGroups } from './rules/grafana';
import { defaultSettings } from './rules/settings';

const repo = join(__dirname, '..', '..', '..');
const settings = defaultSettings(RULES);

/** Every field a query names: in Lucene (`field:`, `_exists_:field`), group-bys, metrics and columns. */
export function queryFields(q: Omit<KansaQuery, 'refId'>): string[] {
  const lucene = [...q.query.matchAll(/(?<![\\\w.@])([A-Za-z@][\w.@]*):(?!\\)/g)]
    .map((m) => m[1])
    .filter((f) => f !== '_exists_');
  const exists = [...q.query.matchAll(/_exists_:([\w.@]+)/g)].map((m) => m[1]);
  return [
    ...lucene,
    ...exists,
    ...(q.groupBy ?? []).map((g) => g.field),
    ...(q.metrics ?? []).flatMap((m) => (m.field ? [m.field] : [])),
    ...(q.columns ?? []),
    // A risk query groups its summaries by the entity it ranks.
    ...(q.queryType === 'risk' ? [q.riskEntity === 'host' ? 'host.name' : 'user.name'] : []),
  ];
}

const panels = DASHBOARDS.flatMap((d) => d.rows.flatMap((r) => r.panels.map((p) => ({ dashboard: d.uid, ...p }))));

describe('generated files', () => {
  it.each([...generatedFiles()].map(([path, content]) => ({ path, content })))(
    '$path is up to date (npm run generate -w kansa-logs-app)',
    ({ path, content }) => {
      expect(readFileSync(join(repo, path), 'utf8')).toBe(content);
    },
  );

  it('delivers every dashboard by file provisioning only: plugin.json includes none', () => {
    // Grafana imports plugin.json dashboard includes into the General folder and re-imports them over same-uid
    // copies; one channel per dashboard (README: Dashboards).
    const plugin = JSON.parse(readFileSync(join(repo, 'app-plugin/src/plugin.json'), 'utf8'));
    expect(plugin.includes.filter((i: { type: string }) => i.type === 'dashboard')).toEqual([]);
    const provisioned = [...generatedFiles().keys()].filter((p) => p.startsWith('provisioning/dashboards/kansa/'));
    expect(provisioned.sort()).toEqual(DASHBOARDS.map((d) => `provisioning/dashboards/kansa/${d.slug}.json`).sort());
  });

  it('puts dashboards and rules into one folder: the provider and the rules file name the same title, no uid', () => {
    const provider = parse(generatedFiles().get('provisioning/dashboards/kansa.yaml')!).providers;
    expect(provider).toEqual([
      expect.objectContaining({ folder: KANSA_FOLDER.title, type: 'file', allowUiUpdates: false }),
    ]);
    expect(provider[0]).not.toHaveProperty('folderUid');
    const rules = parse(generatedFiles().get('provisioning/alerting/kansa-rules.yaml')!);
    expect(new Set(rules.groups.map((g: { folder: string }) => g.folder))).toEqual(new Set([KANSA_FOLDER.title]));
  });

  it('declares in the standalone copies the Kansa Logs version of its package.json and the Grafana floor of its plugin.json', () => {
    const datasource = JSON.parse(readFileSync(join(repo, 'datasource-plugin/package.json'), 'utf8'));
    for (const d of DASHBOARDS) {
      const copy = JSON.parse(generatedFiles().get(`app-plugin/dashboards-standalone/${d.slug}.json`)!);
      expect(copy.__requires.slice(0, 2)).toEqual([
        expect.objectContaining({ type: 'grafana', version: '13.1.0' }),
        expect.objectContaining({ type: 'datasource', id: 'kansa-logs-datasource', version: datasource.version }),
      ]);
    }
    expect(standaloneRequires().datasource).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('coverage of the spec', () => {
  it.each(MONITORING_POINTS.map((p) => ({ ...p })))(
    '$id ($en) has a panel, and a rule when the spec says alert',
    (point) => {
      const covering = panels.filter((p) => p.points.includes(point.id)).map((p) => `${p.dashboard}/${p.key}`);
      expect(covering.length).toBeGreaterThan(0);
      const rules = RULES.filter((r) => r.point === point.id).map((r) => r.id);
      expect(rules.length > 0).toBe(point.alert);
    },
  );

  it('names only monitoring points of the spec', () => {
    const named = [...panels.flatMap((p) => p.points), ...RULES.map((r) => r.point)];
    expect(named.filter((id) => !POINT_IDS.has(id))).toEqual([]);
  });
});

describe('fields', () => {
  const known = new Set(Object.keys(FIELD_TYPES));
  it.each(panels.map((p) => ({ name: `${p.dashboard}/${p.key}`, p })))(
    'panel $name names registry fields only',
    ({ p }) => {
      const fields = p.queries.flatMap(queryFields);
      expect(fields.filter((f) => !known.has(f))).toEqual([]);
    },
  );
  it.each(RULES.map((r) => ({ id: r.id, r })))('rule $id names registry fields only', ({ r }) => {
    const fields = r.queries(settings).flatMap((q) => queryFields(q.query));
    // An attendance view reads the session fields itself; a metrics query names what it counts.
    expect(fields.length > 0 || r.queries(settings).every((q) => q.query.queryType === 'attendance')).toBe(true);
    expect(fields.filter((f) => !known.has(f))).toEqual([]);
  });
  it('finds the fields of a Lucene query and ignores escaped drive letters', () => {
    expect(
      queryFields({
        queryType: 'logs',
        query: 'file.path:E\\:\\\\* AND _exists_:kansa.session.transition AND @timestamp:["now/d" TO "now"}',
      }),
    ).toEqual(['file.path', '@timestamp', 'kansa.session.transition']);
  });
});

describe('dashboards', () => {
  it.each(DASHBOARDS.map((d) => ({ uid: d.uid, d })))('$uid is a valid Grafana dashboard model', ({ d }) => {
    const json = dashboardJson(d) as {
      uid: string;
      title: string;
      panels: Array<Record<string, any>>;
      templating: { list: Array<{ name: string }> };
    };
    expect(json.uid).toMatch(/^kansa-[a-z-]+$/);
    expect(json.title).toMatch(/^.+ \/ [A-Za-z ]+$/);
    const ids = json.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const variables = json.templating.list.map((v) => v.name);
    for (const p of json.panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      if (p.type === 'row') {
        continue;
      }
      expect(p.title).toContain(' / ');
      expect(p.targets.length).toBeGreaterThan(0);
      if (p.datasource.uid === '-- Dashboard --') {
        const source = json.panels.find((x) => x.id === p.targets[0].panelId);
        expect(source?.datasource.type).toBe('kansa-logs-datasource');
        continue;
      }
      for (const t of p.targets) {
        for (const [, v] of (t.query as string).matchAll(/\$\{(\w+)\}/g)) {
          expect(variables).toContain(v);
        }
      }
      expect(p.links[0].url).toMatch(/^\/explore\?schemaVersion=1&panes=/);
      const panes = JSON.parse(decodeURIComponent(p.links[0].url.split('panes=')[1].split('&')[0]));
      expect(panes.kansa.queries[0].queryType).toBe(p.targets[0].queryType);
    }
  });

  it('scopes panel queries by the dashboard variables', () => {
    expect(panelTarget({ queryType: 'logs', query: 'a:1 OR b:2' }, 0, ['user']).query).toBe(
      '(a:1 OR b:2) AND user.name:${user}',
    );
  });
});

describe('alert rules', () => {
  const file = parse(readFileSync(join(repo, 'provisioning/alerting/kansa-rules.yaml'), 'utf8'));
  const rules = file.groups.flatMap((g: { rules: unknown[] }) => g.rules) as Array<Record<string, any>>;

  it('gives the installer the same rules without the origin label, so they stay editable in Grafana', () => {
    type Rule = { labels: Record<string, string> } & Record<string, unknown>;
    const unlabelled = (origin: 'file' | 'installer') =>
      ruleGroups(RULES, settings, 'kansa', DASHBOARDS, origin).flatMap((g) =>
        (g.rules as Rule[]).map(({ labels: { __grafana_origin: origin, ...labels }, ...r }) => ({
          origin,
          rule: { ...r, labels },
        })),
      );
    const file = unlabelled('file');
    const installer = unlabelled('installer');
    expect(file.map((x) => x.origin)).toEqual(RULES.map(() => APP_ORIGIN_LABEL.__grafana_origin));
    expect(installer.map((x) => x.origin)).toEqual(RULES.map(() => undefined));
    expect(installer.map((x) => x.rule)).toEqual(file.map((x) => x.rule));
  });

  it('is Grafana file provisioning (apiVersion 1) with one group per use case and interval', () => {
    expect(file.apiVersion).toBe(1);
    for (const g of file.groups) {
      expect(g).toEqual(
        expect.objectContaining({
          orgId: 1,
          name: expect.stringMatching(/^kansa-/),
          folder: 'Kansa',
          interval: expect.stringMatching(/^\d+s$/),
        }),
      );
    }
    expect(rules.map((r) => r.uid).sort()).toEqual(RULES.map((r) => `kansa-${r.id}`).sort());
  });

  it.each(RULES.map((r) => ({ id: r.id })))(
    '$id has labels, bilingual annotations, a panel and a condition C',
    ({ id }) => {
      const r = rules.find((x) => x.labels.kansa_rule_id === id)!;
      // File-provisioned rules are the app's own in Grafana's UI (read-only); see grafana.ts APP_ORIGIN_LABEL.
      expect(r.labels).toEqual({
        severity: expect.stringMatching(/^(critical|high|warning)$/),
        use_case: expect.any(String),
        kansa_rule_id: id,
        ipa_threat: expect.any(String),
        jpcert_log: expect.any(String),
        ...APP_ORIGIN_LABEL,
      });
      expect(r.annotations.summary).toMatch(/ \/ /);
      expect(r.annotations.description).toMatch(/\$(labels|values)/);
      expect(r.annotations.runbook.length).toBeGreaterThan(40);
      const dashboard = JSON.parse(
        readFileSync(
          join(
            repo,
            'provisioning/dashboards/kansa',
            `${DASHBOARDS.find((d) => d.uid === r.annotations.__dashboardUid__)!.slug}.json`,
          ),
          'utf8',
        ),
      );
      expect(dashboard.panels.map((p: { id: number }) => String(p.id))).toContain(r.annotations.__panelId__);
      expect(r).toEqual(
        expect.objectContaining({
          condition: 'C',
          noDataState: 'OK',
          execErrState: 'Error',
          for: expect.stringMatching(/^\d+[smh]$/),
        }),
      );
      expect(r.data.map((d: { refId: string }) => d.refId)).toContain('C');
      const a = r.data.find((d: { refId: string }) => d.refId === 'A');
      expect(a).toEqual(
        expect.objectContaining({
          datasourceUid: 'kansa',
          relativeTimeRange: { from: expect.any(Number), to: expect.any(Number) },
        }),
      );
      // Time series per label set: metrics, an attendance view's -series form (one series per person) or daily risk scores.
      expect(
        a.model.queryType === 'metrics' ||
          /-series$/.test(String(a.model.attendanceView)) ||
          a.model.riskView === 'daily',
      ).toBe(true);
      for (const e of r.data.filter((d: { datasourceUid: string }) => d.datasourceUid === '__expr__')) {
        expect(['reduce', 'threshold', 'math']).toContain(e.model.type);
      }
    },
  );
});
