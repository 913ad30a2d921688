/**
 * The dashboard model of the pinned @grafana/schema as JSON may spell it, for type-checking the generated
 * dashboards (dashboard-json.test.ts compiles each generated file against these types).
 *
 * - Enums become the literal values they stand for: JSON says "palette-classic", never FieldColorModeId.PaletteClassic.
 * - Panels are a union on `type`, each with its plugin's own options and custom field config from the schema's
 *   composable panel configs, so an option the panel no longer has (a table's `footer`) is an excess property.
 * - Panel options and custom field config may leave out what Grafana fills in from the panel's defaults on load.
 */
import type {
  AnnotationQuery,
  Dashboard,
  DashboardLink,
  DataSourceRef,
  DataTransformerConfig,
  FieldConfig,
  FieldConfigSource,
  GridPos,
  Panel,
  RowPanel,
  TableFieldOptions,
  TableOptions,
  VariableModel,
} from '@grafana/schema';
import type * as BarChart from '@grafana/schema/dist/esm/raw/composable/barchart/panelcfg/x/BarChartPanelCfg_types.gen';
import type * as BarGauge from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type * as Logs from '@grafana/schema/dist/esm/raw/composable/logs/panelcfg/x/LogsPanelCfg_types.gen';
import type * as PieChart from '@grafana/schema/dist/esm/raw/composable/piechart/panelcfg/x/PieChartPanelCfg_types.gen';
import type * as Stat from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type * as StateTimeline from '@grafana/schema/dist/esm/raw/composable/statetimeline/panelcfg/x/StateTimelinePanelCfg_types.gen';
import type * as StatusHistory from '@grafana/schema/dist/esm/raw/composable/statushistory/panelcfg/x/StatusHistoryPanelCfg_types.gen';
import type * as TimeSeries from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

import type { KansaQuery } from '../../../datasource-plugin/src/types';

/** A schema type as JSON spells it: string enums as their values, recursively. */
export type Json<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Json<U>>
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

/** Every property optional, recursively; unknown properties stay errors. */
export type Loose<T> =
  T extends ReadonlyArray<infer U> ? Array<Loose<U>> : T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;

type FieldConfigJson<Custom> = {
  defaults: Omit<Json<FieldConfig>, 'custom'> & { custom?: Loose<Json<Custom>> };
  overrides: Json<FieldConfigSource['overrides']>;
};

/** A reused panel's query (the -- Dashboard -- data source): the frames of another panel. */
interface DashboardQuery {
  refId: string;
  datasource: DataSourceRef;
  panelId: number;
}

/**
 * What every Kansa panel has. The schema types a panel's `links` as dashboard links, but Grafana stores a panel's
 * links as data links ({title, url, targetBlank}), so those are typed here.
 */
type PanelBase = Omit<
  Json<Panel>,
  'type' | 'options' | 'fieldConfig' | 'targets' | 'links' | 'gridPos' | 'transformations'
> & {
  id: number;
  title: string;
  gridPos: Json<GridPos>;
  datasource: DataSourceRef;
  targets: Array<Json<KansaQuery> | DashboardQuery>;
  links: Array<{ title: string; url: string; targetBlank?: boolean }>;
  transformations?: Array<Json<DataTransformerConfig>>;
};

type PanelOf<Type extends string, Options, Custom> = PanelBase & {
  type: Type;
  options: Loose<Json<Options>>;
  fieldConfig: FieldConfigJson<Custom>;
};

export type KansaPanelJson =
  | PanelOf<'timeseries', TimeSeries.Options, TimeSeries.FieldConfig>
  | PanelOf<'barchart', BarChart.Options, BarChart.FieldConfig>
  | PanelOf<'bargauge', BarGauge.Options, object>
  | PanelOf<'table', TableOptions, TableFieldOptions>
  | PanelOf<'stat', Stat.Options, object>
  | PanelOf<'state-timeline', StateTimeline.Options, StateTimeline.FieldConfig>
  | PanelOf<'status-history', StatusHistory.Options, StatusHistory.FieldConfig>
  | PanelOf<'logs', Logs.Options, object>
  | PanelOf<'piechart', PieChart.Options, PieChart.FieldConfig>;

type RowJson = Omit<Json<RowPanel>, 'panels'> & { panels: KansaPanelJson[] };

/** A dashboard as file provisioning loads it. */
export type DashboardJson = Omit<Json<Dashboard>, 'panels' | 'templating' | 'annotations' | 'links'> & {
  uid: string;
  title: string;
  panels: Array<KansaPanelJson | RowJson>;
  templating: { list: Array<Json<VariableModel>> };
  annotations: { list: Array<Json<AnnotationQuery>> };
  links: Array<Json<DashboardLink>>;
};

/** A dashboard for Grafana's "Import dashboard": the same, plus what the importer asks for and checks. */
export type StandaloneDashboardJson = DashboardJson & {
  __inputs: Array<{
    name: string;
    label: string;
    description: string;
    type: 'datasource';
    pluginId: string;
    pluginName: string;
  }>;
  __elements: Record<string, never>;
  __requires: Array<{ type: 'grafana' | 'datasource' | 'panel'; id: string; name: string; version: string }>;
};
