import type { SelectableValue } from '@grafana/data';
import { Button, IconButton, InlineField, InlineFieldRow, RadioButtonGroup, Select, Stack } from '@grafana/ui';
import { t } from '@grafana/i18n';

import { isGroupable } from '../../query/fields';
import { MAX_GROUP_BY, MAX_TERMS_SIZE } from '../../query/metrics';
import { METRIC_KINDS, type FieldInfo, type MetricAgg, type TermsGroupBy } from '../../types';
import { FieldSelect } from '../fields/FieldSelect';
import { NumberField } from '../inputs/NumberField';

interface Props {
  idPrefix: string;
  fields: FieldInfo[];
  loading?: boolean;
  groupBy: TermsGroupBy[];
  metrics: MetricAgg[];
  onChange: (groupBy: TermsGroupBy[]) => void;
}

/** Up to two terms buckets, the first the outer one, each with size, order and what to order by. */
export function GroupByEditor({ idPrefix, fields, loading, groupBy, metrics, onChange }: Props) {
  const groupable = fields.filter(isGroupable);
  const orderByOptions: Array<SelectableValue<string>> = [
    { value: '_count', label: t('group-by-editor.doc-count', 'Count') },
    { value: '_key', label: t('group-by-editor.key', 'Value') },
    // Count is the first option already; percentiles give several values, none of which terms can order by.
    ...metrics.filter((m) => METRIC_KINDS[m.type]?.orderBy === 'metric').map((m) => ({ value: m.id, label: m.id })),
  ];
  const set = (i: number, patch: Partial<TermsGroupBy>) =>
    onChange(groupBy.map((g, j) => (j === i ? { ...g, ...patch } : g)));

  return (
    <Stack direction="column" gap={0}>
      {groupBy.map((g, i) => {
        const id = `${idPrefix}-group-${i}`;
        return (
          <InlineFieldRow key={i}>
            <InlineField
              label={i === 0 ? t('group-by-editor.group-by', 'Group by') : t('group-by-editor.then-by', 'Then by')}
              labelWidth={16}
              htmlFor={`${id}-field`}
            >
              <FieldSelect
                inputId={`${id}-field`}
                fields={groupable}
                isLoading={loading}
                value={g.field || undefined}
                placeholder={t('group-by-editor.pick-field', 'Choose a field')}
                onChange={(field) => set(i, { field: field ?? '' })}
              />
            </InlineField>
            <NumberField
              id={`${id}-size`}
              label={t('group-by-editor.size', 'Size')}
              tooltip={t('group-by-editor.size-tip', 'How many top values to split into (default 10, at most 500)')}
              labelWidth={8}
              width={8}
              value={g.size}
              placeholder="10"
              min={1}
              max={MAX_TERMS_SIZE}
              onChange={(size) => set(i, { size })}
            />
            <InlineField label={t('group-by-editor.order-by', 'Order by')} htmlFor={`${id}-order-by`}>
              <Select<string>
                inputId={`${id}-order-by`}
                width={24}
                options={orderByOptions}
                value={g.orderBy ?? '_count'}
                onChange={(v) => set(i, { orderBy: v.value })}
              />
            </InlineField>
            <RadioButtonGroup<'desc' | 'asc'>
              size="sm"
              options={[
                { value: 'desc', label: t('group-by-editor.desc', 'Desc') },
                { value: 'asc', label: t('group-by-editor.asc', 'Asc') },
              ]}
              value={g.order ?? 'desc'}
              onChange={(order) => set(i, { order })}
            />
            <IconButton
              name="trash-alt"
              tooltip={t('group-by-editor.remove', 'Remove group by')}
              aria-label={t('group-by-editor.remove', 'Remove group by')}
              onClick={() => onChange(groupBy.filter((_, j) => j !== i))}
            />
          </InlineFieldRow>
        );
      })}
      {groupBy.length < MAX_GROUP_BY && (
        <div>
          <Button
            variant="secondary"
            size="sm"
            icon="plus"
            onClick={() => onChange([...groupBy, { field: '', size: 10, order: 'desc', orderBy: '_count' }])}
          >
            {t('group-by-editor.add', 'Add group by')}
          </Button>
        </div>
      )}
    </Stack>
  );
}
