import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { Alert, Button, InlineField, RadioButtonGroup, Stack } from '@grafana/ui';
import { useState } from 'react';

import type { DataSource } from '../datasource';
import { QueryHelp } from '../help/QueryHelp';
import { t } from '../i18n/language';
import { withPatch } from '../query/patch';
import { switchQueryType } from '../query/queryType';
import { queryProblems } from '../query/validate';
import { DEFAULT_QUERY, QUERY_TYPES, type KansaDataSourceOptions, type KansaQuery, type KansaQueryType } from '../types';
import { CommonOptions } from './CommonOptions';
import { useFields } from './fields/useFields';
import { LuceneField } from './lucene/LuceneField';
import { AttendanceOptions } from './options/AttendanceOptions';
import { LogsOptions } from './options/LogsOptions';
import { MetricsOptions } from './options/MetricsOptions';
import { RiskOptions } from './options/RiskOptions';
import { TableOptions } from './options/TableOptions';

type Props = QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions>;

export const QUERY_TYPE_LABELS: Record<KansaQueryType, { label: { ja: string; en: string }; description: { ja: string; en: string } }> = {
  logs: { label: { ja: 'ログ', en: 'Logs' }, description: { ja: '一致したイベントを新しい順に', en: 'Matching events, newest first' } },
  metrics: { label: { ja: 'メトリクス', en: 'Metrics' }, description: { ja: '時系列の件数や集計', en: 'Counts and aggregations over time' } },
  table: { label: { ja: '表', en: 'Table' }, description: { ja: '上位の値の集計、またはイベント一覧', en: 'Top values with metrics, or raw events' } },
  attendance: { label: { ja: '勤怠', en: 'Attendance' }, description: { ja: 'ユーザー・日ごとの在席と労働時間', en: 'Presence and working time per user and day' } },
  risk: { label: { ja: 'リスク', en: 'Risk' }, description: { ja: 'リスクスコアの高いユーザー・ホスト', en: 'Users or hosts ranked by risk score' } },
};

const L = {
  queryType: { ja: 'クエリの種類', en: 'Query type' },
  help: { ja: 'クエリの例', en: 'Query examples' },
  hideHelp: { ja: '例を閉じる', en: 'Hide examples' },
  fieldsFailed: { ja: 'フィールド一覧を取得できません', en: 'Could not load the field list' },
  notRunnable: { ja: 'このクエリはまだ実行できません', en: 'This query cannot run yet' },
};

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
  const typeOptions: Array<SelectableValue<KansaQueryType>> = QUERY_TYPES.map((type) => ({
    value: type,
    label: t(QUERY_TYPE_LABELS[type].label),
    description: t(QUERY_TYPE_LABELS[type].description),
  }));

  return (
    <Stack direction="column" gap={1}>
      <Stack direction="row" gap={1} justifyContent="space-between">
        <InlineField label={t(L.queryType)} labelWidth={16}>
          <RadioButtonGroup<KansaQueryType>
            options={typeOptions}
            value={queryType}
            onChange={(type) => change(switchQueryType({ ...query, queryType }, type))}
          />
        </InlineField>
        <Button variant="secondary" size="sm" fill="text" icon="question-circle" onClick={() => setShowHelp(!showHelp)}>
          {showHelp ? t(L.hideHelp) : t(L.help)}
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
      {queryType === 'logs' && <LogsOptions idPrefix={idPrefix} query={query} fields={fields} loading={loading} onChange={update} />}
      {queryType === 'metrics' && <MetricsOptions idPrefix={idPrefix} query={query} fields={fields} loading={loading} onChange={update} />}
      {queryType === 'table' && <TableOptions idPrefix={idPrefix} query={query} fields={fields} loading={loading} onChange={update} />}
      {queryType === 'attendance' && (
        <AttendanceOptions idPrefix={idPrefix} datasource={datasource} query={query} range={range} onChange={update} />
      )}
      {queryType === 'risk' && <RiskOptions query={query} onChange={update} />}
      {error && (
        <Alert severity="warning" title={t(L.fieldsFailed)}>
          {error}
        </Alert>
      )}
      {problems.length > 0 && (
        <Alert severity="info" title={t(L.notRunnable)}>
          {problems.map((p, i) => (
            <div key={i}>{t(p)}</div>
          ))}
        </Alert>
      )}
    </Stack>
  );
}
