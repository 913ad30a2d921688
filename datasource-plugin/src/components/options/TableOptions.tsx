import { InlineField, RadioButtonGroup, Stack } from '@grafana/ui';

import { t } from '../../i18n/language';
import { COUNT_METRIC } from '../../query/queryType';
import type { FieldInfo, KansaQuery, TableMode } from '../../types';
import { FieldMultiSelect } from '../fields/FieldSelect';
import { GroupByEditor } from '../metrics/GroupByEditor';
import { MetricsBuilder } from '../metrics/MetricsBuilder';

const L = {
  mode: { ja: '表の種類', en: 'Table mode' },
  top: { ja: '上位 (集計)', en: 'Top values' },
  topTip: { ja: '1〜2 個のフィールドの上位の値ごとに集計します', en: 'Metrics for the top values of one or two fields' },
  raw: { ja: 'イベント一覧', en: 'Raw events' },
  rawTip: { ja: '選んだ列でイベントを 1 行ずつ表示します', en: 'One row per event with the chosen columns' },
  columns: { ja: '列', en: 'Columns' },
  columnsTip: {
    ja: '表示する列を選んだ順に並べます。空欄なら日時・ユーザー・ホスト・アクション・メッセージです。',
    en: 'Columns in the order picked. Empty shows time, user, host, action and message.',
  },
  defaultColumns: { ja: '既定の列', en: 'Default columns' },
};

interface Props {
  idPrefix: string;
  query: KansaQuery;
  fields: FieldInfo[];
  loading?: boolean;
  onChange: (patch: Partial<KansaQuery>) => void;
}

/** Table: a top-N over one or two terms with metrics, or raw events with chosen columns. */
export function TableOptions({ idPrefix, query, fields, loading, onChange }: Props) {
  const mode = query.tableMode ?? 'top';
  const metrics = query.metrics?.length ? query.metrics : [COUNT_METRIC];
  return (
    <Stack direction="column" gap={1}>
      <InlineField label={t(L.mode)} labelWidth={16}>
        <RadioButtonGroup<TableMode>
          options={[
            { value: 'top', label: t(L.top), description: t(L.topTip) },
            { value: 'raw', label: t(L.raw), description: t(L.rawTip) },
          ]}
          value={mode}
          onChange={(tableMode) =>
            onChange(tableMode === 'top' ? { tableMode, metrics } : { tableMode })
          }
        />
      </InlineField>
      {mode === 'top' ? (
        <>
          <GroupByEditor
            idPrefix={idPrefix}
            fields={fields}
            loading={loading}
            groupBy={query.groupBy ?? []}
            metrics={metrics}
            onChange={(groupBy) => onChange({ groupBy })}
          />
          <MetricsBuilder
            idPrefix={idPrefix}
            fields={fields}
            loading={loading}
            metrics={metrics}
            groupBy={query.groupBy}
            onChange={(next) => onChange(next)}
          />
        </>
      ) : (
        <InlineField label={t(L.columns)} labelWidth={16} tooltip={t(L.columnsTip)} htmlFor={`${idPrefix}-columns`}>
          <FieldMultiSelect
            inputId={`${idPrefix}-columns`}
            fields={fields}
            isLoading={loading}
            value={query.columns}
            placeholder={t(L.defaultColumns)}
            onChange={(columns) => onChange({ columns: columns.length ? columns : undefined })}
          />
        </InlineField>
      )}
    </Stack>
  );
}
