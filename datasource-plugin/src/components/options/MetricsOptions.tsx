import { Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';

import { isValidInterval } from '../../query/metrics';
import { COUNT_METRIC } from '../../query/queryType';
import type { FieldInfo, KansaQuery } from '../../types';
import { TextField } from '../inputs/TextField';
import { GroupByEditor } from '../metrics/GroupByEditor';
import { MetricsBuilder } from '../metrics/MetricsBuilder';

interface Props {
  idPrefix: string;
  query: KansaQuery;
  fields: FieldInfo[];
  loading?: boolean;
  onChange: (patch: Partial<KansaQuery>) => void;
}

/** Metrics: aggregations per date-histogram bucket, split by up to two terms. */
export function MetricsOptions({ idPrefix, query, fields, loading, onChange }: Props) {
  const metrics = query.metrics?.length ? query.metrics : [COUNT_METRIC];
  return (
    <Stack direction="column" gap={1}>
      <MetricsBuilder
        idPrefix={idPrefix}
        fields={fields}
        loading={loading}
        metrics={metrics}
        groupBy={query.groupBy}
        onChange={(next) => onChange(next)}
      />
      <GroupByEditor
        idPrefix={idPrefix}
        fields={fields}
        loading={loading}
        groupBy={query.groupBy ?? []}
        metrics={metrics}
        onChange={(groupBy) => onChange({ groupBy: groupBy.length ? groupBy : undefined })}
      />
      <TextField
        id={`${idPrefix}-interval`}
        label={t('metrics-options.interval', 'Interval')}
        tooltip={t(
          'metrics-options.interval-tip',
          'Time-series interval such as 30s, 5m, 1h, 1d. auto follows the panel, widened so the bucket limit is never exceeded.',
        )}
        labelWidth={16}
        width={12}
        value={query.interval}
        placeholder="auto"
        validate={(text) =>
          isValidInterval(text)
            ? undefined
            : t('metrics-options.bad-interval', 'Use auto or an interval like 30s, 5m, 1h, 1d')
        }
        onChange={(interval) => onChange({ interval: interval ?? 'auto' })}
      />
    </Stack>
  );
}
