import type { QueryEditorProps } from '@grafana/data';
import { Stack, Text } from '@grafana/ui';

import { CommonOptions } from '../components/CommonOptions';
import { useFields } from '../components/fields/useFields';
import { LuceneField } from '../components/lucene/LuceneField';
import { LogsOptions } from '../components/options/LogsOptions';
import type { DataSource } from '../datasource';
import { t } from '../i18n/language';
import { withPatch } from '../query/patch';
import type { KansaDataSourceOptions, KansaQuery } from '../types';

const L = {
  intro: {
    ja: '一致したイベントごとに注釈を付けます。本文はイベントのメッセージ、タグは選んだフィールドの値です。',
    en: 'Marks each matching event. The text is the event’s message; the tags are the values of the chosen fields.',
  },
  tags: { ja: 'タグにするフィールド', en: 'Tag fields' },
  tagsTip: { ja: '各注釈に field:value のタグとして付けるフィールド。空欄なら用途の既定のラベル全部です。', en: 'Fields added to each annotation as field:value tags. Empty uses all default labels of the use case.' },
};

/** The annotation editor: a logs query whose label fields become the annotations' tags. */
export function AnnotationQueryEditor({ datasource, query, onChange, range }: QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions>) {
  const target: KansaQuery = { ...query, queryType: 'logs', query: query?.query ?? '' };
  const { fields, loading } = useFields(datasource, target.useCase);
  const update = (patch: Partial<KansaQuery>) => onChange(withPatch(target, patch));
  return (
    <Stack direction="column" gap={1}>
      <Text color="secondary">{t(L.intro)}</Text>
      <LuceneField
        id="kansa-annotation-lucene"
        datasource={datasource}
        fields={fields}
        value={target.query}
        range={range}
        onCommit={(text) => update({ query: text })}
      />
      <CommonOptions idPrefix="kansa-annotation" query={target} onChange={update} />
      <LogsOptions
        idPrefix="kansa-annotation"
        query={target}
        fields={fields}
        loading={loading}
        label={t(L.tags)}
        tooltip={t(L.tagsTip)}
        onChange={update}
      />
    </Stack>
  );
}
