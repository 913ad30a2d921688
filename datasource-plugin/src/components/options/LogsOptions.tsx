import { InlineField } from '@grafana/ui';

import { t } from '../../i18n/language';
import type { FieldInfo, KansaQuery } from '../../types';
import { FieldMultiSelect } from '../fields/FieldSelect';

const L = {
  labels: { ja: 'ラベル', en: 'Labels' },
  labelsTip: {
    ja: '各ログ行にラベルとして付けるフィールドです。空欄なら用途ごとの既定のフィールドです。',
    en: 'Fields attached to each log line as labels. Empty uses the defaults of the use case.',
  },
  defaults: { ja: '用途の既定', en: 'Use case defaults' },
};

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
    <InlineField label={label ?? t(L.labels)} labelWidth={16} tooltip={tooltip ?? t(L.labelsTip)} htmlFor={`${idPrefix}-labels`}>
      <FieldMultiSelect
        inputId={`${idPrefix}-labels`}
        fields={fields}
        isLoading={loading}
        value={query.labels}
        placeholder={t(L.defaults)}
        onChange={(labels) => onChange({ labels: labels.length ? labels : undefined })}
      />
    </InlineField>
  );
}
