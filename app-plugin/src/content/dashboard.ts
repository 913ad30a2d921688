import type { KansaQuery } from '../../../datasource-plugin/src/types';
import { DATASOURCE_PLUGIN_ID } from '../types';
import { and, SCOPE_FIELDS, type QueryDraft, type Scope } from './queries';
import type { PanelDef, Visualization } from './panels';
import { type Bi, paragraphs, title } from './text';

export interface RowDef {
  title: Bi;
  panels: PanelDef[];
}

export interface DashboardDef {
  uid: string;
  /** File name stem of the generated JSON. */
  slug: string;
  title: Bi;
  description: Bi;
  tags: string[];
  /** Default time range, e.g. now-7d. */
  from: string;
  rows: RowDef[];
  /** Dashboard variables this dashboard offers; panels pick theirs with `scopes`. */
  variables: Scope[];
}

type Json = Record<string, unknown>;

export const DATASOURCE_VARIABLE = 'datasource';
export const DS_REF = { type: DATASOURCE_PLUGIN_ID, uid: `\${${DATASOURCE_VARIABLE}}` };
/**
 * The dashboard model version of the pinned @grafana/schema (defaultDashboard.schemaVersion; schema.test.ts keeps
 * the two equal). Grafana migrates older dashboards on load, so a lower number would make it rewrite ours.
 */
export const SCHEMA_VERSION = 42;
/** The ad-hoc filter variable: Grafana adds its filters to every Kansa query of the dashboard. */
export const ADHOC_VARIABLE = 'filters';

const VARIABLE_LABELS: Record<Scope, Bi> = {
  user: { ja: 'ユーザー', en: 'User' },
  department: { ja: '部署', en: 'Department' },
  host: { ja: 'ホスト', en: 'Host' },
  src_ip: { ja: '送信元 IP', en: 'Source IP' },
};

/**
 * What a scope variable puts into `field:${scope}` when "All" is picked: Lucene `*`, i.e. every event that has the
 * field. Grafana passes a custom all value through unformatted, so the data source's Lucene format does not quote it.
 */
export const ALL_VALUE = '*';

/**
 * How many values each scope variable lists: the top values of its field in the dashboard's range. The backend's
 * values resource answers at most 500 (maxValuesSize in datasource-plugin/pkg/plugin/resources.go).
 */
export const VARIABLE_SIZES: Record<Scope, number> = { user: 500, department: 100, host: 500, src_ip: 500 };

/** A panel's query as Grafana sends it: scoped by the dashboard variables, with refId and datasource. */
export function panelTarget(draft: QueryDraft, index: number, scopes: Scope[] = []): KansaQuery {
  const scoped = scopes.map((s) => `${SCOPE_FIELDS[s]}:\${${s}}`);
  return {
    refId: String.fromCharCode(65 + index),
    datasource: DS_REF,
    ...draft,
    query: and(draft.query, ...scoped),
  };
}

/** Explore with the query filled in; `${…}` stays readable so Grafana interpolates it when the link is clicked. */
export function exploreLink(target: KansaQuery): string {
  const panes = {
    kansa: {
      datasource: DS_REF.uid,
      queries: [target],
      range: { from: '${__from}', to: '${__to}' },
    },
  };
  const encoded = encodeURIComponent(JSON.stringify(panes)).replace(/%24%7B([\w.:]+)%7D/g, '${$1}');
  return `/explore?schemaVersion=1&panes=${encoded}&orgId=\${__org}`;
}

