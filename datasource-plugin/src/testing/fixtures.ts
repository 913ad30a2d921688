import type { DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { config, type TemplateSrv } from '@grafana/runtime';
import { FIELD, FIELD_TYPES, type FieldName } from '@kansa/schema/fields';

import { DataSource } from '../datasource';
import type { FieldInfo, FieldValue, KansaDataSourceOptions } from '../types';
import { setI18nLanguage } from './i18n';

/** The registry as the backend's `fields` resource lists it, built from the generated schema. */
export const REGISTRY_FIELDS: FieldInfo[] = (Object.values(FIELD) as FieldName[]).map((name) => {
  const type = FIELD_TYPES[name];
  // As pkg/plugin/resources.go answers: text fields aggregate through .keyword, objects not at all.
  const aggregatable = type !== 'object' && type !== 'flat_object';
  return {
    name,
    type,
    array: false,
    aggregatable,
    ...(aggregatable ? { aggregationName: type === 'text' ? `${name}.keyword` : name } : {}),
    ja: `${name} (ja)`,
    en: `${name} (en)`,
    use: ['cyber', 'insider', 'audit', 'attendance', 'failure'],
  };
});

/**
 * The registry fields the editor tests pick from: every kind the pickers treat differently (keyword, ip, numeric,
 * date, text with a keyword sub-field, object), few enough that real @grafana/ui menus render quickly in jsdom.
 */
export const EDITOR_FIELDS: FieldInfo[] = REGISTRY_FIELDS.filter((f) =>
  (
    [
      FIELD.timestamp,
      FIELD.eventAction,
      FIELD.eventCode,
      FIELD.eventCategory,
      FIELD.eventSeverity,
      FIELD.message,
      FIELD.userName,
      FIELD.hostName,
      FIELD.sourceIp,
      FIELD.sourceBytes,
      FIELD.destinationBytes,
      FIELD.groupName,
      FIELD.kansaUserDepartment,
      FIELD.kansaMessageJa,
      FIELD.kansaRiskReasons,
    ] as string[]
  ).includes(f.name),
);

/** Template variables as Grafana would resolve them: a name to one value, several, or a typed textbox/constant. */
export type Variables = Record<string, string | string[] | { value: string; type: 'textbox' | 'constant' }>;

/**
 * A TemplateSrv over a fixed set of variables, passing a format function the value and the variable as Grafana
 * does; without a format a multi-value becomes Grafana's default glob {a,b}.
 */
export function templateSrvFor(variables: Variables): TemplateSrv {
  const replace = (target?: string, _scoped?: ScopedVars, format?: string | Function) =>
    (target ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (whole, braced?: string, bare?: string) => {
      const entry = variables[(braced ?? bare) as string];
      if (entry === undefined) {
        return whole;
      }
      const typed = typeof entry === 'object' && !Array.isArray(entry);
      const value = typed ? entry.value : entry;
      const variable = { type: typed ? entry.type : 'query' };
      if (typeof format === 'function') {
        return format(value, variable);
      }
      return Array.isArray(value) ? `{${value.join(',')}}` : value;
    });
  return {
    replace,
    getVariables: () => [],
    containsTemplate: (target?: string) => Boolean(target && /\$\w|\$\{/.test(target)),
    updateTimeRange: () => {},
  } as unknown as TemplateSrv;
}

export interface FakeBackend {
  fields?: FieldInfo[];
  /** Values per field; the request is recorded in `calls`. */
  values?: Record<string, FieldValue[]>;
  failFields?: boolean;
}

/** A real DataSource whose backend resources answer from fixtures; every resource call is recorded. */
export function makeDataSource(
  backend: FakeBackend = {},
  jsonData: KansaDataSourceOptions = {},
  variables: Variables = {},
) {
  const ds = new DataSource(
    {
      id: 1,
      uid: 'kansa',
      type: 'kansa-logs-datasource',
      name: 'Kansa Logs',
      jsonData,
    } as DataSourceInstanceSettings<KansaDataSourceOptions>,
    templateSrvFor(variables),
  );
  const calls: Array<{ path: string; params: Record<string, unknown> }> = [];
  jest.spyOn(ds, 'getResource').mockImplementation(async (path: string, params?: Record<string, unknown>) => {
    calls.push({ path, params: params ?? {} });
    if (path === 'fields') {
      if (backend.failFields) {
        throw { status: 502, data: { message: 'OpenSearch unreachable' } };
      }
      return backend.fields ?? REGISTRY_FIELDS;
    }
    if (path === 'values') {
      const field = String(params?.field);
      const known = backend.values?.[field];
      if (!known) {
        throw { status: 400, data: { message: `unknown field ${field}` } };
      }
      return known;
    }
    throw new Error(`unexpected resource ${path}`);
  });
  return { ds, calls };
}

/** Sets Grafana's user language for the test: the bilingual content's choice and the @grafana/i18n texts. */
export function setUserLanguage(language: string | undefined) {
  config.bootData.user.language = language as string;
  setI18nLanguage(language);
}
