import {
  CoreApp,
  type AdHocVariableFilter,
  type DataQueryRequest,
  type DataQueryResponse,
  type DataSourceGetTagKeysOptions,
  type DataSourceGetTagValuesOptions,
  type DataSourceInstanceSettings,
  type DataSourceWithLogsContextSupport,
  type DataSourceWithQueryModificationSupport,
  type DataSourceWithSupplementaryQueriesSupport,
  type DataSourceWithToggleableQueryFiltersSupport,
  type LogRowContextOptions,
  type LogRowModel,
  type MetricFindValue,
  type QueryFilterOptions,
  type QueryFixAction,
  type ScopedVars,
  type SupplementaryQueryOptions,
  type SupplementaryQueryType,
  type TimeRange,
  type ToggleFilterAction,
} from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, type TemplateSrv } from '@grafana/runtime';
import { lastValueFrom } from 'rxjs';

import { kansaAnnotations } from './annotations/support';
import { contextRequest, contextSplitQuery, rowEventId } from './explore/logContext';
import * as queryFilters from './explore/queryFilters';
import { SUPPLEMENTARY_TYPES, supplementaryQuery, supplementaryRequest } from './explore/supplementary';
import { adhocToKansa, filterClause } from './query/adhoc';
import { isGroupable } from './query/fields';
import { andClauses } from './query/lucene';
import { typeDefaults } from './query/queryType';
import { interpolateQuery } from './query/templating';
import {
  DEFAULT_QUERY,
  QUERY_MODEL_VERSION,
  type FieldInfo,
  type FieldValue,
  type KansaDataSourceOptions,
  type KansaQuery,
  type UseCase,
} from './types';
import { KansaVariableSupport } from './variables/KansaVariableSupport';

export interface ValuesRequest {
  field: string;
  /** Lucene query the values are counted under. */
  query?: string;
  range?: TimeRange;
  size?: number;
}

/**
 * Queries, health checks and alert evaluation all run in the Go backend (pkg/plugin); this edits and sends queries.
 * Explore's logs volume and sample, log context and filter buttons are in src/explore/.
 */
