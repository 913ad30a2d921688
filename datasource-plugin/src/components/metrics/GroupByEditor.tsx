import type { SelectableValue } from '@grafana/data';
import { Button, IconButton, InlineField, InlineFieldRow, RadioButtonGroup, Select, Stack } from '@grafana/ui';

import { t } from '../../i18n/language';
import { isGroupable } from '../../query/fields';
import { MAX_GROUP_BY, MAX_TERMS_SIZE } from '../../query/metrics';
import type { FieldInfo, MetricAgg, TermsGroupBy } from '../../types';
import { FieldSelect } from '../fields/FieldSelect';
import { NumberField } from '../inputs/NumberField';

const L = {
  groupBy: { ja: 'グループ化', en: 'Group by' },
  thenBy: { ja: 'さらに', en: 'Then by' },
  pickField: { ja: 'フィールドを選択', en: 'Choose a field' },
  size: { ja: '件数', en: 'Size' },
  sizeTip: { ja: '上位いくつの値に分けるか (既定 10、最大 500)', en: 'How many top values to split into (default 10, at most 500)' },
  orderBy: { ja: '並べ替え', en: 'Order by' },
  docCount: { ja: '件数', en: 'Count' },
  key: { ja: '値', en: 'Value' },
  desc: { ja: '降順', en: 'Desc' },
  asc: { ja: '昇順', en: 'Asc' },
  add: { ja: 'グループ化を追加', en: 'Add group by' },
  remove: { ja: 'グループ化を削除', en: 'Remove group by' },
};

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
    { value: '_count', label: t(L.docCount) },
    { value: '_key', label: t(L.key) },
    ...metrics.filter((m) => m.type !== 'count' && m.type !== 'percentiles').map((m) => ({ value: m.id, label: m.id })),
  ];
  const set = (i: number, patch: Partial<TermsGroupBy>) =>
    onChange(groupBy.map((g, j) => (j === i ? { ...g, ...patch } : g)));

  return (
    <Stack direction="column" gap={0}>
      {groupBy.map((g, i) => {
        const id = `${idPrefix}-group-${i}`;
        return (
          <InlineFieldRow key={i}>
            <InlineField label={i === 0 ? t(L.groupBy) : t(L.thenBy)} labelWidth={16} htmlFor={`${id}-field`}>
              <FieldSelect
                inputId={`${id}-field`}
                fields={groupable}
                isLoading={loading}
                value={g.field || undefined}
                placeholder={t(L.pickField)}
                onChange={(field) => set(i, { field: field ?? '' })}
              />
            </InlineField>
            <NumberField
              id={`${id}-size`}
              label={t(L.size)}
              tooltip={t(L.sizeTip)}
              labelWidth={8}
              width={8}
              value={g.size}
              placeholder="10"
              min={1}
              max={MAX_TERMS_SIZE}
              onChange={(size) => set(i, { size })}
            />
            <InlineField label={t(L.orderBy)} htmlFor={`${id}-order-by`}>
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
                { value: 'desc', label: t(L.desc) },
                { value: 'asc', label: t(L.asc) },
              ]}
              value={g.order ?? 'desc'}
              onChange={(order) => set(i, { order })}
            />
            <IconButton name="trash-alt" tooltip={t(L.remove)} aria-label={t(L.remove)} onClick={() => onChange(groupBy.filter((_, j) => j !== i))} />
          </InlineFieldRow>
        );
      })}
      {groupBy.length < MAX_GROUP_BY && (
        <div>
          <Button variant="secondary" size="sm" icon="plus" onClick={() => onChange([...groupBy, { field: '', size: 10, order: 'desc', orderBy: '_count' }])}>
            {t(L.add)}
          </Button>
        </div>
      )}
    </Stack>
  );
}
