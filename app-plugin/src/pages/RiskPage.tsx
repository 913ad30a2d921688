import { config } from '@grafana/runtime';
import { Alert, Badge, Button, LoadingPlaceholder, Stack, Text } from '@grafana/ui';
import { useState } from 'react';

import { INSIDER_UID } from '../content/dashboards/insider';
import type { Language } from '../language';
import { rowsOf, runQueries } from './query';

export interface RiskRow {
  entity: string;
  display_name: string;
  department: string;
  score: number;
  confidence: number;
  days_flagged: number;
  events: number;
  top_reasons: string;
  last_seen: number;
}

const T = {
  ja: {
    heading: 'リスクランキング',
    intro: '日次リスクスコア (普段と違う行動) の高い順。名前から行動タイムラインを開けます。',
    days: '期間 (日)',
    show: '表示',
    loading: '読み込み中…',
    none: 'この期間にリスクスコアはありません。',
    columns: ['順位', 'ユーザー', '部署', 'スコア', '確信度', '要注意日数', 'イベント数', '主な理由', '最終'],
    timeline: 'タイムライン',
  },
  en: {
    heading: 'Risk ranking',
    intro: 'Users by their daily risk score (unusual behaviour), highest first. Open a user’s activity timeline from the name.',
    days: 'Period (days)',
    show: 'Show',
    loading: 'Loading…',
    none: 'No risk scores in this period.',
    columns: ['Rank', 'User', 'Department', 'Score', 'Confidence', 'Days flagged', 'Events', 'Top reasons', 'Last seen'],
    timeline: 'timeline',
  },
};

const scoreColor = (s: number) => (s >= 80 ? 'red' : s >= 50 ? 'orange' : 'green');

/** The insider dashboard narrowed to one user over the same period: their activity timeline. */
export const timelineUrl = (user: string, from: Date, to: Date) =>
  `/d/${INSIDER_UID}?var-user=${encodeURIComponent(user)}&from=${from.getTime()}&to=${to.getTime()}`;

interface Props {
  language: Language;
  dataSourceUid: string;
  /** The end of the period; now in the app, fixed in tests. */
  now: Date;
}

export function RiskPage({ language, dataSourceUid, now }: Props) {
  const t = T[language];
  const [days, setDays] = useState(30);
  const [rows, setRows] = useState<RiskRow[]>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const from = new Date(now.getTime() - days * 86400000);

  const show = async () => {
    setLoading(true);
    const outcome = await runQueries(dataSourceUid, [{ refId: 'risk', queryType: 'risk', query: '', riskEntity: 'user', limit: 100, language }], from, now);
    setLoading(false);
    if (outcome.status === 'failed') {
      setError(outcome.error);
      setRows(undefined);
    } else {
      setError(undefined);
      setRows(rowsOf(outcome.frames.risk?.[0]) as unknown as RiskRow[]);
    }
  };

  return (
    <Stack direction="column" gap={2}>
      <Text element="h2">{t.heading}</Text>
      <Text element="p">{t.intro}</Text>
      <Stack direction="row" gap={1} alignItems="center">
        <label htmlFor="kansa-risk-days">{t.days}</label>
        <select id="kansa-risk-days" value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
          {[7, 30, 90].map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
        <Button onClick={show}>{t.show}</Button>
      </Stack>
      {error && <Alert title={error} severity="error" />}
      {loading && <LoadingPlaceholder text={t.loading} />}
      {rows && rows.length === 0 && <Text>{t.none}</Text>}
      {rows && rows.length > 0 && (
        <table aria-label={t.heading}>
          <thead>
            <tr>
              {t.columns.map((c) => (
                <th key={c} style={{ textAlign: 'left', padding: '2px 8px' }}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.entity}>
                <td>{i + 1}</td>
                <td>
                  <a href={config.appSubUrl + timelineUrl(r.entity, from, now)} title={t.timeline}>
                    {`${r.display_name || r.entity} (${r.entity})`}
                  </a>
                </td>
                <td>{r.department}</td>
                <td>
                  <Badge color={scoreColor(r.score)} text={r.score.toFixed(0)} />
                </td>
                <td>{Math.round(r.confidence * 100)}%</td>
                <td>{r.days_flagged}</td>
                <td>{r.events}</td>
                <td>{r.top_reasons}</td>
                <td>{new Date(r.last_seen).toLocaleDateString(language === 'ja' ? 'ja-JP' : 'en-GB')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}
