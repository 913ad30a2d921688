import type { SelectableValue } from '@grafana/data';
import { Button, IconButton, InlineField, InlineFieldRow, Input, Select, Stack } from '@grafana/ui';
import { type ChangeEvent, useEffect, useState } from 'react';

import { t, tf } from '../../i18n/language';
import { fieldsForMetric } from '../../query/fields';
import { addMetric, DEFAULT_PERCENTS, parsePercents, removeMetric, updateMetric } from '../../query/metrics';
import type { FieldInfo, MetricAgg, MetricType, TermsGroupBy } from '../../types';
import { FieldSelect } from '../fields/FieldSelect';

const L = {
  metric: { ja: '集計', en: 'Metric' },
  field: { ja: 'フィールド', en: 'Field' },
  pickField: { ja: 'フィールドを選択', en: 'Choose a field' },
  needsField: { ja: 'この集計にはフィールドが必要です', en: 'This metric needs a field' },
  percents: { ja: 'パーセンタイル', en: 'Percentiles' },
  badPercent: { ja: '"{value}" は 0 から 100 の数値ではありません', en: '"{value}" is not a number from 0 to 100' },
  noPercents: { ja: '1 つ以上のパーセンタイルを入力してください', en: 'Enter at least one percentile' },
  add: { ja: '集計を追加', en: 'Add metric' },
  remove: { ja: '集計を削除', en: 'Remove metric' },
};

export const METRIC_TYPE_LABELS: Record<MetricType, { ja: string; en: string }> = {
  count: { ja: '件数', en: 'Count' },
  sum: { ja: '合計', en: 'Sum' },
  avg: { ja: '平均', en: 'Average' },
  min: { ja: '最小', en: 'Min' },
  max: { ja: '最大', en: 'Max' },
  cardinality: { ja: 'ユニーク数', en: 'Unique count' },
  percentiles: { ja: 'パーセンタイル', en: 'Percentiles' },
};

interface Props {
  idPrefix: string;
  fields: FieldInfo[];
  loading?: boolean;
  metrics: MetricAgg[];
  groupBy?: TermsGroupBy[];
  onChange: (next: { metrics: MetricAgg[]; groupBy: TermsGroupBy[] | undefined }) => void;
}

function PercentsInput({ id, value, onChange }: { id: string; value: number[]; onChange: (p: number[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  const [error, setError] = useState<string>();
  useEffect(() => setText(value.join(', ')), [value]);
  const commit = () => {
    const parsed = parsePercents(text);
    if ('error' in parsed) {
      setError(parsed.error ? tf(L.badPercent, { value: parsed.error }) : t(L.noPercents));
      return;
    }
    setError(undefined);
    if (parsed.percents.join() !== value.join()) {
      onChange(parsed.percents);
    }
  };
  return (
    <InlineField label={t(L.percents)} htmlFor={id} invalid={Boolean(error)} error={error}>
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
  if (!field || type === 'count') {
    return undefined;
  }
  const fits = fieldsForMetric(type, fields).some((f) => f.name === field);
  return fits || field.includes('$') || fields.length === 0 ? field : undefined;
}

/** The list of aggregations: a type, a field of a fitting type, and percents for percentiles. */
export function MetricsBuilder({ idPrefix, fields, loading, metrics, groupBy, onChange }: Props) {
  const typeOptions: Array<SelectableValue<MetricType>> = (Object.keys(METRIC_TYPE_LABELS) as MetricType[]).map(
    (type) => ({ value: type, label: t(METRIC_TYPE_LABELS[type]) })
  );
  const edit = (index: number, change: Omit<MetricAgg, 'id'>) => onChange(updateMetric(metrics, groupBy, index, change));

  return (
    <Stack direction="column" gap={0}>
      {metrics.map((m, i) => {
        const id = `${idPrefix}-metric-${i}`;
        const candidates = fieldsForMetric(m.type, fields);
        return (
          <InlineFieldRow key={`${i}-${m.id}`}>
            <InlineField label={t(L.metric)} labelWidth={16} htmlFor={`${id}-type`}>
              <Select<MetricType>
                inputId={`${id}-type`}
                width={20}
                options={typeOptions}
                value={m.type}
                onChange={(v) => v.value && edit(i, { type: v.value, field: keepField(v.value, m.field, fields), percents: m.percents })}
              />
            </InlineField>
            {m.type !== 'count' && (
              <InlineField label={t(L.field)} htmlFor={`${id}-field`} invalid={!m.field} error={!m.field ? t(L.needsField) : undefined}>
                <FieldSelect
                  inputId={`${id}-field`}
                  fields={candidates}
                  isLoading={loading}
                  value={m.field}
                  placeholder={t(L.pickField)}
                  onChange={(field) => edit(i, { type: m.type, field, percents: m.percents })}
                />
              </InlineField>
            )}
            {m.type === 'percentiles' && (
              <PercentsInput
                id={`${id}-percents`}
                value={m.percents ?? DEFAULT_PERCENTS}
                onChange={(percents) => edit(i, { type: m.type, field: m.field, percents })}
              />
            )}
            {metrics.length > 1 && (
              <IconButton name="trash-alt" tooltip={t(L.remove)} aria-label={t(L.remove)} onClick={() => onChange(removeMetric(metrics, groupBy, i))} />
            )}
          </InlineFieldRow>
        );
      })}
      <div>
        <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange({ metrics: addMetric(metrics), groupBy })}>
          {t(L.add)}
        </Button>
      </div>
    </Stack>
  );
}
