import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';
import { t } from '@grafana/i18n';

import type { KansaQuery } from '../../types';

type RiskEntity = NonNullable<KansaQuery['riskEntity']>;
type RiskView = NonNullable<KansaQuery['riskView']>;

/**
 * Risk: rank users or hosts, follow each one's daily score (for alert rules), or read the review queue the risk
 * scorer keeps. The queue is per user, so picking it picks users too.
 */
export function RiskOptions({
  query,
  onChange,
}: {
  query: KansaQuery;
  onChange: (patch: Partial<KansaQuery>) => void;
}) {
  return (
    <InlineFieldRow>
      <InlineField
        label={t('risk-options.entity', 'Rank')}
        labelWidth={16}
        tooltip={t('risk-options.tip', 'Ranked by their highest daily risk score in the range, with the top reasons')}
      >
        <RadioButtonGroup<RiskEntity>
          options={[
            { value: 'user', label: t('risk-options.user', 'Users') },
            { value: 'host', label: t('risk-options.host', 'Hosts') },
          ]}
          value={query.riskEntity ?? 'user'}
          disabledOptions={query.riskView === 'queue' ? ['host'] : []}
          onChange={(riskEntity) => onChange({ riskEntity })}
        />
      </InlineField>
      <InlineField
        label={t('risk-options.view', 'View')}
        tooltip={t(
          'risk-options.view-tip',
          'Daily scores: one series per user or host, which an alert rule can compare with a threshold. Review queue: the users’ days the risk scorer put up for review, newest day first',
        )}
      >
        <RadioButtonGroup<RiskView>
          options={[
            { value: 'ranking', label: t('risk-options.ranking', 'Ranking') },
            { value: 'daily', label: t('risk-options.daily', 'Daily scores') },
            { value: 'queue', label: t('risk-options.queue', 'Review queue') },
          ]}
          value={query.riskView ?? 'ranking'}
          onChange={(riskView) => onChange(riskView === 'queue' ? { riskView, riskEntity: 'user' } : { riskView })}
        />
      </InlineField>
      <InlineField
        label={t('risk-options.min-confidence', 'Min confidence')}
        tooltip={t(
          'risk-options.min-confidence-tip',
          'Leave out days whose score rests on too little history (0 to 1)',
        )}
      >
        <Input
          type="number"
          min={0}
          max={1}
          step={0.1}
          width={10}
          aria-label={t('risk-options.min-confidence', 'Min confidence')}
          defaultValue={query.riskMinConfidence ?? ''}
          onBlur={(e) => {
            const v = e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value);
            onChange({ riskMinConfidence: v !== undefined && v >= 0 && v <= 1 ? v : undefined });
          }}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
