import type { Bilingual } from '../i18n/language';
import type { KansaQuery } from '../types';
import { isValidInterval } from './metrics';

/** Why the query cannot run yet; the editor holds back running it and shows these. */
export function queryProblems(query: KansaQuery): Bilingual[] {
  const problems: Bilingual[] = [];
  const usesAggregations = query.queryType === 'metrics' || (query.queryType === 'table' && (query.tableMode ?? 'top') === 'top');
  if (!usesAggregations) {
    return problems;
  }
  for (const m of query.metrics ?? []) {
    if (m.type !== 'count' && !m.field) {
      problems.push({ ja: `集計「${m.id}」のフィールドを選んでください`, en: `Choose a field for the metric "${m.id}"` });
    }
  }
  (query.groupBy ?? []).forEach((g, i) => {
    if (!g.field) {
      problems.push({ ja: `${i + 1} 番目のグループ化のフィールドを選んでください`, en: `Choose a field for group by ${i + 1}` });
    }
  });
  if (query.queryType === 'table' && (query.groupBy ?? []).length === 0) {
    problems.push({ ja: '上位表にはグループ化が 1 つ以上必要です', en: 'A top table needs at least one group by' });
  }
  if (query.queryType === 'metrics' && query.interval && !isValidInterval(query.interval)) {
    problems.push({
      ja: `間隔「${query.interval}」は auto か 30s・5m・1h・1d のような形式で指定してください`,
      en: `Interval "${query.interval}" must be auto or like 30s, 5m, 1h, 1d`,
    });
  }
  return problems;
}
