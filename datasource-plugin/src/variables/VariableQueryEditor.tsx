import type { QueryEditorProps } from '@grafana/data';
import { Alert, InlineField, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';

import type { DataSource } from '../datasource';
import { isGroupable } from '../query/fields';
import { withPatch } from '../query/patch';
import { FieldSelect } from '../components/fields/FieldSelect';
import { useFields } from '../components/fields/useFields';
import { NumberField } from '../components/inputs/NumberField';
import { TextField } from '../components/inputs/TextField';
import type { KansaDataSourceOptions, KansaQuery } from '../types';
import { DEFAULT_VARIABLE_SIZE, MAX_VARIABLE_SIZE, toVariableQuery, type KansaVariableQuery } from './types';

type Props = QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions, KansaVariableQuery>;

/** A query variable: which field's values, under which Lucene query, and how many. */
export function VariableQueryEditor({ datasource, query: stored, onChange }: Props) {
  const query = toVariableQuery(stored);
  const { fields, loading, error } = useFields(datasource);
  const set = (patch: Partial<KansaVariableQuery>) => onChange(withPatch(query, patch));
  return (
    <Stack direction="column" gap={1}>
      <InlineField
        label={t('variable-editor.field', 'Field')}
        labelWidth={20}
        tooltip={t(
          'variable-editor.field-tip',
          'The variable lists this field’s values, most frequent in the time range first',
        )}
        htmlFor="kansa-variable-field"
      >
        <FieldSelect
          inputId="kansa-variable-field"
          fields={fields.filter(isGroupable)}
          isLoading={loading}
          value={query.field || undefined}
          placeholder={t('variable-editor.pick-field', 'Choose a field')}
          width={40}
          onChange={(field) => set({ field: field ?? '' })}
        />
      </InlineField>
      <TextField
        id="kansa-variable-query"
        label={t('variable-editor.filter', 'Filter (Lucene)')}
        tooltip={t(
          'variable-editor.filter-tip',
          'Only values of events matching this query count. Other variables such as $department work.',
        )}
        width={60}
        value={query.query}
        placeholder="event.action:logged-in"
        onChange={(text) => set({ query: text })}
      />
      <NumberField
        id="kansa-variable-size"
        label={t('variable-editor.size', 'Max values')}
        value={query.size}
        placeholder={String(DEFAULT_VARIABLE_SIZE)}
        min={1}
        max={MAX_VARIABLE_SIZE}
        onChange={(size) => set({ size })}
      />
      {error && (
        <Alert severity="warning" title={t('variable-editor.fields-failed', 'Could not load the field list')}>
          {error}
        </Alert>
      )}
    </Stack>
  );
}
