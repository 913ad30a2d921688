import type { SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup, Select, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';

import { USE_CASE_TITLES } from '../help/examples';
import { pick } from '../i18n/language';
import type { KansaQuery, Language, UseCase } from '../types';
import { NumberField } from './inputs/NumberField';

interface Props {
  idPrefix: string;
  query: KansaQuery;
  onChange: (patch: Partial<KansaQuery>) => void;
}

const LANGUAGE_OPTIONS: Array<SelectableValue<Language | ''>> = [
  { value: '', label: '' },
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

/** The preset, limit and language every query type has. */
export function CommonOptions({ idPrefix, query, onChange }: Props) {
  const useCaseOptions: Array<SelectableValue<UseCase | ''>> = [
    { value: '', label: t('common-options.all-events', 'All events') },
    ...(Object.keys(USE_CASE_TITLES) as UseCase[]).map((u) => ({ value: u, label: pick(USE_CASE_TITLES[u]) })),
  ];
  const languageOptions = LANGUAGE_OPTIONS.map((o) =>
    o.value === '' ? { ...o, label: t('common-options.ds-default', 'Default') } : o,
  );
  return (
    <Stack direction="row" gap={1} wrap="wrap">
      <InlineField
        label={t('common-options.use-case', 'Use case')}
        labelWidth={16}
        tooltip={t(
          'common-options.use-case-tip',
          'Narrows to the events of one purpose; labels and suggestions use that purpose’s fields.',
        )}
        htmlFor={`${idPrefix}-use-case`}
      >
        <Select<UseCase | ''>
          inputId={`${idPrefix}-use-case`}
          width={26}
          options={useCaseOptions}
          value={query.useCase ?? ''}
          onChange={(v) => onChange({ useCase: v?.value ? v.value : undefined })}
        />
      </InlineField>
      <NumberField
        id={`${idPrefix}-limit`}
        label={t('common-options.limit', 'Limit')}
        tooltip={t(
          'common-options.limit-tip',
          'Maximum rows, log lines or buckets. Empty uses the default of the query type; at most 10000.',
        )}
        labelWidth={10}
        value={query.limit}
        min={1}
        max={10000}
        onChange={(limit) => onChange({ limit })}
      />
      <InlineField
        label={t('common-options.language', 'Language')}
        tooltip={t(
          'common-options.language-tip',
          'Language of messages and reasons; defaults to the data source setting.',
        )}
      >
        <RadioButtonGroup<Language | ''>
          options={languageOptions}
          value={query.language ?? ''}
          onChange={(v) => onChange({ language: v ? v : undefined })}
        />
      </InlineField>
    </Stack>
  );
}
