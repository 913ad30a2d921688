import type { QueryEditorProps } from '@grafana/data';
import { Stack, Text } from '@grafana/ui';
import { t } from '@grafana/i18n';

import { CommonOptions } from '../components/CommonOptions';
import { useFields } from '../components/fields/useFields';
import { LuceneField } from '../components/lucene/LuceneField';
import { LogsOptions } from '../components/options/LogsOptions';
import type { DataSource } from '../datasource';
import { withPatch } from '../query/patch';
import type { KansaDataSourceOptions, KansaQuery } from '../types';

/** The annotation editor: a logs query whose label fields become the annotations' tags. */
export function AnnotationQueryEditor({
  datasource,
  query,
  onChange,
  range,
}: QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions>) {
  const target: KansaQuery = { ...query, queryType: 'logs', query: query?.query ?? '' };
  const { fields, loading } = useFields(datasource, target.useCase);
  const update = (patch: Partial<KansaQuery>) => onChange(withPatch(target, patch));
  return (
    <Stack direction="column" gap={1}>
      <Text color="secondary">
        {t(
          'annotation-query-editor.intro',
          'Marks each matching event. The text is the event’s message; the tags are the values of the chosen fields.',
        )}
      </Text>
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
        label={t('annotation-query-editor.tags', 'Tag fields')}
        tooltip={t(
          'annotation-query-editor.tags-tip',
          'Fields added to each annotation as field:value tags. Empty uses all default labels of the use case.',
        )}
        onChange={update}
      />
    </Stack>
  );
}
