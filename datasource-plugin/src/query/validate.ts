import { t } from '@grafana/i18n';

import { unescaped } from '../i18n/language';
import type { KansaQuery } from '../types';
import { isValidInterval, takesField } from './metrics';

/** Why the query cannot run yet; the editor holds back running it and shows these. */
export function queryProblems(query: KansaQuery): string[] {
  const problems: string[] = [];
  const usesAggregations =
    query.queryType === 'metrics' || (query.queryType === 'table' && (query.tableMode ?? 'top') === 'top');
  if (!usesAggregations) {
    return problems;
  }
  for (const m of query.metrics ?? []) {
    if (takesField(m.type) && !m.field) {
      problems.push(t('validate.metric-field', 'Choose a field for the metric "{{id}}"', unescaped({ id: m.id })));
    }
  }
  (query.groupBy ?? []).forEach((g, i) => {
    if (!g.field) {
      problems.push(t('validate.group-by-field', 'Choose a field for group by {{n}}', { n: i + 1 }));
    }
  });
  if (query.queryType === 'table' && (query.groupBy ?? []).length === 0) {
    problems.push(t('validate.top-needs-group-by', 'A top table needs at least one group by'));
  }
  if (query.queryType === 'metrics' && query.interval && !isValidInterval(query.interval)) {
    problems.push(
      t(
        'validate.interval',
        'Interval "{{interval}}" must be auto or like 30s, 5m, 1h, 1d',
        unescaped({ interval: query.interval }),
      ),
    );
  }
  return problems;
}
