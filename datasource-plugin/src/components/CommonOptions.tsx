import type { SelectableValue } from '@grafana/data';
import { InlineField, RadioButtonGroup, Select, Stack } from '@grafana/ui';

import { USE_CASE_TITLES } from '../help/examples';
import { t } from '../i18n/language';
import type { KansaQuery, Language, UseCase } from '../types';
import { NumberField } from './inputs/NumberField';

interface Props {
  idPrefix: string;
  query: KansaQuery;
  onChange: (patch: Partial<KansaQuery>) => void;
}

const L = {
  useCase: { ja: '用途', en: 'Use case' },
  useCaseTip: {
    ja: '用途を選ぶと、その用途のイベントに絞り込み、ラベルや候補もその用途のフィールドになります。',
    en: 'Narrows to the events of one purpose; labels and suggestions use that purpose’s fields.',
  },
  allEvents: { ja: 'すべて', en: 'All events' },
  limit: { ja: '上限', en: 'Limit' },
  limitTip: {
    ja: '返す行・ログ・バケットの最大数です。空欄ならクエリ種別ごとの既定値、最大 10000。',
    en: 'Maximum rows, log lines or buckets. Empty uses the default of the query type; at most 10000.',
  },
  language: { ja: '言語', en: 'Language' },
  languageTip: { ja: 'メッセージと理由の言語。既定はデータソースの設定です。', en: 'Language of messages and reasons; defaults to the data source setting.' },
  dsDefault: { ja: '既定', en: 'Default' },
};

const LANGUAGE_OPTIONS: Array<SelectableValue<Language | ''>> = [
  { value: '', label: '' },
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

/** The preset, limit and language every query type has. */
export function CommonOptions({ idPrefix, query, onChange }: Props) {
  const useCaseOptions: Array<SelectableValue<UseCase | ''>> = [
    { value: '', label: t(L.allEvents) },
    ...(Object.keys(USE_CASE_TITLES) as UseCase[]).map((u) => ({ value: u, label: t(USE_CASE_TITLES[u]) })),
  ];
  const languageOptions = LANGUAGE_OPTIONS.map((o) => (o.value === '' ? { ...o, label: t(L.dsDefault) } : o));
  return (
    <Stack direction="row" gap={1} wrap="wrap">
      <InlineField label={t(L.useCase)} labelWidth={16} tooltip={t(L.useCaseTip)} htmlFor={`${idPrefix}-use-case`}>
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
        label={t(L.limit)}
        tooltip={t(L.limitTip)}
        labelWidth={10}
        value={query.limit}
        min={1}
        max={10000}
        onChange={(limit) => onChange({ limit })}
      />
      <InlineField label={t(L.language)} tooltip={t(L.languageTip)}>
        <RadioButtonGroup<Language | ''>
          options={languageOptions}
          value={query.language ?? ''}
          onChange={(v) => onChange({ language: v ? v : undefined })}
        />
      </InlineField>
    </Stack>
  );
}