export class DataSource
  extends DataSourceWithBackend<KansaQuery, KansaDataSourceOptions>
  implements
    DataSourceWithSupplementaryQueriesSupport<KansaQuery>,
    DataSourceWithLogsContextSupport<KansaQuery>,
    DataSourceWithToggleableQueryFiltersSupport<KansaQuery>,
    DataSourceWithQueryModificationSupport<KansaQuery>
{
  annotations = kansaAnnotations;
  variables: KansaVariableSupport;
  readonly settingsJson: KansaDataSourceOptions;
  private readonly fieldCache = new Map<string, Promise<FieldInfo[]>>();

  constructor(
    instanceSettings: DataSourceInstanceSettings<KansaDataSourceOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv(),
  ) {
    super(instanceSettings);
    this.settingsJson = instanceSettings.jsonData ?? {};
    this.variables = new KansaVariableSupport(this, templateSrv);
  }

  /** Logs for panels and Explore; alert rules need numbers, so they start as an event count over time. */
  getDefaultQuery(app: CoreApp): Partial<KansaQuery> {
    if (app === CoreApp.UnifiedAlerting || app === CoreApp.CloudAlerting) {
      return { queryType: 'metrics', query: '', ...typeDefaults('metrics'), queryModelVersion: QUERY_MODEL_VERSION };
    }
    return { ...DEFAULT_QUERY, queryModelVersion: QUERY_MODEL_VERSION };
  }

  filterQuery(query: KansaQuery): boolean {
    return !query.hide;
  }

  applyTemplateVariables(query: KansaQuery, scopedVars: ScopedVars, filters?: AdHocVariableFilter[]): KansaQuery {
    return interpolateQuery(this.templateSrv, query, scopedVars, filters);
  }

  interpolateVariablesInQueries(
    queries: KansaQuery[],
    scopedVars: ScopedVars,
    filters?: AdHocVariableFilter[],
  ): KansaQuery[] {
    return queries.map((q) => ({ ...this.applyTemplateVariables(q, scopedVars, filters), datasource: this.getRef() }));
  }

  /** The registry's fields, for a use case or all; cached per data source, retried after a failure. */
  getFields(useCase?: UseCase): Promise<FieldInfo[]> {
    const key = useCase ?? '';
    let cached = this.fieldCache.get(key);
    if (!cached) {
      cached = this.getResource<FieldInfo[]>('fields', useCase ? { useCase } : {}).then(
        (fields) => (Array.isArray(fields) ? fields : []),
        (err: unknown) => {
          this.fieldCache.delete(key);
          throw err;
        },
      );
      this.fieldCache.set(key, cached);
    }
    return cached;
  }

  /** Top values of a field in the range, under a query. */
  async getValues({ field, query, range, size }: ValuesRequest): Promise<FieldValue[]> {
    const params: Record<string, string | number> = { field };
    if (query?.trim()) {
      params.query = query;
    }
    if (range) {
      params.from = range.from.valueOf();
      params.to = range.to.valueOf();
    }
    if (size) {
      params.size = size;
    }
    const values = await this.getResource<FieldValue[]>('values', params);
    return Array.isArray(values) ? values : [];
  }

  /** Ad-hoc filter keys: the fields a term filter can use. */
  async getTagKeys(_options?: DataSourceGetTagKeysOptions<KansaQuery>): Promise<MetricFindValue[]> {
    const fields = await this.getFields();
    return fields.filter(isGroupable).map((f) => ({ text: f.name, value: f.name }));
  }

  /** Ad-hoc filter values: the key's top values under the other filters, in the dashboard's time range. */
  async getTagValues(options: DataSourceGetTagValuesOptions<KansaQuery>): Promise<MetricFindValue[]> {
    const others = adhocToKansa((options.filters ?? []).filter((f) => f.key !== options.key));
    const clauses = [...others.filters.map(filterClause), ...others.clauses];
    const values = await this.getValues({
      field: options.key,
      query: andClauses(clauses),
      range: options.timeRange,
      size: 100,
    });
    return values.map((v) => ({ text: v.value, value: v.value }));
  }

  /** Explore's filter actions where toggling does not apply: add a label filter, or a phrase from selected text. */
  modifyQuery(query: KansaQuery, action: QueryFixAction): KansaQuery {
    const options = action.options ?? {};
    switch (action.type) {
      case 'ADD_FILTER':
        return queryFilters.addQueryFilter(query, 'for', options.key, options.value);
      case 'ADD_FILTER_OUT':
        return queryFilters.addQueryFilter(query, 'out', options.key, options.value);
      case 'ADD_STRING_FILTER':
        return queryFilters.addPhraseFilter(query, 'for', options.value);
      case 'ADD_STRING_FILTER_OUT':
        return queryFilters.addPhraseFilter(query, 'out', options.value);
      default:
        return query;
    }
  }

  getSupportedQueryModifications(): string[] {
    return ['ADD_FILTER', 'ADD_FILTER_OUT', 'ADD_STRING_FILTER', 'ADD_STRING_FILTER_OUT'];
  }

  /** Explore's "filter for / filter out value" buttons in a log line's details: a second click takes the filter out. */
  toggleQueryFilter(query: KansaQuery, filter: ToggleFilterAction): KansaQuery {
    return queryFilters.toggleQueryFilter(query, filter);
  }

  queryHasFilter(query: KansaQuery, filter: QueryFilterOptions): boolean {
    return queryFilters.queryHasFilter(query, filter);
  }

  getSupportedSupplementaryQueryTypes(): SupplementaryQueryType[] {
    return [...SUPPLEMENTARY_TYPES];
  }

  getSupplementaryQuery(options: SupplementaryQueryOptions, query: KansaQuery): KansaQuery | undefined {
    return supplementaryQuery(options, query);
  }

  getSupplementaryRequest(
    type: SupplementaryQueryType,
    request: DataQueryRequest<KansaQuery>,
    options?: SupplementaryQueryOptions,
  ): DataQueryRequest<KansaQuery> | undefined {
    return supplementaryRequest(type, request, options);
  }

  /** A page of lines before or after a log line on the same host, from the backend's logContext query. */
  getLogRowContext = async (
    row: LogRowModel,
    options?: LogRowContextOptions,
    query?: KansaQuery,
  ): Promise<DataQueryResponse> => lastValueFrom(this.query(contextRequest(row, options, query, this.getRef())));

  /** The context as a query of its own, for "open in split view". */
  getLogRowContextQuery = async (row: LogRowModel, _options?: LogRowContextOptions, query?: KansaQuery) =>
    contextSplitQuery(row, query, this.getRef());

  /** Context needs the line's event id; Grafana before 10.3 asks this to show the button. */
  showContextToggle(row?: LogRowModel): boolean {
    return row === undefined || rowEventId(row) !== undefined;
  }

  /** How query history and the inspector summarise a query. */
  getQueryDisplayText(query: KansaQuery): string {
    const filters = (query.filters ?? []).map((f) => `${f.key}${f.operator}${f.value}`);
    return [`[${query.queryType ?? 'logs'}]`, query.query, ...filters].filter(Boolean).join(' ');
  }
}
