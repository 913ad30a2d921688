import type { QueryEditorProps } from '@grafana/data';
import { Alert, InlineField, Stack } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { t } from '../i18n/language';
import { isGroupable } from '../query/fields';
import { withPatch } from '../query/patch';
import { FieldSelect } from '../components/fields/FieldSelect';
import { useFields } from '../components/fields/useFields';
import { NumberField } from '../components/inputs/NumberField';
import { TextField } from '../components/inputs/TextField';
import type { KansaDataSourceOptions, KansaQuery } from '../types';
import { CommonLabels } from './labels';
import { DEFAULT_VARIABLE_SIZE, MAX_VARIABLE_SIZE, toVariableQuery, type KansaVariableQuery } from './types';

type Props = QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions, KansaVariableQuery>;

/** A query variable: which field's values, under which Lucene query, and how many. */
export function VariableQueryEditor({ datasource, query: stored, onChange }: Props) {
  const query = toVariableQuery(stored);
  const { fields, loading, error } = useFields(datasource);
  const set = (patch: Partial<KansaVariableQuery>) => onChange(withPatch(query, patch));
  return (
    <Stack direction="column" gap={1}>
      <InlineField label={t(CommonLabels.field)} labelWidth={20} tooltip={t(CommonLabels.fieldTip)} htmlFor="kansa-variable-field">
        <FieldSelect
          inputId="kansa-variable-field"
          fields={fields.filter(isGroupable)}
          isLoading={loading}
          value={query.field || undefined}
          placeholder={t(CommonLabels.pickField)}
          width={40}
          onChange={(field) => set({ field: field ?? '' })}
        />
      </InlineField>
      <TextField
        id="kansa-variable-query"
        label={t(CommonLabels.filter)}
        tooltip={t(CommonLabels.filterTip)}
        width={60}
        value={query.query}
        placeholder="event.action:logged-in"
        onChange={(text) => set({ query: text })}
      />
      <NumberField
        id="kansa-variable-size"
        label={t(CommonLabels.size)}
        value={query.size}
        placeholder={String(DEFAULT_VARIABLE_SIZE)}
        min={1}
        max={MAX_VARIABLE_SIZE}
        onChange={(size) => set({ size })}
      />
      {error && (
        <Alert severity="warning" title={t(CommonLabels.fieldsFailed)}>
          {error}
        </Alert>
      )}
    </Stack>
  );
}
