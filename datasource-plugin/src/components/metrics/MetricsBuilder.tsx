import type { SelectableValue } from '@grafana/data';
import { Button, IconButton, InlineField, InlineFieldRow, Input, Select, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';
import { type ChangeEvent, useState } from 'react';

import { unescaped } from '../../i18n/language';
import { fieldsForMetric } from '../../query/fields';
import { addMetric, defaultPercents, parsePercents, removeMetric, takesField, updateMetric } from '../../query/metrics';
import { METRIC_TYPES, type FieldInfo, type MetricAgg, type MetricType, type TermsGroupBy } from '../../types';
import { FieldSelect } from '../fields/FieldSelect';

/** The metric types' names. */
export const metricTypeLabels = (): Record<MetricType, string> => ({
  count: t('metrics-builder.type.count', 'Count'),
  sum: t('metrics-builder.type.sum', 'Sum'),
  avg: t('metrics-builder.type.avg', 'Average'),
  min: t('metrics-builder.type.min', 'Min'),
  max: t('metrics-builder.type.max', 'Max'),
  cardinality: t('metrics-builder.type.cardinality', 'Unique count'),
  percentiles: t('metrics-builder.type.percentiles', 'Percentiles'),
});

interface Props {
  idPrefix: string;
  fields: FieldInfo[];
  loading?: boolean;
  metrics: MetricAgg[];
  groupBy?: TermsGroupBy[];
  onChange: (next: { metrics: MetricAgg[]; groupBy: TermsGroupBy[] | undefined }) => void;
}

function PercentsInput({
  id,
  value,
  onChange,
}: {
  id: string;
  value: readonly number[];
  onChange: (p: number[]) => void;
}) {
  const [text, setText] = useState(value.join(', '));
  const [error, setError] = useState<string>();
  // A new value from outside replaces the text while rendering (no effect, so no render with the stale text).
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value.join(', '));
  }
  const commit = () => {
    const parsed = parsePercents(text);
    if ('error' in parsed) {
      setError(
        parsed.error
          ? t(
              'metrics-builder.bad-percent',
              '"{{value}}" is not a number from 0 to 100',
              unescaped({ value: parsed.error }),
            )
          : t('metrics-builder.no-percents', 'Enter at least one percentile'),
      );
      return;
    }
    setError(undefined);
    if (parsed.percents.join() !== value.join()) {
      onChange(parsed.percents);
    }
  };
  return (
    <InlineField
      label={t('metrics-builder.percents', 'Percentiles')}
      htmlFor={id}
      invalid={Boolean(error)}
      error={error}
    >
      <Input
        id={id}
        width={20}
        value={text}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </InlineField>
  );
}

// A field stays when the new type accepts it, or when it is a template variable the registry cannot judge.
function keepField(type: MetricType, field: string | undefined, fields: FieldInfo[]): string | undefined {
  if (!field || !takesField(type)) {
    return undefined;
  }
  const fits = fieldsForMetric(type, fields).some((f) => f.name === field);
  return fits || field.includes('$') || fields.length === 0 ? field : undefined;
}

/** The list of aggregations: a type, a field of a fitting type, and percents for percentiles. */
export function MetricsBuilder({ idPrefix, fields, loading, metrics, groupBy, onChange }: Props) {
  const labels = metricTypeLabels();
  const typeOptions: Array<SelectableValue<MetricType>> = METRIC_TYPES.map((type) => ({
    value: type,
    label: labels[type],
  }));
  const edit = (index: number, change: Omit<MetricAgg, 'id'>) =>
    onChange(updateMetric(metrics, groupBy, index, change));

  return (
    <Stack direction="column" gap={0}>
      {metrics.map((m, i) => {
        const id = `${idPrefix}-metric-${i}`;
        const candidates = fieldsForMetric(m.type, fields);
        const percents = defaultPercents(m.type);
        return (
          <InlineFieldRow key={`${i}-${m.id}`}>
            <InlineField label={t('metrics-builder.metric', 'Metric')} labelWidth={16} htmlFor={`${id}-type`}>
              <Select<MetricType>
                inputId={`${id}-type`}
                width={20}
                options={typeOptions}
                value={m.type}
                onChange={(v) =>
                  v.value &&
                  edit(i, { type: v.value, field: keepField(v.value, m.field, fields), percents: m.percents })
                }
              />
            </InlineField>
            {takesField(m.type) && (
              <InlineField
                label={t('metrics-builder.field', 'Field')}
                htmlFor={`${id}-field`}
                invalid={!m.field}
                error={!m.field ? t('metrics-builder.needs-field', 'This metric needs a field') : undefined}
              >
                <FieldSelect
                  inputId={`${id}-field`}
                  fields={candidates}
                  isLoading={loading}
                  value={m.field}
                  placeholder={t('metrics-builder.pick-field', 'Choose a field')}
                  onChange={(field) => edit(i, { type: m.type, field, percents: m.percents })}
                />
              </InlineField>
            )}
            {percents && (
              <PercentsInput
                id={`${id}-percents`}
                value={m.percents ?? percents}
                onChange={(percents) => edit(i, { type: m.type, field: m.field, percents })}
              />
            )}
            {metrics.length > 1 && (
              <IconButton
                name="trash-alt"
                tooltip={t('metrics-builder.remove', 'Remove metric')}
                aria-label={t('metrics-builder.remove', 'Remove metric')}
                onClick={() => onChange(removeMetric(metrics, groupBy, i))}
              />
            )}
          </InlineFieldRow>
        );
      })}
      <div>
        <Button
          variant="secondary"
          size="sm"
          icon="plus"
          onClick={() => onChange({ metrics: addMetric(metrics), groupBy })}
        >
          {t('metrics-builder.add', 'Add metric')}
        </Button>
      </div>
    </Stack>
  );
}
