import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Alert, Button, InlineField, RadioButtonGroup, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { useState } from 'react';

import type { DataSource } from '../datasource';
import { QueryHelp } from '../help/QueryHelp';
import { withPatch } from '../query/patch';
import { switchQueryType } from '../query/queryType';
import { queryProblems } from '../query/validate';
import {
  DEFAULT_QUERY,
  QUERY_TYPES,
  type KansaDataSourceOptions,
  type KansaQuery,
  type KansaQueryType,
} from '../types';
import { CommonOptions } from './CommonOptions';
import { useFields } from './fields/useFields';
import { LuceneField } from './lucene/LuceneField';
import { AttendanceOptions } from './options/AttendanceOptions';
import { LogsOptions } from './options/LogsOptions';
import { MetricsOptions } from './options/MetricsOptions';
import { RiskOptions } from './options/RiskOptions';
import { TableOptions } from './options/TableOptions';

type Props = QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions>;

/** Each query type's name and description for the type picker. */
export const queryTypeLabels = (): Record<KansaQueryType, { label: string; description: string }> => ({
  logs: {
    label: t('query-editor.type.logs', 'Logs'),
    description: t('query-editor.type.logs-description', 'Matching events, newest first'),
  },
  metrics: {
    label: t('query-editor.type.metrics', 'Metrics'),
    description: t('query-editor.type.metrics-description', 'Counts and aggregations over time'),
  },
  table: {
    label: t('query-editor.type.table', 'Table'),
    description: t('query-editor.type.table-description', 'Top values with metrics, or raw events'),
  },
  attendance: {
    label: t('query-editor.type.attendance', 'Attendance'),
    description: t('query-editor.type.attendance-description', 'Presence and working time per user and day'),
  },
  risk: {
    label: t('query-editor.type.risk', 'Risk'),
    description: t('query-editor.type.risk-description', 'Users or hosts ranked by risk score'),
  },
});

/** The query editor for panels, Explore and alert rules; it only edits the query model, the backend runs it. */
export function QueryEditor({ datasource, query, onChange, onRunQuery, range }: Props) {
  const queryType = query.queryType ?? DEFAULT_QUERY.queryType ?? 'logs';
  const idPrefix = `kansa-${query.refId}`;
  const { fields, loading, error } = useFields(datasource, query.useCase);
  const [showHelp, setShowHelp] = useState(false);
  const problems = queryProblems(query);

  const change = (next: KansaQuery) => {
    onChange(next);
    if (queryProblems(next).length === 0) {
      onRunQuery();
    }
  };
  const update = (patch: Partial<KansaQuery>) => change(withPatch(query, patch));
  const labels = queryTypeLabels();
  const typeOptions: Array<SelectableValue<KansaQueryType>> = QUERY_TYPES.map((type) => ({
    value: type,
    ...labels[type],
  }));

  return (
    <Stack direction="column" gap={1}>
      <Stack direction="row" gap={1} justifyContent="space-between">
        <InlineField label={t('query-editor.query-type', 'Query type')} labelWidth={16}>
          <RadioButtonGroup<KansaQueryType>
            options={typeOptions}
            value={queryType}
            onChange={(type) => change(switchQueryType({ ...query, queryType }, type))}
          />
        </InlineField>
        <Button variant="secondary" size="sm" fill="text" icon="question-circle" onClick={() => setShowHelp(!showHelp)}>
          {showHelp ? t('query-editor.hide-help', 'Hide examples') : t('query-editor.help', 'Query examples')}
        </Button>
      </Stack>
      {showHelp && (
        <QueryHelp
          query={query}
          onClickExample={(example) => {
            setShowHelp(false);
            change(example);
          }}
        />
      )}
      <LuceneField
        id={`${idPrefix}-lucene`}
        datasource={datasource}
        fields={fields}
        value={query.query ?? ''}
        range={range}
        onCommit={(text) => update({ query: text })}
      />
      <CommonOptions idPrefix={idPrefix} query={query} onChange={update} />
      {queryType === 'logs' && (
        <LogsOptions idPrefix={idPrefix} query={query} fields={fields} loading={loading} onChange={update} />
      )}
      {queryType === 'metrics' && (
        <MetricsOptions idPrefix={idPrefix} query={query} fields={fields} loading={loading} onChange={update} />
      )}
      {queryType === 'table' && (
        <TableOptions idPrefix={idPrefix} query={query} fields={fields} loading={loading} onChange={update} />
      )}
      {queryType === 'attendance' && (
        <AttendanceOptions idPrefix={idPrefix} datasource={datasource} query={query} range={range} onChange={update} />
      )}
      {queryType === 'risk' && <RiskOptions query={query} onChange={update} />}
      {error && (
        <Alert severity="warning" title={t('query-editor.fields-failed', 'Could not load the field list')}>
          {error}
        </Alert>
      )}
      {problems.length > 0 && (
        <Alert severity="info" title={t('query-editor.not-runnable', 'This query cannot run yet')}>
          {problems.map((p, i) => (
            <div key={i}>{p}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
