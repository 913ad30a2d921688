import { InlineField, RadioButtonGroup } from '@grafana/ui';
import { t } from '@grafana/i18n';

import type { KansaQuery } from '../../types';

type RiskEntity = NonNullable<KansaQuery['riskEntity']>;

/** Risk: rank users or hosts. */
export function RiskOptions({ query, onChange }: { query: KansaQuery; onChange: (patch: Partial<KansaQuery>) => void }) {
  return (
    <InlineField label={t('risk-options.entity', 'Rank')} labelWidth={16} tooltip={t('risk-options.tip', 'Ranked by their highest daily risk score in the range, with the top reasons')}>
      <RadioButtonGroup<RiskEntity>
        options={[
          { value: 'user', label: t('risk-options.user', 'Users') },
          { value: 'host', label: t('risk-options.host', 'Hosts') },
        ]}
        value={query.riskEntity ?? 'user'}
        onChange={(riskEntity) => onChange({ riskEntity })}
      />
    </InlineField>
  );
}
