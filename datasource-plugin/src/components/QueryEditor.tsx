import type { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, Input, RadioButtonGroup, Stack } from '@grafana/ui';
import { type ChangeEvent, type KeyboardEvent, useEffect, useState } from 'react';

import type { DataSource } from '../datasource';
import { DEFAULT_QUERY, type KansaDataSourceOptions, type KansaQuery, type KansaQueryType } from '../types';

type Props = QueryEditorProps<DataSource, KansaQuery, KansaDataSourceOptions>;

const QUERY_TYPE_OPTIONS: Array<SelectableValue<KansaQueryType>> = [
  { value: 'logs', label: 'Logs', description: 'Matching events, newest first' },
  { value: 'metrics', label: 'Metrics', description: 'Event counts over time' },
  { value: 'table', label: 'Table', description: 'Events as rows with their fields' },
  { value: 'attendance', label: 'Attendance', description: 'First and last activity per user and day' },
  { value: 'risk', label: 'Risk', description: 'Per-user risk scores against their own baseline' },
];

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  const queryType = query.queryType ?? DEFAULT_QUERY.queryType;
  // The Lucene text is kept locally and committed on blur or Enter, so a query does not run per keystroke.
  const [lucene, setLucene] = useState(query.query ?? '');
  // Explore's history and "run query from here" replace the query from outside the editor.
  useEffect(() => setLucene(query.query ?? ''), [query.query]);

  const commitLucene = () => {
    if (lucene !== (query.query ?? '')) {
      onChange({ ...query, query: lucene });
      onRunQuery();
    }
  };

  return (
    <Stack direction="column" gap={1}>
      <InlineField label="Query type" labelWidth={14}>
        <RadioButtonGroup<KansaQueryType>
          options={QUERY_TYPE_OPTIONS}
          value={queryType}
          onChange={(value) => {
            onChange({ ...query, queryType: value });
            onRunQuery();
          }}
        />
      </InlineField>
      <InlineField
        label="Lucene query"
        labelWidth={14}
        grow
        tooltip="OpenSearch query_string syntax, e.g. event.code:4625 AND user.name:yamada. Terms are ANDed; leave empty for every event in the time range."
      >
        <Input
          aria-label="Lucene query"
          placeholder="event.code:4625 AND user.name:yamada"
          value={lucene}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setLucene(e.currentTarget.value)}
          onBlur={commitLucene}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') {
              commitLucene();
            }
          }}
        />
      </InlineField>
    </Stack>
  );
}
