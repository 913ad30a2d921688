import { InlineField } from '@grafana/ui';
import { t } from '@grafana/i18n';

import type { FieldInfo, KansaQuery } from '../../types';
import { FieldMultiSelect } from '../fields/FieldSelect';

interface Props {
  idPrefix: string;
  query: KansaQuery;
  fields: FieldInfo[];
  loading?: boolean;
  label?: string;
  tooltip?: string;
  onChange: (patch: Partial<KansaQuery>) => void;
}

/** Logs: which normalized fields each line carries as labels. */
export function LogsOptions({ idPrefix, query, fields, loading, label, tooltip, onChange }: Props) {
  return (
    <InlineField
      label={label ?? t('logs-options.labels', 'Labels')}
      labelWidth={16}
      tooltip={
        tooltip ??
        t(
          'logs-options.labels-tip',
          'Fields attached to each log line as labels. Empty uses the defaults of the use case.',
        )
      }
      htmlFor={`${idPrefix}-labels`}
    >
      <FieldMultiSelect
        inputId={`${idPrefix}-labels`}
        fields={fields}
        isLoading={loading}
        value={query.labels}
        placeholder={t('logs-options.defaults', 'Use case defaults')}
        onChange={(labels) => onChange({ labels: labels.length ? labels : undefined })}
      />
    </InlineField>
  );
}
