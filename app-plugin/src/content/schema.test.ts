import {
  BarGaugeDisplayMode,
  BigValueColorMode,
  BigValueGraphMode,
  DashboardCursorSync,
  FieldColorModeId,
  GraphDrawStyle,
  LegendDisplayMode,
  LogsDedupStrategy,
  LogsSortOrder,
  MappingType,
  SortOrder,
  StackingMode,
  TableCellDisplayMode,
  ThresholdsMode,
  TooltipDisplayMode,
  VariableHide,
  VizOrientation,
  defaultDashboard,
} from '@grafana/schema';

import { dashboardJson, SCHEMA_VERSION } from './dashboard';
import { DASHBOARDS } from './dashboards';

// The dashboard model of the pinned @grafana/schema (13.1.1) is TypeScript only, so its enumerations are checked
// here at run time against every generated dashboard: a value Grafana does not know fails with its path.
const values = (e: object) => new Set(Object.values(e).map(String));
const ENUMS: Array<[RegExp, Set<string>]> = [
  [/^graphTooltip$/, values(DashboardCursorSync)],
  [/\.fieldConfig\.defaults\.color\.mode$/, values(FieldColorModeId)],
  [/\.thresholds\.mode$/, values(ThresholdsMode)],
  [/\.mappings\[\d+\]\.type$/, values(MappingType)],
  [/\.custom\.drawStyle$/, values(GraphDrawStyle)],
  [/\.custom\.stacking\.mode$/, values(StackingMode)],
  [/\.options\.legend\.displayMode$/, values(LegendDisplayMode)],
  [/\.options\.tooltip\.mode$/, values(TooltipDisplayMode)],
  [/\.options\.tooltip\.sort$/, values(SortOrder)],
  [/\.options\.orientation$/, values(VizOrientation)],
  [/\.options\.displayMode$/, values(BarGaugeDisplayMode)],
  [/\.options\.colorMode$/, values(BigValueColorMode)],
  [/\.options\.graphMode$/, values(BigValueGraphMode)],
  [/\.options\.dedupStrategy$/, values(LogsDedupStrategy)],
  [/\.options\.sortOrder$/, values(LogsSortOrder)],
  [/cellOptions\.type$/, values(TableCellDisplayMode)],
  [/^templating\.list\[\d+\]\.hide$/, values(VariableHide)],
];

function walk(value: unknown, path: string, visit: (path: string, v: unknown) => void): void {
  visit(path, value);
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, visit));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      walk(v, path ? `${path}.${k}` : k, visit);
    }
  }
}

describe('dashboards against the @grafana/schema model', () => {
  it('use the schemaVersion of the pinned dashboard model', () => {
    expect(SCHEMA_VERSION).toBe(defaultDashboard.schemaVersion);
    for (const d of DASHBOARDS) {
      expect(dashboardJson(d).schemaVersion).toBe(SCHEMA_VERSION);
    }
  });

  it.each(DASHBOARDS.map((d) => ({ uid: d.uid, d })))('$uid uses only values Grafana knows', ({ d }) => {
    const unknown: string[] = [];
    let checked = 0;
    walk(dashboardJson(d), '', (path, v) => {
      for (const [re, allowed] of ENUMS) {
        if (re.test(path)) {
          checked++;
          if (!allowed.has(String(v))) {
            unknown.push(`${path} = ${JSON.stringify(v)}`);
          }
        }
      }
    });
    expect(checked).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('would catch an unknown colour mode', () => {
    const bad: string[] = [];
    walk({ panels: [{ fieldConfig: { defaults: { color: { mode: 'rainbow' } } } }] }, '', (path, v) => {
      if (ENUMS[1][0].test(path) && !ENUMS[1][1].has(String(v))) {
        bad.push(path);
      }
    });
    expect(bad).toEqual(['panels[0].fieldConfig.defaults.color.mode']);
  });
});
