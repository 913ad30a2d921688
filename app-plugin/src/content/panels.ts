import type { Bi } from './text';
import type { QueryDraft, Scope } from './queries';

export type Visualization =
  'timeseries' | 'barchart' | 'bargauge' | 'table' | 'stat' | 'state-timeline' | 'status-history' | 'logs' | 'piechart';

export interface Threshold {
  value: number | null;
  color: string;
}

/** A panel as Kansa defines it; dashboard.ts turns it into Grafana's panel JSON. */
export interface PanelDef {
  /** Stable handle within the dashboard, used by rules (__panelId__) and the content tests. */
  key: string;
  viz: Visualization;
  title: Bi;
  description: Bi;
  /** Monitoring points of the spec this panel covers. */
  points: string[];
  queries: QueryDraft[];
  /** Key of a panel on the same dashboard whose results this panel reuses (Grafana's -- Dashboard -- source), so one query feeds several views. */
  reuse?: string;
  /** Dashboard variables that narrow the queries. */
  scopes?: Scope[];
  unit?: string;
  decimals?: number;
  thresholds?: Threshold[];
  /** A fixed colour, or thresholds colouring when thresholds are given. */
  color?: string;
  min?: number;
  max?: number;
  /** Panel-type options merged over the defaults of its visualization. */
  options?: Record<string, unknown>;
  custom?: Record<string, unknown>;
  overrides?: unknown[];
  mappings?: unknown[];
  transformations?: unknown[];
  /** Data links on the values, e.g. to another dashboard with the clicked user. */
  valueLinks?: Array<{ title: Bi; url: string }>;
  /** Grafana's panel time shift, e.g. 1h: the same range that much earlier. */
  timeShift?: string;
  /** Grid size in Grafana units (24 wide). */
  w?: number;
  h?: number;
}

const GREEN = 'green';

/** Threshold steps, with the base step first as Grafana requires. */
export function steps(...pairs: Array<[number, string]>): Threshold[] {
  return [{ value: null, color: GREEN }, ...pairs.map(([value, color]) => ({ value, color }))];
}

export const panel = (def: PanelDef): PanelDef => def;