const VIZ_DEFAULTS: Record<Visualization, { options: Json; custom: Json; colorMode: string }> = {
  timeseries: {
    options: {
      legend: { displayMode: 'table', placement: 'right', calcs: ['sum', 'max'] },
      tooltip: { mode: 'multi', sort: 'desc' },
    },
    custom: {
      drawStyle: 'bars',
      fillOpacity: 70,
      lineWidth: 1,
      stacking: { mode: 'normal', group: 'A' },
      showPoints: 'never',
    },
    colorMode: 'palette-classic',
  },
  barchart: {
    options: {
      orientation: 'horizontal',
      showValue: 'auto',
      legend: { displayMode: 'list', placement: 'bottom' },
      xTickLabelMaxLength: 40,
    },
    custom: { fillOpacity: 80, lineWidth: 1 },
    colorMode: 'thresholds',
  },
  bargauge: {
    options: {
      orientation: 'horizontal',
      displayMode: 'gradient',
      showUnfilled: true,
      reduceOptions: { calcs: ['lastNotNull'], values: true },
    },
    custom: {},
    colorMode: 'thresholds',
  },
  table: {
    options: { showHeader: true, cellHeight: 'sm' },
    custom: { align: 'auto', filterable: true },
    colorMode: 'thresholds',
  },
  stat: {
    options: {
      reduceOptions: { calcs: ['sum'], values: false },
      colorMode: 'background',
      graphMode: 'area',
      textMode: 'value',
    },
    custom: {},
    colorMode: 'thresholds',
  },
  'state-timeline': {
    options: {
      showValue: 'never',
      mergeValues: true,
      rowHeight: 0.8,
      legend: { displayMode: 'list', placement: 'bottom' },
    },
    custom: { fillOpacity: 80, lineWidth: 0 },
    colorMode: 'fixed',
  },
  'status-history': {
    options: { showValue: 'auto', rowHeight: 0.9, legend: { displayMode: 'list', placement: 'bottom' } },
    custom: { fillOpacity: 80, lineWidth: 1 },
    colorMode: 'thresholds',
  },
  logs: {
    options: {
      showTime: true,
      wrapLogMessage: true,
      sortOrder: 'Descending',
      enableLogDetails: true,
      dedupStrategy: 'none',
      prettifyLogMessage: false,
    },
    custom: {},
    colorMode: 'fixed',
  },
  piechart: {
    options: {
      pieType: 'donut',
      legend: { displayMode: 'table', placement: 'right', values: ['value', 'percent'] },
      reduceOptions: { calcs: ['lastNotNull'], values: true },
    },
    custom: {},
    colorMode: 'palette-classic',
  },
};

export const DASHBOARD_DS = { type: 'datasource', uid: '-- Dashboard --' };

function panelJson(def: PanelDef, id: number, gridPos: Json, ids: Map<string, number>): Json {
  const targets = def.queries.map((q, i) => panelTarget(q, i, def.scopes));
  const source = def.reuse === undefined ? undefined : ids.get(def.reuse);
  if (def.reuse !== undefined && source === undefined) {
    throw new Error(`panel ${def.key} reuses ${def.reuse}, which is not on the dashboard`);
  }
  const viz = VIZ_DEFAULTS[def.viz];
  const colorMode = def.color ? 'fixed' : def.thresholds ? 'thresholds' : viz.colorMode;
  const defaults: Json = {
    color: { mode: colorMode, ...(def.color ? { fixedColor: def.color } : {}) },
    custom: { ...viz.custom, ...def.custom },
    thresholds: { mode: 'absolute', steps: def.thresholds ?? [{ value: null, color: 'green' }] },
    mappings: def.mappings ?? [],
    ...(def.unit ? { unit: def.unit } : {}),
    ...(def.decimals !== undefined ? { decimals: def.decimals } : {}),
    ...(def.min !== undefined ? { min: def.min } : {}),
    ...(def.max !== undefined ? { max: def.max } : {}),
    ...(def.valueLinks ? { links: def.valueLinks.map((l) => ({ title: title(l.title), url: l.url })) } : {}),
  };
  return {
    id,
    type: def.viz,
    title: title(def.title),
    description: paragraphs(def.description),
    gridPos,
    datasource: source === undefined ? DS_REF : DASHBOARD_DS,
    targets: source === undefined ? targets : [{ refId: 'A', datasource: DASHBOARD_DS, panelId: source }],
    fieldConfig: { defaults, overrides: def.overrides ?? [] },
    options: { ...viz.options, ...def.options },
    ...(def.transformations ? { transformations: def.transformations } : {}),
    ...(def.timeShift ? { timeShift: def.timeShift } : {}),
    links: [{ title: 'Explore で開く / Open in Explore', url: exploreLink(targets[0]), targetBlank: false }],
  };
}

/**
 * A scope variable: a query variable of the Kansa data source listing the top values of the scope's registry field
 * (the backend's values resource), several values or All.
 */
export function variableJson(scope: Scope): Json {
  return {
    type: 'query',
    name: scope,
    label: title(VARIABLE_LABELS[scope]),
    description: `${SCOPE_FIELDS[scope]} の値 (期間内で件数の多い順に最大 ${VARIABLE_SIZES[scope]} 件) / Values of ${SCOPE_FIELDS[scope]} (up to ${VARIABLE_SIZES[scope]}, most frequent in the range)`,
    datasource: DS_REF,
    query: { refId: 'KansaVariable', field: SCOPE_FIELDS[scope], size: VARIABLE_SIZES[scope] },
    refresh: 2,
    regex: '',
    sort: 1,
    multi: true,
    includeAll: true,
    allValue: ALL_VALUE,
    current: { selected: true, text: ['All'], value: ['$__all'] },
    options: [],
    hide: 0,
  };
}

