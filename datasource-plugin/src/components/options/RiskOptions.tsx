import { InlineField, RadioButtonGroup } from '@grafana/ui';

import { t } from '../../i18n/language';
import type { KansaQuery } from '../../types';

type RiskEntity = NonNullable<KansaQuery['riskEntity']>;

const L = {
  entity: { ja: '対象', en: 'Rank' },
  user: { ja: 'ユーザー', en: 'Users' },
  host: { ja: 'ホスト', en: 'Hosts' },
  tip: {
    ja: '期間内の日ごとのリスクスコアの最大値で並べ、上位の理由を添えます',
    en: 'Ranked by their highest daily risk score in the range, with the top reasons',
  },
};

/** Risk: rank users or hosts. */
export function RiskOptions({ query, onChange }: { query: KansaQuery; onChange: (patch: Partial<KansaQuery>) => void }) {
  return (
    <InlineField label={t(L.entity)} labelWidth={16} tooltip={t(L.tip)}>
      <RadioButtonGroup<RiskEntity>
        options={[
          { value: 'user', label: t(L.user) },
          { value: 'host', label: t(L.host) },
        ]}
        value={query.riskEntity ?? 'user'}
        onChange={(riskEntity) => onChange({ riskEntity })}
      />
    </InlineField>
  );
}
