import { InlineField, RadioButtonGroup, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';

import { COUNT_METRIC } from '../../query/queryType';
import type { FieldInfo, KansaQuery, TableMode } from '../../types';
import { FieldMultiSelect } from '../fields/FieldSelect';
import { GroupByEditor } from '../metrics/GroupByEditor';
import { MetricsBuilder } from '../metrics/MetricsBuilder';

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
      <InlineField label={t('table-options.mode', 'Table mode')} labelWidth={16}>
        <RadioButtonGroup<TableMode>
          options={[
            {
              value: 'top',
              label: t('table-options.top', 'Top values'),
              description: t('table-options.top-tip', 'Metrics for the top values of one or two fields'),
            },
            {
              value: 'raw',
              label: t('table-options.raw', 'Raw events'),
              description: t('table-options.raw-tip', 'One row per event with the chosen columns'),
            },
          ]}
          value={mode}
          onChange={(tableMode) => onChange(tableMode === 'top' ? { tableMode, metrics } : { tableMode })}
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
        <InlineField
          label={t('table-options.columns', 'Columns')}
          labelWidth={16}
          tooltip={t(
            'table-options.columns-tip',
            'Columns in the order picked. Empty shows time, user, host, action and message.',
          )}
          htmlFor={`${idPrefix}-columns`}
        >
          <FieldMultiSelect
            inputId={`${idPrefix}-columns`}
            fields={fields}
            isLoading={loading}
            value={query.columns}
            placeholder={t('table-options.default-columns', 'Default columns')}
            onChange={(columns) => onChange({ columns: columns.length ? columns : undefined })}
          />
        </InlineField>
      )}
    </Stack>
  );
}