/** Ad-hoc filters on any registry field, applied by the data source to every query of the dashboard. */
export function adhocJson(): Json {
  return {
    type: 'adhoc',
    name: ADHOC_VARIABLE,
    label: 'フィルター / Filters',
    description: 'どのフィールドでも絞り込めます (すべてのパネルに適用) / Narrow every panel by any field',
    datasource: DS_REF,
    hide: 0,
  };
}

/** Panel ids are assigned in definition order, rows included, so they stay stable while panels are only appended. */
export function panelIds(def: DashboardDef): Map<string, number> {
  const ids = new Map<string, number>();
  let id = 1;
  def.rows.forEach((row, i) => {
    ids.set(`row:${i}`, id++);
    for (const p of row.panels) {
      if (ids.has(p.key)) {
        throw new Error(`dashboard ${def.uid}: panel key ${p.key} is used twice`);
      }
      ids.set(p.key, id++);
    }
  });
  return ids;
}

/** The dashboard JSON as the app bundles it and file provisioning loads it. */
export function dashboardJson(def: DashboardDef): Json {
  const panels: Json[] = [];
  const ids = panelIds(def);
  let y = 0;
  def.rows.forEach((row, i) => {
    panels.push({
      type: 'row',
      id: ids.get(`row:${i}`),
      title: title(row.title),
      collapsed: false,
      gridPos: { h: 1, w: 24, x: 0, y },
      panels: [],
    });
    y += 1;
    let x = 0;
    let rowHeight = 0;
    for (const p of row.panels) {
      const w = p.w ?? 12;
      const h = p.h ?? 8;
      if (x + w > 24) {
        y += rowHeight;
        x = 0;
        rowHeight = 0;
      }
      panels.push(panelJson(p, ids.get(p.key)!, { h, w, x, y }, ids));
      x += w;
      rowHeight = Math.max(rowHeight, h);
    }
    y += rowHeight;
  });
  return {
    uid: def.uid,
    title: title(def.title),
    description: paragraphs(def.description),
    tags: ['kansa', ...def.tags],
    timezone: 'browser',
    editable: true,
    graphTooltip: 1,
    fiscalYearStartMonth: 3,
    liveNow: false,
    time: { from: def.from, to: 'now' },
    timepicker: {},
    refresh: '',
    schemaVersion: SCHEMA_VERSION,
    version: 1,
    weekStart: 'monday',
    annotations: {
      list: [
        {
          builtIn: 1,
          datasource: { type: 'grafana', uid: '-- Grafana --' },
          enable: true,
          hide: true,
          iconColor: 'rgba(0, 211, 255, 1)',
          name: 'Annotations & Alerts',
          type: 'dashboard',
        },
      ],
    },
    links: [
      {
        type: 'dashboards',
        tags: ['kansa'],
        asDropdown: true,
        includeVars: true,
        keepTime: true,
        title: 'Kansa',
        icon: 'external link',
        targetBlank: false,
        tooltip: '',
        url: '',
      },
    ],
    templating: {
      list: [
        {
          type: 'datasource',
          name: DATASOURCE_VARIABLE,
          label: 'データソース / Data source',
          query: DATASOURCE_PLUGIN_ID,
          regex: '',
          options: [],
          refresh: 1,
          hide: 0,
        },
        ...def.variables.map(variableJson),
        adhocJson(),
      ],
    },
    panels,
  };
}

/** What a standalone copy declares it needs: the Grafana version floor and the Kansa Logs plugin's version. */
export interface Requires {
  grafana: string;
  datasource: string;
}

/** A copy for "Import dashboard": the data source becomes an input the importer asks for. */
export function standaloneJson(def: DashboardDef, requires: Requires): Json {
  const dashboard = dashboardJson(def);
  const templating = dashboard.templating as { list: Json[] };
  templating.list[0] = {
    ...templating.list[0],
    current: { selected: true, text: '${DS_KANSA}', value: '${DS_KANSA}' },
  };
  const usedPanels = new Set((dashboard.panels as Json[]).map((p) => p.type as string).filter((t) => t !== 'row'));
  return {
    __inputs: [
      {
        name: 'DS_KANSA',
        label: 'Kansa Logs',
        description: 'Kansa Logs データソース / data source',
        type: 'datasource',
        pluginId: DATASOURCE_PLUGIN_ID,
        pluginName: 'Kansa Logs',
      },
    ],
    __elements: {},
    __requires: [
      { type: 'grafana', id: 'grafana', name: 'Grafana', version: requires.grafana },
      { type: 'datasource', id: DATASOURCE_PLUGIN_ID, name: 'Kansa Logs', version: requires.datasource },
      ...[...usedPanels].sort().map((id) => ({ type: 'panel', id, name: id, version: '' })),
    ],
    ...dashboard,
    id: null,
  };
}
