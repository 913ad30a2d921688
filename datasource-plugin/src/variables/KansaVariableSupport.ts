import { CustomVariableSupport, type DataQueryRequest, type DataQueryResponse } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { from, type Observable } from 'rxjs';

import type { DataSource } from '../datasource';
import { luceneFormat } from '../query/templating';
import type { KansaDataSourceOptions, KansaQuery } from '../types';
import { DEFAULT_VARIABLE_SIZE, MAX_VARIABLE_SIZE, toVariableQuery, type KansaVariableQuery } from './types';
import { VariableQueryEditor } from './VariableQueryEditor';

/** Query variables list a field's top values from the backend's `values` resource. */
export class KansaVariableSupport extends CustomVariableSupport<
  DataSource,
  KansaVariableQuery,
  KansaQuery,
  KansaDataSourceOptions
> {
  editor = VariableQueryEditor;

  constructor(
    private readonly datasource: DataSource,
    private readonly templateSrv: TemplateSrv,
  ) {
    super();
  }

  query(request: DataQueryRequest<KansaVariableQuery>): Observable<DataQueryResponse> {
    const target = toVariableQuery(request.targets[0]);
    return from(this.values(target, request));
  }

  private async values(target: KansaVariableQuery, request: DataQueryRequest<KansaVariableQuery>) {
    const field = this.templateSrv.replace(target.field, request.scopedVars);
    if (!field) {
      return { data: [] };
    }
    const size = Math.min(Math.max(1, Math.round(target.size ?? DEFAULT_VARIABLE_SIZE)), MAX_VARIABLE_SIZE);
    const values = await this.datasource.getValues({
      field,
      // A variable chained on another one's value keeps that value one term (see luceneFormat).
      query: this.templateSrv.replace(target.query ?? '', request.scopedVars, luceneFormat),
      range: request.range,
      size,
    });
    return { data: values.map((v) => ({ text: v.value, value: v.value })) };
  }
}
